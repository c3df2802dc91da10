"""Turning paths into raw articles, one bad file never stopping the batch.

`iter_articles(paths)` yields `RawArticle`s and `LoadError`s in order. Accepted:
- `.txt` / `.md` / `.text` files in UTF-8 or a legacy encoding (Windows-1256, ISO-8859-6, UTF-16);
- `.json` (an array of article objects, one object, or {"articles": [...]}) and `.jsonl`/`.ndjson`;
- `.html` / `.htm` saved web pages, boilerplate removed with trafilatura;
- `.zip` archives of any of the above (the SaudiNewsNet layout: one JSON array per day);
- folders, recursively, in name order (README and LICENSE files are skipped).
Article objects take `title`, `content`|`text`|`body`, `url`, `source`|`publisher`,
`date`|`published`|`date_extracted`, `author`.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.errors import InputError
from workbench.text.encoding import decode_bytes

TEXT_SUFFIXES = {".txt", ".md", ".text", ".markdown"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
ZIP_SUFFIXES = {".zip"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES | ZIP_SUFFIXES | HTML_SUFFIXES
MAX_FILE_BYTES = 512 * 1024 * 1024
MAX_ARTICLE_CHARS = 2_000_000  # about 400 pages: anything longer is not one article
_SKIP_NAMES = ("readme", "license", "licence", "changelog", "copying")


@dataclass(slots=True)
class RawArticle:
    text: str
    title: str = ""
    url: str | None = None
    publisher: str | None = None
    published: str | None = None
    author: str | None = None
    origin: str = ""
    encoding: str | None = None


@dataclass(slots=True)
class LoadError:
    origin: str
    message: str


def iter_articles(paths: Iterable[str | Path]) -> Iterator[RawArticle | LoadError]:
    for p in paths:
        path = Path(p)
        if path.is_dir():
            yield from _walk(path)
        elif path.exists():
            yield from _load_file(path, explicit=True)
        else:
            yield LoadError(str(path), "no such file or folder")


def _walk(folder: Path) -> Iterator[RawArticle | LoadError]:
    try:
        entries = sorted(folder.rglob("*"))
    except OSError as exc:
        yield LoadError(str(folder), f"cannot list folder: {exc.strerror}")
        return
    for path in entries:
        if not path.is_file() or path.name.startswith("."):
            continue
        if path.suffix.lower() not in KNOWN_SUFFIXES or path.stem.lower().startswith(_SKIP_NAMES):
            continue
        yield from _load_file(path, explicit=False)


def _load_file(path: Path, explicit: bool) -> Iterator[RawArticle | LoadError]:
    name = str(path)
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            yield LoadError(name, f"too large ({size:,} bytes; the limit is {MAX_FILE_BYTES:,})")
            return
        if suffix in ZIP_SUFFIXES:
            yield from _load_zip(path)
            return
        if suffix in {".pdf", ".docx"}:
            yield LoadError(name, f"{suffix} files are not read: save the article as .html, .txt, .md or .json")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield LoadError(name, f"cannot read: {exc.strerror or exc}")
        return
    yield from load_bytes(data, name, suffix)


def load_bytes(data: bytes, name: str, suffix: str) -> Iterator[RawArticle | LoadError]:
    """Articles from the bytes of one file called `name` with extension `suffix`."""
    try:
        text, encoding = decode_bytes(data, name)
    except InputError as exc:
        yield LoadError(name, str(exc).removeprefix(f"{name}: "))
        return
    if suffix in HTML_SUFFIXES:
        yield _from_html(text, name, encoding)
    elif suffix in JSON_SUFFIXES:
        yield from _from_json(text, name)
    elif suffix in JSONL_SUFFIXES:
        yield from _from_jsonl(text, name)
    else:
        yield from _from_text(text, name, encoding)


def _load_zip(path: Path) -> Iterator[RawArticle | LoadError]:
    try:
        with zipfile.ZipFile(path) as zf:
            members = [i for i in zf.infolist() if not i.is_dir()]
            for info in sorted(members, key=lambda i: i.filename):
                suffix = Path(info.filename).suffix.lower()
                if suffix not in KNOWN_SUFFIXES - ZIP_SUFFIXES or Path(info.filename).name.startswith("."):
                    continue
                if info.file_size > MAX_FILE_BYTES:
                    yield LoadError(f"{path}:{info.filename}", "too large")
                    continue
                yield from load_bytes(zf.read(info), f"{path}:{info.filename}", suffix)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        yield LoadError(str(path), f"not a readable zip archive ({exc})")


def _too_long(text: str) -> str | None:
    if len(text) > MAX_ARTICLE_CHARS:
        return f"too long for one article ({len(text):,} characters; the limit is {MAX_ARTICLE_CHARS:,}): split it"
    return None


def _from_text(text: str, name: str, encoding: str) -> Iterator[RawArticle | LoadError]:
    if not text.strip():
        yield LoadError(name, "empty article (no text)")
        return
    if (msg := _too_long(text)) is not None:
        yield LoadError(name, msg)
        return
    yield RawArticle(text=text, title=title_of_text(text) or Path(name.split(":")[-1]).stem, origin=name,
                     encoding=encoding)


TITLE_LENGTH = 120  # a first line this short without a full stop is a headline
_SENTENCE_END = re.compile(r"(?<=[.؟!?…])\s")


def title_of_text(text: str) -> str:
    """The title of a plain-text article, from its text: a Markdown heading ("# …"); else its
    first line when that is a headline (short, no full stop at the end); else the start of its
    first sentence, cut at a word. Datelines and bylines before it ("دمشق - وكالات", "By Reuters")
    are skipped. "" if the text has no line of words."""
    for line in text.splitlines():
        flat = " ".join(line.split())
        if not flat:
            continue
        if flat.startswith("# "):
            return flat[2:].strip()
        words = [w for w in flat.split() if any(ch.isalnum() for ch in w)]
        if len(words) < 4:
            continue  # a dateline, a byline, a date
        if len(flat) <= TITLE_LENGTH and not flat.endswith((".", "؟", "!", "?", "…", ":", "،", ",", "؛", ";")):
            return flat
        first = _SENTENCE_END.split(flat, maxsplit=1)[0]
        if len(first) <= 90:
            return first.rstrip(".")
        cut = first[:80]
        return (cut[: cut.rfind(" ")] if " " in cut else cut).rstrip("،,؛;:") + "…"
    return ""


def _from_html(html: str, name: str, encoding: str) -> RawArticle | LoadError:
    """A saved web page: the article text with navigation, adverts and comments removed
    (trafilatura), and its title, date, author, URL and site name from the page's metadata."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                          include_tables=False)
    except Exception as exc:  # a page trafilatura cannot parse
        return LoadError(name, f"cannot extract an article from this page ({type(exc).__name__})")
    if doc is None:
        return LoadError(name, "no article text found in this page")
    get = (lambda k: getattr(doc, k, None)) if not isinstance(doc, dict) else doc.get
    text = get("text") or ""
    if not text.strip():
        return LoadError(name, "no article text found in this page")
    return RawArticle(
        text=text,
        title=get("title") or Path(name.split(":")[-1]).stem,
        url=get("url"),
        publisher=get("sitename") or get("hostname"),
        published=get("date"),
        author=get("author"),
        origin=name,
        encoding=encoding,
    )


