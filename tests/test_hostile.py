"""The hostile corpus (issue 14): every bad input is one line, loses nothing, hangs nothing, and
nothing from the data reaches the terminal raw. Storage cases run on both backends."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, IN_CI
from tests.hostile import Case, cases, good_bytes, good_text
from workbench.ingest.loaders import iter_articles
from workbench.services.claims import list_claims
from workbench.services.ingest import ingest_paths
from workbench.storage.db import Database

CASES = cases()
CONTROL = {chr(c) for c in (*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))} | set(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


def cli(*args: str, env: dict[str, str] | None = None, prefix: tuple[str, ...] = (),
        timeout: float = 300) -> subprocess.CompletedProcess[bytes]:
    """`workbench ARGS` as a user runs it; bytes, so that raw escapes would show."""
    return subprocess.run([*prefix, sys.executable, "-m", "workbench", *args], capture_output=True,
                          timeout=timeout, env={**os.environ, "LANG": "C.UTF-8", **(env or {})})


def assert_terminal_safe(raw: bytes) -> str:
    """Output a terminal may be given: UTF-8, no control character but newlines, no bidi control,
    no traceback."""
    text = raw.decode("utf-8")
    assert not (set(text) & CONTROL), sorted(set(text) & CONTROL)
    assert "Traceback" not in text
    return text


def _number(case: Case) -> int:
    return 10 * CASES.index(case) + 1


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_file(case: Case, db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    paths = case.make(folder, _number(case))
    report = ingest_paths(db, paths)
    lines = [f"{e.origin}: {e.message}" for e in report.errors]
    assert len(lines) == len(case.errors), lines
    for line, words in zip(lines, case.errors, strict=True):
        assert all(w in line for w in ((words,) if isinstance(words, str) else words)), line
    assert report.articles == case.stored, lines
    assert len(report.warnings) == case.warnings, report.warnings
    assert report.stopped is None
    stored = {c.article_id for c in list_claims(db)}
    assert len(stored) == case.stored  # every stored article has its claims


def test_hostile_texts_are_decoded_and_stored_visibly(db: Database, tmp_path: Path) -> None:
    """What the stored text of the encoding and JSON cases is: Arabic as Arabic, bad bytes as
    U+FFFD, NUL as ␀, no "nan" or "True" articles."""
    by_id = {c.id: c for c in CASES}
    for name in ("utf8-stray-bytes.txt", "utf16le-no-bom.txt", "utf16be-no-bom.txt", "utf16-bom-nul.txt",
                 "lone-surrogate.json", "nan-title.json", "content-nan.json", "content-true.json"):
        by_id[name].make(tmp_path, _number(by_id[name]))
    report = ingest_paths(db, [tmp_path])
    assert report.articles == 6
    with db.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT title, text, language, encoding FROM article ORDER BY id").all()
    texts = [r[1] for r in rows]
    assert {r[2] for r in rows} == {"ar"}  # not "ur" (mojibake) nor "en" (UTF-16 read as Latin)
    assert all(t.strip() not in ("nan", "True", "NaN") for t in texts)
    assert sum("\ufffd" in t for t in texts) == 2  # the stray bytes and the lone surrogate
    assert any("\u2400" in t for t in texts)  # the NUL
    assert {r[3] for r in rows} >= {"utf-16-le", "utf-16-be"}
    assert all(r[0] != "nan" for r in rows)


def _ingest_line_count(stderr: str) -> tuple[list[str], list[str]]:
    lines = stderr.splitlines()
    assert all(line.startswith(("error: ", "warning: ")) for line in lines), lines
    return [x for x in lines if x.startswith("error: ")], [x for x in lines if x.startswith("warning: ")]


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_all_hostile_files_together_with_good_ones(backend: str, tmp_path: Path,
                                                   request: pytest.FixtureRequest) -> None:
    """300 good articles, then every hostile case, then good files named one by one: every good
    article stored (the read-ahead loses none), one line per bad file, no traceback, no raw byte."""
    url = request.getfixturevalue("sqlite_url" if backend == "sqlite" else "pg_url")
    good = tmp_path / "good"
    good.mkdir()
    for i in range(300):
        (good / f"g{i:03d}.txt").write_bytes(good_bytes(100_000 + i))
    args = [str(good)]
    for case in CASES:
        folder = tmp_path / "bad" / case.id.replace("\n", "_")
        folder.mkdir(parents=True)
        args += [str(p) for p in case.make(folder, _number(case))]
    for i in range(3):
        last = tmp_path / f"last{i}.json"
        last.write_text(json.dumps({"title": f"last {i}", "content": good_text(200_000 + i)}))
        args.append(str(last))
    out = cli("ingest", *args, "--db", url, "--json")
    stderr = assert_terminal_safe(out.stderr)
    errors, warnings = _ingest_line_count(stderr)
    assert out.returncode == 1
    assert len(errors) == sum(len(c.errors) for c in CASES), stderr
    assert len(warnings) == sum(c.warnings for c in CASES), stderr
    summary = json.loads(assert_terminal_safe(out.stdout).splitlines()[-1])
    expected = 300 + 3 + sum(c.stored for c in CASES)
    assert summary == {"articles": expected, "claims": summary["claims"], "duplicates": 0, "errors": len(errors)}
    db = Database(url)
    try:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM article").scalar() == expected
    finally:
        db.dispose()


def test_read_ahead_never_costs_the_good_articles_before_a_bad_file(db: Database, tmp_path: Path) -> None:
    """The exact report: 300 good and one deep file stored 64. In one JSON Lines file and as files,
    with the worker pool reading ahead."""
    lines = [json.dumps({"title": f"a{i}", "content": good_text(300_000 + i)}) for i in range(300)]
    lines.insert(150, "[" * 100_000 + "]" * 100_000)
    (tmp_path / "mixed.jsonl").write_text("\n".join(lines) + "\n")
    (tmp_path / "zz-deep.json").write_text("[" * 100_000 + "]" * 100_000)
    report = ingest_paths(db, [tmp_path], workers=2)
    assert report.articles == 300
    assert [e.origin.rsplit("/", 1)[-1] for e in report.errors] == ["mixed.jsonl:151", "zz-deep.json"]


# --------------------------------------------------------------------------- 2, 3: files that cannot be read


def test_pipes_and_devices_named_directly_never_hang(tmp_path: Path, sqlite_url: str) -> None:
    """`workbench ingest good.txt p.txt` with p.txt a named pipe, `images add` likewise, and links to
    /dev/zero: one line each, at once."""
    (tmp_path / "good.txt").write_bytes(good_bytes(7))
    os.mkfifo(tmp_path / "p.txt")
    os.mkfifo(tmp_path / "p.jpg")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    (tmp_path / "zero.png").symlink_to("/dev/zero")
    out = cli("ingest", str(tmp_path / "good.txt"), str(tmp_path / "p.txt"), str(tmp_path / "zero.txt"),
              "--db", sqlite_url, "--json", timeout=60)
    errors, _ = _ingest_line_count(assert_terminal_safe(out.stderr))
    assert len(errors) == 2 and "named pipe" in errors[0] and "character device" in errors[1]
    assert json.loads(out.stdout)["articles"] == 1
    shutil.copy(FIXTURES / "images" / "known" / os.listdir(FIXTURES / "images" / "known")[0], tmp_path / "ok.jpg")
    out = cli("images", "add", str(tmp_path / "ok.jpg"), str(tmp_path / "p.jpg"), str(tmp_path / "zero.png"),
              "--db", sqlite_url, "--json", timeout=60)
    lines = assert_terminal_safe(out.stderr).splitlines()
    assert out.returncode == 1 and len(lines) == 2, lines
    assert "named pipe" in lines[0] and "character device" in lines[1]
    assert json.loads(out.stdout)["added"] == 1
    out = cli("images", "match", str(tmp_path / "p.jpg"), "--db", sqlite_url, timeout=60)
    assert out.returncode == 1 and "named pipe" in assert_terminal_safe(out.stderr)
    out = cli("analyze", str(tmp_path / "p.txt"), timeout=60)
    assert out.returncode == 1 and "named pipe" in assert_terminal_safe(out.stderr)


def _unprivileged() -> tuple[str, ...]:
    """A prefix that takes away root's power to read any file (so permissions count), or nothing
    for a user who has no such power."""
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        if IN_CI:
            pytest.fail("running as root without setpriv: cannot test permissions")
        pytest.skip("root without setpriv")
    return (setpriv, "--bounding-set=-dac_override,-dac_read_search")


def test_unreadable_files_are_one_line_each(tmp_path: Path, sqlite_url: str) -> None:
    (tmp_path / "good.txt").write_bytes(good_bytes(1))
    locked = tmp_path / "locked.txt"
    locked.write_bytes(good_bytes(3))
    locked.chmod(0)
    folder = tmp_path / "folder"
    (folder / "closed").mkdir(parents=True)
    (folder / "open.txt").write_bytes(good_bytes(5))
    (folder / "closed" / "inside.txt").write_bytes(good_bytes(9))
    (folder / "closed").chmod(0)
    (folder / "shut.json").write_text(json.dumps({"content": good_text(11)}))
    (folder / "shut.json").chmod(0)
    photo = tmp_path / "photo.jpg"
    shutil.copy(next((FIXTURES / "images" / "known").iterdir()), photo)
    photo.chmod(0)
    try:
        out = cli("ingest", str(tmp_path / "good.txt"), str(locked), str(folder), "--db", sqlite_url, "--json",
                  prefix=_unprivileged())
        errors, _ = _ingest_line_count(assert_terminal_safe(out.stderr))
        assert out.returncode == 1 and len(errors) == 3, errors
        assert all("Permission denied" in e for e in errors)
        assert any("closed" in e and "cannot list folder" in e for e in errors)
        assert json.loads(out.stdout)["articles"] == 2
        out = cli("images", "add", str(photo), "--db", sqlite_url, prefix=_unprivileged())
        lines = assert_terminal_safe(out.stderr).splitlines()
        assert out.returncode == 1 and len(lines) == 1 and "Permission denied" in lines[0]
        out = cli("analyze", str(locked), prefix=_unprivileged())
        assert out.returncode == 1 and "Permission denied" in assert_terminal_safe(out.stderr)
    finally:
        (folder / "closed").chmod(0o755)


# --------------------------------------------------------------------------- 8: nothing raw on the terminal

EVIL = "\x1b]52;c;ZXZpbA==\x07\x1b]8;;https://evil.example/\x07link\x1b]8;;\x07\x1b[2J\x9b31m\u202eevil\u202c"
EVIL_NAME = EVIL.replace("/", "\u2215")  # the same, as a file name can hold it


def test_cli_output_shows_hostile_strings_never_obeys_them(tmp_path: Path, sqlite_url: str) -> None:
    art = tmp_path / "a.txt"
    art.write_text(f"The ministry said {EVIL} 12 people died in the city today, officials confirmed.")
    assert cli("ingest", str(art), "--db", sqlite_url).returncode == 0
    claims = json.loads(assert_terminal_safe(cli("claims", "--db", sqlite_url, "--json").stdout))
    assert EVIL in claims[0]["text"]  # the JSON says exactly what is stored, escaped
    cid = str(claims[0]["id"])
    listing = assert_terminal_safe(cli("claims", "--db", sqlite_url).stdout)
    assert "␛]52" in listing and "<RLO>" in listing
    user = f"amal{EVIL}\nerror: forged"
    marked = cli("mark", cid, "false", "--db", sqlite_url, "--user", user)
    assert marked.returncode == 0
    assert "<RLO>" in assert_terminal_safe(marked.stdout)
    history = assert_terminal_safe(cli("history", cid, "--db", sqlite_url).stdout)
    assert len(history.splitlines()) == 1 and "␛]52" in history and "␊error: forged" in history
    assert cli("note", cid, f"note {EVIL}", "--db", sqlite_url, "--user", user).returncode == 0
    for fmt in ("markdown", "claimreview", "csv"):
        out = cli("export", "-f", fmt, "--db", sqlite_url, "--review-url", "https://d.example/{id}")
        assert out.returncode == 0
        text = out.stdout.decode("utf-8")
        assert "\x1b" not in text and "\x9b" not in text and "\u202e" not in text, fmt
    assign = cli("sources", "assign", cid, f"Evil {EVIL}", "--new", "--db", sqlite_url)
    assert assign.returncode == 0 and "<RLO>" in assert_terminal_safe(assign.stdout)
    usage = cli(EVIL, "--db", sqlite_url)
    assert usage.returncode == 2 and "No such command" in assert_terminal_safe(usage.stderr)
    wrong_db = cli("claims", "--db", f"oracle://{EVIL}")
    assert wrong_db.returncode == 1 and len(assert_terminal_safe(wrong_db.stderr).splitlines()) == 1
    bad = cli("mark", cid, EVIL, "--db", sqlite_url)
    assert bad.returncode == 1 and len(assert_terminal_safe(bad.stderr).splitlines()) == 1


def test_image_paths_are_shown_safely(tmp_path: Path, sqlite_url: str) -> None:
    src = next((FIXTURES / "images" / "known").iterdir())
    evil = tmp_path / f"{EVIL_NAME}\nerror: forged.jpg"
    shutil.copy(src, evil)
    broken = tmp_path / f"{EVIL_NAME}.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
    out = cli("images", "add", str(evil), str(broken), "--db", sqlite_url)
    assert out.returncode == 1
    assert_terminal_safe(out.stdout)
    err = assert_terminal_safe(out.stderr).splitlines()
    assert len(err) == 1 and err[0].startswith("error: ") and "␛]52" in err[0]
    match = cli("images", "match", str(evil), "--db", sqlite_url)
    text = assert_terminal_safe(match.stdout)
    assert match.returncode == 0 and "match" in text and "␊error: forged" in text
    as_json = cli("images", "match", str(evil), str(broken), "--db", sqlite_url, "--json")
    rows = [json.loads(line) for line in assert_terminal_safe(as_json.stdout).splitlines()]
    assert [r["file"] for r in rows] == [str(evil), str(broken)]
    assert rows[0]["matches"][0]["path"] == str(evil.resolve())
    assert len(assert_terminal_safe(as_json.stderr).splitlines()) == 1


def test_every_loader_error_keeps_its_file_apart(tmp_path: Path) -> None:
    """Whatever goes wrong inside one file is its own line (a guard around each file)."""
    (tmp_path / "a.txt").write_bytes(good_bytes(1))
    (tmp_path / "b.json").write_text("[" * 100_000)  # unterminated and deep
    (tmp_path / "c.txt").write_bytes(good_bytes(3))
    items = list(iter_articles([tmp_path]))
    assert [type(i).__name__ for i in items] == ["RawArticle", "LoadError", "RawArticle"]


# --------------------------------------------------------------------------- 9: CSV


def test_csv_export_neutralises_formulas_and_escapes(db: Database) -> None:
    from workbench.export.tabular import to_csv
    from workbench.ingest.loaders import RawArticle
    from workbench.services.claims import set_status
    from workbench.services.export import collect
    from workbench.services.ingest import ingest_articles
    from workbench.services.sources import reassign_source

    starts = ["=HYPERLINK(\"https://evil.example\",\"click\") the ministry said 12 people died today.",
              "+cmd|' /C calc'!A0 the ministry said 13 people died today.",
              "-2+3 the ministry said 14 people died today.",
              "@SUM(1+1) the ministry said 15 people died today.",
              "\tthe ministry said 16 people died \x1b[31m today.",
              "\rthe ministry said 17 people died \x1b]52;c;ZXZpbA==\x07 today."]
    ingest_articles(db, [RawArticle(text="\n".join(starts), title="=1+1", publisher="@evil", origin="x",
                                    url="-1", author="+a")])
    claims = list_claims(db)
    assert len(claims) >= 4
    for c in claims:
        set_status(db, c.id, "false", user="=cmd()")
    reassign_source(db, claims[0].id, new_name="=evil() \u202eRLO", user="@amal")
    text = to_csv(collect(db))
    import csv as csvmod
    import io

    rows = list(csvmod.reader(io.StringIO(text)))
    assert "\x1b" not in text and "\u202e" not in text
    cells = [cell for row in rows[1:] for cell in row]
    dangerous = [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert not dangerous, dangerous
    assert any(c.startswith("'=HYPERLINK") for c in cells) and any(c.startswith("'+cmd") for c in cells)
    assert {"'=1+1", "'=cmd()", "'@evil", "'-1"} <= set(cells)
    header = rows[0]
    first = dict(zip(header, rows[1], strict=True))
    assert first["start"].isdigit() and float(first["checkworthiness"]) >= 0  # numbers stay numbers
