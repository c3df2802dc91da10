"""Words around numbers, the same everywhere: "1 claim", "2 claims", "1,204 claims"."""

from __future__ import annotations

_IRREGULAR = {"evidence": "evidence", "person": "people", "was": "were", "is": "are", "has": "have"}


def plural(n: int, word: str, many: str | None = None) -> str:
    """`n` and the word in the number it needs: plural(1, "claim") == "1 claim"."""
    if n == 1:
        return f"1 {word}"
    return f"{n:,} {many or _IRREGULAR.get(word) or word + 's'}"