def _from_json(text: str, name: str) -> Iterator[RawArticle | LoadError]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield LoadError(name, f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}")
        return
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    items = data if isinstance(data, list) else [data]
    for i, item in enumerate(items):
        yield _from_object(item, f"{name}[{i}]")


def _from_jsonl(text: str, name: str) -> Iterator[RawArticle | LoadError]:
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield LoadError(f"{name}:{lineno}", f"invalid JSON: {exc.msg}")
            continue
        yield _from_object(item, f"{name}:{lineno}")


def _first(obj: dict[str, Any], *keys: str) -> str | None:
    for key in keys:
        value = obj.get(key)
        if isinstance(value, str | int | float) and str(value).strip():
            # NUL cannot be stored (PostgreSQL refuses it): kept visible, one character for one.
            return str(value).replace("\x00", "\u2400")
    return None


def _from_object(item: Any, origin: str) -> RawArticle | LoadError:
    if not isinstance(item, dict):
        return LoadError(origin, f"not an article object (a JSON {type(item).__name__})")
    body = _first(item, "content", "text", "body")
    if body is None or not body.strip():
        return LoadError(origin, "empty article (no content, text or body)")
    if (msg := _too_long(body)) is not None:
        return LoadError(origin, msg)
    return RawArticle(
        text=body,
        title=_first(item, "title", "headline") or "",
        url=_first(item, "url", "link"),
        publisher=_first(item, "source", "publisher"),
        published=_first(item, "date", "published", "date_extracted", "date_published"),
        author=_first(item, "author", "byline"),
        origin=origin,
        encoding="utf-8",
    )
