"""Turning paths into raw articles, one bad file never stopping the batch.

`iter_articles(paths)` yields `RawArticle`s and `LoadError`s in order. Accepted:
- `.txt` / `.md` / `.text` files in UTF-8 or a legacy encoding (Windows-1256, ISO-8859-6, UTF-16);
- `.json` (an array of article objects, one object, or {"articles": [...]}) and `.jsonl`/`.ndjson`;
- `.html` / `.htm` saved web pages, boilerplate removed with trafilatura;
- `.zip` archives of any of the above (the SaudiNewsNet layout: one JSON array per day);
- folders, recursively, in name order (README and LICENSE files are skipped).
Article objects take `title`, `content`|`text`|`body`, `url`, `source`|`publisher`,
`date`|`published`|`date_extracted`, `author`.

Whatever a file holds, it costs at most itself: named pipes, devices and links to them are
refused before anything is read, sizes are checked first, JSON nested too deeply or holding
numbers too long for Python is one error line, and any failure while reading one file (or one
line of JSON Lines, or one member of a zip) becomes a `LoadError` for it, never an exception that
would stop the batch and lose the articles read ahead with it.
"""

from __future__ import annotations

import json
import math
import os
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.errors import InputError
from workbench.files import open_regular, read_regular, walk_files
from workbench.text.encoding import decode_text, describe_replaced, utf8_text

