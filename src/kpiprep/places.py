"""Where kpiprep keeps things on the user's machine, by each platform's conventions."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Literal


def user_dir(kind: Literal["cache", "data"], environ: Mapping[str, str] | None = None) -> Path:
    """The platform's user cache or data folder for kpiprep (XDG on Linux and the like)."""
    environ = os.environ if environ is None else environ
    home = Path.home()
    if sys.platform == "win32":
        name = "LOCALAPPDATA" if kind == "cache" else "APPDATA"
        fallback = home / "AppData" / ("Local" if kind == "cache" else "Roaming")
        base = Path(environ.get(name) or fallback)
    elif sys.platform == "darwin":
        base = home / "Library" / ("Caches" if kind == "cache" else "Application Support")
    else:
        name = "XDG_CACHE_HOME" if kind == "cache" else "XDG_DATA_HOME"
        fallback = home / (".cache" if kind == "cache" else ".local/share")
        base = Path(environ.get(name) or fallback)
    return base / "kpiprep"
