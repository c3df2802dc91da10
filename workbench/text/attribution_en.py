"""English attribution: the source before the verb ("The ministry said"), after it ('"…," said
the spokesman'), after "according to", and agents ("shared by activists").

Works on one sentence at a time through the shared `SentenceView` (normalised text mapped back
to the original offsets) and returns the same `Cue`s as the Arabic side.
"""

from __future__ import annotations

import re

from workbench.text.attribution import Cue, Mention, SentenceView, _Tok

ENGLISH_VERBS = ["said", "says", "told", "tells", "stated", "states", "added", "adds", "claimed", "claims", "reported", "reports", "announced", "announces", "confirmed", "confirms", "denied", "denies", "warned", "warns", "noted", "notes", "explained", "explains", "insisted", "insists", "alleged", "alleges", "revealed", "reveals", "acknowledged", "acknowledges", "admitted", "admits", "argued", "argues", "asserted", "asserts", "wrote", "writes", "tweeted", "posted", "disclosed", "estimated", "estimates", "accused", "accuses", "quoted", "say", "tell", "blamed", "blames", "forecast", "predicted", "predicts", "urged", "urges"]
ENGLISH_PREPOSITIONS = ("according to", "citing", "quoting", "as reported by", "as told to")
ENGLISH_PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i"])
ENGLISH_HEADS: dict[str, str] = {}
for _kind, _words in {
    "unnamed": "official officials source sources spokesperson diplomat diplomats analyst analysts "
    "experts expert reports researchers scientists meteorologists investigators",
    "group": "activists activist residents witnesses witness rebels protesters doctors medics locals "
    "users workers volunteers survivors families villagers fighters",
    "organization": "ministry observatory organization organisation committee council agency army "
    "police government office department commission coalition military forces authority authorities "
    "group un",
    "outlet": "media newspaper television tv channel station outlet outlets",
    "official": "minister president spokesman spokeswoman governor ambassador commander director "
    "secretary chief general",
    "social media": "post tweet account page",
}.items():
    for _w in _words.split():
        ENGLISH_HEADS[_w] = _kind


ENGLISH_CUE_RE = re.compile(
    r"\b(?P<prep>" + "|".join(ENGLISH_PREPOSITIONS) + r")\b|\b(?P<verb>" + "|".join(ENGLISH_VERBS) + r")\b",
    re.IGNORECASE,
)

_EN_STOP_BACK = frozenset(
    ["that", "which", "who", "whom", "whose", "while", "when", "as", "and", "but", "because", ",", ";", ":", '"', "'", "(", ")", "—", "–"]
)
_EN_SKIP_BACK = frozenset(
    ["also", "has", "have", "had", "was", "were", "is", "are", "previously", "later", "earlier", "yesterday", "today", "tonight", "on", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "last", "week", "month", "in", "a", "statement", "recently", "separately", "further", "again"]
)
_EN_DETERMINERS = frozenset("the a an these those this that such its their his her our some many".split())
_EN_BY_AGENT = re.compile(r"\b(?:shared|posted|published|circulated|released|issued|filmed|taken|broadcast) by\b")
_EN_STOP_FORWARD = frozenset(
    ["that", "on", "in", "at", "during", "after", "before", "while", "when", "as", "and", "but", "because", "who", "which", ",", ".", ";", ":", '"', "'", "(", ")", "—", "–"]
)


def _en_kind(words: list[str]) -> str:
    for w in reversed(words):
        k = ENGLISH_HEADS.get(w.lower())
        if k:
            return k
    if any(w[:1].isupper() for w in words):
        return "person" if len(words) <= 3 else ""
    return ""


