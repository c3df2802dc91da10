"""Where shipped data lives, in a checkout and in an installed wheel alike."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _first_existing(*candidates: Path) -> Path:
    for path in candidates:
        if path.exists():
            return path
    return candidates[0]


def fixtures_dir() -> Path:
    """`fixtures/` of a checkout, or its copy inside the installed package."""
    return _first_existing(_PACKAGE.parent / "fixtures", _PACKAGE / "_fixtures")


def migrations_dir() -> Path:
    """`db/` (the Alembic scripts) of a checkout, or its copy inside the installed package."""
    return _first_existing(_PACKAGE.parent / "db", _PACKAGE / "_migrations")
