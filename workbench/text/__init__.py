"""Text analysis: decoding, normalisation, sentence and claim splitting, attribution.

The analyzer's hot modules may have been compiled with mypyc when the package was installed
(`hatch_build.py`). An extension is used only while the source it was built from is unchanged
(the stamp `_compiled.json` beside them says which): after an edit, or with
`WORKBENCH_PURE_PYTHON=1`, every one of them is loaded from its source instead, so what runs is
always what the sources say. `COMPILED` tells which of the two is running.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
import sysconfig
from pathlib import Path
from typing import Any

_HERE = Path(__file__).resolve().parent


def _compiled_modules() -> tuple[str, ...]:
    """The modules whose extensions match their sources, or () when any one does not."""
    if os.environ.get("WORKBENCH_PURE_PYTHON"):
        return ()
    try:
        stamp = json.loads((_HERE / "_compiled.json").read_text(encoding="utf-8"))
        sources: dict[str, str] = stamp["sources"]
        if stamp.get("ext_suffix") != sysconfig.get_config_var("EXT_SUFFIX"):
            return ()
        for name, digest in sources.items():
            if hashlib.sha256((_HERE / f"{name}.py").read_bytes()).hexdigest() != digest:
                return ()
            if not (_HERE / f"{name}{stamp['ext_suffix']}").exists():
                return ()
    except (OSError, ValueError, KeyError, TypeError):
        return ()
    return tuple(sources)


class _FromSource(importlib.abc.MetaPathFinder):
    """Loads the named modules of this package from their .py files, never from an extension."""

    def __init__(self, names: set[str]) -> None:
        self.names = names

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> importlib.machinery.ModuleSpec | None:
        if fullname not in self.names:
            return None
        return importlib.util.spec_from_file_location(fullname, _HERE / f"{fullname.rpartition('.')[2]}.py")


COMPILED: tuple[str, ...] = _compiled_modules()
if not COMPILED:
    _extensions = {p.name.split(".", 1)[0] for p in _HERE.glob(f"*{sysconfig.get_config_var('EXT_SUFFIX')}")}
    if _extensions:
        sys.meta_path.insert(0, _FromSource({f"{__name__}.{name}" for name in _extensions}))