def english_cues(sv: SentenceView) -> list[Cue]:
    found: list[Cue] = []
    toks = sv.tokens
    orig_toks = [(t, sv.text[sv.orig(t.s, t.e)[0] : sv.orig(t.s, t.e)[1]]) for t in toks]
    for m in ENGLISH_CUE_RE.finditer(sv.norm):
        ns, ne = m.span()
        s, e = sv.orig(ns, ne)
        ti_after = sv.token_index(ne)
        ti_at = sv.token_index(ns)
        if m.group("prep"):
            words = _en_forward(orig_toks, ti_after)
            if words:
                ms, me = sv.orig(toks[words[0]].s, toks[words[-1]].e)
                ws = [orig_toks[k][1] for k in words]
                found.append(Cue(s, e, sv.text[s:e], m.group("prep").lower(), "prep",
                                 Mention(ms, me, sv.text[ms:me], _en_kind(ws)), full=False))
            continue
        verb = m.group("verb").lower()
        back = _en_backward(orig_toks, ti_at)
        nxt = toks[ti_after].t if ti_after < len(toks) else ""
        full = nxt in ("that", ":", '"', "'") or nxt == ","
        before = toks[ti_at - 1].t if ti_at > 0 else ""
        if back and len(back) == 1 and orig_toks[back[0]][1].lower() in ENGLISH_PRONOUNS:
            found.append(Cue(s, e, sv.text[s:e], verb, "verb", None, full=True, continuation=True))
            continue
        if back and back[-1] == ti_at - 1 and orig_toks[back[-1]][0].t in _EN_DETERMINERS:
            continue  # "the reports", "such claims": a noun, not a verb
        if back:
            ws = [orig_toks[k][1] for k in back]
            kind = _en_kind(ws)
            if all(w.lower() in _EN_DETERMINERS for w in ws):
                kind = ""
            if kind:
                ms, me = sv.orig(toks[back[0]].s, toks[back[-1]].e)
                found.append(Cue(ms, e, sv.text[ms:e], verb, "verb",
                                 Mention(ms, me, sv.text[ms:me], kind), full=full))
            continue
        quote_before = before in ('"', "'") or (
            before == "," and ti_at >= 2 and toks[ti_at - 2].t in ('"', "'")
        ) or (before == '"' and ti_at >= 2 and toks[ti_at - 2].t == ",")
        if quote_before or ti_at == 0:
            words = _en_forward(orig_toks, ti_after)
            if words:
                ws = [orig_toks[k][1] for k in words]
                if ws[0].lower() in ENGLISH_PRONOUNS and len(ws) == 1:
                    found.append(Cue(s, e, sv.text[s:e], verb, "verb", None, full=False, continuation=True))
                    continue
                kind = _en_kind(ws)
                if kind:
                    ms, me = sv.orig(toks[words[0]].s, toks[words[-1]].e)
                    found.append(Cue(s, e, sv.text[s:e], verb, "verb",
                                     Mention(ms, me, sv.text[ms:me], kind), full=False))
    for m in _EN_BY_AGENT.finditer(sv.norm):
        # "A video shared by activists on social media": the agent is the source.
        words = _en_forward(orig_toks, sv.token_index(m.end()))
        k = words[-1] + 1 if words else 0
        if words and k + 1 < len(toks) and toks[k].t == "on" and toks[k + 1].t in ("social", "twitter", "facebook", "youtube", "telegram", "instagram"):
            words.extend(range(k, k + (3 if toks[k + 1].t == "social" and k + 2 < len(toks) else 2)))
        if words:
            ws = [orig_toks[k][1] for k in words]
            ms, me = sv.orig(toks[words[0]].s, toks[words[-1]].e)
            text = sv.text[ms:me]
            kind = "social media" if re.search(r"social media|twitter|facebook|youtube|telegram", text, re.I) else _en_kind(ws)
            if kind:
                s, e = sv.orig(*m.span())
                found.append(Cue(s, e, sv.text[s:e], "by", "prep", Mention(ms, me, text, kind), full=False))
    for m in re.finditer(r"\bthe same (?:source|official|spokesman|spokeswoman)\b", sv.norm):
        s, e = sv.orig(*m.span())
        found.append(Cue(s, e, sv.text[s:e], "same", "same", None, full=False, continuation=True))
    found.sort(key=lambda c: c.start)
    return found


def _en_backward(orig_toks: list[tuple[_Tok, str]], ti: int) -> list[int]:
    """The subject before an English reporting verb: "the ministry said", "An official at X,
    who asked not to be named, said"."""
    j = ti - 1
    while j >= 0 and orig_toks[j][0].t in _EN_SKIP_BACK:
        j -= 1
    if j >= 0 and orig_toks[j][0].t == ",":
        # Skip one relative clause: ", who asked not to be named,".
        k = j - 1
        while k >= 0 and orig_toks[k][0].t not in (",", ".", '"') and j - k < 14:
            k -= 1
        if k >= 0 and orig_toks[k][0].t == "," and orig_toks[k + 1][0].t in ("who", "which", "whose"):
            j = k - 1
        else:
            return []
    out: list[int] = []
    while j >= 0 and len(out) < 10:
        t = orig_toks[j][0].t
        if t == "s" and j >= 2 and orig_toks[j - 1][0].t == "'" and orig_toks[j - 2][0].t[0].isalnum():
            out.extend((j, j - 1))  # a possessive: "Russia's defence ministry"
            j -= 2
            continue
        if t in _EN_STOP_BACK or not t[0].isalnum():
            break
        out.append(j)
        j -= 1
    out.reverse()
    if j >= 0 and orig_toks[j][0].t not in (",", ";", "(", '"', "'", ":", "that", "—", "–", "and", "but", "while") and len(out) > 6:
        return []
    while len(out) > 1 and orig_toks[out[0]][0].t in ("the", "a", "an"):
        out = out[1:]
    return out


def _en_forward(orig_toks: list[tuple[_Tok, str]], ti: int) -> list[int]:
    out: list[int] = []
    j = ti
    while j < len(orig_toks) and len(out) < 7:
        t = orig_toks[j][0].t
        if (t in _EN_STOP_FORWARD and out) or not t[0].isalnum():
            break
        out.append(j)
        j += 1
    while out and orig_toks[out[0]][0].t in ("the", "a", "an") and len(out) > 1:
        out = out[1:]
    return out
