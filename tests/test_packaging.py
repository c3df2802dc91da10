"""The wheel carries the migrations and the fixtures, so an installed workbench can open a
database and build its demo without a checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

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
