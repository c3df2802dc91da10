"""The source registry in the database: listing, rating, accepting, renaming, merging."""

from __future__ import annotations

import json

import pytest

from tests.conftest import ARTICLES, SEED
from tests.test_cli import run
from workbench.errors import WorkbenchError
from workbench.ingest.run import ingest_paths
from workbench.services.claims import list_claims
from workbench.services.sources import list_sources, merge_sources, update_source
from workbench.sources.registry import default_registry
from workbench.storage.db import Database


def test_registry_loads_and_resolves_variants() -> None:
    reg = default_registry()
    assert len(reg.sources) >= 50
    for mention, canonical in [
        ("“العربية نت”", "Al Arabiya"), ("مركز حلب الاعلامي", "Aleppo Media Center"),
        ("المرصد السوري لحقوق الانسان", "Syrian Observatory for Human Rights"),
        ("وكالة الصحافة الفرنسية", "Agence France-Presse"), ("aawsat", "Asharq Al-Awsat"),
        ("Reuters", "Reuters"), ("the Pentagon", "US Department of Defense (Pentagon)"),
    ]:
        hit = reg.resolve(mention)
        assert hit is not None and hit.canonical == canonical, mention
    assert reg.resolve("محمد العلي") is None


def test_sources_are_listed_with_their_claims(db: Database) -> None:
    ingest_paths(db, [ARTICLES])
    rows = {r.canonical: r for r in list_sources(db)}
    assert rows["Syrian Observatory for Human Rights"].claims == 2
    assert rows["Al Arabiya"].claims == 1 and not rows["Al Arabiya"].is_candidate
    candidates = list_sources(db, candidates=True)
    assert any(r.canonical == "مصدر طبي في المدينة" for r in candidates)


def test_rate_accept_rename_merge(db: Database) -> None:
    ingest_paths(db, [ARTICLES])
    rows = {r.canonical: r for r in list_sources(db)}
    cand = rows["متحدث باسم الوزارة"]
    assert cand.is_candidate
    renamed = update_source(db, cand.id, canonical="Saudi MoH spokesperson", reliability="mixed")
    assert renamed.canonical == "Saudi MoH spokesperson" and not renamed.is_candidate
    assert "متحدث باسم الوزارة" in renamed.aliases
    moh = rows["Saudi Ministry of Health"]
    before = moh.claims + renamed.claims
    merged = merge_sources(db, renamed.id, moh.id)
    assert merged.claims == before
    assert "Saudi MoH spokesperson" in merged.aliases
    assert all(r.id != renamed.id for r in list_sources(db))
    assert all(c.source_id != renamed.id for c in list_claims(db))
    with pytest.raises(WorkbenchError):
        update_source(db, moh.id, reliability="sort of")
    with pytest.raises(WorkbenchError):
        merge_sources(db, moh.id, moh.id)


def test_sources_cli(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 's.db'}"
    assert run("ingest", str(SEED), "--db", url).returncode == 0
    rows = json.loads(run("sources", "--db", url, "--json").stdout)
    arabiya = next(r for r in rows if r["canonical"] == "Al Arabiya")
    out = run("sources", "rate", str(arabiya["id"]), "not-credible", "--db", url)
    assert out.returncode == 0, out.stderr
    shown = json.loads(run("sources", "show", str(arabiya["id"]), "--db", url, "--json").stdout)
    assert shown["reliability"] == "not credible"
    assert shown["claim_list"][0]["text"].startswith("كشفت")
    bad = run("sources", "rate", "99999", "credible", "--db", url)
    assert bad.returncode == 1 and bad.stderr.startswith("error: no source")
