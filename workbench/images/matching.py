"""Finding a photo in the bank: a popcount over every hash at once, then a careful look at the few
candidates.

Stage one (`BankIndex.search`) XORs the query's 64-bit hashes with every known image's hashes and
counts bits with numpy (`bitwise_count`): about a millisecond per million hashes per query hash.
Stage two (`verdict`) decides with the candidates' thumbnails: the normalised correlation over a
search of scales and offsets, which a different photograph of a similar scene does not reach.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from workbench.images.hashing import Prepared, QueryHashes, best_correlation, is_flat

STAGE1_RADIUS = 26  # candidates considered at all (of 64 bits)
# Calibrated on 16 photographs × 17 transformations (benchmarks/image_robustness.py): the highest
# correlation between *different* photographs was 0.74 and their smallest hash distance 18.
MATCH_DISTANCE = 10  # a hash this close is the same picture whatever else
MATCH_CORRELATION = 0.85
SUPPORTED_MATCH = (14, 0.80)  # a fairly close hash and a fairly high correlation together
POSSIBLE_CORRELATION = 0.76
POSSIBLE_DISTANCE = 16


@dataclass(slots=True)
class Candidate:
    index: int  # position in the bank arrays
    distance: int  # best stage-one Hamming distance (of 64)


@dataclass(slots=True)
class Verdict:
    index: int
    distance: int
    correlation: float
    verdict: str  # "match" | "possible"


class BankIndex:
    """The bank's 64-bit hashes as numpy arrays (uint64), aligned with `ids`."""

    def __init__(self, ids: np.ndarray, ph: np.ndarray, ph_trim: np.ndarray, ph_center: np.ndarray) -> None:
        self.ids = ids
        self.ph = ph.astype(np.uint64, copy=False)
        self.ph_trim = ph_trim.astype(np.uint64, copy=False)
        self.ph_center = ph_center.astype(np.uint64, copy=False)
        self._trimmed = np.nonzero(self.ph_trim != self.ph)[0]
        self._trimmed_ph = self.ph_trim[self._trimmed]

    def __len__(self) -> int:
        return int(self.ids.shape[0])

    def _passes(self, q: QueryHashes) -> tuple[np.ndarray, np.ndarray]:
        """Best distance per known image for the whole-picture hashes and for the centre hashes."""
        n = len(self)
        buf = np.empty(n, dtype=np.uint64)
        cnt = np.empty(n, dtype=np.uint8)
        best_p = np.full(n, 64, dtype=np.uint8)
        for h in q.primary:
            qh = np.uint64(h)
            np.bitwise_xor(self.ph, qh, out=buf)
            np.bitwise_count(buf, out=cnt)
            np.minimum(best_p, cnt, out=best_p)
            if self._trimmed.size:
                # Only the known images whose trimmed hash differs (few: most have no frame).
                d = np.bitwise_count(self._trimmed_ph ^ qh)
                np.minimum.at(best_p, self._trimmed, d)
        best_c = np.full(n, 64, dtype=np.uint8)
        for h in q.center:
            np.bitwise_xor(self.ph_center, np.uint64(h), out=buf)
            np.bitwise_count(buf, out=cnt)
            np.minimum(best_c, cnt, out=best_c)
        return best_p, best_c

    def distances(self, q: QueryHashes) -> np.ndarray:
        """Best distance per known image over every pairing of query and bank hashes."""
        best_p, best_c = self._passes(q)
        return np.minimum(best_p, best_c)

    def search(self, q: QueryHashes, k: int = 12, radius: int = STAGE1_RADIUS) -> list[Candidate]:
        """Candidates: the closest by any one hash, and the closest by whole and centre hashes
        together (a crop moves both a little, where chance moves one a lot)."""
        n = len(self)
        if n == 0 or q.flat:
            return []
        best_p, best_c = self._passes(q)
        best = np.minimum(best_p, best_c)
        pair = best_p.astype(np.uint16) + best_c
        chosen: set[int] = set()
        for score, limit in ((best, radius), (pair, 2 * radius)):
            chosen.update(_smallest(score, k, limit))
        order = sorted(chosen, key=lambda i: (int(best[i]), int(pair[i])))
        return [Candidate(i, int(best[i])) for i in order]


def _smallest(score: np.ndarray, k: int, limit: int) -> list[int]:
    """Indices of the k smallest scores (ties at the cut kept, up to 4k), none above `limit`:
    a histogram finds the cut in one pass, cheaper than a partial sort of a million values."""
    counts = np.bincount(score, minlength=limit + 1)[: limit + 1]
    cum = np.cumsum(counts)
    if cum[-1] == 0:
        return []
    cut = int(np.searchsorted(cum, min(k, int(cum[-1]))))
    idx = np.flatnonzero(score <= cut)
    if idx.size > 4 * k:
        idx = idx[np.argsort(score[idx], kind="stable")[: 4 * k]]
    return [int(i) for i in idx]


def decide(distance: int, correlation: float) -> str | None:
    """"match" only where it can be defended; "possible" for a person to look at; else nothing."""
    if distance <= MATCH_DISTANCE or correlation >= MATCH_CORRELATION:
        return "match"
    if distance <= SUPPORTED_MATCH[0] and correlation >= SUPPORTED_MATCH[1]:
        return "match"
    if distance <= POSSIBLE_DISTANCE or correlation >= POSSIBLE_CORRELATION:
        return "possible"
    return None


def verdicts(q: QueryHashes, candidates: list[Candidate], thumb_of: Callable[[int], np.ndarray | None]) -> list[Verdict]:
    """Matches among the candidates. A flat picture (see hashing.FLAT_STD), the query or a known
    one, is never a match: its hashes agree with any other flat picture's and say nothing."""
    out: list[Verdict] = []
    if q.flat:
        return out
    prepared = [Prepared(t) for t in q.thumbs]
    for c in candidates:
        thumb = thumb_of(c.index)
        if thumb is not None and is_flat(thumb):
            continue
        known = Prepared(thumb) if thumb is not None else None
        corr = max((best_correlation(t, known) for t in prepared), default=-1.0) if known is not None else -1.0
        v = decide(c.distance, corr)
        if v is not None:
            out.append(Verdict(c.index, c.distance, round(corr, 3), v))
    out.sort(key=lambda v: (v.verdict != "match", -v.correlation, v.distance))
    return out
