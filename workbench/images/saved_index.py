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


class Writer:
    """A new saved index under `folder`, written an array at a time (the caller need not hold
    them all at once) and put in use by `commit`. Used as a context manager: on an error nothing
    partial is left, let alone used."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.name = f"index-{uuid.uuid4().hex[:12]}"
        self.work = folder / f".{self.name}.partial"
        self.work.mkdir()
        self.keys: list[str] = []

    def add(self, key: str, arr: np.ndarray) -> None:
        np.save(self.work / f"{key}.npy", np.ascontiguousarray(arr), allow_pickle=False)
        self.keys.append(key)

    def commit(self, meta: dict[str, Any]) -> Path:
        (self.work / "meta.json").write_text(json.dumps({**meta, "format": FORMAT, "arrays": sorted(self.keys)}),
                                             encoding="utf-8")
        os.replace(self.work, self.folder / self.name)
        pointer = self.folder / f".current-{self.name}"
        pointer.write_text(self.name, encoding="utf-8")
        os.replace(pointer, self.folder / "current")
        for old in self.folder.iterdir():  # earlier saves (an open one stays readable where files outlive their name)
            if old.name.startswith("index-") and old.name != self.name:
                shutil.rmtree(old, ignore_errors=True)
        return self.folder / self.name

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, *exc: object) -> None:
        shutil.rmtree(self.work, ignore_errors=True)  # gone already once committed


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
