"""Settings that come from the environment: the database URL and who is working."""

from __future__ import annotations

import getpass
import os
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "workbench"


def default_db_path() -> Path:
    return Path(user_data_dir(APP_NAME, appauthor=False)) / "workbench.db"


def resolve_db_url(url: str | None = None) -> str:
    """`--db`, else `WORKBENCH_DB`, else a SQLite file in the user's data directory.
    A bare path is taken as a SQLite file."""
    url = url or os.environ.get("WORKBENCH_DB") or ""
    if not url:
        return f"sqlite:///{default_db_path()}"
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    return url


def current_user(user: str | None = None) -> str:
    """`--user`, else `WORKBENCH_USER`, else the operating-system user (as text that can be stored:
    bytes that are not UTF-8 become U+FFFD)."""
    from workbench.text.encoding import utf8_text

    if user:
        return utf8_text(user)
    env = os.environ.get("WORKBENCH_USER")
    if env:
        return utf8_text(env)
    try:
        return getpass.getuser()
    except Exception:  # no passwd entry in some containers
        return "unknown"
