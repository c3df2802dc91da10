"""What an ingest run reports: what it added, skipped and refused."""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.ingest.loaders import LoadError


@dataclass
class IngestReport:
    articles: int = 0
    claims: int = 0
    duplicates: int = 0
    other_shares: int = 0  # articles left to the other processes of a shared ingest (`--share`)
    errors: list[LoadError] = field(default_factory=list)
    warnings: list[LoadError] = field(default_factory=list)  # stored, with something to say (bad bytes)
    stopped: bool = False  # `should_stop` said so before the end
    failure: str | None = None  # why the run ended early when the database failed; also among the errors

    def summary(self) -> dict[str, int]:
        out = {"articles": self.articles, "claims": self.claims, "duplicates": self.duplicates,
               "errors": len(self.errors)}
        if self.other_shares:
            out["other_shares"] = self.other_shares
        return out


def first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    lines = str(orig).strip().splitlines()
    return lines[0] if lines else type(orig).__name__
