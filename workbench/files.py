"""Reading the files a user names, without trusting what they are.

Only regular files are read. A named pipe would block the read for ever, a link to `/dev/zero`
would never end, a terminal or a socket is no article and no photo: each is refused with one line
that says what it is. The size is checked before reading (and once more on what was actually
opened, in case the name was swapped in between), and the read stops at the limit whatever the
file claims. The file is opened with O_NONBLOCK, so even a pipe put in its place cannot block.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from workbench.errors import InputError

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def file_kind(mode: int) -> str:
    """What a non-regular file is, in words."""
    for test, words in _KINDS:
        if test(mode):
            return words
    return "not a regular file"


def _why(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def check_regular(path: str | Path, limit: int, name: str | None = None) -> int:
    """The size of `path` if it is a regular file (links followed) of at most `limit` bytes;
    otherwise InputError with one line naming the problem."""
    name = str(path) if name is None else name
    try:
        st = os.stat(path)
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {_why(exc)}") from exc
    return _check_stat(st, limit, name)


def _check_stat(st: os.stat_result, limit: int, name: str) -> int:
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"{name}: {file_kind(st.st_mode)}, not a file: only regular files are read")
    if st.st_size > limit:
        raise InputError(f"{name}: too large ({st.st_size:,} bytes; the limit is {limit:,})")
    return st.st_size


def open_regular(path: str | Path, limit: int, name: str | None = None) -> BinaryIO:
    """`path` opened for reading in binary, once it is known to be a regular file of at most
    `limit` bytes (checked on the open file itself). The caller closes it."""
    name = str(path) if name is None else name
    check_regular(path, limit, name)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {_why(exc)}") from exc
    try:
        _check_stat(os.fstat(fd), limit, name)
    except BaseException:
        os.close(fd)
        raise
    return open(fd, "rb", closefd=True)  # the caller closes it


def read_regular(path: str | Path, limit: int, name: str | None = None) -> bytes:
    """The bytes of `path`, a regular file of at most `limit` bytes (see `open_regular`)."""
    name = str(path) if name is None else name
    with open_regular(path, limit, name) as f:
        try:
            size = os.fstat(f.fileno()).st_size
            data = f.read(size + 1)
            if len(data) > size:  # it grew while we read: read on, but never past the limit
                data += f.read(limit + 1 - len(data))
        except OSError as exc:
            raise InputError(f"{name}: cannot read: {_why(exc)}") from exc
    if len(data) > limit:
        raise InputError(f"{name}: too large (more than {limit:,} bytes)")
    return data


def walk_files(folder: Path) -> tuple[list[Path], list[tuple[str, str]]]:
    """Every file under `folder` (links to folders not followed, hidden folders skipped), in name
    order, and the folders that could not be listed with why: `Path.rglob` passes over those
    without a word."""
    found: list[Path] = []
    problems: list[tuple[str, str]] = []

    def unlistable(exc: OSError) -> None:
        problems.append((exc.filename or str(folder), f"cannot list folder: {_why(exc)}"))

    for root, dirs, files in os.walk(folder, onerror=unlistable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(root, f) for f in files)
    return sorted(found), problems
