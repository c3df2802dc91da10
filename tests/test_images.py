"""Photo verification: decoding hostile files, robustness of matching, the bank and evidence."""

from __future__ import annotations

import io
import json
import struct
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from benchmarks._photos import TRANSFORMS, photos
from tests.conftest import FIXTURES, SEED
from tests.test_cli import run
from workbench.errors import InputError
from workbench.images.decode import load_image
from workbench.images.hashing import Prepared, best_correlation, fingerprint, query_hashes
from workbench.images.matching import BankIndex, decide
from workbench.services.claims import list_claims
from workbench.services.images import (
    add_images,
    check_image_for_claim,
    claim_evidence,
    match_image,
    record_image_outcome,
)
from workbench.services.ingest import ingest_paths
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
