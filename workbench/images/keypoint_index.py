"""Which known photos share keypoints with a query: candidates that no hash would bring.

A hard crop, a turn of 15° or a tile of a collage leaves the picture's hashes as far from the
known photo's as any stranger's, so in a bank of thousands the hashes cannot say which photos the
local features should look at. The keypoints can: a keypoint of the known photo seen again in the
query has nearly the same 256-bit ORB descriptor (on the benchmark's hard treatments half differ
in 14 bits or fewer, 95 % in 37 or fewer), so some of its 20-bit pieces are very likely identical.
Each of `TABLES` disjoint 20-bit pieces of every descriptor of every known photo is filed in a
bucket table; each of the query's descriptors looks up its own pieces. Pieces alone are not
enough (ORB's bits are far from independent, and flat patches share the same few pieces across
every photo), so each filed entry carries 32 more bits of its descriptor, the ones after the
piece: an entry whose 32 bits differ from the query's in at most `CHECK_NEAR` is a keypoint seen
again, and gives its photo a vote. (On the benchmark's hard treatments that test keeps 99 % of
the keypoints RANSAC confirms, and lets through fewer of the chance pairs sharing a piece than a
test on all 256 bits within 56.) The known photos with the most votes are the candidates. Buckets
far fuller than the average are skipped, as a search engine skips stop words.

An entry is the photo's position and its 32 check bits in one 64-bit word, kept in bucket order,
so a lookup reads one short run of memory and nothing else: 12 tables × 8 bytes a descriptor,
128 descriptors a photo, about 12 KB a photo (1.2 GB for 100,000), plus 4 MB a table for the
bucket starts. The arrays can be saved and opened again memory-mapped (`arrays`, `from_arrays`):
a query reads the few buckets it looks up, not the whole index.

An index may have several segments (photos registered since the saved one was built): their
votes are counted together, as one index's would be.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

TABLES = 12
_BITS = 20
_CHECK_BITS = 32
CHECK_NEAR = 7  # check bits (of 32) within which an entry is taken for the same keypoint
_STOP = 16  # a bucket this full (or 4 times the average, if more) says nothing about any one photo
MAX_PHOTOS = 500_000  # beyond this many photos the index is not built (it would take 6 GB)
_MASK = np.uint64((1 << _CHECK_BITS) - 1)
FORMAT = f"{TABLES}x{_BITS}+{_CHECK_BITS}/1"  # what saved arrays were made by (see `arrays`)
_CHUNK = 1 << 16  # descriptors handled at a time while building (a few MB of temporaries)


def _piece(desc: np.ndarray, t: int) -> np.ndarray:
    """Bits [20t, 20t + 20) of each (n, 32) uint8 descriptor, as int64 keys."""
    b, o = divmod(_BITS * t, 8)  # the piece starts o bits into byte b and spans three bytes
    three = (desc[:, b].astype(np.int64) << 16) | (desc[:, b + 1].astype(np.int64) << 8) | desc[:, b + 2]
    return (three >> (24 - o - _BITS)) & ((1 << _BITS) - 1)


def _check(desc: np.ndarray, t: int) -> np.ndarray:
    """The 32 bits after piece t (wrapping round the descriptor's 256), as uint64."""
    b, o = divmod((_BITS * (t + 1)) % 256, 8)
    five = np.zeros(desc.shape[0], dtype=np.uint64)
    for i in range(5):
        five = (five << np.uint64(8)) | desc[:, (b + i) % 32].astype(np.uint64)
    return (five >> np.uint64(8 - o)) & _MASK


def stack(descriptors: list[np.ndarray | None]) -> tuple[np.ndarray, np.ndarray]:
    """Per-photo descriptors as one (n, 32) array and the count of each photo's."""
    counts = np.array([0 if d is None else d.shape[0] for d in descriptors], dtype=np.int64)
    kept = [d for d in descriptors if d is not None and d.shape[0]]
    return (np.ascontiguousarray(np.concatenate(kept)) if kept else np.zeros((0, 32), np.uint8)), counts


def build(every: np.ndarray, counts: np.ndarray) -> Iterator[tuple[str, np.ndarray]]:
    """The arrays of an index of the photos whose descriptors are `every` (photo i owning the next
    `counts[i]`), one table at a time, so that whoever saves them holds one table, not twelve."""
    owner = np.repeat(np.arange(counts.size, dtype=np.uint64), counts)
    n = every.shape[0]
    yield "kp_meta", np.array([counts.size, n], dtype=np.int64)
    for t in range(TABLES):
        keys = np.empty(n, dtype=np.uint64)
        entries = np.empty(n, dtype=np.uint64)
        for a in range(0, n, _CHUNK):
            part = every[a:a + _CHUNK]
            keys[a:a + _CHUNK] = _piece(part, t).astype(np.uint64)
            entries[a:a + _CHUNK] = (owner[a:a + _CHUNK] << np.uint64(_CHECK_BITS)) | _check(part, t)
        starts = np.zeros((1 << _BITS) + 1, dtype=np.uint32)
        np.cumsum(np.bincount(keys.astype(np.int64), minlength=1 << _BITS), out=starts[1:])
        # Bucket order by one sort of (key, position) words: far quicker than an argsort.
        keys <<= np.uint64(32)
        keys |= np.arange(n, dtype=np.uint64)
        keys.sort()
        keys &= _MASK
        yield f"kp_starts_{t:02d}", starts
        yield f"kp_entries_{t:02d}", entries[keys.astype(np.int64)]
        del keys, entries


class _Segment:
    """One set of tables, for `size` photos at positions [offset, offset + size) of the bank."""

    def __init__(self, size: int, offset: int, n_desc: int, tables: list[tuple[np.ndarray, np.ndarray]]) -> None:
        self.size, self.offset, self.n_desc = size, offset, n_desc
        self.tables = tables  # per table: bucket starts (uint32, 2^20 + 1) and entries (uint64)

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray], offset: int) -> _Segment:
        size, n_desc = (int(v) for v in arrays["kp_meta"])
        tables = [(arrays[f"kp_starts_{t:02d}"], arrays[f"kp_entries_{t:02d}"]) for t in range(TABLES)]
        return cls(size, offset, n_desc, tables)

    def bucket(self, t: int, key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Where the buckets `key` of table t start, and how full they are."""
        starts = self.tables[t][0]
        lo = starts[key].astype(np.int64)
        return lo, starts[key + 1].astype(np.int64) - lo

    def pairs(self, t: int, lo: np.ndarray, lengths: np.ndarray, check: np.ndarray, bank_size: int) -> np.ndarray:
        """(query descriptor × bank_size + bank position) of every entry of the buckets (one per
        query descriptor) whose check bits are near the query descriptor's."""
        total = int(lengths.sum())
        if total == 0:
            return np.zeros(0, dtype=np.int64)
        pos = np.repeat(lo - np.cumsum(lengths) + lengths, lengths) + np.arange(total)
        which = np.repeat(np.arange(lo.size, dtype=np.int64), lengths)
        e = self.tables[t][1][pos]
        near = np.bitwise_count((e & _MASK) ^ check[which]) <= CHECK_NEAR
        owners = (e[near] >> np.uint64(_CHECK_BITS)).astype(np.int64)
        return which[near] * bank_size + self.offset + owners


class KeypointIndex:
    def __init__(self, descriptors: list[np.ndarray | None] | None = None) -> None:
        """`descriptors[i]`: the (n, 32) uint8 ORB descriptors of known photo i (None: none kept)."""
        self._segments: list[_Segment] = []
        self.size = 0
        if descriptors is not None:
            self.add(descriptors)

    def __len__(self) -> int:
        return self.size

    def add(self, descriptors: list[np.ndarray | None]) -> None:
        """File the next photos of the bank (positions len(self) onwards) in a segment of their own."""
        self.add_stacked(*stack(descriptors))

    def add_stacked(self, every: np.ndarray, counts: np.ndarray) -> None:
        """`add`, the descriptors given as one array (photo i owning the next `counts[i]`)."""
        if counts.size:
            self._segments.append(_Segment.from_arrays(dict(build(every, counts)), self.size))
            self.size += int(counts.size)

    def arrays(self) -> dict[str, np.ndarray]:
        """Everything a one-segment index is, as named arrays (for saving)."""
        if len(self._segments) != 1:
            raise ValueError("only an index of one segment is saved")
        seg = self._segments[0]
        out = {"kp_meta": np.array([seg.size, seg.n_desc], dtype=np.int64)}
        for t, (starts, entries) in enumerate(seg.tables):
            out[f"kp_starts_{t:02d}"] = starts
            out[f"kp_entries_{t:02d}"] = entries
        return out

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> KeypointIndex:
        """The index `arrays` describes (the arrays may be memory-mapped: nothing is copied)."""
        index = cls()
        index._segments.append(_Segment.from_arrays(arrays, 0))
        index.size = index._segments[0].size
        return index

    def votes(self, desc: np.ndarray) -> np.ndarray:
        """Votes per known photo: a query descriptor that has a near twin (as a matched keypoint
        has) among the photo's, found through a shared piece, gives it one vote, or a share of
        one when it has twins in several photos."""
        if self.size == 0 or desc is None or desc.shape[0] == 0:
            return np.zeros(self.size)
        desc = np.ascontiguousarray(desc, dtype=np.uint8)
        # A bucket far fuller than the average says nothing about any one photo (its fullness
        # counted over every segment, as in one index).
        stop = max(_STOP, int(4 * sum(seg.n_desc for seg in self._segments) / (1 << _BITS)))
        found = []
        for t in range(TABLES):
            key, check = _piece(desc, t), _check(desc, t)
            buckets = [seg.bucket(t, key) for seg in self._segments]
            full = sum(lengths for _, lengths in buckets) > stop
            for seg, (lo, lengths) in zip(self._segments, buckets, strict=True):
                lengths[full] = 0
                found.append(seg.pairs(t, lo, lengths, check, self.size))
        pairs = np.unique(np.concatenate(found))
        if not pairs.size:
            return np.zeros(self.size)  # a query descriptor votes once for a photo
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
