"""Local features: finding a known photo inside another picture and under geometric change.

A perceptual hash describes a whole picture, so a hard crop, a rotation of 15°, or the photo as one
tile of a collage moves it as far as a different photograph. Local features do not care: ORB
keypoints (OpenCV) of the known photo are matched to the query's, and a homography estimated with
RANSAC must explain enough of them. Two further checks keep that from ever calling different
photographs the same: the homography must be one a camera, a crop or a screen could make (no
folding, no mirror, a sane scale), and the query, warped back into the known photo's frame, must
correlate with the known thumbnail over the part they share. Repeated textures (brick, grass, text)
give a few consistent matches by chance; they do not give a warp under which the pixels agree.

OpenCV (opencv-python-headless) is the well-kept library made for this: ORB, brute-force Hamming
matching and RANSAC in a few calls, with nothing downloaded at run time.

A known photo keeps at most `KNOWN_FEATURES` keypoints (36 bytes each: x, y and a 256-bit
descriptor), about 4.6 KB, computed on the same trimmed working copy its thumbnail comes from.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

import cv2
import numpy as np

cv2.setNumThreads(1)  # one small image at a time; workers are processes, not OpenCV threads

KNOWN_FEATURES = 128
QUERY_FEATURES = 1500
_VERSION = 1
_HEADER = struct.Struct("<BHHH")  # version, width, height, count
_XY_SCALE = 16.0  # coordinates kept in 1/16 pixel as uint16 (images up to 4,096 pixels a side)

_KNOWN_ORB = cv2.ORB.create(nfeatures=KNOWN_FEATURES, scaleFactor=1.25, nlevels=6, edgeThreshold=12,
                            patchSize=23, fastThreshold=12)
_QUERY_ORB = cv2.ORB.create(nfeatures=QUERY_FEATURES, scaleFactor=1.25, nlevels=8, edgeThreshold=12,
                            patchSize=23, fastThreshold=10)
_MATCHER = cv2.BFMatcher(cv2.NORM_HAMMING)

Box = tuple[int, int, int, int]  # x0, y0, x1, y1 in the query's pixels

@dataclass(slots=True)
class Features:
    xy: np.ndarray  # float32 (n, 2), pixels of the image they were found on
    desc: np.ndarray  # uint8 (n, 32)
    width: int
    height: int

    def __len__(self) -> int:
        return int(self.xy.shape[0])


def _extract(orb: cv2.ORB, gray: np.ndarray) -> Features:
    h, w = gray.shape[:2]
    kps, desc = None, None
    if min(h, w) >= 32:  # smaller than an ORB patch and its border: nothing to find
        try:
            kps, desc = orb.detectAndCompute(np.ascontiguousarray(gray, dtype=np.uint8), None)
        except cv2.error:
            kps, desc = None, None
    if desc is None or not kps:
        return Features(np.zeros((0, 2), np.float32), np.zeros((0, 32), np.uint8), w, h)
    xy = np.array([k.pt for k in kps], dtype=np.float32)
    return Features(xy, desc, w, h)


def known_features(gray: np.ndarray) -> Features:
    """The few, strongest keypoints the bank keeps of a known photo."""
    return _extract(_KNOWN_ORB, gray)


def query_features(gray: np.ndarray) -> Features:
    """Many keypoints of a suspect photo (it may hold the known one as a small part)."""
    return _extract(_QUERY_ORB, gray)


def pack(f: Features) -> bytes:
    n = len(f)
    xy = np.clip(np.round(f.xy * _XY_SCALE), 0, 65535).astype("<u2")
    return _HEADER.pack(_VERSION, f.width, f.height, n) + xy.tobytes() + np.ascontiguousarray(f.desc).tobytes()


def unpack(blob: bytes | None) -> Features | None:
    if not blob or len(blob) < _HEADER.size:
        return None
    version, w, h, n = _HEADER.unpack_from(blob)
    if version != _VERSION or len(blob) != _HEADER.size + n * 36:
        return None
    off = _HEADER.size
    xy = np.frombuffer(blob, dtype="<u2", count=2 * n, offset=off).reshape(n, 2).astype(np.float32) / _XY_SCALE
    desc = np.frombuffer(blob, dtype=np.uint8, count=32 * n, offset=off + 4 * n).reshape(n, 32)
    return Features(xy, desc, w, h)


# ------------------------------------------------------------------ verification

MIN_INLIERS = 9  # fewer consistent keypoints than this is not evidence of anything
_RATIO = 0.82  # Lowe's ratio test on the two nearest known descriptors


@dataclass(slots=True)
class Alignment:
    """A known photo found in the query: where, how firmly, and how well the pixels agree."""

    inliers: int
    matches: int  # descriptor matches before the geometric check
    correlation: float  # of the known thumbnail and the query warped into its frame
    coverage: float  # share of the known photo that the query shows
    box: tuple[float, float, float, float]  # where the known photo lies in the query (fractions)
    homography: np.ndarray  # known pixels → query pixels


def _sane(h: np.ndarray, known: Features, query: Features) -> bool:
    """A warp a camera, a crop, a rotation or a screen photographed at an angle could make."""
    if not np.all(np.isfinite(h)) or abs(h[2, 2]) < 1e-9:
        return False
    h = h / h[2, 2]
    a = h[:2, :2]
    det = float(np.linalg.det(a))
    if det <= 0:  # a mirror image is matched as the mirrored query, never as a fold
        return False
    sv = np.linalg.svd(a, compute_uv=False)
    if sv[1] < 1e-6 or sv[0] / sv[1] > 3.0:  # squashed more than 3:1
        return False
    scale = float(np.sqrt(det))
    if not 0.08 <= scale <= 12.0:
        return False
    # The known frame's corners: a convex quadrilateral, no vanishing point inside the photo.
    w, hh = known.width, known.height
    corners = np.array([[0, 0], [w, 0], [w, hh], [0, hh]], np.float32)
    denom = corners @ h[2, :2] + h[2, 2]
    if np.any(denom <= 0.2):
        return False
    quad = cv2.perspectiveTransform(corners[None], h)[0]
    cross = []
    for i in range(4):
        p, q, r = quad[i], quad[(i + 1) % 4], quad[(i + 2) % 4]
        cross.append(float((q[0] - p[0]) * (r[1] - q[1]) - (q[1] - p[1]) * (r[0] - q[0])))
    return all(c > 0 for c in cross) or all(c < 0 for c in cross)


def _local_sd(img: np.ndarray) -> np.ndarray:
    a = img.astype(np.float32)
    mean = cv2.blur(a, (5, 5))
    return np.sqrt(np.maximum(cv2.blur(a * a, (5, 5)) - mean * mean, 0.0))


def _warped_correlation(h: np.ndarray, known: Features, thumb: np.ndarray, query_gray: np.ndarray,
                        clip: Box | None = None) -> tuple[float, float]:
    """Correlation of the known thumbnail with the query warped into its frame, over the part of
    the known photo the query shows (inside `clip`, the panel of a composite, when given); and
    that part's share of the known photo."""
    side = thumb.shape[0]
    # thumbnail pixel → known pixel → query pixel
    to_known = np.array([[known.width / side, 0, 0], [0, known.height / side, 0], [0, 0, 1]], np.float64)
    m = h @ to_known
    shown: np.ndarray = np.zeros(query_gray.shape[:2], np.uint8)
    if clip is None:
        shown[:] = 255
    else:
        shown[clip[1]:clip[3], clip[0]:clip[2]] = 255
    # Shrink the query first to about the thumbnail's scale: sampling a large picture down to 64
    # pixels point by point aliases fine texture (fur, grass) into noise.
    hn = h / h[2, 2]
    f = float(np.sqrt(abs(np.linalg.det(hn[:2, :2])))) * max(known.width, known.height) / side
    if f > 1.5:
        qh, qw = query_gray.shape[:2]
        size = (max(1, round(qw / f)), max(1, round(qh / f)))
        query_gray = cv2.resize(query_gray, size, interpolation=cv2.INTER_AREA)
        shown = cv2.resize(shown, size, interpolation=cv2.INTER_NEAREST)
        m = np.diag([size[0] / qw, size[1] / qh, 1.0]) @ m
    warped = cv2.warpPerspective(query_gray, m, (side, side), flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                                 borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    inside = cv2.warpPerspective(shown, m, (side, side),
                                 flags=cv2.INTER_NEAREST | cv2.WARP_INVERSE_MAP, borderMode=cv2.BORDER_CONSTANT,
                                 borderValue=0)
    mask = cv2.erode(inside, np.ones((3, 3), np.uint8)) > 0
    coverage = float(mask.mean())
    # Only where the query shows something: the flat background of a screenshot, a meme bar or a
    # letterbox beside a cropped photo is not the photo (nor is the band along its edge). A photo
    # that is mostly flat itself (a horse on a white studio background) leaves too little that
    # way, and is compared wherever the query covers it.
    query_flat = cv2.dilate((_local_sd(warped) <= 2.0).astype(np.uint8), np.ones((7, 7), np.uint8)) > 0
    if (mask & ~query_flat).sum() >= 150:
        mask &= ~query_flat
    elif (mask & (_local_sd(thumb) > 2.0)).sum() < 100:  # nothing of the photo to compare
        return 0.0, coverage
    a = cv2.GaussianBlur(thumb.astype(np.float32), (3, 3), 0)[mask]
    b = cv2.GaussianBlur(warped.astype(np.float32), (3, 3), 0)[mask]
    a -= a.mean()
    b -= b.mean()
    na, nb = float(np.linalg.norm(a)), float(np.linalg.norm(b))
    if na < 1e-3 * a.size or nb < 1e-3 * b.size:
        return 0.0, coverage
    return float(a @ b / (na * nb)), coverage


def _fit(src: np.ndarray, dst: np.ndarray, similarity: bool, thresh: float) -> tuple[np.ndarray | None, np.ndarray | None]:
    cv2.setRNGSeed(12345)  # RANSAC draws at random: the same query gets the same answer every time
    if similarity:  # rotation, scale and shift: a crop, a tile, a turn (4 degrees of freedom)
        m, mask = cv2.estimateAffinePartial2D(src, dst, method=cv2.RANSAC, ransacReprojThreshold=thresh,
                                              maxIters=1000, confidence=0.995)
        return (np.vstack([m, [0.0, 0.0, 1.0]]) if m is not None else None), mask
    # a full homography: a screen or a print photographed at an angle
    return cv2.findHomography(src, dst, cv2.RANSAC, thresh, maxIters=1000, confidence=0.995)


def _score(al: Alignment) -> float:
    return al.correlation + min(al.inliers, 60) / 600


def align(known: Features, thumb: np.ndarray, query: Features, query_gray: np.ndarray,
          regions: list[Box] | None = None) -> Alignment | None:
    """The known photo located in the query by matched keypoints and RANSAC, or None.

    Two models are fitted, a similarity and a homography, over all the matches and then over the
    matches inside each of `regions` (the panels of a composite, where the other tiles' chance
    matches would otherwise pull a fit astray); the one under which the pixels agree best wins."""
    if len(known) < MIN_INLIERS or len(query) < MIN_INLIERS:
        return None
    pairs = _MATCHER.knnMatch(known.desc, query.desc, k=2)
    good = [p[0] for p in pairs if len(p) == 2 and p[0].distance < _RATIO * p[1].distance and p[0].distance <= 64]
    if len(good) < MIN_INLIERS:
        return None
    src = known.xy[[g.queryIdx for g in good]]
    dst = query.xy[[g.trainIdx for g in good]]
    thresh = max(3.0, 0.012 * max(query.width, query.height))
    groups: list[tuple[np.ndarray, Box | None]] = [(np.ones(len(good), bool), None)]
    for box in regions or []:
        x0, y0, x1, y1 = box
        inside = (dst[:, 0] >= x0) & (dst[:, 0] < x1) & (dst[:, 1] >= y0) & (dst[:, 1] < y1)
        if inside.sum() >= MIN_INLIERS:
            groups.append((inside, box))
    best: Alignment | None = None
    for sel, clip in groups:
        for similarity in (True, False):
            al, rigid = _check(known, thumb, query, query_gray, src[sel], dst[sel], similarity, thresh, len(good),
                               clip, regions or [])
            if al is not None and (best is None or _score(al) > _score(best)):
                best = al
            if best is not None and best.correlation >= 0.8 and best.inliers >= 20:
                return best  # beyond doubt: no need to try the rest
            if similarity and rigid < MIN_INLIERS // 2:
                break  # no rigid relation at all: a homography would only fit chance matches
    return best


def _check(known: Features, thumb: np.ndarray, query: Features, query_gray: np.ndarray, src: np.ndarray,
           dst: np.ndarray, similarity: bool, thresh: float, n_good: int, clip: Box | None,
           regions: list[Box]) -> tuple[Alignment | None, int]:
    """The alignment under one model, if it passes every check; and how many matches it explains."""
    h, mask = _fit(src, dst, similarity, thresh)
    if h is None or mask is None:
        return None, 0
    inliers = int(mask.sum())
    if inliers < MIN_INLIERS or not _sane(h, known, query):
        return None, inliers
    # Inliers spread over the photo, not heaped on one spot (a logo, a watermark).
    pts = src[mask.ravel() > 0]
    spread = (np.ptp(pts[:, 0]) / known.width) * (np.ptp(pts[:, 1]) / known.height)
    if spread < 0.02:
        return None, inliers
    corr, coverage = _warped_correlation(h, known, thumb, query_gray, clip)
    if clip is None and regions:  # also within the panel most inliers fall in (a mistaken cut costs nothing)
        at = np.median(dst[mask.ravel() > 0], axis=0)
        clip = next((b for b in regions if b[0] <= at[0] < b[2] and b[1] <= at[1] < b[3]), None)
        if clip is not None:
            in_panel, panel_coverage = _warped_correlation(h, known, thumb, query_gray, clip)
            if in_panel > corr:
                corr, coverage = in_panel, panel_coverage
            else:
                clip = None
    w, hh = known.width, known.height
    quad = cv2.perspectiveTransform(np.array([[[0, 0], [w, 0], [w, hh], [0, hh]]], np.float32), h)[0]
    lo, hi = (clip[:2], clip[2:]) if clip is not None else ((0, 0), (query.width, query.height))
    x0, y0 = np.maximum(quad.min(axis=0), lo)
    x1, y1 = np.minimum(quad.max(axis=0), hi)
    box = (float(x0 / query.width), float(y0 / query.height), float(max(0.0, x1 - x0) / query.width),
           float(max(0.0, y1 - y0) / query.height))
    return Alignment(inliers, n_good, round(corr, 3), round(coverage, 3), box, h), inliers
