"""Which known photos share keypoints with a query: candidates that no hash would bring.

A hard crop, a turn of 15° or a tile of a collage leaves the picture's hashes as far from the
known photo's as any stranger's, so in a bank of thousands the hashes cannot say which photos the
local features should look at. The keypoints can: a keypoint of the known photo seen again in the
query has nearly the same 256-bit ORB descriptor (typically 20 to 50 bits differ), so some of its
20-bit pieces are very likely identical. Each of `TABLES` disjoint 20-bit pieces of every
descriptor of every known photo is filed in a bucket table; each of the query's descriptors looks
up its own pieces; a stored descriptor found that way and within `NEAR` bits of it as a whole is
a keypoint seen again, and gives its photo a vote (pieces alone are not enough: ORB's bits are far
from independent, and flat patches share the same few pieces across every photo). The known
photos with the most votes are the candidates. Buckets far fuller than the average are skipped,
as a search engine skips stop words.

Memory: the descriptors (32 bytes each) and 4 bytes a descriptor a table: 128 × (32 + 12 × 4)
bytes ≈ 10 KB a photo, about 1 GB for 100,000 photos, and 8 MB a table for the bucket starts.
"""

from __future__ import annotations

import numpy as np

TABLES = 12
_BITS = 20
NEAR = 56  # bits (of 256) within which two descriptors are taken for the same keypoint
_STOP = 16  # a bucket this full (or 4 times the average, if more) says nothing about any one photo
MAX_PHOTOS = 500_000  # beyond this many photos the index is not built (it would take 5 GB)


def _piece(desc: np.ndarray, t: int) -> np.ndarray:
    """Bits [20t, 20t + 20) of each (n, 32) uint8 descriptor, as int64 keys."""
    b, o = divmod(_BITS * t, 8)  # the piece starts o bits into byte b and spans three bytes
    three = (desc[:, b].astype(np.int64) << 16) | (desc[:, b + 1].astype(np.int64) << 8) | desc[:, b + 2]
    return (three >> (24 - o - _BITS)) & ((1 << _BITS) - 1)


class KeypointIndex:
    def __init__(self, descriptors: list[np.ndarray | None]) -> None:
        """`descriptors[i]`: the (n, 32) uint8 ORB descriptors of known photo i (None: none kept)."""
        self.size = len(descriptors)
        counts = np.array([0 if d is None else d.shape[0] for d in descriptors], dtype=np.int64)
        self._owner = np.repeat(np.arange(self.size, dtype=np.int32), counts)
        stacked = [d for d in descriptors if d is not None and d.shape[0]]
        every = np.ascontiguousarray(np.concatenate(stacked)) if stacked else np.zeros((0, 32), np.uint8)
        self._desc = every.view(np.uint64).reshape(-1, 4)  # for the full distance of a hit
        # A bucket far fuller than the average says nothing about any one photo.
        self.stop = max(_STOP, int(4 * every.shape[0] / (1 << _BITS)))
        self._tables: list[tuple[np.ndarray, np.ndarray]] = []
        for t in range(TABLES):  # one table at a time: the keys of one are all that is held
            col = _piece(every, t)
            order = np.argsort(col, kind="stable").astype(np.int32)
            starts = np.zeros((1 << _BITS) + 1, dtype=np.int64)  # 8 MB a table
            np.cumsum(np.bincount(col, minlength=1 << _BITS), out=starts[1:])
            self._tables.append((starts, order))

    def __len__(self) -> int:
        return self.size

    def votes(self, desc: np.ndarray) -> np.ndarray:
        """Votes per known photo: a query descriptor that has a near twin (within `NEAR` bits, as
        a matched keypoint has) among the photo's, found through a shared piece, gives it one vote,
        or a share of one when it has twins in several photos."""
        if self.size == 0 or desc is None or desc.shape[0] == 0:
            return np.zeros(self.size)
        q = np.ascontiguousarray(desc).view(np.uint64).reshape(-1, 4)
        found = []
        for t, (starts, order) in enumerate(self._tables):
            key = _piece(desc, t)
            lo, hi = starts[key], starts[key + 1]
            lengths = hi - lo
            lengths[lengths > self.stop] = 0
            total = int(lengths.sum())
            if total == 0:
                continue
            pos = np.repeat(lo - np.cumsum(lengths) + lengths, lengths) + np.arange(total)
            which = np.repeat(np.arange(desc.shape[0], dtype=np.int64), lengths)
            ids = order[pos]
            dist = np.bitwise_count(self._desc[ids] ^ q[which]).sum(axis=1)
            near = dist <= NEAR
            found.append(which[near] * self.size + self._owner[ids[near]])
        if not found:
            return np.zeros(self.size)
        pairs = np.unique(np.concatenate(found))  # a query descriptor votes once for a photo
        # ... and shares its vote among all the photos it has a twin in: a plain edge or a flat
        # patch looks alike everywhere, a distinctive keypoint in one photo only.
        query_desc = pairs // self.size
        _, n = np.unique(query_desc, return_counts=True)
        weight = np.repeat(1.0 / n, n)
        return np.bincount(pairs % self.size, weights=weight, minlength=self.size)

    def candidates(self, desc: np.ndarray, k: int, min_votes: float = 1.0) -> list[tuple[int, float]]:
        """The k known photos with most votes (at least `min_votes`), as (position, votes)."""
        v = self.votes(desc)
        if not v.size:
            return []
        top = np.argpartition(-v, min(k, v.size - 1))[:k] if v.size > k else np.arange(v.size)
        return sorted(((int(i), round(float(v[i]), 2)) for i in top if v[i] >= min_votes), key=lambda t: -t[1])
