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
from workbench.ingest.run import ingest_paths
from workbench.services.claims import list_claims
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
    assert report.failure is None and not report.stopped
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
    lines = [line for line in stderr.splitlines() if not line.startswith("note: no database at ")]
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
    assert out.returncode == 1 and len(lines) == 2, lines  # the database exists by now: no note
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
    # (the user's column may be cut short: the name shows its escape, and never forges a line)
    assert len(history.splitlines()) == 1 and "␛]52" in history and "\x1b" not in history
    assert not any(line.startswith("error: forged") for line in history.splitlines())
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
    err = [line for line in assert_terminal_safe(out.stderr).splitlines() if not line.startswith("note: ")]
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
    from workbench.ingest.run import ingest_articles
    from workbench.services.claims import set_status
    from workbench.services.export import collect
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


# --------------------------------------------------------------------------- 10-13: schema versions, restore, read-only


def _stamp(url: str, revision: str) -> None:
    database = Database(url)
    with database.engine.begin() as conn:
        conn.exec_driver_sql(f"UPDATE alembic_version SET version_num = '{revision}'")
    database.dispose()


def _tables_and_version(url: str) -> tuple[list[str], list[str]]:
    from sqlalchemy import create_engine, inspect

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            version = [r[0] for r in conn.exec_driver_sql("SELECT version_num FROM alembic_version")]
        return sorted(inspect(engine).get_table_names()), version
    finally:
        engine.dispose()


def test_database_from_a_newer_workbench_is_refused_unchanged(db_url: str, tmp_path: Path) -> None:
    from workbench.errors import DatabaseError

    (tmp_path / "a.txt").write_bytes(good_bytes(1))
    assert cli("ingest", str(tmp_path / "a.txt"), "--db", db_url).returncode == 0
    _stamp(db_url, "0099")
    before = _tables_and_version(db_url)
    for args in (("claims",), ("ingest", str(tmp_path / "a.txt")), ("mark", "1", "false"), ("history", "1")):
        out = cli(*args, "--db", db_url)
        lines = assert_terminal_safe(out.stderr).splitlines()
        assert out.returncode == 1 and len(lines) == 1, lines
        assert "written by a newer workbench (revision 0099" in lines[0] and "nothing was changed" in lines[0]
    with pytest.raises(DatabaseError, match="newer workbench"):
        Database(db_url)
    assert _tables_and_version(db_url) == before


def _live(tmp_path: Path) -> tuple[str, Path, int]:
    """A database with a verdict, and its claim id."""
    from tests.conftest import SEED
    from workbench.services.claims import set_status

    path = tmp_path / "live.db"
    url = f"sqlite:///{path}"
    db = Database(url)
    ingest_paths(db, [SEED])
    cid = list_claims(db)[0].id
    set_status(db, cid, "false", user="amal")
    db.dispose()
    return url, path, cid


def _still_intact(url: str, cid: int) -> None:
    from workbench.services.claims import get_claim

    db = Database(url)
    try:
        assert get_claim(db, cid).status == "false"
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    finally:
        db.dispose()