TEXT_SUFFIXES = {".txt", ".md", ".text", ".markdown"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
ZIP_SUFFIXES = {".zip"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES | ZIP_SUFFIXES | HTML_SUFFIXES
MAX_FILE_BYTES = 512 * 1024 * 1024
MAX_ARTICLE_CHARS = 2_000_000  # about 400 pages: anything longer is not one article
# A text file holds at least one byte a character (UTF-8, a legacy encoding) and at most four
# (UTF-32): one bigger than this cannot be a single article, and is refused before it is read.
MAX_TEXT_BYTES = 4 * MAX_ARTICLE_CHARS
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
    warning: str | None = None  # stored, but something about it deserves a line (bad bytes shown)


@dataclass(slots=True)
class LoadError:
    origin: str
    message: str


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__


def _guarded(items: Iterator[RawArticle | LoadError], name: str) -> Iterator[RawArticle | LoadError]:
    """The articles of one file, and if reading it fails in a way nobody foresaw, one error line
    for it: the batch goes on (articles read ahead are not lost with it)."""
    try:
        yield from items
    except RecursionError:
        yield LoadError(name, "nested too deeply to read")
    except MemoryError:
        yield LoadError(name, "too large to read in the memory available")
    except Exception as exc:
        yield LoadError(name, f"cannot be read ({type(exc).__name__}: {_first_line(exc)})")


def iter_articles(paths: Iterable[str | Path]) -> Iterator[RawArticle | LoadError]:
    for p in paths:
        path = Path(p)
        try:
            is_dir = path.is_dir()
            there = is_dir or os.path.lexists(path)
        except OSError as exc:  # a parent folder we may not enter
            yield LoadError(str(path), f"cannot read: {exc.strerror or exc}")
            continue
        if is_dir:
            yield from _walk(path)
        elif there:
            yield from _guarded(_load_file(path), str(path))
        else:
            yield LoadError(str(path), "no such file or folder")


def _walk(folder: Path) -> Iterator[RawArticle | LoadError]:
    """Files under `folder` in name order; a sub-folder that cannot be listed is one error line."""
    entries, problems = walk_files(folder)
    for where, why in problems:
        yield LoadError(where, why)
    for path in entries:
        if path.name.startswith("."):
            continue
        if path.suffix.lower() not in KNOWN_SUFFIXES or path.stem.lower().startswith(_SKIP_NAMES):
            continue
        yield from _guarded(_load_file(path), str(path))


def _load_file(path: Path) -> Iterator[RawArticle | LoadError]:
    name = str(path)
    suffix = path.suffix.lower()
    if suffix in {".pdf", ".docx"}:
        yield LoadError(name, f"{suffix} files are not read: save the article as .html, .txt, .md or .json")
        return
    limit = MAX_TEXT_BYTES if suffix in TEXT_SUFFIXES else MAX_FILE_BYTES
    try:
        if suffix in ZIP_SUFFIXES:
            with open_regular(path, MAX_FILE_BYTES) as f:
                yield from _load_zip(f, name)
            return
        data = read_regular(path, limit)
    except InputError as exc:
        message = str(exc).removeprefix(f"{name}: ")
        if limit == MAX_TEXT_BYTES and message.startswith("too large"):
            message = f"too long for one article ({message.removeprefix('too large (')}: split it"
        yield LoadError(name, message)
        return
    yield from load_bytes(data, name, suffix)


def load_bytes(data: bytes, name: str, suffix: str) -> Iterator[RawArticle | LoadError]:
    """Articles from the bytes of one file called `name` with extension `suffix`."""
    try:
        decoded = decode_text(data, name)
    except InputError as exc:
        yield LoadError(name, str(exc).removeprefix(f"{name}: "))
        return
    text, encoding = decoded.text, decoded.encoding
    warning = describe_replaced(decoded)
    if suffix in HTML_SUFFIXES:
        item = _from_html(text, name, encoding)
        if isinstance(item, RawArticle):
            item.warning = warning
        yield item
    elif suffix in JSON_SUFFIXES:
        yield from _with_warning(_from_json(text, name), warning)
    elif suffix in JSONL_SUFFIXES:
        yield from _with_warning(_from_jsonl(text, name), warning)
    else:
        yield from _with_warning(_from_text(text, name, encoding), warning)


def _with_warning(items: Iterator[RawArticle | LoadError], warning: str | None) -> Iterator[RawArticle | LoadError]:
    for item in items:
        if warning and isinstance(item, RawArticle):
            item.warning = warning
        yield item


# What fails when one member of an archive is bad: a wrong checksum, a password, a compression
# method this Python lacks, a stream cut short.
_MEMBER_ERRORS = (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, EOFError, ValueError)


def _load_zip(f: Any, name: str) -> Iterator[RawArticle | LoadError]:
    try:
        zf = zipfile.ZipFile(f)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        yield LoadError(name, f"not a readable zip archive ({_first_line(exc)})")
        return
    with zf:
        members = [i for i in zf.infolist() if not i.is_dir()]
        for info in sorted(members, key=lambda i: i.filename):
            member = f"{name}:{info.filename}"
            suffix = Path(info.filename).suffix.lower()
            if Path(info.filename).name.startswith("."):
                continue
            if suffix in ZIP_SUFFIXES:
                yield LoadError(member, "skipped: a zip inside a zip is not opened (extract it, then ingest it)")
                continue
            if suffix not in KNOWN_SUFFIXES:
                continue
            limit = MAX_TEXT_BYTES if suffix in TEXT_SUFFIXES else MAX_FILE_BYTES
            if info.flag_bits & 0x1:
                yield LoadError(member, "encrypted (protected by a password): not read")
                continue
            if info.file_size > limit:
                yield LoadError(member, f"too large ({info.file_size:,} bytes; the limit is {limit:,})")
                continue
            try:
                data = zf.read(info)  # never more than the size declared (and checked) above
            except _MEMBER_ERRORS as exc:
                yield LoadError(member, f"cannot be read from the archive ({_first_line(exc)})")
                continue
            yield from _guarded(load_bytes(data, member, suffix), member)


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
    yield RawArticle(text=_storable(text), title=utf8_text(title_of_text(text) or Path(name.split(":")[-1]).stem),
                     origin=utf8_text(name), encoding=encoding)


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


_DROPPED_ELEMENTS = ("script", "style", "noscript", "template", "svg", "canvas", "object", "embed")
_MAX_ATTRIBUTE = 8192  # characters: a data: URI, never anything the article needs
_MAX_METADATA_SCRIPT = 1_000_000  # JSON-LD metadata (author, date) is kept below this


def _page_tree(html: str) -> Any:
    """The page parsed without libxml2's 10 MB limits, and without what is never article text:
    scripts, styles, comments, inline SVG, data: URIs. A page whose 10 MB script is over that
    limit would otherwise be cut short before its article (trafilatura: "no text")."""
    from lxml import etree
    from lxml import html as lxml_html

    parser = lxml_html.HTMLParser(encoding="utf-8", huge_tree=True, remove_comments=True, remove_pis=True)
    tree = lxml_html.document_fromstring(html.encode("utf-8", "surrogatepass"), parser=parser)
    for script in tree.iter("script"):
        kind = (script.get("type") or "").lower()
        if "ld+json" in kind and len(script.text or "") < _MAX_METADATA_SCRIPT:
            script.tag = "wb-metadata"  # kept for its metadata; renamed back below
    etree.strip_elements(tree, *_DROPPED_ELEMENTS, with_tail=False)
    for el in tree.iter("wb-metadata"):
        el.tag = "script"
    for el in tree.iter():
        attrib = getattr(el, "attrib", None)
        if attrib:
            for key in [k for k, v in attrib.items() if len(v) > _MAX_ATTRIBUTE]:
                del attrib[key]
    return tree


def _from_html(html: str, name: str, encoding: str) -> RawArticle | LoadError:
    """A saved web page: the article text with navigation, adverts and comments removed
    (trafilatura), and its title, date, author, URL and site name from the page's metadata."""
    import trafilatura

    try:
        tree = _page_tree(html)
    except Exception as exc:  # not HTML at all (lxml: "Document is empty")
        return LoadError(name, f"cannot read this page as HTML ({_first_line(exc)})")
    if (chars := len(tree.text_content())) > 2 * MAX_ARTICLE_CHARS:
        return LoadError(name, f"too long for one article ({chars:,} characters of text in the page): split it")
    try:
        doc = trafilatura.bare_extraction(tree, with_metadata=True, include_comments=False,
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
        text=_storable(text),
        title=utf8_text(get("title") or Path(name.split(":")[-1]).stem),
        url=get("url"),
        publisher=get("sitename") or get("hostname"),
        published=get("date"),
        author=get("author"),
        origin=utf8_text(name),
        encoding=encoding,
    )


class _HugeNumber:
    """A JSON integer too long for Python to convert (over 4,300 digits): never article text."""

    __slots__ = ("digits",)

    def __init__(self, digits: int) -> None:
        self.digits = digits


_INT_DIGITS = 4000  # below sys.get_int_max_str_digits() (4,300), whatever the sign


def _parse_int(s: str) -> int | _HugeNumber:
    return int(s) if len(s) <= _INT_DIGITS else _HugeNumber(len(s))


def _parse_json(text: str) -> Any:
    """json.loads that never raises for valid JSON: a 5,000-digit integer becomes a marker
    instead of a ValueError (the rest of the file is read)."""
    return json.loads(text, parse_int=_parse_int)


def _json_failure(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
    if isinstance(exc, RecursionError):
        return "JSON nested too deeply to read (arrays or objects within each other thousands of levels deep)"
    return f"unreadable JSON ({_first_line(exc)})"


def _from_json(text: str, name: str) -> Iterator[RawArticle | LoadError]:
    try:
        data = _parse_json(text)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError is a ValueError
        yield LoadError(name, _json_failure(exc))
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
            item = _parse_json(line)
        except (ValueError, RecursionError) as exc:
            message = _json_failure(exc)
            if isinstance(exc, json.JSONDecodeError):
                message = f"invalid JSON: {exc.msg}"
            yield LoadError(f"{name}:{lineno}", message)
            continue
        yield _from_object(item, f"{name}:{lineno}")


# A lone surrogate (JSON may spell one, "\ud800") cannot be encoded, hashed or stored; NUL cannot
# be stored by PostgreSQL. Both are kept visible, one character for one, so offsets hold.
def _storable(text: str) -> str:
    if "\x00" in text:
        text = text.replace("\x00", "\u2400")
    return text if text.isascii() else utf8_text(text)


def _scalar(value: Any) -> str | None:
    """A metadata value as text: strings, and finite numbers (a year as a title, a timestamp);
    never true/false, NaN or infinity, lists or objects."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return str(value)


def _first(obj: dict[str, Any], *keys: str) -> str | None:
    for key in keys:
        value = _scalar(obj.get(key))
        if value is not None and value.strip():
            return _storable(value)
    return None


def _kind(value: Any) -> str:
    """What a JSON value is, in words."""
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else "infinite"
    kinds = {int: "a number", float: "a number", _HugeNumber: "a number", list: "a list", dict: "an object",
             str: "a string", type(None): "null"}
    return kinds.get(type(value), type(value).__name__)


def _body(item: dict[str, Any]) -> str | LoadError:
    """The article text: the first of content, text, body that is a non-empty string. Anything
    else there (a number, true, NaN, a list) is not an article, and is refused as such."""
    wrong = None
    for key in ("content", "text", "body"):
        value = item.get(key)
        if isinstance(value, str):
            if value.strip():
                return _storable(value)
        elif value is not None and wrong is None:
            wrong = f"{key} is {_kind(value)}, not text: not an article"
    return LoadError("", wrong or "empty article (no content, text or body)")


def _from_object(item: Any, origin: str) -> RawArticle | LoadError:
    if not isinstance(item, dict):
        return LoadError(origin, f"not an article object but {_kind(item)}")
    body = _body(item)
    if isinstance(body, LoadError):
        return LoadError(origin, body.message)
    if (msg := _too_long(body)) is not None:
        return LoadError(origin, msg)
    return RawArticle(
        text=body,
        title=_first(item, "title", "headline") or "",
        url=_first(item, "url", "link"),
        publisher=_first(item, "source", "publisher"),
        published=_first(item, "date", "published", "date_extracted", "date_published"),
        author=_first(item, "author", "byline"),
        origin=utf8_text(origin),
        encoding="utf-8",
    )
