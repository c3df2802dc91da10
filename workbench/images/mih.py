"""Multi-index hashing (Norouzi, Punjani & Fleet, 2012): 64-bit hashes near a query without
comparing against all of them.

Each hash is cut into three chunks of 21, 21 and 22 bits. Two hashes within `guaranteed` bits of
each other (8) differ in at most 2 bits in at least one chunk, so looking up every chunk value within
2 bits of the query's chunk (232 to 254 keys a chunk) finds them all; hashes a little farther are
found too when their differences fall unevenly. With about one stored hash per key, as at
10,000,000 known images, a lookup touches tens of thousands of entries instead of millions, and
the exact distances are then counted on those alone.

Each chunk is a sorted bucket table (CSR): `starts[key]` to `starts[key + 1]` are the entries
whose chunk equals `key`, kept with their whole hash and owner (12 bytes an entry) so that a
probed bucket is one sequential read; built with one argsort.
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
        codes = codes.astype(np.uint64, copy=False)
        self.size = int(codes.shape[0])
        # Per chunk: the bucket starts, and the hashes and owners in bucket order, so that a
        # probed bucket is read in one sweep and the distance test runs before any owner is
        # looked up (random reads into arrays of millions are what costs, not the arithmetic).
        self._tables: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        for shift, bits in _CHUNKS:
            keys = ((codes >> np.uint64(shift)) & np.uint64((1 << bits) - 1)).astype(np.int64)
            order = np.argsort(keys, kind="stable")
            starts = np.zeros((1 << bits) + 1, dtype=np.int64)
            np.cumsum(np.bincount(keys, minlength=1 << bits), out=starts[1:])
            del keys
            self._tables.append((starts, codes[order], owners[order].astype(np.int32)))

    def __len__(self) -> int:
        return self.size

    def near(self, queries: list[int], radius: int) -> np.ndarray:
        """Owners of the stored hashes within `radius` bits of any of `queries`: all of them up to
        GUARANTEED bits, and those a little farther whose differences fall unevenly."""
        if not queries or self.size == 0:
            return np.zeros(0, dtype=np.int64)
        q = np.array(queries, dtype=np.uint64)
        found = []
        for (shift, bits), (starts, codes, owners) in zip(_CHUNKS, self._tables, strict=True):
            keys = ((q >> np.uint64(shift)) & np.uint64((1 << bits) - 1)).astype(np.int64)
            probes = (keys[:, None] ^ _MASKS[bits][None, :]).ravel()
            which = np.repeat(np.arange(q.size), _MASKS[bits].size)
            lo, hi = starts[probes], starts[probes + 1]
            lengths = hi - lo
            total = int(lengths.sum())
            if total == 0:
                continue
            # Every position in every probed bucket, in one vectorised step.
            pos = np.repeat(lo - np.cumsum(lengths) + lengths, lengths) + np.arange(total)
            close = np.bitwise_count(codes[pos] ^ q[np.repeat(which, lengths)]) <= radius
            found.append(owners[pos[close]])
        if not found:
            return np.zeros(0, dtype=np.int64)
        return distinct(np.concatenate(found))


def distinct(a: np.ndarray) -> np.ndarray:
    """Sorted distinct values (np.unique's hash table costs milliseconds here; a sort does not)."""
    a = np.sort(a.astype(np.int64, copy=False))
    if a.size < 2:
        return a
    keep = np.empty(a.size, dtype=bool)
    keep[0] = True
    np.not_equal(a[1:], a[:-1], out=keep[1:])
    return a[keep]
