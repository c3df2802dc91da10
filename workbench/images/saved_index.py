"""The bank's index saved to disk, so that a process starting cold does not rebuild it.

Building the keypoint index of 100,000 photos takes seconds to tens of seconds (reading 400 MB of
keypoints and sorting 150 million entries); a command-line query that paid that every time would
take half a minute. The arrays are instead written once to a cache folder as plain `.npy` files
and opened memory-mapped: a query reads the few thousand buckets it looks up, and the operating
system keeps what is read often in memory, shared between processes.

A saved index is a cache, never the record: the database stays the only truth, and whoever opens
one checks it against the database first (`workbench.services.images`). Each save goes to a new
folder, renamed into place, and a small `current` file names the folder in use, replaced in one
step: a reader never sees half an index, a writer never disturbs one open elsewhere, and two
processes saving at once both leave a whole index behind.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from pathlib import Path
from typing import Any

import numpy as np

FORMAT = 1


def save(folder: Path, meta: dict[str, Any], arrays: dict[str, np.ndarray]) -> Path:
    """Write `arrays` and `meta` as a new saved index under `folder`; return where it went.
    Raises OSError (a full disk, a folder one cannot write), leaving no partial index in use."""
    folder.mkdir(parents=True, exist_ok=True)
    name = f"index-{uuid.uuid4().hex[:12]}"
    work = folder / f".{name}.partial"
    work.mkdir()
    try:
        for key, arr in arrays.items():
            np.save(work / f"{key}.npy", np.ascontiguousarray(arr), allow_pickle=False)
        (work / "meta.json").write_text(json.dumps({**meta, "format": FORMAT, "arrays": sorted(arrays)}),
                                        encoding="utf-8")
        os.replace(work, folder / name)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    pointer = folder / f".current-{name}"
    pointer.write_text(name, encoding="utf-8")
    os.replace(pointer, folder / "current")
    for old in folder.iterdir():  # earlier saves (an open one stays readable where files outlive their name)
        if old.name.startswith("index-") and old.name != name:
            shutil.rmtree(old, ignore_errors=True)
    return folder / name


def load(folder: Path) -> tuple[dict[str, Any], dict[str, np.ndarray]] | None:
    """The saved index in use under `folder`, its arrays memory-mapped; None when there is none
    or it cannot be read (whoever asked then builds a new one)."""
    try:
        name = (folder / "current").read_text(encoding="utf-8").strip()
        where = folder / name
        meta = json.loads((where / "meta.json").read_text(encoding="utf-8"))
        if not isinstance(meta, dict) or meta.get("format") != FORMAT:
            return None
        arrays = {key: np.load(where / f"{key}.npy", mmap_mode="r", allow_pickle=False) for key in meta["arrays"]}
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return meta, arrays
