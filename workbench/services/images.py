"""The known-image bank: registering photos with their provenance, matching suspect photos
against it, and recording what a checker concluded as evidence on a claim."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image
from sqlalchemy import func, insert, select, update

from workbench.config import cache_dir, current_user
from workbench.errors import InputError, WorkbenchError
from workbench.files import read_regular, walk_files
from workbench.images.decode import IMAGE_SUFFIXES, ImageFacts, load_image, share_decode_lock
from workbench.images.features import KNOWN_FEATURES
from workbench.images.features import unpack as unpack_features
from workbench.images.hashing import Fingerprint, fingerprint, to_signed
from workbench.images.keypoint_index import FORMAT as KEYPOINT_FORMAT
from workbench.images.keypoint_index import MAX_PHOTOS as KEYPOINT_INDEX_MAX
from workbench.images.keypoint_index import KeypointIndex
from workbench.images.keypoint_index import build as build_keypoint_index
from workbench.images.matching import (
    QUERY_WORK,
    BankIndex,
    Finding,
    Known,
    analyse,
    find_known,
    region_words,
)
from workbench.images.saved_index import Writer as IndexWriter
from workbench.images.saved_index import load as load_index
from workbench.services.claims import NotFound

# Evidence on claims lives in its own module (reading it needs no image library); these names
# stay importable from here.
from workbench.services.evidence import (  # noqa: F401
    EvidenceRow,
    _require_claim,
    add_evidence,
    add_evidence_many,
    claim_evidence,
)
from workbench.storage.db import Database
from workbench.storage.models import Evidence, KnownImage, utcnow
from workbench.text.encoding import utf8_text

_KNOWN = KnownImage.__table__
_EVIDENCE = Evidence.__table__


@dataclass(slots=True)
class ImageError:
    path: str
    message: str


@dataclass
class AddReport:
    added: int = 0
    duplicates: int = 0
    errors: list[ImageError] = field(default_factory=list)
    ids: list[int] = field(default_factory=list)


def iter_image_files(paths: Iterable[str | Path]) -> Iterator[Path | ImageError]:
    """Image files under `paths` (folders recursively, in name order). Whatever is not a regular
    file is passed on too, for `load_image` to refuse with one line (never silently dropped, never
    read)."""
    for p in paths:
        path = Path(p)
        try:
            is_dir = path.is_dir()
            there = is_dir or os.path.lexists(path)
        except OSError as exc:
            yield ImageError(str(path), f"cannot read: {exc.strerror or exc}")
            continue
        if is_dir:
            found, problems = walk_files(path)
            for where, why in problems:
                yield ImageError(where, why)
            for f in found:
                if f.suffix.lower() in IMAGE_SUFFIXES and not f.name.startswith("."):
                    yield f
        elif there:
            yield path
        else:
            yield ImageError(str(path), "no such file or folder")


def _row(path: Path, facts: ImageFacts, fp: Fingerprint, provenance: dict[str, str | None], user: str) -> dict[str, Any]:
    return {
        "sha256": facts.sha256,
        "path": utf8_text(str(path.resolve())),
        "source": provenance.get("source"),
        "first_seen": provenance.get("date") or None,
        "caption": provenance.get("caption"),
        "url": provenance.get("url"),
        "exif_date": facts.exif_date,
        "camera": facts.camera,
        "gps_lat": facts.gps[0] if facts.gps else None,
        "gps_lon": facts.gps[1] if facts.gps else None,
        "width": facts.width,
        "height": facts.height,
        "format": facts.format,
        "size_bytes": facts.size_bytes,
        "ph": to_signed(fp.ph),
        "ph_trim": to_signed(fp.ph_trim),
        "ph_center": to_signed(fp.ph_center),
        "dh": to_signed(fp.dh),
        "pdq": fp.pdq.hex() if fp.pdq else None,
        "pdq_quality": fp.pdq_quality,
        "thumb": fp.thumb,
        "trimmed": fp.trimmed,
        "features": fp.features or None,
        "added_at": utcnow(),
        "added_by": user,
    }


_DATE_ISO = re.compile(r"(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?")
_DATE_DAY_FIRST = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")


def parse_date(value: str | None, *, what: str = "date") -> str | None:
    """A date a photo was first seen, as YYYY-MM-DD (or YYYY-MM, YYYY, or with a time): given
    that way, or day first as in Arabic and European usage (21/08/2013), in Arabic-Indic digits
    too. A date that could be read two ways (03/04/2013), that does not exist or that is still to
    come is refused with one line that says so."""
    import datetime as dt

    from workbench.text.normalize import fold

    if value is None or not value.strip():
        return None
    text = fold(value.strip()).replace(",", "")
    bad = f"{what} {value.strip()!r}"
    m = _DATE_ISO.fullmatch(text)
    if m:
        year, month, day = int(m[1]), int(m[2] or 0), int(m[3] or 0)
        hour = minute = second = None if m[4] is None else 0
        if m[4] is not None:
            hour, minute, second = int(m[4]), int(m[5]), int(m[6] or 0)
    else:
        m = _DATE_DAY_FIRST.fullmatch(text)
        if not m:
            raise InputError(f"{bad} is not a date: write it as YYYY-MM-DD (or day first, 21/08/2013)")
        day, month, year = int(m[1]), int(m[2]), int(m[3])
        if day <= 12 and month <= 12 and day != month:
            raise InputError(f"{bad} could be {year}-{month:02d}-{day:02d} or {year}-{day:02d}-{month:02d}: "
                             "write it as YYYY-MM-DD")
        hour = minute = second = None
    try:
        when = dt.datetime(year, month or 1, day or 1, hour or 0, minute or 0, second or 0)
    except ValueError as exc:
        raise InputError(f"{bad} is not a date ({exc})") from exc
    if when.date() > dt.date.today():
        raise InputError(f"{bad} is still to come")
    out = f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")
    if hour is not None:
        out += f"T{hour:02d}:{minute:02d}:{second:02d}"
    return out


def add_images(
    db: Database,
    paths: Iterable[str | Path],
    *,
    source: str | None = None,
    date: str | None = None,
    caption: str | None = None,
    url: str | None = None,
    user: str | None = None,
    on_error: Callable[[ImageError], None] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    batch: int = 64,
    workers: int | None = None,
) -> AddReport:
    """Register known images. The same file (by SHA-256) is stored once; a bad file is reported
    and the rest stored; rows are committed in small batches, so an interruption loses at most
    the batch under way and running again completes it."""
    who = current_user(user)
    given = {"source": utf8_text(source) if source else source,
             "date": parse_date(utf8_text(date) if date else date, what="--date"),
             "caption": utf8_text(caption) if caption else caption, "url": utf8_text(url) if url else url}
    sidecars: dict[Path, dict[str, dict[str, str | None]]] = {}
    report = AddReport()
    files = list(iter_image_files(paths))
    pending: list[dict[str, Any]] = []
    seen: set[str] = set()
    filled: list[str] = []

    def flush() -> None:
        if not pending:
            return
        with db.begin_write() as conn:
            have = dict(conn.execute(select(_KNOWN.c.sha256, _KNOWN.c.features.is_(None))
                                     .where(_KNOWN.c.sha256.in_([r["sha256"] for r in pending]))).all())
            rows = [r for r in pending if r["sha256"] not in have]
            report.duplicates += len(pending) - len(rows)
            for r in pending:  # registered before local features existed: fill them in
                if have.get(r["sha256"]) and r["features"]:
                    conn.execute(update(_KNOWN).where(_KNOWN.c.sha256 == r["sha256"]).values(features=r["features"]))
                    filled.append(r["sha256"])
            if rows:
                ids = conn.execute(insert(_KNOWN).returning(_KNOWN.c.id), rows).scalars().all()
                report.ids.extend(int(i) for i in ids)
                report.added += len(rows)
        pending.clear()
        invalidate_index(db)

    for n, (item, hashed) in enumerate(_hash_files(files, workers), 1):
        if isinstance(hashed, ImageError):
            report.errors.append(hashed)
            if on_error:
                on_error(hashed)
        elif isinstance(item, Path):
            facts, fp = hashed
            if facts.sha256 in seen:
                report.duplicates += 1
            else:
                try:
                    provenance = _provenance_for(item, given, sidecars)
                except InputError as exc:  # a bad date in provenance.json: fixed there, then added again
                    error = ImageError(str(item), str(exc))
                    report.errors.append(error)
                    if on_error:
                        on_error(error)
                else:
                    seen.add(facts.sha256)
                    pending.append(_row(item, facts, fp, provenance, who))
        if len(pending) >= batch:
            flush()
        if on_progress:
            on_progress(n, len(files))
    flush()
    if report.added or filled:
        with db.engine.connect() as conn:
            large = conn.execute(select(func.count()).select_from(_KNOWN)).scalar_one() >= SAVE_FROM
        if large:  # leave the saved index ready (rebuilt if this batch made it stale), not the next query
            bank_index(db)
    return report


def _hash_one(item: Path | ImageError) -> tuple[ImageFacts, Fingerprint] | ImageError:
    if isinstance(item, ImageError):
        return item
    try:
        img, facts = load_image(item)
        return facts, fingerprint(img)
    except InputError as exc:
        return ImageError(str(item), str(exc).removeprefix(f"{item}: "))
    except MemoryError:
        return ImageError(str(item), "too large to decode in the memory available")
    except Exception as exc:  # a decoder's bug on one odd file: one line, the batch goes on
        lines = str(exc).strip().splitlines()
        return ImageError(str(item), f"cannot be read ({type(exc).__name__}{': ' + lines[0][:200] if lines else ''})")


_CHUNK = 8  # files a worker hashes at a time


def _hash_chunk(items: list[Path | ImageError]) -> list[tuple[ImageFacts, Fingerprint] | ImageError]:
    return [_hash_one(item) for item in items]


def _hash_files(
    files: list[Path | ImageError], workers: int | None
) -> Iterator[tuple[Path | ImageError, tuple[ImageFacts, Fingerprint] | ImageError]]:
    """Decode and hash, in order; on every core for a large batch (decoding is the cost). The
    calling process is one of the workers: it hashes the last files no worker has started while
    it waits for the next in order, so a batch forks one process fewer than it has cores."""
    n_workers = workers if workers is not None else (os.cpu_count() or 1)
    if n_workers <= 1 or len(files) < 32:
        for item in files:
            yield item, _hash_one(item)
        return
    import gc
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    fork = hasattr(os, "fork")
    ctx = multiprocessing.get_context("fork") if fork else multiprocessing.get_context()
    # One big decode at a time across the workers and this process (see images.decode): two
    # 500 MB pictures decoded at once would double the peak.
    lock = ctx.Lock()
    share_decode_lock(lock)
    if fork:
        # Forked workers inherit what the parent has set up: decoders, plugins and OpenCV run
        # once here, not once in each worker (tens of milliseconds each), and the objects that
        # exist now are kept out of the collector's way so the workers do not copy their pages.
        _warm_up()
        gc.freeze()
    try:
        chunks = [files[i:i + _CHUNK] for i in range(0, len(files), _CHUNK)]
        with ProcessPoolExecutor(max_workers=n_workers - 1, mp_context=ctx, initializer=share_decode_lock,
                                 initargs=(lock,)) as pool:
            futures = [pool.submit(_hash_chunk, chunk) for chunk in chunks]
            here: dict[int, list[tuple[ImageFacts, Fingerprint] | ImageError]] = {}
            tail = len(chunks) - 1
            for k, chunk in enumerate(chunks):
                while k not in here and not futures[k].done() and tail > k:
                    if futures[tail].cancel():  # no worker has started it: hash it here
                        here[tail] = _hash_chunk(chunks[tail])
                    tail -= 1
                yield from zip(chunk, here.pop(k) if k in here else futures[k].result(), strict=True)
    finally:
        share_decode_lock(None)
        if fork:
            gc.unfreeze()


def _warm_up() -> None:
    rng = np.random.default_rng(0)
    buf = io.BytesIO()
    Image.fromarray(rng.integers(0, 256, (48, 64), dtype=np.uint8)).save(buf, "JPEG")
    img, _facts = load_image("warm-up.jpg", buf.getvalue())
    fingerprint(img)


SIDECAR_BYTES = 16 * 1024 * 1024


def _text(value: Any) -> str | None:
    """A provenance field as text (a sidecar may hold numbers, lists, anything)."""
    return value if isinstance(value, str) else None


def _provenance_for(
    path: Path, given: dict[str, str | None], cache: dict[Path, dict[str, dict[str, str | None]]]
) -> dict[str, str | None]:
    """What the command line gave, completed from a `provenance.json` beside the file
    ({"images": [{"file", "source", "date", "caption", "url"}]})."""
    folder = path.parent
    if folder not in cache:
        cache[folder] = {}
        sidecar = folder / "provenance.json"
        if sidecar.is_file():
            try:
                data = json.loads(read_regular(sidecar, SIDECAR_BYTES).decode("utf-8"))
                for item in data.get("images", []) if isinstance(data, dict) else []:
                    if isinstance(item, dict) and item.get("file"):
                        cache[folder][str(item["file"])] = {k: _text(item.get(k)) for k in ("source", "date", "caption", "url")}
            except (InputError, ValueError, RecursionError):
                pass  # an unreadable sidecar gives no provenance; the photos are still registered
    from_file = cache[folder].get(path.name, {})
    found = {k: given.get(k) or from_file.get(k) for k in ("source", "date", "caption", "url")}
    if not given.get("date") and from_file.get("date"):
        found["date"] = parse_date(str(from_file["date"]), what=f"provenance.json: date of {path.name}")
    return found


# ------------------------------------------------------------------ the index

SAVE_FROM = 2_000  # a bank this large keeps its index saved on disk (a smaller one is built in a blink)
_INDEX_LOCK = threading.Lock()
_INDEXES: dict[str, tuple[int, BankIndex]] = {}


def invalidate_index(db: Database) -> None:
    with _INDEX_LOCK:
        _INDEXES.pop(db.url, None)


def bank_index(db: Database) -> BankIndex:
    """The bank's hashes and keypoints, filed for search: kept in this process until the bank
    changes, and for a large bank saved on disk (`workbench.images.saved_index`) so that the next
    process opens it instead of rebuilding it. Photos registered since it was saved are filed in
    memory beside it, until they are many enough to be worth a new save."""
    with db.engine.connect() as conn:
        # Photos are only ever added, each with a higher id: the last id says whether the bank
        # changed, in a lookup (counting 100,000 rows would cost a query 20 ms).
        max_id = int(conn.execute(select(func.coalesce(func.max(_KNOWN.c.id), 0))).scalar_one())
        with _INDEX_LOCK:
            cached = _INDEXES.get(db.url)
            if cached and cached[0] == max_id:
                return cached[1]
        count = int(conn.execute(select(func.count()).select_from(_KNOWN)).scalar_one())
        index = _open_index(db, conn, count, max_id)
    with _INDEX_LOCK:
        _INDEXES[db.url] = (max_id, index)
    return index


def _index_folder(db: Database) -> Path | None:
    url = db.engine.url
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:":
            return None
        identity = "sqlite:" + str(Path(url.database).resolve())
    else:
        identity = url.render_as_string(hide_password=True)
    return cache_dir() / "bank-index" / hashlib.sha256(identity.encode()).hexdigest()[:24]


@dataclass
class _Rows:
    """Known images as the index files them: ids, hashes (uint64) and keypoint descriptors, all
    stacked in one array (photo i owning the next counts[i])."""

    ids: np.ndarray
    ph: np.ndarray
    ph_trim: np.ndarray
    ph_center: np.ndarray
    desc: np.ndarray
    counts: np.ndarray
    missing: int  # registered before keypoints existed (none kept yet)


def _read_rows(conn: Any, after: int, upto: int, keypoints: bool) -> _Rows:
    """The known images with ids in (after, upto], their keypoints copied into one array as they
    are read (a bank of 100,000 keeps 400 MB of them: never twice, unless ORB kept more than its
    nominal count for many photos and the array must grow)."""
    cols = [_KNOWN.c.id, _KNOWN.c.ph, _KNOWN.c.ph_trim, _KNOWN.c.ph_center]
    if keypoints:
        cols.append(_KNOWN.c.features)
    where = (_KNOWN.c.id > after) & (_KNOWN.c.id <= upto)
    n = int(conn.execute(select(func.count()).select_from(_KNOWN).where(where)).scalar_one()) if keypoints else 0
    desc = np.empty((n * KNOWN_FEATURES, 32), dtype=np.uint8)
    counts: list[int] = []
    ids: list[int] = []
    hashes: list[tuple[int, int, int]] = []
    missing = filled = 0
    for r in conn.execute(select(*cols).where(where).order_by(_KNOWN.c.id)):
        ids.append(r[0])
        hashes.append((r[1], r[2], r[3]))
        if keypoints:
            missing += r[4] is None
            f = unpack_features(r[4])
            k = 0 if f is None else len(f)
            if filled + k > desc.shape[0]:  # ORB keeps ties at its cut, so a photo may hold a few more
                grown = np.empty((filled + k + desc.shape[0] // 8 + KNOWN_FEATURES, 32), dtype=np.uint8)
                grown[:filled] = desc[:filled]
                desc = grown
            if k:
                desc[filled:filled + k] = f.desc
            filled += k
            counts.append(k)
    h = np.array(hashes, dtype=np.int64).reshape(-1, 3).view(np.uint64)  # BIGINT columns hold them signed
    return _Rows(np.array(ids, dtype=np.int64), h[:, 0].copy(), h[:, 1].copy(), h[:, 2].copy(), desc[:filled],
                 np.array(counts, dtype=np.int64), missing)


_INDEX_KIND = f"bank-index/1 keypoints {KEYPOINT_FORMAT}"


def _open_index(db: Database, conn: Any, count: int, max_id: int) -> BankIndex:
    keypoints = count <= KEYPOINT_INDEX_MAX
    folder = _index_folder(db) if count >= SAVE_FROM else None
    saved = _saved(conn, folder, count, max_id) if folder is not None else None
    rows = _read_rows(conn, int(saved[0]["max_id"]) if saved else 0, max_id, keypoints)
    if folder is not None and (saved is None or rows.ids.size > max(SAVE_FROM, count // 50)):
        if saved is not None:  # too much filed beside it: one new index of everything
            rows = _read_rows(conn, 0, max_id, keypoints)
        try:
            _save_index(conn, folder, rows, keypoints)
        except OSError:  # a cache that cannot be written: this process files everything itself
            return _assemble(None, rows, keypoints)
        del rows
        saved = _saved(conn, folder, count, max_id)
        rows = _read_rows(conn, int(saved[0]["max_id"]) if saved else 0, max_id, keypoints)
    return _assemble(saved[1] if saved else None, rows, keypoints)


def _save_index(conn: Any, folder: Path, rows: _Rows, keypoints: bool) -> None:
    """Everything in `rows` filed and written to a new saved index, a table at a time."""
    first = int(rows.ids[0]) if rows.ids.size else 0
    last = int(rows.ids[-1]) if rows.ids.size else 0
    with IndexWriter(folder) as w:
        for name in ("ids", "ph", "ph_trim", "ph_center"):
            w.add(name, getattr(rows, name))
        if keypoints:
            for name, arr in build_keypoint_index(rows.desc, rows.counts):
                w.add(name, arr)
        w.commit({"kind": _INDEX_KIND, "count": int(rows.ids.size), "max_id": last, "first_id": first,
                  "shas": _shas(conn, first, last), "missing": rows.missing, "keypoints": keypoints})


def _shas(conn: Any, first: int, last: int) -> list[str]:
    found = dict(conn.execute(select(_KNOWN.c.id, _KNOWN.c.sha256).where(_KNOWN.c.id.in_([first, last]))).all())
    return [found.get(first, ""), found.get(last, "")]


def _saved(conn: Any, folder: Path, count: int, max_id: int) -> tuple[dict[str, Any], dict[str, np.ndarray]] | None:
    """The saved index, if it is this bank's as it stands (photos are only ever added): the same
    first and last photos, as many up to the last, and keypoints for all of them it had."""
    loaded = load_index(folder)
    if loaded is None:
        return None
    meta, arrays = loaded
    try:
        last, first, n = int(meta["max_id"]), int(meta["first_id"]), int(meta["count"])
        if meta["kind"] != _INDEX_KIND or last > max_id or meta["keypoints"] != (count <= KEYPOINT_INDEX_MAX):
            return None
        newer = conn.execute(select(func.count()).where(_KNOWN.c.id > last)).scalar_one()
        if count - newer != n or _shas(conn, first, last) != list(meta["shas"]):
            return None
        if int(meta["missing"]):  # keypoints filled in since for photos registered before them?
            have = conn.execute(select(func.count()).where(_KNOWN.c.id <= last, _KNOWN.c.features.is_(None))).scalar_one()
            if have != int(meta["missing"]):
                return None
    except (KeyError, TypeError, ValueError):
        return None
    return meta, arrays


def _assemble(saved: dict[str, np.ndarray] | None, rows: _Rows, keypoints: bool) -> BankIndex:
    """A saved index (memory-mapped, or None) and the photos registered since, as one."""
    cols = ("ids", "ph", "ph_trim", "ph_center")
    if saved is None:
        arrays = [getattr(rows, c) for c in cols]
    elif rows.ids.size == 0:
        arrays = [saved[c] for c in cols]
    else:
        arrays = [np.concatenate([saved[c], getattr(rows, c)]) for c in cols]
    index = BankIndex(*arrays)
    if keypoints:
        kp = KeypointIndex.from_arrays(saved) if saved is not None else KeypointIndex()
        kp.add_stacked(rows.desc, rows.counts)
        index.keypoints = kp
    return index


@dataclass(slots=True)
class ImageMatch:
    known_id: int
    path: str
    distance: int
    correlation: float
    verdict: str
    source: str | None
    first_seen: str | None
    caption: str | None
    url: str | None
    exif_date: str | None
    width: int
    height: int
    # How it was found, for the checker to judge: the stage that decided ("hash", "thumbnail" or
    # "features"), the panel of a composite, the keypoints that agree, where it lies in the query.
    stage: str = "hash"
    how: str = ""
    panel: int | None = None
    panel_box: tuple[float, float, float, float] | None = None
    inliers: int | None = None
    feature_correlation: float | None = None
    region: tuple[float, float, float, float] | None = None
    mirrored: bool = False

    @property
    def where(self) -> str:
        """Where in the suspect photo it was found, in words."""
        return region_words(self.region)

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path, "known_id": self.known_id, "distance": self.distance, "verdict": self.verdict,
            "correlation": self.correlation, "source": self.source, "first_seen": self.first_seen,
            "caption": self.caption, "url": self.url, "exif_date": self.exif_date,
            "width": self.width, "height": self.height,
            "stage": self.stage, "how": self.how, "panel": self.panel,
            "panel_box": list(self.panel_box) if self.panel_box else None, "inliers": self.inliers,
            "feature_correlation": self.feature_correlation,
            "region": list(self.region) if self.region else None, "mirrored": self.mirrored,
        }


@dataclass(slots=True)
class MatchResult:
    file: str
    sha256: str
    matches: list[ImageMatch]
    trimmed: bool = False
    panels: int = 0  # panels of a composite the query was cut into (0: a single picture)
    unmatchable: str | None = None  # why the photo cannot be matched at all (a flat picture)

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "sha256": self.sha256, "matches": [m.to_json() for m in self.matches],
                "trimmed_frame": self.trimmed, "panels": self.panels, "unmatchable": self.unmatchable}


def _known_loader(db: Database, index: BankIndex) -> Any:
    def load(positions: list[int]) -> dict[int, Known]:
        by_id = {int(index.ids[i]): i for i in positions}
        out: dict[int, Known] = {}
        with db.engine.connect() as conn:
            for r in conn.execute(select(_KNOWN.c.id, _KNOWN.c.thumb, _KNOWN.c.features)
                                  .where(_KNOWN.c.id.in_(list(by_id)))):
                thumb = np.frombuffer(r.thumb, dtype=np.uint8).reshape(64, 64) if r.thumb else None
                out[by_id[int(r.id)]] = Known(thumb, unpack_features(r.features))
        return out

    return load


def match_image(db: Database, path: str | Path, data: bytes | None = None) -> MatchResult:
    """Check one photo against the bank. Raises InputError for an unreadable file."""
    img, facts = load_image(path, data, work_size=QUERY_WORK)
    query = analyse(img)
    index = bank_index(db)
    findings: list[Finding] = find_known(query, index, _known_loader(db, index))
    out = []
    if findings:
        ids = [int(index.ids[f.index]) for f in findings]
        with db.engine.connect() as conn:
            rows = {r.id: r for r in conn.execute(select(_KNOWN).where(_KNOWN.c.id.in_(ids))).all()}
        for f, kid in zip(findings, ids, strict=True):
            r = rows.get(kid)
            if r is None:
                continue
            out.append(ImageMatch(r.id, r.path, f.distance, f.correlation, f.verdict, r.source, r.first_seen,
                                  r.caption, r.url, r.exif_date, r.width, r.height, f.stage, f.how(), f.panel,
                                  f.panel_box, f.inliers, f.feature_correlation, f.region, f.mirrored))
    return MatchResult(str(path), facts.sha256, out, query.trimmed, len(query.panels), query.unmatchable)


def match_paths(db: Database, paths: Iterable[str | Path]) -> Iterator[MatchResult | ImageError]:
    for item in iter_image_files(paths):
        if isinstance(item, ImageError):
            yield item
            continue
        try:
            yield match_image(db, item)
        except InputError as exc:
            yield ImageError(str(item), str(exc).removeprefix(f"{item}: "))


# ------------------------------------------------------------------ evidence on claims


def check_image_for_claim(db: Database, path: str | Path, claim_id: int, *, user: str | None = None) -> tuple[MatchResult, list[int]]:
    """Match a photo and attach the result to a claim as evidence (one row per match, or one
    row saying nothing matched)."""
    with db.engine.connect() as conn:
        _require_claim(conn, claim_id)
    result = match_image(db, path)
    who = current_user(user)
    now = utcnow()
    base = {"claim_id": claim_id, "kind": "image_check", "path": utf8_text(str(Path(path).resolve())), "sha256": result.sha256,
            "note": result.unmatchable or "", "user": who, "at": now, "outcome": None, "url": None}
    rows = [{**base, "note": m.how, "known_image_id": m.known_id, "distance": m.distance, "correlation": m.correlation,
             "verdict": m.verdict} for m in result.matches[:5]]
    if not rows:
        rows = [{**base, "known_image_id": None, "distance": None, "correlation": None, "verdict": "none"}]
    with db.begin_write() as conn:
        ids = conn.execute(insert(_EVIDENCE).returning(_EVIDENCE.c.id), rows).scalars().all()
    return result, [int(i) for i in ids]


OUTCOMES = ("same", "not_same")


def record_image_outcome(
    db: Database, claim_id: int, known_image_id: int | None, outcome: str, *, path: str | None = None,
    note: str = "", user: str | None = None,
) -> int:
    """The checker's conclusion on a photo: the same image as a known one, or not. It is always
    about one known image: "not the same as anything in the bank" says nothing."""
    if outcome not in OUTCOMES:
        raise WorkbenchError(f"unknown outcome {outcome!r} (one of: {', '.join(OUTCOMES)})")
    if known_image_id is None:
        raise WorkbenchError("an outcome compares the photo with one known image: say which (--known ID)")
    with db.begin_write() as conn:
        _require_claim(conn, claim_id)
        if conn.execute(select(_KNOWN.c.id).where(_KNOWN.c.id == known_image_id)).first() is None:
            raise NotFound(f"no known image with id {known_image_id}")
        return int(conn.execute(insert(_EVIDENCE).returning(_EVIDENCE.c.id), [{
            "claim_id": claim_id, "kind": "image_outcome", "path": utf8_text(path) if path else None, "sha256": None,
            "known_image_id": known_image_id, "distance": None, "correlation": None, "verdict": None,
            "outcome": outcome, "url": None, "note": utf8_text(note), "user": current_user(user), "at": utcnow(),
        }]).scalar_one())


def known_image(db: Database, known_id: int) -> KnownImage:
    with db.session() as s:
        row = s.get(KnownImage, known_id)
    if row is None:
        raise NotFound(f"no known image with id {known_id}")
    return row
