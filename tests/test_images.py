"""Photo verification: decoding hostile files, robustness of matching, the bank and evidence."""

from __future__ import annotations

import io
import json
import shutil
import struct
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageOps

from benchmarks._photos import TRANSFORMS, photos, unregistered_photos
from tests.conftest import FIXTURES, SEED
from tests.test_cli import run
from workbench.errors import InputError
from workbench.images.decode import load_image
from workbench.images.features import unpack
from workbench.images.hashing import Prepared, best_correlation, fingerprint, query_hashes
from workbench.images.matching import (
    QUERY_WORK,
    BankIndex,
    Finding,
    Known,
    analyse,
    decide,
    find_known,
)
from workbench.images.panels import split_panels
from workbench.ingest.run import ingest_paths
from workbench.services.claims import list_claims
from workbench.services.images import (
    add_images,
    check_image_for_claim,
    claim_evidence,
    match_image,
    record_image_outcome,
)
from workbench.storage.db import Database

# Natural photographs (textures such as brick and grass are left out: they are not what gets recycled).
PHOTOS = ("astronaut", "camera", "chelsea", "coffee", "rocket", "retina", "coins", "immunohistochemistry",
          "horse", "hubble_deep_field", "clock", "page")


@pytest.fixture(scope="module")
def bank() -> tuple[dict[str, Image.Image], BankIndex, list[Prepared]]:
    imgs = {k: v for k, v in photos().items() if k in PHOTOS}
    fps = [fingerprint(imgs[n]) for n in PHOTOS]
    index = BankIndex(np.arange(len(PHOTOS)), np.array([f.ph for f in fps], dtype=np.uint64),
                      np.array([f.ph_trim for f in fps], dtype=np.uint64), np.array([f.ph_center for f in fps], dtype=np.uint64))
    prepared = [Prepared(np.frombuffer(f.thumb, dtype=np.uint8).reshape(64, 64)) for f in fps]
    return imgs, index, prepared


@pytest.mark.parametrize("transform", list(TRANSFORMS))
def test_each_transformation_is_matched_and_nothing_else(bank, transform: str) -> None:  # type: ignore[no-untyped-def]
    imgs, index, prepared = bank
    misses, false = [], []
    for i, name in enumerate(PHOTOS):
        q = query_hashes(TRANSFORMS[transform](imgs[name]))
        qp = [Prepared(t) for t in q.thumbs]
        dist = index.distances(q)
        for j in range(len(PHOTOS)):
            corr = max(best_correlation(t, prepared[j]) for t in qp)
            verdict = decide(int(dist[j]), corr)
            if j == i and verdict != "match":
                misses.append((name, int(dist[j]), round(corr, 3), verdict))
            if j != i and verdict == "match":
                false.append((name, PHOTOS[j], int(dist[j]), round(corr, 3)))
    assert not false, false
    assert len(misses) <= 1, misses  # at most one photograph of twelve left to "possible"


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims to be enormous: a decompression bomb in 60 bytes."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)  # noqa: E731
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 10)) + chunk(b"IEND", b"")


def _save(img: Image.Image, fmt: str, **kw: object) -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt, **kw)
    return buf.getvalue()


