"""The hostile corpus: files a careless or malicious sender could hand a checker, by family.

Each `Case` writes its files into a folder and says what ingesting them must give: one error line
per bad file (a words each line must hold), the good articles stored, warnings for what is stored
with something to say. `tests/test_hostile.py` runs each case alone on both backends, and all of
them together with good files in one batch. Special files (pipes, devices, sockets) are made at
run time; nothing here is large on disk (big files are sparse, deep JSON is a few hundred KB).
"""

from __future__ import annotations

import io
import json
import os
import socket
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from workbench.ingest.loaders import MAX_FILE_BYTES, MAX_TEXT_BYTES

# Good articles: distinct, with claims, Arabic and English.
_AR = ("قال المرصد السوري لحقوق الإنسان إن {n} مدنياً قتلوا في غارات جوية على ريف إدلب، "
       "وأضاف أن بين القتلى أطفالاً. وأفاد ناشطون بأن القصف استمر حتى المساء في البلدة رقم {n}.")
_EN = ("The ministry said {n} people were hurt when the storm reached the coast on Monday. "
       "According to the civil defence, rescue teams worked through the night in district {n}.")


def good_text(n: int) -> str:
    return (_AR if n % 2 else _EN).format(n=n)


def good_bytes(n: int) -> bytes:
    return good_text(n).encode()


def ar_text(n: int) -> str:
    return _AR.format(n=n)


@dataclass
class Case:
    """One hostile input. `make(folder, n)` writes it (n: a number for any good text it holds, so
    that cases never share an article) and returns the paths to give ingest."""

    id: str
    item: int  # the item of issue 14 it belongs to
    make: Callable[[Path, int], list[Path]]
    errors: list[str | tuple[str, ...]] = field(default_factory=list)  # what each error line holds, in order
    stored: int = 0  # good articles it holds
    warnings: int = 0


def _write(folder: Path, name: str, data: bytes | str) -> list[Path]:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return [path]


def _file(name: str, data: Callable[[int], bytes | str]) -> Callable[[Path, int], list[Path]]:
    return lambda folder, n: _write(folder, name, data(n))


def _obj(**fields: object) -> Callable[[int], str]:
    return lambda n: json.dumps({**fields}, allow_nan=True)


def _good_obj(n: int, **extra: object) -> dict[str, object]:
    return {"title": f"good {n}", "content": good_text(n), **extra}


DEEP = 100_000
BIG_DIGITS = "1" + "0" * 5000


def _raw_json_obj(n: int, **raw: str) -> str:
    """An article object with some fields written as raw JSON (a 5,000-digit number...)."""
    body = json.dumps(_good_obj(n))[:-1]
    return body + "".join(f', "{k}": {v}' for k, v in raw.items()) + "}"


# --------------------------------------------------------------------------- special files


def _fifo(name: str) -> Callable[[Path, int], list[Path]]:
    def make(folder: Path, n: int) -> list[Path]:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(path)
        return [path]
    return make


def _symlink(name: str, target: str) -> Callable[[Path, int], list[Path]]:
    def make(folder: Path, n: int) -> list[Path]:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(target)
        return [path]
    return make


def _loop(folder: Path, n: int) -> list[Path]:
    a, b = folder / "loop-a.txt", folder / "loop-b.txt"
    a.symlink_to(b)
    b.symlink_to(a)
    return [a]


def _socket(folder: Path, n: int) -> list[Path]:
    path = folder / "s.json"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(str(path))
    sock.close()  # the socket file stays
    return [path]


def _sparse(name: str, size: int) -> Callable[[Path, int], list[Path]]:
    def make(folder: Path, n: int) -> list[Path]:
        path = folder / name
        with path.open("wb") as f:
            f.truncate(size)  # no blocks written: the size check must refuse it unread
        return [path]
    return make


# --------------------------------------------------------------------------- zips