def _bad_backups(tmp_path: Path, good: Path) -> dict[str, tuple[Path, str]]:
    """Backups that must never replace anything, and what the refusal says."""
    import sqlite3

    out: dict[str, tuple[Path, str]] = {}
    newer = tmp_path / "newer.db"
    shutil.copy(good, newer)
    with sqlite3.connect(newer) as con:
        con.execute("UPDATE alembic_version SET version_num = '0099'")
    out["newer"] = (newer, "newer workbench (revision 0099")
    damaged = tmp_path / "damaged.db"
    data = bytearray(good.read_bytes())
    for at in range(8192, len(data) - 4096, 4096):  # every page after the first two: garbage
        data[at + 100:at + 400] = os.urandom(300)
    damaged.write_bytes(bytes(data))
    out["damaged"] = (damaged, "")
    cut = tmp_path / "cut.db"
    cut.write_bytes(good.read_bytes()[: len(data) // 3])
    out["truncated"] = (cut, "")
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as con:
        con.execute("CREATE TABLE t (x)")
    out["not ours"] = (other, "not a workbench backup")
    text = tmp_path / "text.db"
    text.write_text("hello, not a database")
    out["not sqlite"] = (text, "not a SQLite database")
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    out["empty"] = (empty, "not a workbench backup")
    pipe = tmp_path / "pipe.db"
    os.mkfifo(pipe)
    out["pipe"] = (pipe, "named pipe")
    return out


def test_restore_checks_the_backup_before_touching_the_target(tmp_path: Path) -> None:
    from workbench.services.backup import backup

    url, _path, cid = _live(tmp_path)
    good = tmp_path / "backup.db"
    db = Database(url)
    backup(db, good)
    db.dispose()
    for name, (bad, words) in _bad_backups(tmp_path, good).items():
        out = cli("restore", str(bad), "--yes", "--db", url, timeout=60)
        lines = assert_terminal_safe(out.stderr).splitlines()
        assert out.returncode == 1 and len(lines) == 1, (name, lines)
        assert words in lines[0], (name, lines)
        _still_intact(url, cid)
        assert not list(tmp_path.glob(".live.db.restoring*")), name  # nothing left behind
    assert cli("restore", str(good), "--yes", "--db", url).returncode == 0
    _still_intact(url, cid)


def test_restore_brings_an_older_backup_up_to_date(tmp_path: Path) -> None:
    from alembic import command

    from workbench.services.backup import backup, restore
    from workbench.services.claims import get_claim, set_status
    from workbench.storage.db import HEAD_REVISION, alembic_config

    url, _path, cid = _live(tmp_path)
    old = tmp_path / "old.db"
    db = Database(url)
    backup(db, old)
    with Database(f"sqlite:///{old}").engine.connect() as conn:  # as an older workbench left it
        conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        with conn.begin():
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0003")
    set_status(db, cid, "verified", user="omar")
    restore(db, old)
    assert get_claim(db, cid).status == "false"
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == HEAD_REVISION
        assert conn.exec_driver_sql("PRAGMA user_version").scalar() != 0  # a new generation


def test_restore_refuses_postgresql_in_one_line(pg_url: str, tmp_path: Path) -> None:
    (tmp_path / "b.db").write_text("x")
    out = cli("restore", str(tmp_path / "b.db"), "--yes", "--db", pg_url)
    lines = assert_terminal_safe(out.stderr).splitlines()
    assert out.returncode == 1 and len(lines) == 1 and "pg_restore" in lines[0]


def test_restore_while_an_ingest_writes_stops_the_ingest_in_one_line(tmp_path: Path) -> None:
    import sqlite3
    import time

    from tests.test_teams import _articles_file

    src = tmp_path / "many.jsonl"
    _articles_file(src, 3000)
    url = f"sqlite:///{tmp_path / 'live.db'}"
    assert cli("ingest", str(FIXTURES / "articles"), "--db", url).returncode == 0
    assert cli("backup", str(tmp_path / "b.db"), "--db", url).returncode == 0
    ingest = subprocess.Popen([sys.executable, "-m", "workbench", "ingest", str(src), "--db", url, "--json"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 120
    while time.time() < deadline:
        time.sleep(0.05)
        try:
            with sqlite3.connect(tmp_path / "live.db", timeout=1) as con:
                if con.execute("SELECT count(*) FROM article").fetchone()[0] >= 100:
                    break
        except sqlite3.Error:
            continue
    restored = cli("restore", str(tmp_path / "b.db"), "--yes", "--db", url)
    out, err = ingest.communicate(timeout=300)
    assert restored.returncode == 0, restored.stderr
    lines = [x for x in assert_terminal_safe(err).splitlines() if x.startswith("error: ")]
    assert ingest.returncode == 1 and len(lines) == 1, lines
    assert "restored from a backup while this ingest ran" in lines[0]
    assert json.loads(out)["errors"] == 1
    with sqlite3.connect(tmp_path / "live.db") as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        assert con.execute("SELECT count(*) FROM claim_key WHERE claim_id NOT IN (SELECT id FROM claim)").fetchone()[0] == 0
    again = cli("ingest", str(src), "--db", url, "--json")  # and it can simply be run again
    assert again.returncode == 0 and json.loads(again.stdout)["articles"] + json.loads(again.stdout)["duplicates"] == 3000


def _read_only_mount(folder: Path, *commands: list[str]) -> list[subprocess.CompletedProcess[bytes]]:
    """Run workbench commands with `folder` mounted read-only (a mount namespace of their own)."""
    if shutil.which("unshare") is None:
        if IN_CI:
            pytest.fail("unshare is needed to mount a read-only file system")
        pytest.skip("no unshare")
    script = f"mount --bind {folder} {folder} && mount -o remount,bind,ro {folder} && exec \"$@\""
    wrap = ["unshare", "-m"] if os.geteuid() == 0 else ["unshare", "-r", "-m"]
    return [subprocess.run([*wrap, "sh", "-c", script, "sh", sys.executable, "-m", "workbench", *c],
                           capture_output=True, timeout=120, env={**os.environ, "LANG": "C.UTF-8"}) for c in commands]


def test_a_database_on_a_read_only_file_system_can_be_read(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    url, _path, cid = _live(folder)
    claims, export, history, search, mark = _read_only_mount(
        folder, ["claims", "--db", url, "--json"], ["export", "-f", "csv", "--db", url], ["history", str(cid), "--db", url],
        ["search", "حلب", "--db", url], ["mark", str(cid), "verified", "--db", url])
    assert claims.returncode == 0, claims.stderr
    assert json.loads(claims.stdout)[0]["status"] == "false"
    assert export.returncode == 0 and b"false" in export.stdout
    assert history.returncode == 0 and b"amal" in history.stdout
    assert search.returncode == 0 and search.stdout
    lines = assert_terminal_safe(mark.stderr).splitlines()
    assert mark.returncode == 1 and len(lines) == 1 and "readonly" in lines[0].replace("-", "")
    _still_intact(url, cid)


def test_a_database_file_without_write_permission_can_be_read(tmp_path: Path) -> None:
    url, path, cid = _live(tmp_path)
    path.chmod(0o444)
    tmp_path.chmod(0o555)
    try:
        out = cli("claims", "--db", url, "--json", prefix=_unprivileged())
        assert out.returncode == 0, out.stderr
        assert json.loads(out.stdout)[0]["status"] == "false"
        mark = cli("mark", str(cid), "verified", "--db", url, prefix=_unprivileged())
        assert mark.returncode == 1 and len(assert_terminal_safe(mark.stderr).splitlines()) == 1
    finally:
        tmp_path.chmod(0o755)
        path.chmod(0o644)


def test_a_read_only_postgresql_database_can_be_read(pg_url: str, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(good_bytes(1))
    assert cli("ingest", str(tmp_path / "a.txt"), "--db", pg_url).returncode == 0
    name = pg_url.rsplit("/", 1)[1]
    db = Database(pg_url)
    with db.engine.execution_options(isolation_level="AUTOCOMMIT").connect() as conn:
        conn.exec_driver_sql(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on')
    db.dispose()
    out = cli("claims", "--db", pg_url, "--json")
    assert out.returncode == 0 and json.loads(out.stdout)
    mark = cli("mark", "1", "verified", "--db", pg_url)
    lines = assert_terminal_safe(mark.stderr).splitlines()
    assert mark.returncode == 1 and len(lines) == 1 and "read-only" in lines[0]


# --------------------------------------------------------------------------- 14, 15: photos


def test_flat_images_never_match_and_say_why(db: Database, tmp_path: Path) -> None:
    import numpy as np
    from PIL import Image

    from benchmarks._photos import photos
    from workbench.services.images import add_images, match_image

    bank = tmp_path / "bank"
    bank.mkdir()
    Image.new("L", (400, 300), 20).save(bank / "black.png")
    Image.new("RGB", (640, 480), (200, 200, 200)).save(bank / "grey.jpg", quality=60)
    photos()["coffee"].resize((320, 214)).save(bank / "coffee.jpg", quality=85)
    assert add_images(db, [bank]).added == 3
    rng = np.random.default_rng(3)
    queries = {
        "white.png": Image.new("RGB", (500, 500), (255, 255, 255)),
        "blue.jpg": Image.new("RGB", (300, 300), (20, 40, 200)),
        "noise.png": Image.fromarray((128 + rng.integers(-3, 4, (300, 400))).astype("uint8")),
        "faint.png": Image.fromarray(np.tile(np.linspace(90, 100, 400), (300, 1)).astype("uint8")),
        "black.png": Image.new("L", (400, 300), 20),  # the very same picture as the bank's
    }
    for name, img in queries.items():
        img.save(tmp_path / name)
        result = match_image(db, tmp_path / name)
        assert result.matches == [] and result.unmatchable, name
        assert "flat colour" in result.unmatchable and result.to_json()["unmatchable"] == result.unmatchable
    photos()["coffee"].resize((300, 200)).save(tmp_path / "coffee.jpg", quality=70)
    real = match_image(db, tmp_path / "coffee.jpg")
    assert not real.unmatchable and real.matches[0].verdict == "match" and real.matches[0].path.endswith("coffee.jpg")
    assert all(not m.path.endswith(("black.png", "grey.jpg")) for m in real.matches)


def test_flat_image_match_cli_says_why(tmp_path: Path, sqlite_url: str) -> None:
    from PIL import Image

    Image.new("L", (200, 200), 0).save(tmp_path / "a.png")
    Image.new("L", (300, 200), 255).save(tmp_path / "b.png")
    assert cli("images", "add", str(tmp_path / "a.png"), "--db", sqlite_url).returncode == 0
    out = cli("images", "match", str(tmp_path / "b.png"), "--db", sqlite_url, "--json")
    row = json.loads(out.stdout)
    assert out.returncode == 0 and row["matches"] == [] and "flat colour" in row["unmatchable"]
    text = cli("images", "match", str(tmp_path / "b.png"), "--db", sqlite_url)
    assert b"not matched: nearly one flat colour" in text.stdout


def _child_peak_mb(code: str) -> float:
    """The peak memory of `code` run in a fresh process: VmHWM, the high-water mark of its own
    address space (ru_maxrss would carry over the parent's peak across exec)."""
    out = subprocess.run([sys.executable, "-c", code + "\nprint([l for l in open('/proc/self/status') "
                          "if l.startswith('VmHWM')][0].split()[1])"],
                         capture_output=True, text=True, timeout=300, check=True)
    return int(out.stdout.split()[-1]) / 1024


def test_decoding_a_huge_small_png_takes_bounded_memory(tmp_path: Path) -> None:
    """10,950² pixels, 16-bit grey (0.23 MB on disk) and 8-bit RGBA: 2.7 and 2.4 GB to decode
    before; now the decoded pixels once (240 and 480 MB), shrunk before any conversion."""
    from benchmarks.image_decode_memory import SIDE, flat_png

    for name, kind in (("g16.png", (0, 16, 1)), ("rgba.png", (6, 8, 4))):
        head, body = flat_png(SIDE, *kind)
        (tmp_path / name).write_bytes(head + body)
        peak = _child_peak_mb(f"from workbench.images.decode import load_image\n"
                              f"img, facts = load_image({str(tmp_path / name)!r})\n"
                              f"assert img.size == (256, 256) and facts.width == {SIDE}")
        assert peak < 700, (name, peak)


def test_decodes_over_the_memory_budget_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PIL import Image

    from workbench.errors import InputError
    from workbench.images import decode

    Image.new("RGBA", (3000, 2000), (10, 200, 30, 128)).save(tmp_path / "big.png")
    monkeypatch.setattr(decode, "MAX_DECODE_BYTES", 16 * 1024 * 1024)
    with pytest.raises(InputError, match=r"3,000×2,000 pixels in RGBA take 23 MB to decode \(the limit is 16 MB\)"):
        decode.load_image(tmp_path / "big.png")
    monkeypatch.setattr(decode, "MAX_DECODE_BYTES", 512 * 1024 * 1024)
    monkeypatch.setattr(decode, "BIG_DECODE_BYTES", 1024 * 1024)  # shrunk early, as a big one is
    small, _ = decode.load_image(tmp_path / "big.png")
    monkeypatch.setattr(decode, "BIG_DECODE_BYTES", 1024 * 1024 * 1024)
    normal, _ = decode.load_image(tmp_path / "big.png")
    assert small.size == normal.size == (256, 171)
    import numpy as np

    assert abs(float(np.asarray(small, dtype=float).mean()) - float(np.asarray(normal, dtype=float).mean())) < 2


# --------------------------------------------------------------------------- 16: the smaller ones


def test_a_password_holding_an_at_sign_is_never_shown(tmp_path: Path) -> None:
    from workbench.storage.db import redact

    assert redact("postgresql+psycopg://amal:p@ss@127.0.0.1:5432/wb") == "postgresql+psycopg://amal:***@127.0.0.1:5432/wb"
    assert redact("postgresql://amal:s3cr/et@h/wb") == "postgresql://amal:***@h/wb"
    out = cli("claims", "--db", "postgresql+psycopg://amal:p@ss@127.0.0.1:1/wb")
    lines = assert_terminal_safe(out.stderr).splitlines()
    assert out.returncode == 1 and len(lines) == 1 and "%40" in lines[0]
    assert "ss@" not in lines[0] and "p@" not in lines[0]
    out = cli("claims", "--db", "postgresql+psycopg://amal:p%40ss@127.0.0.1:1/wb")
    assert out.returncode == 1 and "p@ss" not in out.stderr.decode() and "p%40ss" not in out.stderr.decode()


def test_a_mistyped_db_path_creates_nothing_silently(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "folder" / "wb.db"
    out = cli("claims", "--db", f"sqlite:///{missing}")
    lines = assert_terminal_safe(out.stderr).splitlines()
    assert out.returncode == 1 and len(lines) == 1 and "no folder" in lines[0]
    assert not (tmp_path / "no").exists()
    out = cli("claims", "--db", str(missing))  # a bare path too
    assert out.returncode == 1 and not (tmp_path / "no").exists()
    new = tmp_path / "typo.db"
    out = cli("claims", "--db", f"sqlite:///{new}")
    assert out.returncode == 0 and new.exists()
    # (then the empty list says so: "no claims yet: …")
    said = assert_terminal_safe(out.stderr).splitlines()
    assert said[0] == f"note: no database at {new}: created a new, empty one"
    assert all(not line.startswith(("note:", "error:")) for line in said[1:])
    assert b"note:" not in cli("claims", "--db", f"sqlite:///{new}").stderr  # said once, when it was made


def _fill_up_postgresql(url: str, after: int) -> None:
    """The server answers "disk full" (SQLSTATE 53100) once `after` articles are stored."""
    db = Database(url)
    with db.engine.begin() as conn:
        conn.exec_driver_sql(
            "CREATE FUNCTION wb_disk_full() RETURNS trigger AS $$ BEGIN "
            f"IF (SELECT count(*) FROM article) >= {after} THEN "
            "RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = 'disk_full'; "
            "END IF; RETURN NEW; END $$ LANGUAGE plpgsql")
        conn.exec_driver_sql("CREATE TRIGGER wb_disk_full BEFORE INSERT ON article FOR EACH ROW EXECUTE FUNCTION wb_disk_full()")
    db.dispose()


def test_a_full_disk_still_gives_the_json_summary(db_url: str, tmp_path: Path) -> None:
    src = tmp_path / "many.jsonl"
    src.write_text("".join(json.dumps({"title": f"t{i}", "content": good_text(i) + " " + good_text(i + 1000)}) + "\n"
                           for i in range(150)))
    if db_url.startswith("postgresql"):
        _fill_up_postgresql(db_url, 70)
        out = cli("ingest", str(src), "--db", db_url, "--json")
    else:
        folder = tmp_path / "small-disk"
        folder.mkdir()
        db_url = f"sqlite:///{folder / 'x.db'}"
        if shutil.which("unshare") is None:
            pytest.fail("unshare is needed to mount a small file system") if IN_CI else pytest.skip("no unshare")
        wrap = ["unshare", "-m"] if os.geteuid() == 0 else ["unshare", "-r", "-m"]
        out = subprocess.run([*wrap, "sh", "-c", f"mount -t tmpfs -o size=560k tmpfs {folder} && exec \"$@\" && true",
                              "sh", sys.executable, "-m", "workbench", "ingest", str(src), "--db", db_url, "--json"],
                             capture_output=True, timeout=300)
    errors = [x for x in assert_terminal_safe(out.stderr).splitlines() if x.startswith("error: ")]
    assert out.returncode == 1 and len(errors) == 1, errors
    assert "stopped: the database failed" in errors[0] and "stay stored" in errors[0]
    summary = json.loads(assert_terminal_safe(out.stdout).splitlines()[-1])
    assert 0 < summary["articles"] < 150 and summary["errors"] == 1
    if db_url.startswith("postgresql"):
        db = Database(db_url)
        with db.engine.connect() as conn:  # what the summary says is stored, is
            assert conn.exec_driver_sql("SELECT count(*) FROM article").scalar() == summary["articles"]
            assert conn.exec_driver_sql("SELECT count(*) FROM claim").scalar() == summary["claims"]
        db.dispose()


def test_mark_with_the_same_status_says_so(db_url: str, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(good_bytes(1))
    assert cli("ingest", str(tmp_path / "a.txt"), "--db", db_url).returncode == 0
    first = cli("mark", "1", "false", "--db", db_url, "--user", "amal")
    assert first.returncode == 0 and b"claim 1: false (by amal)" in first.stdout
    again = cli("mark", "1", "false", "--db", db_url, "--user", "omar")
    assert again.returncode == 0
    assert "claim 1: already false since" in again.stdout.decode() and "by amal; nothing changed" in again.stdout.decode()
    history = cli("history", "1", "--db", db_url).stdout.decode().splitlines()
    assert len(history) == 1 and "amal" in history[0]


@pytest.mark.parametrize("sidecar", ["deep", "bigint", "not-a-dict", "numbers", "pipe", "binary"])
def test_a_hostile_provenance_sidecar_never_stops_registration(sidecar: str, db: Database, tmp_path: Path) -> None:
    from workbench.services.images import add_images, known_image

    folder = tmp_path / "bank"
    folder.mkdir()
    shutil.copy(next((FIXTURES / "images" / "known").iterdir()), folder / "photo.jpg")
    side = folder / "provenance.json"
    if sidecar == "pipe":
        os.mkfifo(side)
    else:
        side.write_bytes({
            "deep": b"{\"images\": " + b"[" * 100_000 + b"]" * 100_000 + b"}",
            "bigint": b"{\"images\": [{\"file\": \"photo.jpg\", \"source\": " + BIG_INT + b"}]}",
            "not-a-dict": b"[1, 2, 3]",
            "numbers": b"{\"images\": [{\"file\": \"photo.jpg\", \"source\": 5, \"caption\": [1], \"date\": \"2016-12-03\"}]}",
            "binary": bytes(range(256)),
        }[sidecar])
    report = add_images(db, [folder])
    assert report.added == 1 and not report.errors
    row = known_image(db, report.ids[0])
    assert row.source is None and row.caption is None
    assert row.first_seen == ("2016-12-03" if sidecar == "numbers" else None)


BIG_INT = b"1" + b"0" * 5000


@pytest.mark.parametrize("workers", [1, 2])
def test_a_text_built_to_slow_the_analysis_is_one_line(workers: int, db: Database, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """16,000 "he said," in one sentence take the analyzer minutes (quadratic somewhere inside): past
    its budget the article is refused and the batch goes on (in the worker processes too)."""
    from workbench.ingest import budget

    monkeypatch.setattr(budget, "ANALYSIS_SECONDS", 1.0)
    monkeypatch.setattr(budget, "ANALYSIS_CHARS_PER_SECOND", 10**9)
    n_good = 1 if workers == 1 else 250
    for i in range(n_good):
        (tmp_path / f"a{i:03d}.txt").write_bytes(good_bytes(500_000 + i))
    (tmp_path / "b-slow.txt").write_text("The minister " + "he said, " * 16_000 + "that is all.")
    (tmp_path / "c.txt").write_bytes(good_bytes(600_001))
    report = ingest_paths(db, [tmp_path], workers=workers)
    assert report.articles == n_good + 1
    assert len(report.errors) == 1 and report.errors[0].origin.endswith("b-slow.txt")
    assert "cannot be analysed in reasonable time" in report.errors[0].message



def test_names_and_arguments_that_are_not_utf8(tmp_path: Path, sqlite_url: str) -> None:
    """Bytes that are not UTF-8 in a photo's name, a user name, a note, a query: stored and shown
    (as U+FFFD), never a crash; the photo can still be read by its name."""
    folder = tmp_path / "photos"
    folder.mkdir()
    shutil.copy(next((FIXTURES / "images" / "known").iterdir()), folder / os.fsdecode(b"ph\xffoto.jpg"))
    (tmp_path / os.fsdecode(b"art\xe9.txt")).write_bytes(good_bytes(9))
    assert cli("ingest", str(tmp_path), "--db", sqlite_url).returncode == 0
    added = cli("images", "add", str(folder), "--db", sqlite_url, "--json")
    assert added.returncode == 0 and json.loads(added.stdout)["added"] == 1
    match = cli("images", "match", str(folder / os.fsdecode(b"ph\xffoto.jpg")), "--db", sqlite_url)
    assert match.returncode == 0 and "ph\ufffdoto.jpg" in assert_terminal_safe(match.stdout)
    bad = os.fsencode("amal").replace(b"m", b"m\xff").decode("utf-8", "surrogateescape")
    for args in (("mark", "1", "false", "--user", bad), ("note", "1", bad), ("search", bad),
                 ("sources", "--kind", bad), ("sources", "assign", "1", bad, "--new")):
        out = cli(*args, "--db", sqlite_url)
        assert out.returncode == 0, (args, out.stderr)
        assert_terminal_safe(out.stdout + out.stderr)
    history = assert_terminal_safe(cli("history", "1", "--db", sqlite_url).stdout)
    assert "am\ufffdal" in history


def test_odd_command_lines_are_one_line_each(tmp_path: Path, sqlite_url: str) -> None:
    (tmp_path / "a.txt").write_bytes(good_bytes(1))
    assert cli("ingest", str(tmp_path / "a.txt"), "--db", sqlite_url).returncode == 0
    for args in (("mark", "99999999999999999999", "false"), ("claims", "--limit", "99999999999999999999"),
                 ("history", "424242"), ("restore", str(tmp_path), "--yes"), ("restore", "/dev/null", "--yes"),
                 ("export", "-f", "csv", "-o", str(tmp_path)), ("note", "1", "x", "--link", "javascript:alert(1)"),
                 ("images", "check", str(tmp_path / "a.txt"), "--claim", "1")):
        out = cli(*args, "--db", sqlite_url)
        lines = assert_terminal_safe(out.stderr).splitlines()
        assert out.returncode == 1 and len(lines) == 1 and lines[0].startswith("error: "), (args, lines)
        assert "bug" not in lines[0], (args, lines)
    reader_gone = subprocess.run(f"{sys.executable} -m workbench claims --db {sqlite_url} | head -c 10",
                                 shell=True, capture_output=True, timeout=60)
    assert b"Traceback" not in reader_gone.stderr and b"Error" not in reader_gone.stderr


def test_the_apps_own_data_folder_is_made_on_a_fresh_machine(tmp_path: Path) -> None:
    """The strict rule for a mistyped --db never applies to the app's own folder: on a fresh
    machine the default database and the demo's are made there (the README's first command)."""
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "fresh" / "data"), "WORKBENCH_DB": ""}
    out = cli("claims", env=env)
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "fresh" / "data" / "workbench" / "workbench.db").exists()
    demo = subprocess.run([sys.executable, "-c", "from workbench.services.demo import build_demo; build_demo()"],
                          env={**env, "XDG_DATA_HOME": str(tmp_path / "other" / "data")}, capture_output=True)
    assert demo.returncode == 0, demo.stderr
    assert (tmp_path / "other" / "data" / "workbench" / "demo.db").exists()