def test_hostile_and_unusual_files(tmp_path: Path) -> None:
    rgb = photos()["coffee"]
    jpeg = _save(rgb, "JPEG", quality=90)
    cases = {
        "bomb.png": _png_header_only(40000, 40000),
        "truncated.jpg": jpeg[: len(jpeg) // 3],
        "corrupt.jpg": b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4,
        "text.jpg": b"this is not a picture at all\n" * 10,
        "empty.png": b"",
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        with pytest.raises(InputError) as err:
            load_image(tmp_path / name)
        assert name in str(err.value) and "\n" not in str(err.value)
    assert "too many pixels" in _msg(tmp_path / "bomb.png")
    assert "truncated" in _msg(tmp_path / "truncated.jpg")
    ok = {
        "gray16.png": Image.fromarray(np.asarray(rgb.convert("L"), dtype=np.uint16) * 257),
        "cmyk.jpg": rgb.convert("CMYK"),
        "palette.png": rgb.convert("P"),
        "alpha.png": rgb.convert("RGBA"),
    }
    for name, img in ok.items():
        fmt = "JPEG" if name.endswith(".jpg") else "PNG"
        (tmp_path / name).write_bytes(_save(img, fmt))
        out, facts = load_image(tmp_path / name)
        assert out.mode == "L" and facts.width == rgb.width  # a greyscale working copy
    frames = [rgb, rgb.rotate(90)]
    (tmp_path / "anim.gif").write_bytes(_save(frames[0], "GIF", save_all=True, append_images=frames[1:]))
    out, facts = load_image(tmp_path / "anim.gif")
    assert (facts.width, facts.height) == rgb.size and max(out.size) <= 256


def test_a_grey_picture_is_hashed_as_its_colour_copy_would_be(tmp_path: Path) -> None:
    """A grey file is used as it is (no round trip through RGB), and its PDQ is computed on the
    grey seen as three channels: the same bits as for the picture saved in colour."""
    from workbench.images.hashing import _pdq

    grey = photos()["coffee"].convert("L")
    (tmp_path / "grey.png").write_bytes(_save(grey, "PNG"))
    (tmp_path / "rgb.png").write_bytes(_save(grey.convert("RGB"), "PNG"))
    a, _ = load_image(tmp_path / "grey.png")
    b, _ = load_image(tmp_path / "rgb.png")
    assert a.mode == b.mode == "L" and np.array_equal(np.asarray(a), np.asarray(b))
    assert fingerprint(a) == fingerprint(b)
    small = grey.resize((128, 96))
    assert _pdq(small) == _pdq(small.convert("RGB"))
    assert _pdq(small)[0] is not None


def _msg(path: Path) -> str:
    try:
        load_image(path)
    except InputError as exc:
        return str(exc)
    return ""


def test_heic_is_read(tmp_path: Path) -> None:
    pillow_heif = pytest.importorskip("pillow_heif")
    img = photos()["chelsea"]
    try:
        pillow_heif.from_pillow(img).save(tmp_path / "x.heic")
    except Exception as exc:  # an encoder-less build can read but not write
        pytest.skip(f"cannot write HEIC here: {exc}")
    out, facts = load_image(tmp_path / "x.heic")
    assert (facts.width, facts.height) == img.size and facts.format in ("HEIF", "HEIC") and out.mode == "L"


def test_bank_add_is_idempotent_and_matches(db: Database, tmp_path: Path) -> None:
    known = FIXTURES / "images" / "known"
    report = add_images(db, [known])
    assert (report.added, report.duplicates, report.errors) == (4, 0, [])
    again = add_images(db, [known])
    assert (again.added, again.duplicates) == (0, 4)
    result = match_image(db, FIXTURES / "images" / "suspect" / "shared-on-social-media.jpg")
    assert result.matches and result.matches[0].verdict == "match"
    best = result.matches[0]
    assert best.path.endswith("rocket.jpg") and best.source and "NASA" in best.source
    (tmp_path / "unrelated.png").write_bytes(_save(photos()["moon"], "PNG"))
    assert match_image(db, tmp_path / "unrelated.png").matches == []


def test_check_attaches_evidence_and_outcome(db: Database) -> None:
    ingest_paths(db, [SEED])
    add_images(db, [FIXTURES / "images" / "known"])
    claim = next(c for c in list_claims(db) if c.rests_on_media)
    result, ids = check_image_for_claim(db, FIXTURES / "images" / "suspect" / "shared-on-social-media.jpg", claim.id, user="amal")
    assert len(ids) == len(result.matches) >= 1
    record_image_outcome(db, claim.id, result.matches[0].known_id, "same", note="recycled from 2009", user="amal")
    ev = claim_evidence(db, claim.id)
    assert [e.kind for e in ev] == ["image_check"] * len(ids) + ["image_outcome"]
    assert ev[0].verdict == "match" and ev[-1].outcome == "same" and ev[-1].user == "amal"


def test_images_cli_contract(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'img.db'}"
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "broken.jpg").write_bytes(b"\xff\xd8\xff not really")
    out = run("images", "add", str(FIXTURES / "images" / "known"), str(bad), "--db", url, "--source", "archive")
    assert out.returncode == 1
    errors = [line for line in out.stderr.strip().splitlines() if not line.startswith("note: ")]
    assert len(errors) == 1 and "broken.jpg" in errors[0]
    out = run("images", "match", str(FIXTURES / "images" / "suspect"), str(bad / "broken.jpg"), "--db", url, "--json")
    assert out.returncode == 1
    lines = [json.loads(line) for line in out.stdout.strip().splitlines()]
    assert len(lines) == 3
    good = [r for r in lines if r["matches"]]
    assert len(good) == 2
    for r in good:
        m = r["matches"][0]
        assert {"path", "known_id", "distance", "verdict"} <= set(m) and m["verdict"] == "match"
    assert next(r for r in lines if "error" in r)["file"].endswith("broken.jpg")


def test_large_batches_are_hashed_on_every_core(sqlite_url: str, tmp_path: Path) -> None:
    base = photos()["astronaut"].resize((160, 160))
    for i in range(40):
        base.rotate(i * 9).save(tmp_path / f"p{i:02d}.png")
    (tmp_path / "p99.jpg").write_bytes(b"not an image")
    db = Database(sqlite_url)
    errors: list[str] = []
    report = add_images(db, [tmp_path], workers=2, on_error=lambda e: errors.append(e.path))
    assert report.added == 40 and len(report.errors) == 1 and errors[0].endswith("p99.jpg")
    serial = add_images(db, [tmp_path], workers=1)
    assert (serial.added, serial.duplicates) == (0, 40)


# ------------------------------------------------------------------ the second round: hard treatments


def _working(img: Image.Image, size: int) -> Image.Image:
    g = img.convert("L")
    g.thumbnail((size, size), Image.Resampling.BOX)
    return g


@pytest.fixture(scope="module")
def full_bank() -> tuple[list[str], BankIndex, list[Known]]:
    imgs = {**photos(), "blank": Image.new("RGB", (320, 200), (30, 60, 200))}
    names = list(imgs)
    fps = [fingerprint(_working(imgs[n], 256)) for n in names]
    index = BankIndex(np.arange(len(names)), np.array([f.ph for f in fps], dtype=np.uint64),
                      np.array([f.ph_trim for f in fps], dtype=np.uint64), np.array([f.ph_center for f in fps], dtype=np.uint64))
    known = [Known(np.frombuffer(f.thumb, dtype=np.uint8).reshape(64, 64), unpack(f.features)) for f in fps]
    return names, index, known


def _find(full_bank, img: Image.Image) -> tuple[list[Finding], list[str]]:  # type: ignore[no-untyped-def]
    names, index, known = full_bank
    q = analyse(_working(img, QUERY_WORK))
    return find_known(q, index, lambda ids: {i: known[i] for i in ids}), names


HARD = {
    "a third cut from the left": lambda im, _o: im.crop((im.width // 3, 0, im.width, im.height)),
    "rotated 13° and cropped": lambda im, _o: _crop_frac(im.rotate(13, resample=Image.Resampling.BILINEAR), 0.15),
    "mirrored heavy crop": lambda im, _o: ImageOps.mirror(_crop_frac(im, 0.14)),
    "one tile of a collage": lambda im, others: _grid([others[0], others[1], im, others[2]]),
    "side by side": lambda im, others: _grid([im, others[3]], cols=2),
    "mirrored and turned, beside another": lambda im, others: _grid([others[1], ImageOps.mirror(im).rotate(10)], cols=2),
}


def _crop_frac(im: Image.Image, f: float) -> Image.Image:
    return im.crop((int(im.width * f), int(im.height * f), int(im.width * (1 - f)), int(im.height * (1 - f))))


def _grid(tiles: list[Image.Image], cols: int = 2, side: int = 300) -> Image.Image:
    rows = (len(tiles) + cols - 1) // cols
    out = Image.new("RGB", (cols * side, rows * side), "white")
    for k, t in enumerate(tiles):
        out.paste(ImageOps.fit(t, (side, side)), ((k % cols) * side, (k // cols) * side))
    return out


@pytest.mark.parametrize("treatment", list(HARD))
def test_hard_treatments_are_found_by_local_features(full_bank, treatment: str) -> None:  # type: ignore[no-untyped-def]
    fillers = list(unregistered_photos().values())
    for name in ("astronaut", "coffee", "clock"):
        findings, names = _find(full_bank, HARD[treatment](photos()[name], fillers))
        matches = [f for f in findings if f.verdict == "match"]
        assert matches and names[matches[0].index] == name, (name, [(names[f.index], f.verdict) for f in findings])
        assert all(names[f.index] == name for f in matches)
        best = matches[0]
        assert best.how()
        if treatment in ("one tile of a collage", "side by side", "mirrored and turned, beside another"):
            assert best.panel == {"one tile of a collage": 3, "side by side": 1}.get(treatment, 2), best
            assert best.region is not None
        if treatment.startswith("mirrored") and best.stage == "features":
            assert best.mirrored


def test_never_a_match_for_unregistered_composites_textures_or_flat_images(full_bank) -> None:  # type: ignore[no-untyped-def]
    un = unregistered_photos()
    pool = [un[k] for k in ("gravel", "motorcycle", "text", "microaneurysms", "gravel corner")]
    queries = [_grid(pool[:4]), _grid(pool[1:3], cols=2), un["gravel"], un["text"], un["microaneurysms"],
               Image.new("RGB", (1, 1), "red"), Image.new("RGB", (640, 480), (30, 60, 200)),
               Image.fromarray(np.tile(np.linspace(20, 230, 500), (300, 1)).astype(np.uint8))]
    for q in queries:
        findings, names = _find(full_bank, q)
        assert not [names[f.index] for f in findings if f.verdict == "match"]


def test_split_panels() -> None:
    imgs = photos()
    whole = _working(imgs["astronaut"], QUERY_WORK)
    assert split_panels(np.asarray(whole)) == []
    pair = _working(_grid([imgs["coffee"], imgs["moon"]], cols=2), QUERY_WORK)
    assert len(split_panels(np.asarray(pair))) == 2
    four = _working(_grid([imgs["coffee"], imgs["moon"], imgs["horse"], imgs["camera"]]), QUERY_WORK)
    assert len(split_panels(np.asarray(four))) == 4


def test_flat_images_never_match_and_say_why(db: Database, tmp_path: Path) -> None:
    (tmp_path / "known").mkdir()
    Image.new("RGB", (1, 1), "blue").save(tmp_path / "known" / "blue.png")
    Image.new("RGB", (400, 300), (250, 250, 250)).save(tmp_path / "known" / "white.jpg", quality=40)
    add_images(db, [tmp_path / "known", FIXTURES / "images" / "known"])
    Image.new("RGB", (1, 1), "red").save(tmp_path / "red.png")
    result = match_image(db, tmp_path / "red.png")
    assert result.matches == [] and result.unmatchable and "flat" in result.unmatchable
    assert result.to_json()["unmatchable"] == result.unmatchable
    Image.new("RGB", (300, 200), (10, 10, 10)).save(tmp_path / "dark.jpg", quality=20)
    assert match_image(db, tmp_path / "dark.jpg").matches == []
    # A real photo is not refused, and a flat known image never matches it.
    ok = match_image(db, FIXTURES / "images" / "suspect" / "shared-on-social-media.jpg")
    assert ok.unmatchable is None and ok.matches
    assert all(not m.path.endswith(("blue.png", "white.jpg")) for m in ok.matches)


def test_match_json_says_how_each_photo_was_found(db: Database, tmp_path: Path) -> None:
    add_images(db, [FIXTURES / "images" / "known"])
    un = unregistered_photos()
    rocket = Image.open(FIXTURES / "images" / "known" / "rocket.jpg").convert("RGB")
    _grid([un["gravel"], un["motorcycle"], un["text"], rocket]).save(tmp_path / "collage.jpg", quality=85)
    result = match_image(db, tmp_path / "collage.jpg")
    assert result.panels == 4
    best = result.to_json()["matches"][0]
    assert best["path"].endswith("rocket.jpg") and best["verdict"] == "match"
    assert best["panel"] == 4 and best["stage"] in ("features", "hash", "thumbnail") and best["how"]
    assert {"distance", "correlation", "inliers", "feature_correlation", "region", "mirrored", "panel_box"} <= set(best)


def test_features_are_filled_in_for_photos_registered_before_them(db: Database) -> None:
    from sqlalchemy import select, update

    from workbench.storage.models import KnownImage

    table = KnownImage.__table__
    add_images(db, [FIXTURES / "images" / "known"])
    with db.begin_write() as conn:
        conn.execute(update(table).values(features=None))
    again = add_images(db, [FIXTURES / "images" / "known"])
    assert again.added == 0
    with db.engine.connect() as conn:
        blobs = conn.execute(select(table.c.features)).scalars().all()
    assert blobs and all(unpack(b) is not None and len(unpack(b)) > 20 for b in blobs)  # type: ignore[arg-type]


def test_multi_index_finds_what_brute_force_finds_within_its_radius() -> None:
    from workbench.images.hashing import QueryHashes
    from workbench.images.mih import GUARANTEED

    rng = np.random.default_rng(4)
    n = 20_000
    ph = rng.integers(0, 2**63, size=n, dtype=np.uint64)
    phc = rng.integers(0, 2**63, size=n, dtype=np.uint64)
    index = BankIndex(np.arange(n), ph, ph.copy(), phc, mih_min=1)
    assert index.sublinear
    for d in range(GUARANTEED + 1):
        i = int(rng.integers(n))
        h = int(ph[i])
        for b in rng.choice(64, d, replace=False):
            h ^= 1 << int(b)
        q = QueryHashes([h], [int(rng.integers(0, 2**63))], [], False)
        fast = {c.index: c.distance for c in index.search(q)}
        assert fast.get(i) == d
        brute = {c.index: c.distance for c in index.search(q, exhaustive=True) if c.distance <= GUARANTEED}
        assert {k: v for k, v in fast.items() if v <= GUARANTEED} == brute


def test_a_photo_cut_on_one_side_or_at_a_corner_is_found_by_the_multi_index(bank) -> None:  # type: ignore[no-untyped-def]
    """A cut from one side (or two adjacent ones) moves every centred window off the known photo's
    centre, out of the few bits the multi-index looks within; the windows held against a side or
    a corner land back on it."""
    from dataclasses import replace

    from workbench.images.hashing import ANCHORED_WINDOWS

    imgs, small, _prepared = bank
    rng = np.random.default_rng(5)
    n = 50_000
    ph = rng.integers(0, 2**63, size=n, dtype=np.uint64)
    phc = rng.integers(0, 2**63, size=n, dtype=np.uint64)
    pht = ph.copy()
    at = {}
    for j in range(len(PHOTOS)):  # the twelve photos among 50,000 unrelated hashes
        at[j * 997] = j
        ph[j * 997], pht[j * 997], phc[j * 997] = small.ph[j], small.ph_trim[j], small.ph_center[j]
    index = BankIndex(np.arange(n), ph, pht, phc, mih_min=1)
    assert index.sublinear

    def cut(im: Image.Image, left: float, top: float, right: float, bottom: float) -> Image.Image:
        w, h = im.size
        return im.crop((int(w * left), int(h * top), int(w * (1 - right)), int(h * (1 - bottom))))

    found = centred = 0
    for sides in ((0.12, 0, 0, 0), (0, 0.15, 0, 0), (0, 0, 0, 0.10), (0, 0, 0.12, 0.12)):
        for j, name in enumerate(PHOTOS):
            q = query_hashes(cut(imgs[name], *sides))
            assert len(q.center) == 4 + len(ANCHORED_WINDOWS)
            found += any(at.get(c.index) == j for c in index.search(q))
            without = replace(q, center=q.center[:4])
            centred += any(at.get(c.index) == j for c in index.search(without))
    assert found >= 40, found  # of 48 (44 when written; 19 by the centred windows alone)
    assert centred < found
    # The windows never hide what the centred ones found: an uncut photo is still at distance 0.
    q = query_hashes(imgs["coffee"])
    assert index.distances_at(q, [PHOTOS.index("coffee") * 997]) == [0]


def test_keypoint_votes_point_at_the_photo_a_hard_crop_came_from(full_bank) -> None:  # type: ignore[no-untyped-def]
    from workbench.images.features import query_features
    from workbench.images.keypoint_index import KeypointIndex

    names, _index, known = full_bank
    kp = KeypointIndex([k.features.desc if k.features else None for k in known])
    for name in ("coffee", "horse", "clock"):
        im = photos()[name]
        query = im.crop((int(im.width * 0.3), 0, im.width, int(im.height * 0.8))).rotate(12)
        g = np.asarray(_working(query, QUERY_WORK))
        top = kp.candidates(query_features(g).desc, 3)
        assert top and names[top[0][0]] == name, [(names[i], v) for i, v in top]


def test_cli_says_how_a_photo_was_found_and_why_a_flat_one_is_not(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'img.db'}"
    assert run("images", "add", str(FIXTURES / "images" / "known"), "--db", url).returncode == 0
    Image.new("RGB", (200, 100), "red").save(tmp_path / "red.png")
    out = run("images", "match", str(FIXTURES / "images" / "suspect" / "shared-on-social-media.jpg"),
              str(tmp_path / "red.png"), "--db", url)
    lines = out.stdout.strip().splitlines()
    assert any("match" in line and "rocket.jpg" in line and "hash distance" in line for line in lines), lines
    assert any("red.png: not matched: nearly one flat colour" in line for line in lines), lines
    out = run("images", "match", str(tmp_path / "red.png"), "--db", url, "--json")
    assert json.loads(out.stdout)["unmatchable"].startswith("nearly one flat colour")


def test_thumbnails_compared_together_agree_with_one_at_a_time(bank) -> None:  # type: ignore[no-untyped-def]
    from workbench.images.hashing import PreparedSet, thumbnail

    imgs, _index, prepared = bank
    queries = [Prepared(h) for name in ("coffee", "clock") for h in query_hashes(TRANSFORMS["crop 12% left"](imgs[name])).thumbs]
    queries.append(Prepared(thumbnail(TRANSFORMS["rotate +5°"](imgs["horse"]))))
    together = PreparedSet(queries)
    table = together.correlations(prepared)
    for j, known in enumerate(prepared):
        assert np.allclose(table[:, j], [best_correlation(q, known) for q in queries], atol=1e-5)


def test_keypoint_index_in_segments_and_reopened_votes_as_one(full_bank) -> None:  # type: ignore[no-untyped-def]
    from workbench.images.features import query_features
    from workbench.images.keypoint_index import KeypointIndex

    _names, _index, known = full_bank
    descs = [k.features.desc if k.features else None for k in known]
    whole = KeypointIndex(descs)
    split = KeypointIndex(descs[:7])
    split.add(descs[7:])
    reopened = KeypointIndex.from_arrays(whole.arrays())
    im = photos()["coffee"]
    q = query_features(np.asarray(_working(im.crop((0, 0, im.width * 2 // 3, im.height)), QUERY_WORK))).desc
    v = whole.votes(q)
    assert v.max() > 10
    assert np.allclose(split.votes(q), v)
    assert np.allclose(reopened.votes(q), v)
    reopened.add([descs[int(v.argmax())]])  # the same photo registered since: a segment of its own
    both = reopened.votes(q)
    assert len(reopened) == len(whole) + 1
    # Its twin's votes are now shared with it.
    assert both[-1] == pytest.approx(both[v.argmax()]) and both[-1] < v.max()


def _saved_folders(tmp_path: Path) -> list[Path]:
    return sorted(p for p in (tmp_path / "xdg-cache").rglob("index-*") if p.is_dir())


def test_a_large_bank_saves_its_index_and_the_next_process_opens_it(db: Database, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import workbench.services.images as service
    from workbench.images.keypoint_index import KeypointIndex

    monkeypatch.setattr(service, "SAVE_FROM", 3)
    suspect = FIXTURES / "images" / "suspect" / "shared-on-social-media.jpg"
    known = FIXTURES / "images" / "known"
    add_images(db, [known / "astronaut.jpg", known / "chelsea.jpg", known / "coffee.jpg"])
    folders = _saved_folders(tmp_path)
    assert len(folders) == 1  # `images add` left it ready
    assert match_image(db, suspect).matches == []  # the rocket is not registered yet
    service.invalidate_index(db)  # as a new process finds it: nothing in memory
    opened: list[np.ndarray] = []
    reopen = KeypointIndex.from_arrays

    def spy(arrays: dict[str, np.ndarray]) -> KeypointIndex:
        opened.append(arrays["kp_entries_00"])
        return reopen(arrays)

    monkeypatch.setattr(KeypointIndex, "from_arrays", spy)
    # A photo registered since the save is filed beside the saved index, not by rebuilding it.
    add_images(db, [known / "rocket.jpg"])
    assert _saved_folders(tmp_path) == folders
    result = match_image(db, suspect)
    assert result.matches and result.matches[0].path.endswith("rocket.jpg")
    assert opened and isinstance(opened[-1], np.memmap)
    assert len(service.bank_index(db).keypoints or []) == 4


def test_a_saved_index_is_never_trusted_for_another_bank(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import workbench.services.images as service

    monkeypatch.setattr(service, "SAVE_FROM", 3)
    known = FIXTURES / "images" / "known"
    path = tmp_path / "bank.db"
    db = Database(f"sqlite:///{path}")
    add_images(db, [known / "astronaut.jpg", known / "chelsea.jpg", known / "coffee.jpg"])
    first = _saved_folders(tmp_path)
    db.dispose()
    path.unlink()
    # The same file name, another bank: the rocket in the place the coffee had.
    db = Database(f"sqlite:///{path}")
    service.invalidate_index(db)
    add_images(db, [known / "astronaut.jpg", known / "chelsea.jpg", known / "rocket.jpg"])
    assert _saved_folders(tmp_path) != first
    result = match_image(db, FIXTURES / "images" / "suspect" / "shared-on-social-media.jpg")
    assert result.matches and result.matches[0].path.endswith("rocket.jpg")
    assert result.matches[0].known_id == 3
    db.dispose()


def test_a_saved_index_is_rebuilt_when_keypoints_are_filled_in(db: Database, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from sqlalchemy import update

    import workbench.services.images as service
    from workbench.storage.models import KnownImage

    monkeypatch.setattr(service, "SAVE_FROM", 3)
    known = FIXTURES / "images" / "known"
    add_images(db, [known])
    with db.begin_write() as conn:  # as a bank registered before keypoints existed
        conn.execute(update(KnownImage.__table__).values(features=None))
    shutil.rmtree(tmp_path / "xdg-cache")
    service.invalidate_index(db)
    before = service.bank_index(db)
    assert before.keypoints is not None and before.keypoints.votes(np.zeros((1, 32), np.uint8)).sum() == 0
    saved = _saved_folders(tmp_path)
    add_images(db, [known])  # the same files again: their keypoints are filled in
    assert _saved_folders(tmp_path) != saved
    im = Image.open(known / "coffee.jpg")
    crop = im.crop((0, 0, im.width * 2 // 3, im.height * 3 // 4)).rotate(12)
    (tmp_path / "crop.jpg").write_bytes(_save(crop, "JPEG"))
    result = match_image(db, tmp_path / "crop.jpg")
    assert result.matches and result.matches[0].path.endswith("coffee.jpg") and result.matches[0].stage == "features"


def test_a_saved_index_is_rebuilt_once_many_photos_are_filed_beside_it(db: Database, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import workbench.services.images as service

    monkeypatch.setattr(service, "SAVE_FROM", 1)
    known = FIXTURES / "images" / "known"
    add_images(db, [known / "astronaut.jpg"])
    first = _saved_folders(tmp_path)
    add_images(db, [known / "chelsea.jpg"])  # one beside it: no new save
    assert _saved_folders(tmp_path) == first
    add_images(db, [known / "coffee.jpg"])  # two beside it: more than the bank's size allows
    assert len(_saved_folders(tmp_path)) == 1 and _saved_folders(tmp_path) != first
    add_images(db, [known / "rocket.jpg"])
    service.invalidate_index(db)
    index = service.bank_index(db)
    assert len(index) == 4 and len(index.keypoints or []) == 4


def test_in_a_large_bank_a_hash_alone_no_longer_decides_what_chance_could_bring() -> None:
    from workbench.images.hashing import QueryHashes
    from workbench.images.matching import View, chance_distances

    assert chance_distances(19 * 50) == (10, 16)  # the bank the thresholds were set on
    match_d, possible_d = chance_distances(100_000 * 10)
    assert match_d < 10 and possible_d < 16
    # 100,000 known images; one of them 10 bits from the query's hash, with an unrelated thumbnail.
    rng = np.random.default_rng(3)
    n = 100_000
    ph = rng.integers(0, 2**63, size=n, dtype=np.uint64)
    h = int(ph[77]) ^ 0b1111111111
    index = BankIndex(np.arange(n), ph, ph.copy(), rng.integers(0, 2**63, size=n, dtype=np.uint64))
    thumb = np.asarray(_working(photos()["coffee"], 64).resize((64, 64)))
    other = np.asarray(_working(photos()["camera"], 64).resize((64, 64)))
    query = analyse(Image.fromarray(thumb).resize((256, 256)))
    query.views = [View(None, None, QueryHashes([h], [h], query.views[0].hashes.thumbs, False),
                        query.views[0].thumbs)]
    found = find_known(query, index, lambda ids: {i: Known(other, None) for i in ids})
    assert not any(f.verdict == "match" for f in found)
    # The same photo (its thumbnail agrees) is still matched at that distance.
    found = find_known(query, index, lambda ids: {i: Known(thumb if i == 77 else other, None) for i in ids})
    assert found and found[0].index == 77 and found[0].verdict == "match" and found[0].stage == "thumbnail"


def test_every_keypoint_a_photo_keeps_is_filed_even_beyond_the_nominal_count(db: Database) -> None:
    """ORB keeps ties at its cut (a photo may hold 134 keypoints of a nominal 128): the index
    files them all, however many photos do."""
    from sqlalchemy import update

    import workbench.services.images as service
    from workbench.images.features import KNOWN_FEATURES, Features, pack
    from workbench.storage.models import KnownImage

    add_images(db, [FIXTURES / "images" / "known"])
    rng = np.random.default_rng(4)
    extra = KNOWN_FEATURES + 40
    with db.begin_write() as conn:
        ids = [r[0] for r in conn.execute(KnownImage.__table__.select().with_only_columns(KnownImage.__table__.c.id))]
        for i in ids:
            f = Features(rng.uniform(0, 200, (extra, 2)).astype(np.float32),
                         rng.integers(0, 256, (extra, 32), dtype=np.uint8), 256, 192)
            conn.execute(update(KnownImage.__table__).where(KnownImage.__table__.c.id == i).values(features=pack(f)))
    service.invalidate_index(db)
    index = service.bank_index(db)
    assert index.keypoints is not None
    with db.engine.connect() as conn:
        rows = service._read_rows(conn, 0, max(ids), True)
    assert list(rows.counts) == [extra] * len(ids) and rows.desc.shape == (extra * len(ids), 32)
    # A query holding one photo's keypoints votes for that photo, the last filed included.
    want = rows.desc[-extra:]
    assert int(np.argmax(index.keypoints.votes(want))) == len(ids) - 1


def test_where_a_photo_was_found_is_said_in_words() -> None:
    from workbench.images.matching import region_words

    assert region_words(None) == "all of the suspect photo"
    assert region_words((0.0, 0.0, 0.5, 1.0)) == "the left part of the suspect photo (0%-50% across, 0%-100% down)"
    assert region_words((0.5, 0.5, 0.5, 0.5)).startswith("the bottom-right part")
    assert region_words((0.3, 0.0, 0.4, 0.4)).startswith("the top part")
    assert region_words((0.25, 0.25, 0.5, 0.5)).startswith("the middle part")
    assert region_words((0.1, 0.05, 0.8, 0.85)).startswith("most of")
    assert region_words((-0.1, 0.2, 0.6, 0.6)) == "the left part of the suspect photo (0%-50% across, 20%-80% down)"


def test_a_photo_cut_in_two_by_the_panel_split_is_placed_whole_and_no_panel_named(db: Database,
                                                                                 tmp_path: Path) -> None:
    """A side-by-side composite whose split also cuts the rocket along its tower: the rocket is
    found in the left half, not in the quarter left of the cut, and no panel is named."""
    add_images(db, [FIXTURES / "images" / "known"])
    rocket = Image.open(FIXTURES / "images" / "known" / "rocket.jpg").convert("RGB")
    for name in ("gravel", "text"):
        other = unregistered_photos()[name].convert("RGB").resize(rocket.size)
        pair = Image.new("RGB", (rocket.width * 2 + 8, rocket.height), "white")
        pair.paste(rocket, (0, 0))
        pair.paste(other, (rocket.width + 8, 0))
        pair.save(tmp_path / "pair.jpg", quality=85)
        result = match_image(db, tmp_path / "pair.jpg")
        m = result.matches[0]
        assert m.verdict == "match" and m.path.endswith("rocket.jpg") and m.region is not None
        x, y, w, h = m.region
        assert x < 0.02 and y < 0.02 and 0.47 < w < 0.51 and h > 0.97, m.region
        if m.panel is not None:  # a panel named holds the rocket whole
            px, _py, pw, _ph = m.panel_box or (0, 0, 0, 0)
            assert px <= x + 0.01 and px + pw >= x + w - 0.01
        assert m.where.startswith("the left part of the suspect photo")
