"""A Markdown report, article by article: each claim with its source, verdict, history and
evidence (photos checked and what was concluded). Article text is data: Markdown syntax in it is
escaped and control characters are shown, never obeyed."""

from __future__ import annotations

import re
from itertools import groupby

from workbench.services.attribution import CONFIRMED, REATTRIBUTED, UNCONFIRMED
from workbench.services.claims import ClaimRow
from workbench.services.export import ExportItem
from workbench.storage.models import Status
from workbench.text.display import make_visible

_MD = re.compile(r"([\\`*_{}\[\]<>#|~])")


def esc(text: str | None) -> str:
    return _MD.sub(r"\\\1", make_visible(" ".join((text or "").split())))


def _link(url: str | None) -> str:
    """A web link as Markdown shows one, <https://…>; anything else (or a link with spaces or
    angle brackets in it) as escaped text."""
    if url and re.fullmatch(r"https?://[^\s<>]+", url):
        return f"<{url}>"
    return esc(url)


_EVIDENCE_NAMES = {REATTRIBUTED: "Source changed", CONFIRMED: "Source confirmed", UNCONFIRMED: "Source confirmation withdrawn"}


def attribution(c: ClaimRow) -> str:
    """Whether a checker vouched for the claim's source, or how sure the analyzer was of it."""
    if c.source_confirmed and c.source_confirmed_at is not None:
        return f"confirmed by {esc(c.source_confirmed_by)}, {c.source_confirmed_at:%Y-%m-%d %H:%M}"
    conf = c.attribution_confidence
    sure = f"confidence {conf:.2f}" if conf is not None else "no confidence recorded"
    return f"the analyzer's, not confirmed by a checker ({sure})"


def to_markdown(items: list[ExportItem], *, title: str = "Fact-check report") -> str:
    out = [f"# {esc(title)}", ""]
    if not items:
        out.append("No claims with a verdict.")
        return "\n".join(out) + "\n"
    for _aid, group in groupby(items, key=lambda i: i.article.id):
        grp = list(group)
        a = grp[0].article
        out.append(f"## {esc(a.title) or f'Article {a.id}'}")
        meta = [f"publisher: {esc(a.publisher)}" if a.publisher else "", f"published: {esc(a.published)}" if a.published else "",
                f"<{a.url}>" if a.url and re.match(r"https?://\S+$", a.url) else ""]
        if any(meta):
            out.append(" · ".join(m for m in meta if m))
        out.append("")
        for it in grp:
            c = it.claim
            st = Status(c.status)
            out.append(f"### {st.label} ({st.label_ar}) — claim {c.id}")
            out.append("")
            out.append(f"> {esc(c.text)}")
            out.append("")
            if c.attributed and c.source_name:
                line = f"- **Source:** {esc(c.source_name)} ({c.source_kind}, reliability: {c.source_reliability or 'unknown'})"
                if c.mention:
                    line += f" — written as “{esc(c.mention)}”"
                if c.cue:
                    line += f", cue “{esc(c.cue)}”"
                out.append(line)
            else:
                out.append(f"- **Source:** the publisher's own voice ({esc(c.source_name) or 'no publisher named'})")
            out.append(f"- **Attribution:** {attribution(c)}")
            if c.assignee:
                given = f"assigned by {esc(c.assigned_by)}, " if c.assigned_by else ""
                when = f"{c.assigned_at:%Y-%m-%d %H:%M}" if c.assigned_at else ""
                out.append(f"- **Checker:** {esc(c.assignee)} ({given}{when})" if given or when else f"- **Checker:** {esc(c.assignee)}")
            out.append(f"- **Check-worthiness:** {c.checkworthiness:.2f} ({', '.join(c.features) or 'no features'})")
            if c.seen_before:
                sb = c.seen_before
                out.append(f"- **Seen before:** claim {sb['claim_id']} in “{esc(sb.get('article_title'))}” — {sb['status_label']}")
            for e in it.evidence:
                when = f"{e.at:%Y-%m-%d %H:%M}" if e.at else ""
                if e.kind == "image_check":
                    if e.known_image_id and e.known_image_id in it.known_images:
                        k = it.known_images[e.known_image_id]
                        prov = ", ".join(esc(p) for p in (k.source, k.first_seen, k.caption) if p)
                        out.append(f"- **Photo check** ({when}, {esc(e.user)}): {esc(e.path)} — {e.verdict} with known image "
                                   f"{k.id} `{esc(k.path)}` (distance {e.distance}, correlation {e.correlation}){' — ' + prov if prov else ''}")
                    else:
                        out.append(f"- **Photo check** ({when}, {esc(e.user)}): {esc(e.path)} — no known image matches")
                elif e.kind == "image_outcome":
                    words = "the same image as" if e.outcome == "same" else "not the same as"
                    out.append(f"- **Photo outcome** ({when}, {esc(e.user)}): {words} known image {e.known_image_id}"
                               + (f" — {esc(e.note)}" if e.note else ""))
                elif e.kind == "link":
                    line = f"- **Link** ({when}, {esc(e.user)}): {_link(e.url)}"
                    out.append(line + (f" — {esc(e.note)}" if e.note else ""))
                else:
                    kind = _EVIDENCE_NAMES.get(e.kind) or esc(e.kind).capitalize()
                    out.append(f"- **{kind}** ({when}, {esc(e.user)}): {esc(e.note or e.url)}")
            if it.history:
                out.append("- **History:** " + "; ".join(
                    f"{h.at:%Y-%m-%d %H:%M} {esc(h.user)}: {Status(h.from_status).label} → {Status(h.to_status).label}"
                    for h in it.history))
            out.append("")
    return "\n".join(out) + "\n"