def _zip(members: Callable[[int], dict[str, bytes]]) -> Callable[[int], bytes]:
    def data(n: int) -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, content in members(n).items():
                zf.writestr(name, content)
        return buf.getvalue()
    return data


def _patch_member(data: bytes, member: str, *, flags: int | None = None, method: int | None = None,
                  crc: int | None = None) -> bytes:
    """Change one member's header fields, in its local header and in the central directory alike
    (how a zip made elsewhere would carry them)."""
    out = bytearray(data)
    needle = member.encode()
    for sig, name_len_at, flags_at, method_at, crc_at, name_at in (
        (b"PK\x03\x04", 26, 6, 8, 14, 30),
        (b"PK\x01\x02", 28, 8, 10, 16, 46),
    ):
        at = out.find(sig)
        while at >= 0:
            length = struct.unpack_from("<H", out, at + name_len_at)[0]
            if bytes(out[at + name_at:at + name_at + length]) == needle:
                if flags is not None:
                    struct.pack_into("<H", out, at + flags_at, struct.unpack_from("<H", out, at + flags_at)[0] | flags)
                if method is not None:
                    struct.pack_into("<H", out, at + method_at, method)
                if crc is not None:
                    struct.pack_into("<I", out, at + crc_at, crc)
            at = out.find(sig, at + 4)
    return bytes(out)


def _inner_zip(n: int) -> bytes:
    return _zip(lambda k: {"inner.txt": good_bytes(k)})(n + 1000)


# --------------------------------------------------------------------------- html

_PAGE = ("<html><head><title>Page {n}</title>{head}</head><body><nav>Home · World · Sport</nav>"
         "<article><h1>Page {n}</h1><p>{p1}</p><p>{p2}</p></article>{tail}</body></html>")


def _page(n: int, head: str = "", tail: str = "") -> str:
    first, second = good_text(n).split(". ", 1)
    return _PAGE.format(n=n, head=head, tail=tail, p1=first + ".", p2=second)


HUGE = 11_000_000  # over libxml2's 10 MB limit for one text node or attribute


