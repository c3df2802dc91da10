"""The demo database: the fixture articles, ingested into a SQLite file of its own."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir

from workbench.config import APP_NAME
from workbench.ingest.run import IngestReport, ingest_paths
from workbench.resources import fixtures_dir
from workbench.storage.db import Database


def demo_db_url() -> str:
    return f"sqlite:///{Path(user_data_dir(APP_NAME, appauthor=False)) / 'demo.db'}"


def build_demo(url: str | None = None, *, reset: bool = False) -> tuple[Database, IngestReport]:
    """Open (or create) the demo database and ingest the fixture articles into it.

    Ingesting is idempotent, so verdicts given in an earlier demo session are kept unless
    `reset` asks for a fresh database."""
    url = url or demo_db_url()
    if reset and url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    db = Database(url)
    report = ingest_paths(db, [fixtures_dir() / "articles"])
    _demo_images(db)
    return db, report


def _demo_images(db: Database) -> None:
    """The demo bank, and the seed article's photo claim checked against it (once)."""
    from sqlalchemy import select

    from workbench.services.images import add_images, check_image_for_claim, claim_evidence
    from workbench.storage.models import Claim

    images = fixtures_dir() / "images"
    if not images.is_dir():
        return
    add_images(db, [images / "known"], user="demo")
    with db.session() as s:
        claim_id = s.execute(
            select(Claim.id).where(Claim.rests_on_media.is_(True)).order_by(Claim.id)
        ).scalars().first()
    suspect = images / "suspect" / "shared-on-social-media.jpg"
    if claim_id is not None and suspect.is_file() and not claim_evidence(db, claim_id):
        check_image_for_claim(db, suspect, claim_id, user="demo")
