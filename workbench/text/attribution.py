"""Who says so: finding attribution cues and the source phrase each one names.

Works on one sentence at a time, in normalised text mapped back to the original offsets.
Arabic is mostly verb-first ("أفاد مركز حلب الإعلامي أن…": cue, source, content marker), with
prepositional cues ("…، بحسب مصادر محلية") and relative ones ("صورة تداولها ناشطون"). English
puts the source before the verb ("The ministry said"), after it ('"…," said the spokesman') or
after "according to".
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from workbench.text import cues as C
from workbench.text.normalize import normalize_with_map, strip_article

_TOKEN = re.compile(r"\w+|[^\w\s]")
_OPEN_QUOTES = {'"', "'", "(", "["}
_CLOSE_QUOTES = {'"', "'", ")", "]"}
# "نقلت صحيفة تايمز عن الوزير القول إن": the word for "saying" between a source and its words.
_SPEECH_NOUNS = frozenset("القول قوله قولها قولهم قولهما بالقول".split())
_SOCIAL_AFTER_ALA = re.compile(r"^(?:مواقع|موقع|شبكات|شبكه|وسائل|منصات|منصه|تويتر|فيسبوك|فيس|يوتيوب|تلغرام|تيليغرام|انستغرام|x)$")


@dataclass(slots=True)
class Mention:
    start: int  # original offsets
    end: int
    text: str
    kind: str  # guessed from the head noun; the registry may say better
    quoted: bool = False


@dataclass(slots=True)
class Cue:
    start: int  # original offsets of the cue words, prefix included
    end: int
    word: str
    lemma: str
    type: str  # "verb", "prep", "passive", "same"
    mention: Mention | None
    full: bool  # a content marker (أن/إن, that, a colon, a quotation) follows
    continuation: bool = False  # no subject of its own: carries the previous source on
    deferred: bool = False  # follows "حسبما"/"كما": it attributes the clause it closes
    pattern: str = ""  # English: the structure read ("subject-that", "inverted-quote", …), for confidence


@dataclass(slots=True)
class _Tok:
    s: int  # offsets in the normalised sentence
    e: int
    t: str


class SentenceView:
    """A sentence, its normalised form and its tokens, with offset mapping to the original."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.base = start
        self.end = end
        self.norm, self.index = normalize_with_map(text[start:end])
        self._tokens: list[_Tok] | None = None
        self._tok_at: dict[int, int] = {}
        self._starts: list[int] = []
        # Tokens are made from here on: the words well before the first cue are never looked at.
        self.floor = 0

    @property
    def tokens(self) -> list[_Tok]:
        """Tokens of the normalised sentence, made on first use (most sentences have no cue)."""
        if self._tokens is None:
            self._tokens = [_Tok(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(self.norm, self.floor)]
            self._tok_at = {t.s: i for i, t in enumerate(self._tokens)}
            self._starts = [t.s for t in self._tokens]
        return self._tokens

    def orig(self, ns: int, ne: int) -> tuple[int, int]:
        """Map a normalised span to original offsets, keeping trailing diacritics."""
        s = self.base + self.index[ns]
        e = self.base + self.index[ne - 1] + 1
        while e < self.end and _is_mark(self.text[e]):
            e += 1
        return s, e

    def norm_of(self, s: int, e: int) -> str:
        """The normalised text of the original span [s, e) of this sentence."""
        a = bisect_left(self.index, s - self.base)
        b = bisect_left(self.index, e - self.base)
        return self.norm[a:b]

    def token_index(self, norm_offset: int) -> int:
        tokens = self.tokens
        i = self._tok_at.get(norm_offset)
        if i is not None:
            return i
        return bisect_left(self._starts, norm_offset) if tokens else 0


def _word_floor(norm: str, pos: int) -> int:
    """A word boundary at or before `pos` (0 when pos is near the start)."""
    if pos <= 0:
        return 0
    while pos > 0 and not norm[pos - 1].isspace():
        pos -= 1
    return pos


def _is_mark(ch: str) -> bool:
    o = ord(ch)
    return 0x064B <= o <= 0x065F or o in (0x0670, 0x0640) or 0x0610 <= o <= 0x061A


@lru_cache(maxsize=65536)
def _is_addressee(t: str) -> bool:
    """"لوكالة", "لشبكات", "للصحفيين", "لوالديها": to whom it was said, not who said it."""
    if C.ADDRESSEE_PREFIX.match(t):
        return True
    if not t.startswith("ل") or len(t) < 4:
        return False
    if t.endswith(("ها", "هم", "هما", "كم")) and _head_kind(t) is None:
        return True
    rest = t[2:] if t.startswith("لل") else t[1:]
    return bool(C.SOURCE_HEADS.get(rest) or C.SOURCE_HEADS.get("ال" + rest)) and _head_kind(t) is None


@lru_cache(maxsize=65536)
def _head_kind(word: str) -> str | None:
    w = word
    if w[:1] in "وف" and w[1:] and (w[1:] in C.SOURCE_HEADS or strip_article(w[1:]) in C.SOURCE_HEADS):
        w = w[1:]
    return C.SOURCE_HEADS.get(w) or C.SOURCE_HEADS.get(strip_article(w))


# ---------------------------------------------------------------- Arabic


def _arabic_np(sv: SentenceView, i: int, glued: bool = False) -> tuple[Mention | None, int]:
    """The source phrase starting at token i; returns (mention, index after it).

    A phrase is a head noun and what qualifies it: adjectives, genitives, a quoted or bracketed
    name ("صحيفة (اكسبرسين) السويدية"), for people one prepositional phrase ("ضابط في الشرطة
    برتبة عقيد") and a name after a title ("رئيس نقابة الصيادين أبو بكر غامندي")."""
    toks = sv.tokens
    n = len(toks)
    quoted = False
    if i < n and toks[i].t in _OPEN_QUOTES:
        quoted = True
        i += 1
    start_i = i
    words: list[_Tok] = []
    head_kind: str | None = None
    used_fi = False
    while i < n and len(words) < (10 if head_kind in ("official", "unnamed", "group") else 7):
        t = toks[i].t
        if quoted:
            if t in _CLOSE_QUOTES:
                break
            if not t[0].isalnum() and t != ".":
                break
            if t[0].isalnum():
                words.append(toks[i])
            i += 1
            continue
        if t in _OPEN_QUOTES and words:
            # A name in quotes or brackets after its head: "شركة “غو برو”", "صحيفة (اكسبرسين)".
            j = i + 1
            inner: list[_Tok] = []
            while j < n and toks[j].t not in _CLOSE_QUOTES and len(inner) < 5 and (toks[j].t[0].isalnum() or toks[j].t == "."):
                if toks[j].t[0].isalnum():
                    inner.append(toks[j])
                j += 1
            if inner and j < n and toks[j].t in _CLOSE_QUOTES:
                words.extend(inner)
                i = j + 1
                continue
            break
        if t == "." and words and i + 1 < n and toks[i - 1].e == toks[i].s == toks[i + 1].s - 1 \
                and toks[i + 1].t[0].isalnum():
            i += 1  # "بي.بي.سي": an abbreviation with full stops
            continue
        if not t[0].isalnum():
            break
        if t in C.NP_STOPS or t in C.CONTENT_MARKERS or t in _SPEECH_NOUNS:
            break
        if _is_addressee(t) and not (glued and not words):
            break
        if words and _is_cue_word(t):
            break
        if t in ("في", "علي"):
            if not words:
                break
            nxt = toks[i + 1].t if i + 1 < n else ""
            if t == "علي" and _SOCIAL_AFTER_ALA.match(nxt):
                # "ناشطون على مواقع التواصل الاجتماعي": the platform closes the phrase.
                words.append(toks[i])
                words.append(toks[i + 1])
                i += 2
                for extra in ("التواصل", "الاجتماعي", "الاعلام"):
                    if i < n and toks[i].t == extra:
                        words.append(toks[i])
                        i += 1
                break
            if t == "في" and not used_fi and head_kind in ("unnamed", "group", "official") and nxt \
                    and nxt[0].isalnum() and nxt not in C.NP_STOP_AFTER_FI and nxt not in C.NP_STOPS:
                # "ضابط في الشرطة برتبة عقيد", "القنصل العام في مدينة مشهد عبدالله الحمراني".
                used_fi = True
                words.append(toks[i])
                i += 1
                continue
            break
        if not words:
            head_kind = _head_kind(t)
        words.append(toks[i])
        i += 1
    if quoted and i < n and toks[i].t in _CLOSE_QUOTES:
        i += 1
    if not words:
        return None, start_i
    # Trailing prepositions or particles never end a source phrase.
    while words and words[-1].t in ("في", "علي", "من", "و"):
        words.pop()
    if not words:
        return None, start_i
    s, e = sv.orig(words[0].s, words[-1].e)
    kind = head_kind or next((k for w in words[1:] if (k := _head_kind(w.t))), "")
    key = " ".join(w.t for w in words)
    if "التواصل" in key or "تويتر" in key or "فيسبوك" in key:
        kind = "social media"
    return Mention(s, e, sv.text[s:e], kind, quoted), i


def _is_cue_word(t: str) -> bool:
    if t in C._VERB_BY_FORM:
        return True
    return t[:1] in "وف" and t[1:] in C._VERB_BY_FORM


_TIME_WORDS = frozenset(["اليوم", "امس", "يوم", "مساء", "صباح", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "الاحد"])


def _after_np_is_content(sv: SentenceView, i: int, lemma: str = "") -> bool:
    """Does a content marker (أن/إن, a colon, a quotation) follow the source phrase, allowing
    for an addressee ("لوكالة الأنباء الألمانية"), a setting ("في بيان") or a time ("أمس")?"""
    toks = sv.tokens
    n = len(toks)

    def tok(j: int) -> str:
        return toks[j].t if j < n else ""

    j = i
    if tok(j) == ",":
        j += 1
    for _ in range(4):
        t = tok(j)
        if t in _SPEECH_NOUNS:
            j += 1
            continue
        if t and _is_addressee(t):
            j += 1
            k = 0
            while k < 3 and tok(j)[:1].isalnum() and tok(j) not in C.CONTENT_MARKERS and tok(j) not in ("الي", "علي", "في"):
                j += 1
                k += 1
            if tok(j) in _OPEN_QUOTES:  # "لهيئة الإذاعة البريطانية (بي.بي.سي)", "لـ «عكاظ»"
                k = j + 1
                while k < min(n, j + 8) and tok(k) not in _CLOSE_QUOTES:
                    k += 1
                if tok(k) in _CLOSE_QUOTES:
                    j = k + 1
        elif t == "في" and tok(j + 1) in C.NP_STOP_AFTER_FI:
            j += 2
            if tok(j)[:1].isalnum() and tok(j) not in C.CONTENT_MARKERS and tok(j) not in ("الي", "علي", "في"):
                j += 1
        elif t in _TIME_WORDS:
            j += 1
        elif t in ("حيث", "الذي", "التي", "الذين", "وهو", "وهي"):
            # A relative clause about the source, closed by a comma: "…، حيث حصلت الغارة، ان".
            k = j
            while k < min(n, j + 10) and tok(k) != ",":
                k += 1
            if tok(k) != ",":
                break
            j = k
        else:
            break
    if tok(j) == ",":
        j += 1
    t = tok(j)
    if t in C.CONTENT_MARKERS or t in (":", '"'):
        return True
    if lemma == "كشف" and t in ("عن", "عما"):
        return True
    return t in ("الي", "علي") and tok(j + 1) in C.CONTENT_MARKERS


def arabic_cues(sv: SentenceView) -> list[Cue]:
    found: list[Cue] = []
    deferring_until = -1
    matches = C.find_arabic_cues(sv.norm)
    if matches and sv._tokens is None:
        sv.floor = _word_floor(sv.norm, matches[0].start - 160)
    for m in matches:
        ns, ne = m.start, m.end
        if m.prep is not None:
            prep = m.prep
            if prep in C.DEFERRING_PREPOSITIONS:
                deferring_until = ne + 2
                continue
            if prep.endswith("ل"):
                # "وفقاً للمرصد", "وفقا لمصادر": the source is glued to the lam.
                ti = sv.token_index(ne - 1)
                if ti < len(sv.tokens) and sv.tokens[ti].s < ne - 1:
                    ti = sv.token_index(ne)
                mention = _strip_lam(sv, sv.tokens[ti], ti) if ti < len(sv.tokens) else None
            else:
                ti = sv.token_index(ne)
                if ti < len(sv.tokens) and sv.tokens[ti].t in C.PRONOUN_ATTRIBUTIONS:
                    # "حسب وصفه": the clause's own speaker.
                    s, e = sv.orig(ns, sv.tokens[ti].e)
                    found.append(Cue(s, e, sv.text[s:e], prep, "prep", None, full=False, continuation=True))
                    continue
                mention, _ = _arabic_np(sv, ti)
            if mention is None:
                continue
            s, e = sv.orig(ns, ne)
            # "…، وطبقاً لصحيفة اكسبريسن فإن…": a preposition that opens a clause of its own.
            preceding = sv.norm[:ns].rstrip()
            opens = (preceding.endswith(",") or prep.startswith("و")) and _followed_by_fa_inna(sv, mention)
            found.append(Cue(s, e, sv.text[s:e].strip(), prep, "prep", mention, full=opens))
            continue
        form = m.verb or ""
        cue = C.verb_cue(form)
        s, e = sv.orig(ns, ne)
        ti = sv.token_index(ne)
        if form in C.PASSIVE_UNNAMED:
            if _after_np_is_content(sv, ti):
                found.append(Cue(s, e, sv.text[s:e], cue.lemma, "passive", Mention(s, e, sv.text[s:e], "unnamed"), full=True))
            continue
        mention, after = _arabic_np(sv, ti)
        relayed_ok = False
        if mention is not None:
            # "نقلت صحيفة تايمز عن الوزير", "ذكرت الوكالة نقلاً عن مصادر": the one relayed speaks.
            relayed, after2 = _relayed(sv, after, cue.lemma)
            if relayed is not None:
                mention, after, relayed_ok = relayed, after2, True
                if not mention.kind:
                    mention.kind = "person"
        elif (cue.continuation or not cue.weak) and cue.lemma not in ("بالإشارة", "بالقول") \
                and not form.startswith(("م", "قائل", "داعي", "واصف")):
            # Subject before the verb: "لكن غامندي قال إنه", "صحيفة تينيسيان المحلية أكدت أنه".
            before = _arabic_subject_before(sv, sv.token_index(ns))
            if before is not None and _after_np_is_content(sv, ti):
                mention, after = before, ti
        full = _after_np_is_content(sv, after if mention else ti, cue.lemma)
        deferred = ns <= deferring_until
        if mention is not None and not relayed_ok:
            kind = mention.kind
            if not kind and not cue.weak and len(mention.text.split()) <= 3:
                mention.kind = "person"  # "وقال ستاثاكيس قبيل بدء المفاوضات": a name
            elif not kind and not mention.quoted and not full:
                mention = None  # "نشرت صورة": not a source
            elif (cue.lemma in C.NEEDS_CONTENT_MARKER and not full) or (not kind and not full and len(mention.text.split()) > 5):
                mention = None
        if mention is None:
            if full and (cue.continuation or not cue.weak):
                found.append(Cue(s, e, sv.text[s:e], cue.lemma, "verb", None, full=True,
                                 continuation=True, deferred=deferred))
            continue
        found.append(Cue(s, e, sv.text[s:e], cue.lemma, "verb", mention, full=full, deferred=deferred))
    for same in C.SAME_SOURCE.finditer(sv.norm):
        s, e = sv.orig(*same.span())
        found.append(Cue(s, e, sv.text[s:e], "same", "same", None, full=False, continuation=True))
    found.sort(key=lambda c: c.start)
    return found


def _followed_by_fa_inna(sv: SentenceView, mention: Mention) -> bool:
    rest = sv.text[mention.end : sv.end].lstrip(" ،,")
    return rest.startswith(("فإن", "فان", "فأن"))


def _relayed(sv: SentenceView, i: int, lemma: str) -> tuple[Mention | None, int]:
    toks = sv.tokens
    n = len(toks)
    if i < n and toks[i].t in ("نقلا", "ونقلا") and i + 1 < n and toks[i + 1].t == "عن":
        return _arabic_np(sv, i + 2)
    if lemma == "نقل" and i < n and toks[i].t == "عن":
        return _arabic_np(sv, i + 1)
    return None, i


_SUBJECT_BOUNDARY = frozenset("لكن ولكن بينما فيما حين اذ إذ ثم كما و ف".split())


def _arabic_subject_before(sv: SentenceView, ci: int) -> Mention | None:
    """A short subject right before a reporting verb (SVO order), after a clause boundary."""
    toks = sv.tokens
    j = ci - 1
    words: list[_Tok] = []
    while j >= 0 and len(words) < 6:
        t = toks[j].t
        if t in _CLOSE_QUOTES or t in _OPEN_QUOTES:
            j -= 1
            continue
        if not t[0].isalnum() or t in _SUBJECT_BOUNDARY or t in C.NP_STOPS or t in C.CONTENT_MARKERS:
            break
        if _is_cue_word(t) or t in ("في", "علي") or t.endswith("وا"):
            return None
        words.append(toks[j])
        j -= 1
    if not words or len(words) > 5:
        return None
    boundary = toks[j].t if j >= 0 else ""
    if j >= 0 and boundary[0].isalnum() and boundary not in _SUBJECT_BOUNDARY and boundary not in C.CONTENT_MARKERS:
        return None
    words.reverse()
    s, e = sv.orig(words[0].s, words[-1].e)
    kind = next((k for w in words if (k := _head_kind(w.t))), "person")
    return Mention(s, e, sv.text[s:e], kind)


def _strip_lam(sv: SentenceView, tok: _Tok, ti: int) -> Mention | None:
    """"للمرصد" / "لمنظمة": the source glued to the lam of its preposition ("لل" is ل + ال)."""
    if not tok.t.startswith("ل"):
        return _arabic_np(sv, ti)[0]
    drop = 2 if tok.t.startswith("لل") else 1
    rest = tok.t[drop:]
    if len(rest) < 2:
        return None
    mention, _ = _arabic_np(sv, ti, glued=True)
    if mention is None:
        return None
    kind = _head_kind(rest) or _head_kind("ال" + rest) or mention.kind
    s = sv.orig(tok.s + drop, tok.s + drop + 1)[0]
    return Mention(s, mention.end, sv.text[s : mention.end], kind, mention.quoted)