def cases() -> list[Case]:
    """Every hostile case, by the item of issue 14 it belongs to."""
    return [
        # 1. JSON that Python cannot read: nesting, huge integers; in .json and on a JSONL line.
        Case("deep-array.json", 1, _file("deep-array.json", lambda n: "[" * DEEP + "]" * DEEP), ["nested too deeply"]),
        Case("deep-object.json", 1, _file("deep-object.json", lambda n: '{"a":' * DEEP + "1" + "}" * DEEP),
             ["nested too deeply"]),
        Case("deep-field.json", 1, _file("deep-field.json", lambda n: json.dumps([_good_obj(n)])[:-2]
                                         + ', "tags": ' + "[" * DEEP + "]" * DEEP + "}]"), ["nested too deeply"]),
        Case("deep-line.jsonl", 1, _file("deep-line.jsonl", lambda n: json.dumps(_good_obj(n)) + "\n" + "[" * DEEP
                                         + "]" * DEEP + "\n" + json.dumps(_good_obj(n + 1)) + "\n"),
             [("deep-line.jsonl:2", "nested too deeply")], stored=2),
        Case("bigint-content.json", 1, _file("bigint-content.json", lambda n: '{"content": ' + BIG_DIGITS + "}"),
             ["content is a number"]),
        Case("bigint-line.jsonl", 1, _file("bigint-line.jsonl", lambda n: json.dumps(_good_obj(n)) + "\n"
                                           + '{"content": -' + BIG_DIGITS + "}\n"), [("bigint-line.jsonl:2", "a number")],
             stored=1),
        Case("bigint-metadata.json", 1, _file("bigint-metadata.json", lambda n: "[" + _raw_json_obj(n, id=BIG_DIGITS) + "]"),
             stored=1),
        Case("huge-float.json", 1, _file("huge-float.json", lambda n: '[{"content": 1e99999}, ' + _raw_json_obj(n, title="-1e99999") + "]"),
             [("huge-float.json[0]", "content is infinite")], stored=1),
        # 2. Not regular files: never read, never waited on; sizes checked before reading.
        Case("fifo.txt", 2, _fifo("fifo.txt"), ["a named pipe"]),
        Case("fifo-in-folder", 2, lambda folder, n: [_fifo("sub/pipe.jsonl")(folder, n)[0].parent], ["a named pipe"]),
        Case("fifo.zip", 2, _fifo("fifo.zip"), ["a named pipe"]),
        Case("link-to-dev-zero.txt", 2, _symlink("zero.txt", "/dev/zero"), ["a character device"]),
        Case("link-to-dev-null.json", 2, _symlink("null.json", "/dev/null"), ["a character device"]),
        Case("socket.json", 2, _socket, ["a socket"]),
        Case("dangling-link.txt", 2, _symlink("gone.txt", "/nonexistent/article.txt"), ["cannot read"]),
        Case("link-loop.txt", 2, _loop, ["cannot read"]),
        Case("sparse-huge.txt", 2, _sparse("huge.txt", MAX_TEXT_BYTES + 1), ["too long for one article"]),
        Case("sparse-huge.json", 2, _sparse("huge.json", MAX_FILE_BYTES + 1), ["too large"]),
        # 4. Encodings: UTF-8 but for a few bytes; UTF-16 without a byte-order mark.
        Case("utf8-stray-bytes.txt", 4, _file("utf8-stray.txt", lambda n: ar_text(n).encode()[:40] + b"\xff\xfe"
                                              + ar_text(n).encode()[40:]), stored=1, warnings=1),
        Case("utf8-cut-short.txt", 4, _file("utf8-cut.txt", lambda n: ar_text(n).encode() + "قال".encode()[:-1]),
             stored=1, warnings=1),
        Case("utf16le-no-bom.txt", 4, _file("utf16le.txt", lambda n: ar_text(n).encode("utf-16-le")), stored=1),
        Case("utf16be-no-bom.txt", 4, _file("utf16be.txt", lambda n: ar_text(n).encode("utf-16-be")), stored=1),
        Case("utf16le-no-bom-english.txt", 4, _file("utf16en.txt", lambda n: _EN.format(n=n).encode("utf-16-le")), stored=1),
        Case("utf16-bom-nul.txt", 4, _file("utf16nul.txt", lambda n: (good_text(n) + "\x00").encode("utf-16")), stored=1),
        # 5. JSON content that is not text.
        Case("content-number.json", 5, _file("number.json", _obj(content=12345)), ["content is a number"]),
        Case("content-true.json", 5, _file("true.json", _obj(content=True)), ["content is true or false"]),
        Case("content-false.jsonl", 5, _file("false.jsonl", lambda n: '{"content": false}\n'), ["true or false"]),
        Case("content-nan.json", 5, _file("nan.json", lambda n: '{"content": NaN}'), ["content is NaN"]),
        Case("content-infinity.json", 5, _file("inf.json", lambda n: '{"content": -Infinity}'), ["content is infinite"]),
        Case("content-null.json", 5, _file("null-content.json", lambda n: '{"content": null}'), ["empty article"]),
        Case("content-list.json", 5, _file("list.json", lambda n: '{"content": ["a", "b"]}'), ["content is a list"]),
        Case("content-object.json", 5, _file("object.json", lambda n: '{"text": {"ar": "x"}}'), ["text is an object"]),
        Case("top-level-number.json", 5, _file("top.json", lambda n: "[42, " + json.dumps(_good_obj(n)) + "]"),
             [("top.json[0]", "not an article object but a number")], stored=1),
        Case("number-then-text.json", 5, _file("fallback.json", lambda n: json.dumps({"content": 7, "body": good_text(n)})), stored=1),
        Case("nan-title.json", 5, _file("nan-title.json", lambda n: _raw_json_obj(n, title="NaN", url="true")), stored=1),
        Case("lone-surrogate.json", 5, _file("surrogate.json", lambda n: json.dumps({"title": "\ud800", "content": "\udc00 " + good_text(n)})),
             stored=1),
        # 6. Web pages whose article is behind something over libxml2's limits.
        Case("script-11mb.html", 6, _file("script.html", lambda n: _page(n, head="<script>" + "var a=1;" * (HUGE // 8) + "</script>")), stored=1),
        Case("style-11mb.html", 6, _file("style.html", lambda n: _page(n, head="<style>" + "a{b:c}" * (HUGE // 6) + "</style>")), stored=1),
        Case("comment-11mb.html", 6, _file("comment.html", lambda n: _page(n, head="<!--" + "x" * HUGE + "-->")), stored=1),
        Case("data-uri-11mb.html", 6, _file("datauri.html", lambda n: _page(n, tail="<img src='data:image/png;base64," + "A" * HUGE + "'>")),
             stored=1),
        Case("svg-11mb.html", 6, _file("svg.html", lambda n: _page(n, tail="<svg><path d='" + "M1 1 " * (HUGE // 6) + "'/></svg>")), stored=1),
        Case("unclosed-script.html", 6, _file("unclosed.html", lambda n: _page(n)[:-14] + "<script>" + "x=1;" * (HUGE // 4)), stored=1),
        Case("no-article.html", 6, _file("empty.html", lambda n: "<html><head><script>" + "x" * 100 + "</script></head><body></body></html>"),
             ["no article text"]),
        # 7. Archives inside archives, and members that cannot be read.
        Case("zip-in-zip", 7, _file("outer.zip", _zip(lambda n: {"a.txt": good_bytes(n), "inner.zip": _inner_zip(n)})),
             [("outer.zip:inner.zip", "a zip inside a zip")], stored=1),
        Case("zip-encrypted-member", 7, _file("locked.zip", lambda n: _patch_member(
            _zip(lambda k: {"a.txt": good_bytes(k), "secret.txt": good_bytes(k + 1)})(n), "secret.txt", flags=0x1)),
             [("locked.zip:secret.txt", "encrypted")], stored=1),
        Case("zip-bad-crc", 7, _file("crc.zip", lambda n: _patch_member(
            _zip(lambda k: {"a.txt": good_bytes(k), "b.txt": good_bytes(k + 1)})(n), "b.txt", crc=0xDEADBEEF)),
             [("crc.zip:b.txt", "CRC")], stored=1),
        Case("zip-unknown-method", 7, _file("method.zip", lambda n: _patch_member(
            _zip(lambda k: {"a.txt": good_bytes(k), "b.txt": good_bytes(k + 1)})(n), "b.txt", method=99)),
             [("method.zip:b.txt", "compression")], stored=1),
        Case("zip-truncated", 7, _file("cut.zip", lambda n: _zip(lambda k: {"a.txt": good_bytes(k)})(n)[:-30]),
             ["not a readable zip"]),
        Case("zip-deep-json-member", 7, _file("deep.zip", _zip(lambda n: {"a.json": ("[" * DEEP + "]" * DEEP).encode(),
                                                                        "b.txt": good_bytes(n)})),
             [("deep.zip:a.json", "nested too deeply")], stored=1),
        # 8. File names that would write to the terminal or forge a line.
        Case("name-with-newline", 8, _file("bad\nerror: forged.json", lambda n: '{"content": 1}'), ["content is a number"]),
        Case("name-with-escapes", 8, _file("\x1b]52;c;ZXZpbA==\x07\x1b[2J\u202eevil.json", lambda n: '{"content": 1}'),
             ["content is a number"]),
        # File names that are not UTF-8 (Python holds their bytes as lone surrogates): stored.
        Case("name-not-utf8.txt", 8, _file(os.fsdecode(b"bad\xff\xfe name.txt"), good_bytes), stored=1),
        Case("name-not-utf8.json", 8, _file(os.fsdecode(b"\xe9t\xe9.json"), lambda n: json.dumps(_good_obj(n))), stored=1),
    ]
