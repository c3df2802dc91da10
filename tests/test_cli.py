"""The command-line contracts, run as a checker or a script would run them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ARTICLES, SEED


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "workbench", *args],
        capture_output=True, text=True, timeout=120, env={**os.environ, **(env or {})},
    )


def test_analyze_json_contract(seed_text: str) -> None:
    out = run("analyze", str(SEED), "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["language"] == "ar"
    assert data["publisher"]["canonical"] == "Kulluna Shuraka"
    assert data["claims"]
    for c in data["claims"]:
        assert {"text", "start", "end", "attributed", "source"} <= set(c)
        assert seed_text[c["start"] : c["end"]] == c["text"]
        if c["source"] is not None:
            assert {"mention", "start", "end", "canonical", "kind"} <= set(c["source"])
        if not c["attributed"]:
            assert c["source"] is None or c["source"]["kind"] == "publisher"


def test_analyze_windows_1256_file(tmp_path: Path) -> None:
    text = "قال المرصد السوري لحقوق الإنسان إن القصف استمر طوال الليل."
    f = tmp_path / "legacy.txt"
    f.write_bytes(text.encode("cp1256"))
    data = json.loads(run("analyze", str(f), "--json").stdout)
    assert data["claims"][0]["text"] == text
    assert data["claims"][0]["source"]["canonical"] == "Syrian Observatory for Human Rights"


def test_analyze_unreadable_file_is_one_error_line(tmp_path: Path) -> None:
    for name, content in (("missing.txt", None), ("empty.txt", b""), ("junk.txt", bytes(range(256)) * 8)):
        path = tmp_path / name
        if content is not None:
            path.write_bytes(content)
        out = run("analyze", str(path), "--json")
        assert out.returncode == 1
        lines = out.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: ") and name in lines[0]
        assert out.stdout == ""


def test_ingest_and_claims_json(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'c.db'}"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bad.txt").write_bytes(b"\x00\x01\x02" * 100)
    out = run("ingest", str(ARTICLES), str(tmp_path / "in"), "--db", db, "--json")
    assert out.returncode == 1  # one file failed
    summary = json.loads(out.stdout.strip().splitlines()[-1])
    assert summary["articles"] == len(list(ARTICLES.iterdir())) and summary["errors"] == 1
    assert summary["claims"] > 0 and summary["duplicates"] == 0
    lines = out.stderr.strip().splitlines()
    assert lines[0] == f"note: no database at {tmp_path / 'c.db'}: created a new, empty one"  # a typo in --db shows
    assert len(lines) == 2 and "bad.txt" in lines[1]
    again = run("ingest", str(ARTICLES), "--db", db, "--json")
    assert again.returncode == 0
    assert json.loads(again.stdout.strip().splitlines()[-1]) == {
        "articles": 0, "claims": 0, "duplicates": summary["articles"], "errors": 0
    }
    claims = json.loads(run("claims", "--db", db, "--json").stdout)
    assert len(claims) == summary["claims"]
    first = claims[0]
    assert {"id", "article_id", "article_title", "text", "start", "end", "source", "status"} <= set(first)
    assert {"name", "kind"} <= set(first["source"])
    assert first["status"] == "unchecked"
    mark = run("mark", str(first["id"]), "verified", "--db", db, "--user", "amal")
    assert mark.returncode == 0, mark.stderr
    verified = json.loads(run("claims", "--db", db, "--status", "verified", "--json").stdout)
    assert [c["id"] for c in verified] == [first["id"]]
    assert "amal" in run("history", str(first["id"]), "--db", db).stdout


def test_wrong_db_url_is_one_error_line() -> None:
    out = run("claims", "--db", "postgresql+psycopg://nobody:secret@127.0.0.1:1/none", "--json")
    assert out.returncode == 1
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: cannot open database")
    assert "secret" not in out.stderr


def test_bad_status_is_one_error_line(tmp_path: Path) -> None:
    out = run("claims", "--db", f"sqlite:///{tmp_path / 'x.db'}", "--status", "bogus")
    # (the database did not exist: a note says it was created, then the one error line)
    errors = [line for line in out.stderr.splitlines() if not line.startswith("note: no database at ")]
    assert out.returncode == 1 and len(errors) == 1 and errors[0].startswith("error: unknown status")


def test_sources_assign_attributes_a_claim_by_name_or_new(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'a.db'}"
    assert run("ingest", str(SEED), "--db", url).returncode == 0
    claims = json.loads(run("claims", "--json", "--db", url).stdout)
    first = claims[0]["id"]
    done = run("sources", "assign", str(first), "العربية نت", "--db", url, "--user", "amal")
    assert done.returncode == 0, done.stderr
    assert "attributed to Al Arabiya" in done.stdout and "(by amal)" in done.stdout
    missing = run("sources", "assign", str(first), "Nobody Known", "--db", url)
    assert missing.returncode == 1 and missing.stderr.count("\n") == 1 and "--new" in missing.stderr
    made = run("sources", "assign", str(first), "Nobody Known", "--new", "--db", url)
    assert made.returncode == 0 and "Nobody Known [person]" in made.stdout
    after = json.loads(run("claims", "--json", "--db", url).stdout)[0]
    assert after["source"]["name"] == "Nobody Known" and after["source"]["candidate"] is True


def test_sources_confirm_one_line_per_claim_and_per_error(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    assert run("ingest", str(SEED), "--db", url).returncode == 0
    claims = json.loads(run("claims", "--json", "--db", url).stdout)
    for c in claims:  # the contract, extended
        assert {"id", "article_id", "article_title", "text", "start", "end", "source", "status"} <= set(c)
        assert 0 <= c["attribution_confidence"] <= 1
        assert (c["source_confirmed"], c["source_confirmed_by"], c["source_confirmed_at"]) == (False, None, None)
    a, b, c = claims[0], claims[1], claims[2]
    assert run("mark", str(b["id"]), "false", "--db", url, "--user", "omar").returncode == 0  # after we read b
    out = run("sources", "confirm", str(a["id"]), f"{b['id']}@{b['version']}", f"{c['id']}@{c['version']}", "12x",
              "99999", "--db", url, "--user", "amal")
    assert out.returncode == 1
    assert out.stdout.splitlines() == [
        f"claim {a['id']}: source confirmed: no external source (the publisher's own voice) (by amal)",
        f"claim {c['id']}: source confirmed: {c['source']['name']} (by amal)",
    ]
    errors = out.stderr.splitlines()
    assert len(errors) == 3 and all(e.startswith("error: ") for e in errors)
    assert "'12x': not a claim id" in errors[0]
    assert f"claim {b['id']}: not confirmed: it is at version {b['version'] + 1}, not {b['version']} (last changed by omar" in errors[1]
    assert errors[2] == "error: claim 99999: no such claim"
    again = run("sources", "confirm", str(a["id"]), "--db", url, "--user", "omar", "--json")
    assert again.returncode == 0
    [item] = json.loads(again.stdout)
    assert (item["outcome"], item["claim"]["source_confirmed_by"]) == ("already_confirmed", "amal")
    after = {x["id"]: x for x in json.loads(run("claims", "--json", "--db", url).stdout)}
    assert after[a["id"]]["source_confirmed"] and not after[b["id"]]["source_confirmed"]
    unconfirmed = json.loads(run("claims", "--unconfirmed", "--json", "--db", url).stdout)
    assert {x["id"] for x in unconfirmed} == set(after) - {a["id"], c["id"]}
    low = json.loads(run("claims", "--confidence-below", "0.8", "--json", "--db", url).stdout)
    assert {x["id"] for x in low} == {x["id"] for x in claims if x["attribution_confidence"] < 0.8}
    for bad in ("2", "nan"):
        refused = run("claims", "--confidence-below", bad, "--db", url)
        assert refused.returncode == 1 and refused.stderr.count("\n") == 1 and "from 0 to 1" in refused.stderr
    history = run("history", str(a["id"]), "--db", url).stdout
    assert "amal" in history and "source confirmed: no external source" in history
    withdrawn = run("sources", "unconfirm", str(a["id"]), "--db", url, "--user", "amal")
    assert withdrawn.returncode == 0 and "confirmation withdrawn" in withdrawn.stdout
    events = json.loads(run("history", str(a["id"]), "--db", url, "--json").stdout)
    assert [e["change"] for e in events] == ["source_confirmed", "source_unconfirmed"]
    listed = run("claims", "--db", url).stdout.splitlines()
    assert any(f"{c['id']:>6}  " in line and "  ✓  " in line for line in listed)


def test_assign_unassign_and_the_claims_each_checker_holds(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'a.db'}"
    assert run("ingest", str(ARTICLES), "--db", url).returncode == 0
    claims = json.loads(run("claims", "--json", "--db", url).stdout)
    for c in claims:  # the contract, extended: nobody holds a claim yet
        assert {"id", "article_id", "article_title", "text", "start", "end", "source", "status"} <= set(c)
        assert (c["assignee"], c["assigned_by"], c["assigned_at"]) == (None, None, None)
    a, b, c = claims[0], claims[1], claims[2]
    article = claims[-1]["article_id"]
    of_article = [x["id"] for x in claims if x["article_id"] == article]
    assert run("mark", str(b["id"]), "false", "--db", url, "--user", "omar").returncode == 0  # after sami read b
    out = run("assign", "amal", str(a["id"]), f"{b['id']}@{b['version']}", f"{c['id']}@{c['version']}", "7x", "99999",
              "--db", url, "--user", "sami")
    assert out.returncode == 1
    assert out.stdout.splitlines() == [f"claim {a['id']}: assigned to amal (by sami)",
                                       f"claim {c['id']}: assigned to amal (by sami)"]
    errors = out.stderr.splitlines()
    assert len(errors) == 3 and all(e.startswith("error: ") for e in errors)
    assert "'7x': not a claim id" in errors[0]
    assert errors[1] == (f"error: claim {b['id']}: not assigned: it is at version {b['version'] + 1}, not {b['version']} "
                         f"(last changed by omar; now false, held by nobody); look at it again, then {b['id']}@{b['version'] + 1}")
    assert errors[2] == "error: claim 99999: no such claim"
    whole = run("assign", "omar", "--article", str(article), str(a["id"]), "--db", url, "--user", "sami", "--json")
    assert whole.returncode == 0, whole.stderr
    items = json.loads(whole.stdout)
    assert [i["id"] for i in items] == [a["id"], *of_article] and {i["outcome"] for i in items} == {"assigned"}
    assert items[0]["claim"]["assignee"] == "omar" and items[0]["claim"]["assigned_by"] == "sami"
    again = run("assign", "omar", str(a["id"]), "--db", url)
    assert again.returncode == 0 and again.stdout.startswith(f"claim {a['id']}: already omar's since ")
    assert ", assigned by sami; nothing changed" in again.stdout
    mine = json.loads(run("claims", "--mine", "--json", "--db", url, "--user", "omar").stdout)
    assert [x["id"] for x in mine] == [a["id"], *of_article]
    assert [x["id"] for x in json.loads(run("claims", "--assignee", "amal", "--json", "--db", url).stdout)] == [c["id"]]
    free = json.loads(run("claims", "--unassigned", "--json", "--db", url).stdout)
    assert len(free) == len(claims) - len(of_article) - 2
    listed = run("claims", "--assignee", "omar", "--db", url).stdout.splitlines()
    assert listed and all(line.split()[2] == "omar" for line in listed)  # who holds it, after the status
    for bad, says in ((["--mine", "--assignee", "amal"], "name different checkers"), (["--mine", "--unassigned"], "nobody holds")):
        refused = run("claims", *bad, "--db", url, "--user", "omar")
        assert refused.returncode == 1 and refused.stderr.count("\n") == 1 and says in refused.stderr
    nothing = run("claims", "--assignee", "lina", "--db", url)
    assert nothing.stdout == "" and "no claims with lina as their checker" in nothing.stderr
    table = run("checkers", "--db", url).stdout.splitlines()
    assert table[0].split()[:2] == ["checker", "unchecked"] and table[1].split()[:2] == ["omar", str(len(of_article) + 1)]
    assert table[-1].split()[0] == "(nobody)"
    loads = json.loads(run("checkers", "--json", "--db", url).stdout)
    assert {x["checker"] for x in loads["checkers"]} == {"amal", "omar", "sami"}
    assert loads["unassigned"]["total"] == len(free)
    back = run("unassign", str(a["id"]), str(a["id"]), "--db", url, "--user", "omar")
    assert back.returncode == 0 and back.stdout.splitlines() == [f"claim {a['id']}: unassigned (by omar): nobody holds it"]
    events = json.loads(run("history", str(a["id"]), "--db", url, "--json").stdout)
    assert [(e["user"], e["change"], e["from"], e["to"]) for e in events] == [
        ("sami", "assignee", None, "amal"), ("sami", "assignee", "amal", "omar"), ("omar", "assignee", "omar", None)]
    lines = run("history", str(a["id"]), "--db", url).stdout.splitlines()
    assert lines[1].endswith("assigned to omar (was amal)") and lines[2].endswith("unassigned (was omar)")


def test_assign_refuses_what_it_cannot_mean_in_one_line_and_writes_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'a.db'}"
    assert run("ingest", str(SEED), "--db", url).returncode == 0
    for args, says in ((["assign", "12", "1"], "is a claim id, not a checker"), (["assign", "amal"], "no claims given"),
                       (["assign", "  ", "1"], "a checker needs a name"), (["assign", "x" * 101, "1"], "at most 100"),
                       (["assign", "amal", "1", "--article", "424242"], "no article with id 424242"),
                       (["unassign"], "no claims given")):
        out = run(*args, "--db", url)
        assert out.returncode == 1 and out.stderr.count("\n") == 1 and says in out.stderr, (args, out.stderr)
    assert all(c["assignee"] is None and c["version"] == 1
               for c in json.loads(run("claims", "--json", "--db", url).stdout))


def test_a_checkers_name_is_shown_never_obeyed(tmp_path: Path) -> None:
    from tests.test_hostile import assert_terminal_safe, cli

    url = f"sqlite:///{tmp_path / 'a.db'}"
    assert run("ingest", str(SEED), "--db", url).returncode == 0
    name = "\x1b[2Jamal\u202e\nforged line"
    out = cli("assign", name, "1", "--db", url)
    shown = assert_terminal_safe(out.stdout)
    assert out.returncode == 0 and shown.count("\n") == 1 and "␛[2Jamal<RLO>␊forged line" in shown
    for args in (["claims"], ["history", "1"], ["checkers"], ["claims", "--assignee", name, "--json"]):
        out = cli(*args, "--db", url)
        assert out.returncode == 0 and "Jamal" in assert_terminal_safe(out.stdout), args
    assert json.loads(run("claims", "--json", "--db", url).stdout)[0]["assignee"] == name.strip()
