"""Read models built from named columns.

A `Reader` pairs a dataclass with the columns that fill it, each named by its field:

    QUEUE = Reader(QueueRow, {"id": Claim.id, "article_title": Article.title, ...},
                   convert={"article_title": lambda v: v or ""})
    rows = [QUEUE.build(r) for r in session.execute(QUEUE.select().join(...)).all()]

The select is made from the names, and so is each row: a new column is one field in the class and
one entry here, never a position to count in two places. Only the fields with a conversion are
touched row by row, so reading 100,000 queue rows costs what hand-written positional code did.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, select

T = TypeVar("T")


class Reader(Generic[T]):
    def __init__(self, cls: type[T], columns: Mapping[str, Any],
                 convert: Mapping[str, Callable[[Any], Any]] | None = None) -> None:
        fields = list(dataclasses.fields(cls))
        names = list(columns)
        if names != [f.name for f in fields[: len(names)]]:
            raise TypeError(f"{cls.__name__}: columns {names} must name its first fields, in order")
        missing = [f.name for f in fields[len(names):]
                   if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]
        if missing:
            raise TypeError(f"{cls.__name__}: no column for {missing}")
        unknown = set(convert or {}) - set(names)
        if unknown:
            raise TypeError(f"{cls.__name__}: conversions for unknown fields {sorted(unknown)}")
        self.cls = cls
        self.names = names
        self.columns = dict(columns)
        self._convert = [(i, (convert or {})[n]) for i, n in enumerate(names) if n in (convert or {})]

    def select(self) -> Select[Any]:
        """SELECT the columns, labelled with their fields' names."""
        return select(*[col.label(name) for name, col in self.columns.items()])

    def build(self, row: Any) -> T:
        values = list(row)
        for i, conv in self._convert:
            values[i] = conv(values[i])
        return self.cls(*values)
