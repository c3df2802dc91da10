"""Build hook: compile the analyzer's hot modules with mypyc when the package is installed.

mypyc (part of the mypy project, which also compiles mypy and black) turns the type-annotated
modules of `workbench/text/` into C extensions; the analyzer runs about 1.3× faster, with the same
output (`tests/test_compiled.py` compares the two on real articles). It runs on `pip install .`
and on `pip install -e .` alike:

- the extensions are written next to their sources (ignored by git) with a stamp of the sources
  they were built from, `workbench/text/_compiled.json`; an unchanged tree is not built again;
- a source edited after the build is never shadowed by its stale extension: `workbench/text`
  checks the stamp when it is imported and then loads the sources (see its `__init__.py`);
- without a C compiler, or if the build fails, the install goes on and the analyzer runs as pure
  Python: one warning line says so. `WORKBENCH_PURE_PYTHON=1` skips the build (and, at run time,
  the extensions).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

# The analyzer's hot path, in the order it is called (see benchmarks/analyze_rate.py).
MODULES = (
    "normalize",
    "language",
    "segment",
    "cues",
    "attribution",
    "arabic",
    "attribution_en",
    "checkworthy",
    "opening",
    "analyzer",
)
PACKAGE = "workbench/text"
STAMP = "_compiled.json"
GROUP = "workbench_text"  # the shared library mypyc builds for the group: workbench_text__mypyc


def source_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _suffix() -> str:
    return str(sysconfig.get_config_var("EXT_SUFFIX"))


def _stamp_of(root: Path, mypy_version: str) -> dict[str, Any]:
    return {
        "python": sys.implementation.cache_tag,
        "ext_suffix": _suffix(),
        "mypy": mypy_version,
        "sources": {m: source_digest(root / PACKAGE / f"{m}.py") for m in MODULES},
    }


def _outputs(root: Path) -> list[Path]:
    return [root / PACKAGE / f"{m}{_suffix()}" for m in MODULES] + [root / f"{GROUP}__mypyc{_suffix()}"]


_SETUP = """
import sys
from setuptools import setup
from mypyc.build import mypycify
paths = sys.argv[1:]
setup(name="workbench-compiled", py_modules=[], ext_modules=mypycify(paths, group_name={group!r}),
      script_args=["build_ext", "--inplace", "--quiet"])
"""


def compile_in_tree(root: Path, log: Any = print) -> list[Path]:
    """Compile MODULES next to their sources unless the stamp says they already are; the files
    written, or [] when nothing could be compiled (the sources then run as they are)."""
    try:
        import mypy.version
    except ImportError:
        log("workbench: mypy is not available to compile the analyzer; it runs as pure Python")
        return []
    stamp_path = root / PACKAGE / STAMP
    wanted = _stamp_of(root, mypy.version.__version__)
    outputs = _outputs(root)
    try:
        if json.loads(stamp_path.read_text(encoding="utf-8")) == wanted and all(p.exists() for p in outputs):
            return outputs
    except (OSError, ValueError):
        pass
    stamp_path.unlink(missing_ok=True)
    for p in outputs:
        p.unlink(missing_ok=True)
    work = Path(tempfile.mkdtemp(prefix="workbench-mypyc-"))
    (work / PACKAGE).mkdir(parents=True)  # where build_ext --inplace puts the extensions
    try:
        # mypyc takes mypy's options with the paths: third-party packages may be absent from the
        # build environment; their types are then Any, which compiles to the same behaviour.
        args = ["--ignore-missing-imports", "--explicit-package-bases", "--python-version", f"{sys.version_info[0]}.{sys.version_info[1]}",
                *(str(root / PACKAGE / f"{m}.py") for m in MODULES)]
        env = {**os.environ, "MYPYPATH": str(root)}
        done = subprocess.run([sys.executable, "-c", _SETUP.format(group=GROUP), *args], cwd=work, env=env,
                              capture_output=True, text=True)
        if done.returncode != 0:
            last = (done.stderr.strip() or done.stdout.strip()).splitlines()[-1:] or ["no output"]
            log(f"workbench: compiling the analyzer failed ({last[0][:200]}); it runs as pure Python")
            return []
        for out in outputs:
            built = work / out.relative_to(root)
            if not built.exists():
                log(f"workbench: compiling the analyzer gave no {out.name}; it runs as pure Python")
                for p in outputs:
                    p.unlink(missing_ok=True)
                return []
            shutil.copyfile(built, out)
        stamp_path.write_text(json.dumps(wanted, indent=1) + "\n", encoding="utf-8")
        return outputs
    finally:
        shutil.rmtree(work, ignore_errors=True)


class CompileHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if os.environ.get("WORKBENCH_PURE_PYTHON"):
            return
        root = Path(self.root)
        outputs = compile_in_tree(root, log=lambda line: print(line, file=sys.stderr))
        if not outputs or version != "standard":
            return  # an editable install imports the extensions from the tree itself
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        for out in [*outputs, root / PACKAGE / STAMP]:
            build_data["force_include"][str(out)] = str(out.relative_to(root))
