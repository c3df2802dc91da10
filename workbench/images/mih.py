"""Multi-index hashing (Norouzi, Punjani & Fleet, 2012): 64-bit hashes near a query without
comparing against all of them.

Each hash is cut into three chunks of 21, 21 and 22 bits. Two hashes within `guaranteed` bits of
each other (8) differ in at most 2 bits in at least one chunk, so looking up every chunk value within
2 bits of the query's chunk (232 to 254 keys a chunk) finds them all; hashes a little farther are
found too when their differences fall unevenly. With about one stored hash per key, as at
10,000,000 known images, a lookup touches tens of thousands of entries instead of millions, and
the exact distances are then counted on those alone.

Each chunk is a sorted bucket table (CSR): `starts[key]` to `starts[key + 1]` in `order` are the
entries whose chunk equals `key`: 4 bytes an entry and 4 bytes a key, built with one argsort.
faiss's IndexBinaryMultiHash does the same with hash maps, but took 15 s to add 3,000,000 hashes
here and 7-70 ms a query; this is numpy on arrays the bank already has.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np

_CHUNKS = ((0, 21), (21, 21), (42, 22))  # (shift, bits)
_FLIPS = 2  # bits flipped per chunk: any hash within 3 * (2 + 1) - 1 = 8 bits is found
GUARANTEED = len(_CHUNKS) * (_FLIPS + 1) - 1


def _flip_masks(bits: int, flips: int) -> np.ndarray:
    masks = [0]
    for r in range(1, flips + 1):
        for combo in combinations(range(bits), r):
            masks.append(sum(1 << b for b in combo))
    return np.array(masks, dtype=np.int64)


_MASKS = {bits: _flip_masks(bits, _FLIPS) for _, bits in _CHUNKS}


class MultiIndex:
    """Hashes (uint64) with an owner each (the known image they belong to)."""

    def __init__(self, codes: np.ndarray, owners: np.ndarray) -> None:
        self.codes = codes.astype(np.uint64, copy=False)
        self.owners = owners.astype(np.int64, copy=False)
        self._tables: list[tuple[np.ndarray, np.ndarray]] = []
        for shift, bits in _CHUNKS:
            keys = ((self.codes >> np.uint64(shift)) & np.uint64((1 << bits) - 1)).astype(np.int64)
            order = np.argsort(keys, kind="stable").astype(np.int32)
            counts = np.bincount(keys, minlength=1 << bits)
            starts = np.zeros((1 << bits) + 1, dtype=np.int32 if len(keys) < 2**31 else np.int64)
            np.cumsum(counts, out=starts[1:])
            self._tables.append((starts, order))

    def __len__(self) -> int:
        return int(self.codes.shape[0])

    def near(self, queries: list[int]) -> np.ndarray:
        """Owners of the stored hashes found near any of `queries` (every one within GUARANTEED
        bits, some farther), without duplicates."""
        if not queries or len(self) == 0:
            return np.zeros(0, dtype=np.int64)
        q = np.array(queries, dtype=np.uint64)
        found = []
        for (shift, bits), (starts, order) in zip(_CHUNKS, self._tables, strict=True):
            keys = ((q >> np.uint64(shift)) & np.uint64((1 << bits) - 1)).astype(np.int64)
            probes = np.unique((keys[:, None] ^ _MASKS[bits][None, :]).ravel())
            lo, hi = starts[probes], starts[probes + 1]
            lengths = (hi - lo).astype(np.int64)
            total = int(lengths.sum())
            if total == 0:
                continue
            # Every position in every probed bucket, in one vectorised step.
            offsets = np.repeat(lo.astype(np.int64) - np.cumsum(lengths) + lengths, lengths)
            found.append(order[offsets + np.arange(total)])
        if not found:
            return np.zeros(0, dtype=np.int64)
        return np.unique(self.owners[np.concatenate(found)])
