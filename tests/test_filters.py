import pytest

from tests.conftest import ARTICLES
from workbench.ingest.run import ingest_paths
from workbench.services.claims import list_claims
from workbench.storage.db import Database
from workbench.tui.filters import FilterError, parse_filter


def test_filter_language(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    ingest_paths(db, [ARTICLES])
    rows = list_claims(db)
    pick = lambda spec: [r.id for r in rows if parse_filter(spec)(r)]  # noqa: E731
    assert pick("") == [r.id for r in rows]
    assert set(pick("media")) | set(pick("-media")) == {r.id for r in rows} and pick("media")
    assert all(r.language == "en" for r in rows if r.id in pick("lang:en"))
    observatory = pick("source:observatory")
    assert observatory == [r.id for r in rows if "Observatory" in (r.source_name or "")] and len(observatory) == 2
    assert pick("status:unchecked,false") == [r.id for r in rows]
    assert pick("worth>=0.5") == [r.id for r in rows if r.checkworthiness >= 0.5]
    for bad in ("status:", "colour:red", "worth>x", "article:abc", "loud"):
        with pytest.raises(FilterError):
            parse_filter(bad)
