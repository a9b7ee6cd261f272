"""Wheel build step: validate the shipped content and prebuild its term data and catalog.

The wheel then carries kpiprep/prebuilt/ (see src/kpiprep/prebuilt.py), so an installed
kpiprep answers its first command as fast as later ones. A content file that does not
validate fails the build. Editable installs skip this: they read the checkout's content.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class PrebuiltContentHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        root = Path(self.root)
        sys.path.insert(0, str(root / "src"))
        try:
            from kpiprep.prebuilt import build
        finally:
            sys.path.pop(0)
        out = Path(tempfile.mkdtemp(prefix="kpiprep-prebuilt-"))
        self._out = out
        count = build(root / "content", out)
        self.app.display_info(f"prebuilt {count} shipped content files")
        build_data["force_include"][str(out)] = "kpiprep/prebuilt"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        out = getattr(self, "_out", None)
        if out is not None:
            shutil.rmtree(out, ignore_errors=True)
