"""Run kpiprep as `python -m kpiprep`."""

from kpiprep.cli import main

main()
