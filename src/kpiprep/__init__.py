"""kpiprep: interview prep for recruiters, from plain-language term files."""

__version__ = "0.1.0"
