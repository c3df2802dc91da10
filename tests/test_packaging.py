"""The wheel carries the migrations and the fixtures, so an installed workbench can open a
database and build its demo without a checkout, and the analyzer compiled (hatch_build.py)."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import workbench.text
from tests.conftest import ROOT


def test_wheel_contains_migrations_and_fixtures(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(tmp_path), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )
    wheel = next(tmp_path.glob("workbench-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "workbench/_migrations/env.py" in names
    assert any(n.startswith("workbench/_migrations/versions/0001") for n in names)
    assert "workbench/_fixtures/sources.json" in names
    assert "workbench/_fixtures/articles/ar-aleppo-2016.txt" in names
    assert "workbench/tui/app.tcss" in names
    if workbench.text.COMPILED:  # (always in CI: test_compiled.py)
        suffix = sysconfig.get_config_var("EXT_SUFFIX")
        assert {f"workbench/text/{m}{suffix}" for m in workbench.text.COMPILED} <= names
        assert f"workbench_text__mypyc{suffix}" in names and "workbench/text/_compiled.json" in names
        assert "-py3-none-any" not in wheel.name  # a wheel for this platform
