"""Finding a photo in the bank: a popcount over every hash at once, then a careful look at the few
candidates.

Stage one (`BankIndex.search`) XORs the query's 64-bit hashes with every known image's hashes and
counts bits with numpy (`bitwise_count`): about a millisecond per million hashes per query hash.
Stage two (`find_known`) decides with the candidates' thumbnails (the normalised correlation over
a search of scales and offsets, which a different photograph of a similar scene does not reach) and
with their local features (`workbench.images.features`: ORB keypoints, RANSAC, and the query warped
back onto the known photo), on the whole query and on each panel of a composite
(`workbench.images.panels`). Every finding says which stage found it, and where.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import cv2
import numpy as np
from PIL import Image

from workbench.images.features import Alignment, Features, align, query_features
from workbench.images.hashing import (
    FLAT_REASON,
    Prepared,
    QueryHashes,
    best_correlation,
    is_flat,
    query_hashes,
)
from workbench.images.keypoint_index import KeypointIndex
from workbench.images.mih import MultiIndex, distinct
from workbench.images.panels import Box, split_panels

STAGE1_RADIUS = 26  # candidates considered at all (of 64 bits)
MIH_MIN = 250_000  # from this many known images on, stage one is sub-linear (multi-index hashing)
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
    by_hash: bool = True  # close enough by hash to be judged by thumbnails; else local features only


class BankIndex:
    """The bank's 64-bit hashes as numpy arrays (uint64), aligned with `ids`.

    Up to `MIH_MIN` known images a query is compared with every one (a popcount over the arrays:
    about a millisecond per million hashes, and the nearest are found at any distance). Beyond,
    multi-index hashing (`workbench.images.mih`) finds the known images within a few bits without
    looking at the rest, and only those are compared: at millions of photos a hash farther than
    that is no evidence anyway (chance alone brings thousands of photos that close), and what a
    hard crop or a collage moves far is left to the panels' own hashes."""

    def __init__(self, ids: np.ndarray, ph: np.ndarray, ph_trim: np.ndarray, ph_center: np.ndarray,
                 mih_min: int | None = None) -> None:
        self.ids = ids
        self.ph = ph.astype(np.uint64, copy=False)
        self.ph_trim = ph_trim.astype(np.uint64, copy=False)
        self.ph_center = ph_center.astype(np.uint64, copy=False)
        self._trimmed = np.nonzero(self.ph_trim != self.ph)[0]
        self._trimmed_ph = self.ph_trim[self._trimmed]
        self.mih_min = MIH_MIN if mih_min is None else mih_min
        self._mih: tuple[MultiIndex, MultiIndex] | None = None
        # The known photos' keypoints, filed for voting (see `workbench.images.keypoint_index`);
        # set by whoever holds them, aligned with `ids`.
        self.keypoints: KeypointIndex | None = None

    def __len__(self) -> int:
        return int(self.ids.shape[0])

    @property
    def sublinear(self) -> bool:
        return len(self) >= self.mih_min

    def _multi_index(self) -> tuple[MultiIndex, MultiIndex]:
        if self._mih is None:
            n = len(self)
            whole = MultiIndex(np.concatenate([self.ph, self._trimmed_ph]),
                               np.concatenate([np.arange(n, dtype=np.int64), self._trimmed]))
            self._mih = (whole, MultiIndex(self.ph_center, np.arange(n, dtype=np.int64)))
        return self._mih

    def _passes(self, q: QueryHashes, sub: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Best distance per known image (all, or those in `sub`) for the whole-picture hashes and
        for the centre hashes."""
        if sub is not None:
            ph, pht, phc = self.ph[sub], self.ph_trim[sub], self.ph_center[sub]
            best_p = np.full(sub.size, 64, dtype=np.uint8)
            for h in q.primary:
                qh = np.uint64(h)
                np.minimum(best_p, np.bitwise_count(ph ^ qh), out=best_p)
                np.minimum(best_p, np.bitwise_count(pht ^ qh), out=best_p)
            best_c = np.full(sub.size, 64, dtype=np.uint8)
            for h in q.center:
                np.minimum(best_c, np.bitwise_count(phc ^ np.uint64(h)), out=best_c)
            return best_p, best_c
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

    def distances_at(self, q: QueryHashes, positions: list[int]) -> list[int]:
        best_p, best_c = self._passes(q, np.array(positions, dtype=np.int64))
        return [int(d) for d in np.minimum(best_p, best_c)]

    def distances(self, q: QueryHashes) -> np.ndarray:
        """Best distance per known image over every pairing of query and bank hashes."""
        best_p, best_c = self._passes(q)
        return np.minimum(best_p, best_c)

    def search(self, q: QueryHashes, k: int = 12, radius: int = STAGE1_RADIUS, local: int = 0,
               exhaustive: bool | None = None) -> list[Candidate]:
        """Candidates: the closest by any one hash, and the closest by whole and centre hashes
        together (a crop moves both a little, where chance moves one a lot); then, for the local
        features to look at, the next `local` closest whatever their distance. `exhaustive`
        forces (or forbids) comparing the query with every known image."""
        n = len(self)
        if n == 0:
            return []
        sub: np.ndarray | None = None
        if not (exhaustive if exhaustive is not None else not self.sublinear):
            whole, centre = self._multi_index()
            # Only hashes within the "possible" distance: a bucket shares 21 bits with the query,
            # and the other 43 bits of a stranger's hash differ by 21 ± 3, so a wider net would
            # bring back most of what the buckets hold.
            near = min(radius, POSSIBLE_DISTANCE)
            sub = distinct(np.concatenate([whole.near(q.primary, near), centre.near(q.center, near)]))
            if sub.size == 0:
                return []
        best_p, best_c = self._passes(q, sub)
        best = np.minimum(best_p, best_c)
        pair = best_p.astype(np.uint16) + best_c
        chosen: set[int] = set()
        for score, limit in ((best, radius), (pair, 2 * radius)):
            chosen.update(_smallest(score, k, limit))
        order = sorted(chosen, key=lambda i: (int(best[i]), int(pair[i])))
        at = (lambda i: int(sub[i])) if sub is not None else int
        out = [Candidate(at(i), int(best[i])) for i in order]
        if local:
            extra = [i for i in _smallest(pair, local + len(chosen), 128) if i not in chosen]
            extra.sort(key=lambda i: (int(pair[i]), int(best[i])))
            out.extend(Candidate(at(i), int(best[i]), by_hash=False) for i in extra[:local])
        return out


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


# ------------------------------------------------------------------ the whole pipeline

QUERY_WORK = 512  # a suspect photo is looked at this large: a tile of a collage is a quarter of it
LOCAL_CANDIDATES = 24  # known photos the local features look at beyond the hash candidates
ALIGN_BUDGET = 16  # known photos a query's local features are matched against, at most
THUMB_BUDGET = 12  # known photos beyond the close ones whose thumbnails a query is compared with
KEYPOINT_CANDIDATES = 12  # photos with the most shared keypoints, for the query and its mirror each
# Local features, calibrated on the tuning draw of benchmarks/image_robustness.py: alignments with
# a known photo that is not in the query reached at most 15 inliers and a warped correlation of
# 0.15; the same photo under every treatment but two reached 0.5 or more.
FEATURE_MATCH = ((9, 0.75), (12, 0.50), (18, 0.40))  # (inliers, warped correlation): more of one, less of the other
FEATURE_POSSIBLE = (9, 0.35)


@dataclass(slots=True)
class Known:
    """What the pipeline needs of one known photo beyond its hashes."""

    thumb: np.ndarray | None  # 64×64 grey
    features: Features | None


@dataclass(slots=True)
class View:
    """One way of looking at the query: the whole picture, or one panel of a composite."""

    panel: int | None  # 1-based, None for the whole picture
    box: Box | None  # in the query's working pixels
    hashes: QueryHashes
    thumbs: list[Prepared]
    # Local features: of the whole picture only (and of its mirror image).
    gray: np.ndarray | None = None
    features: Features | None = None
    mirror_features: Features | None = None
    mirror_gray: np.ndarray | None = None


@dataclass(slots=True)
class Query:
    width: int
    height: int
    views: list[View]
    trimmed: bool
    unmatchable: str | None  # why nothing can be matched (a flat picture), or None
    panels: list[Box] = field(default_factory=list)


@dataclass(slots=True)
class Finding:
    """A known photo found in the query, and how: the evidence a checker can weigh."""

    index: int
    verdict: str  # "match" | "possible"
    distance: int  # best hash distance over the views (of 64)
    correlation: float  # best thumbnail correlation over the views (-1 when not compared)
    stage: str  # "hash" (a very close hash), "thumbnail" (correlation of thumbnails), "features"
    panel: int | None = None  # the panel of a composite it was found in (1-based)
    panel_box: tuple[float, float, float, float] | None = None  # x, y, w, h as fractions
    inliers: int | None = None  # keypoints consistent with one geometric transformation
    feature_correlation: float | None = None  # the query warped onto the known photo
    region: tuple[float, float, float, float] | None = None  # where it lies in the query (None: all of it)
    mirrored: bool = False

    def how(self) -> str:
        """One line a checker can judge the finding by."""
        where = f"panel {self.panel} of the composite, " if self.panel else ""
        flip = "mirrored, " if self.mirrored else ""
        if self.stage == "features":
            return (f"{where}{flip}{self.inliers} keypoints agree on one warp; warped correlation "
                    f"{self.feature_correlation:.2f}")
        if self.stage == "hash":
            return f"{where}{flip}hash distance {self.distance}/64"
        return f"{where}{flip}thumbnail correlation {self.correlation:.2f} (hash distance {self.distance}/64)"


def _fractions(box: Box, w: int, h: int) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = box
    return (round(x0 / w, 3), round(y0 / h, 3), round((x1 - x0) / w, 3), round((y1 - y0) / h, 3))


def analyse(img: Image.Image) -> Query:
    """Everything matching needs of a suspect photo (`img`: greyscale, longest side ≤ QUERY_WORK)."""
    img = img.convert("L")
    if max(img.size) > QUERY_WORK:
        img = img.copy()
        img.thumbnail((QUERY_WORK, QUERY_WORK), Image.Resampling.BOX)
    w, h = img.size
    whole_hashes = query_hashes(img)
    if is_flat(whole_hashes.thumbs[0]):
        return Query(w, h, [], whole_hashes.trimmed, FLAT_REASON)
    gray = np.asarray(img)
    mirror = np.ascontiguousarray(gray[:, ::-1])
    views = [View(None, None, whole_hashes, [Prepared(t) for t in whole_hashes.thumbs], gray,
                  query_features(gray), None, mirror)]
    boxes = split_panels(gray)
    kept: list[Box] = []
    for box in boxes:
        part = img.crop(box)
        hashes = query_hashes(part)
        if is_flat(hashes.thumbs[0]):
            continue  # a gutter, a blank tile
        kept.append(box)
        views.append(View(len(kept), box, hashes, [Prepared(t) for t in hashes.thumbs]))
    if len(kept) < 2:  # one photo and its margins: not a composite
        views = views[:1]
        kept = []
    return Query(w, h, views, whole_hashes.trimmed, None, kept)


def decide_features(al: Alignment) -> str | None:
    if any(al.inliers >= n and al.correlation >= c for n, c in FEATURE_MATCH):
        return "match"
    if al.inliers >= FEATURE_POSSIBLE[0] and al.correlation >= FEATURE_POSSIBLE[1]:
        return "possible"
    return None


_RANK = {"match": 0, "possible": 1}


def _better(a: Finding | None, b: Finding) -> bool:
    """Is `b` stronger evidence than `a`?"""
    if a is None:
        return True
    if _RANK[b.verdict] != _RANK[a.verdict]:
        return _RANK[b.verdict] < _RANK[a.verdict]
    return _strength(b) > _strength(a)


def _strength(f: Finding) -> float:
    if f.stage == "features":
        return (f.feature_correlation or 0.0) + min(f.inliers or 0, 60) / 600
    if f.stage == "hash":
        return 1.0 - f.distance / 64
    return f.correlation


def _panel_of(query: Query, region: tuple[float, float, float, float]) -> tuple[int | None, Box | None]:
    """The panel holding the centre of a region of the whole picture."""
    cx = (region[0] + region[2] / 2) * query.width
    cy = (region[1] + region[3] / 2) * query.height
    for i, (x0, y0, x1, y1) in enumerate(query.panels, 1):
        if x0 <= cx < x1 and y0 <= cy < y1:
            return i, (x0, y0, x1, y1)
    return None, None


def find_known(query: Query, index: BankIndex, load: Callable[[list[int]], dict[int, Known]]) -> list[Finding]:
    """Every known photo the query shows, best first. `load` gives the thumbnails and features of
    the candidates (by position in the bank) from wherever the bank keeps them."""
    if query.unmatchable or not query.views or len(index) == 0:
        return []
    per_view: list[dict[int, Candidate]] = []
    for view in query.views:
        per_view.append({c.index: c for c in index.search(view.hashes, local=LOCAL_CANDIDATES)})
    # Photos sharing keypoints with the query (or its mirror image): what a hard crop, a turn or
    # a collage leaves of a known photo, which its hashes no longer show.
    whole = query.views[0]
    voted: dict[int, float] = {}
    sides: dict[int, set[bool]] = {}  # which way round the keypoints agree: plain, mirrored
    if index.keypoints is not None and len(index.keypoints) == len(index) and whole.features is not None:
        for mirrored, feats in ((False, whole.features), (True, _mirror_features(whole))):
            if feats is not None:
                for pos, n in index.keypoints.candidates(feats.desc, KEYPOINT_CANDIDATES):
                    voted[pos] = max(voted.get(pos, 0), n)
                    sides.setdefault(pos, set()).add(mirrored)
    if voted:
        extra = [i for i in voted if i not in per_view[0]]
        for i, d in zip(extra, index.distances_at(whole.hashes, extra), strict=True):
            per_view[0][i] = Candidate(i, d, by_hash=False)
    # Likeliest first, so that the checks, a few milliseconds a candidate, look at those when a
    # large bank offers many: very close hashes, then shared keypoints, then hashes within the
    # candidate radius (in a bank of 100,000, chance alone brings dozens within 16 bits), then
    # the nearest hashes whatever their distance.
    priority: dict[int, tuple[int, float]] = {}
    for cands in per_view:
        for c in cands.values():
            rank: tuple[int, float]
            if c.by_hash and c.distance <= MATCH_DISTANCE:
                rank = (0, c.distance)
            elif c.index in voted:
                rank = (1, -voted[c.index])
            else:
                rank = (2 if c.by_hash else 3, c.distance)
            priority[c.index] = min(priority.get(c.index, (4, 64)), rank)
    wanted = sorted(priority, key=lambda i: priority[i])
    known = load(wanted)
    findings: list[Finding] = []
    aligned = compared = 0
    for i in wanted:
        k = known.get(i)
        if k is None or k.thumb is None or is_flat(k.thumb):
            continue  # a known image of one flat colour is never evidence
        best: Finding | None = None
        distance, correlation = 64, -1.0
        kp = Prepared(k.thumb)
        thumbs_compared = False
        for view, cands in zip(query.views, per_view, strict=True):
            found = cands.get(i)
            if found is None:
                continue
            c = found
            distance = min(distance, c.distance)
            if not c.by_hash or (compared >= THUMB_BUDGET and c.distance > MATCH_DISTANCE):
                continue
            thumbs_compared = True
            corr = max(best_correlation(t, kp) for t in view.thumbs)
            correlation = max(correlation, corr)
            v = decide(c.distance, corr)
            if v is not None:
                pbox = _fractions(view.box, query.width, query.height) if view.box else None
                f = Finding(i, v, c.distance, round(corr, 3), "hash" if c.distance <= MATCH_DISTANCE else "thumbnail",
                            view.panel, pbox, region=pbox)
                if _better(best, f):
                    best = f
        compared += thumbs_compared
        # With keypoints filed, a photo that shares none with the query (no votes) and has no
        # close hash either is worth matching keypoints with only while few have been.
        worth = i in voted or index.keypoints is None or distance <= MATCH_DISTANCE or aligned < ALIGN_BUDGET // 2
        if k.features is not None and worth and aligned < ALIGN_BUDGET and (best is None or best.stage != "hash"):
            aligned += 1
            best = _align_views(query, i, k, best, sides.get(i, {False, True}))
            if best is None or best.verdict != "match":
                # A tile whose hashes point at this photo, on its own: a small tile keeps few
                # keypoints among the whole picture's.
                for view, cands in zip(query.views[1:], per_view[1:], strict=True):
                    near = cands.get(i)
                    if near is not None and near.by_hash:
                        best = _align_panel(query, view, i, k, best)
        if best is not None:
            best.distance, best.correlation = distance, round(correlation, 3)
            findings.append(best)
    findings.sort(key=lambda f: (_RANK[f.verdict], -_strength(f), f.distance))
    return findings


def _mirror_features(whole: View) -> Features | None:
    if whole.mirror_features is None and whole.mirror_gray is not None:
        whole.mirror_features = query_features(whole.mirror_gray)  # made once, on first need
    return whole.mirror_features


PANEL_FEATURE_SIDE = 320  # a small tile is enlarged to this before its keypoints are found


def _align_panel(query: Query, view: View, i: int, k: Known, best: Finding | None) -> Finding | None:
    """Local features of one panel on its own, enlarged if small, then of its mirror image."""
    assert k.features is not None and k.thumb is not None and view.box is not None
    whole = query.views[0]
    if whole.gray is None:
        return best
    x0, y0, x1, y1 = view.box
    if view.gray is None:  # made once, on first need
        part = whole.gray[y0:y1, x0:x1]
        u = max(1.0, PANEL_FEATURE_SIDE / max(part.shape))
        if u > 1.0:
            part = cv2.resize(part, (round(part.shape[1] * u), round(part.shape[0] * u)), interpolation=cv2.INTER_CUBIC)
        view.gray = np.ascontiguousarray(part)
        view.features = query_features(view.gray)
        view.mirror_gray = np.ascontiguousarray(view.gray[:, ::-1])
    for mirrored in (False, True):
        feats = _mirror_features(view) if mirrored else view.features
        gray = view.mirror_gray if mirrored else view.gray
        if feats is None or gray is None:
            continue
        al = align(k.features, k.thumb, feats, gray)
        v = decide_features(al) if al is not None else None
        if al is None or v is None:
            continue
        bx, by, bw, bh = al.box
        if mirrored:
            bx = 1.0 - bx - bw
        pw, ph = x1 - x0, y1 - y0
        region = (round((x0 + bx * pw) / query.width, 3), round((y0 + by * ph) / query.height, 3),
                  round(bw * pw / query.width, 3), round(bh * ph / query.height, 3))
        f = Finding(i, v, 64, -1.0, "features", view.panel, _fractions(view.box, query.width, query.height),
                    al.inliers, al.correlation, region, mirrored)
        if _better(best, f):
            best = f
        if v == "match":
            break
    return best


def _align_views(query: Query, i: int, k: Known, best: Finding | None, sides: set[bool]) -> Finding | None:
    """Local features of the whole query (a tile of a collage keeps enough keypoints of its own
    among the whole picture's, and RANSAC ignores the other tiles), then of its mirror image."""
    assert k.features is not None and k.thumb is not None
    whole = query.views[0]
    for mirrored in sorted(sides):
        gray = whole.mirror_gray if mirrored else whole.gray
        if gray is None:
            continue
        feats = _mirror_features(whole) if mirrored else whole.features
        if feats is None:
            continue
        regions = query.panels if not mirrored else [(query.width - x1, y0, query.width - x0, y1)
                                                      for x0, y0, x1, y1 in query.panels]
        al = align(k.features, k.thumb, feats, gray, regions)
        if al is None:
            continue
        v = decide_features(al)
        if v is None:
            continue
        x, y, bw, bh = al.box
        if mirrored:
            x = 1.0 - x - bw
        region = (round(x, 3), round(y, 3), round(bw, 3), round(bh, 3))
        panel, pbox = _panel_of(query, region)
        f = Finding(i, v, 64, -1.0, "features", panel, _fractions(pbox, query.width, query.height) if pbox else None,
                    al.inliers, al.correlation, region, mirrored)
        if _better(best, f):
            best = f
        if v == "match":
            break  # the mirror image adds nothing
    return best
