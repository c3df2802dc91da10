"""English attribution against PolNeAR (US political news annotated with source, cue and content).

    python benchmarks/polnear.py --import /path/to/PolNeAR      # once: fill the cache
    python benchmarks/polnear.py                                 # score on dev
    python benchmarks/polnear.py --train                         # score on train as well
    python benchmarks/polnear.py -v                              # list what went wrong

PolNeAR (github.com/networkdynamics/PolNeAR) states no licence, so none of it is committed: the
import copies `data/train` and `data/dev` (text and brat annotations, nothing else) from a clone
or a bare git directory into `.cache/polnear/` (git-ignored). `data/test` is reserved for
independent evaluation: it is never read, copied or scored here.

Scoring (the rule of issue 15): a gold attribution (one with a Source and a Content) is *found*
when one attributed claim overlaps at least half of its content, that overlap is at least 30% of
the claim, and the claim's source mention overlaps the gold source span. Precision is the share
of attributed claims that find a gold attribution that way; recall the share of gold
attributions found. Confident precision is the same test on claims with
`attribution_confidence >= 0.8`; a confident publisher-voice claim is wrong when a gold
attribution's content makes up its body (the content rule above, no source needed).
Speed: the analyzer's articles/s beside the naive regex analyzer of analyze_rate.py (a plain
regex sentence split made into claims), over the same texts in alternating blocks.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks._naive import naive_analyze
from workbench.text.analyzer import Analysis, ClaimResult, analyze

CACHE = ROOT / ".cache" / "polnear"
SPLITS = ("train", "dev")  # never "test": it is reserved for independent evaluation
CONFIDENT = 0.8

Spans = list[tuple[int, int]]


@dataclass(slots=True)
class GoldAttribution:
    source: Spans
    content: Spans
    cue: Spans

    @property
    def content_len(self) -> int:
        return sum(e - s for s, e in self.content)


def parse_ann(ann: str) -> list[GoldAttribution]:
    """The attributions of a brat standoff file that have both a Source and a Content."""
    spans: dict[str, Spans] = {}
    events: list[dict[str, str]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            _label, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = [(int(a), int(b)) for a, b in (f.split() for f in offsets.split(";"))]
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(arg.split(":", 1) for arg in parts[1].split()))
    out: list[GoldAttribution] = []
    for ev in events:
        if "Source" in ev and "Content" in ev and ev["Source"] in spans and ev["Content"] in spans:
            out.append(GoldAttribution(spans[ev["Source"]], spans[ev["Content"]], spans.get(ev.get("Cue", ""), [])))
    return out


def _overlap(a: Spans, s: int, e: int) -> int:
    return sum(max(0, min(b, e) - max(a_, s)) for a_, b in a)


def content_fits(claim: ClaimResult, gold: GoldAttribution) -> bool:
    """The claim holds at least half of the gold content, and that is at least 30% of the claim."""
    ov = _overlap(gold.content, claim.start, claim.end)
    return ov > 0 and ov >= 0.5 * gold.content_len and ov >= 0.3 * (claim.end - claim.start)


def claim_finds(claim: ClaimResult, gold: GoldAttribution) -> bool:
    src = claim.source
    if not claim.attributed or src is None or src.start is None or src.end is None:
        return False
    return content_fits(claim, gold) and _overlap(gold.source, src.start, src.end) > 0


@dataclass(slots=True)
class Article:
    name: str
    text: str
    gold: list[GoldAttribution]


def load_split(split: str) -> list[Article]:
    folder = CACHE / split
    if not folder.is_dir():
        sys.exit(f"error: {folder} not found: fill the cache once with "
                 "`python benchmarks/polnear.py --import /path/to/PolNeAR` (a clone or a bare git directory)")
    out = []
    for txt in sorted(folder.glob("*.txt")):
        ann = txt.with_suffix(".ann")
        if ann.exists():
            out.append(Article(txt.stem, txt.read_text(encoding="utf-8"), parse_ann(ann.read_text(encoding="utf-8"))))
    return out


@dataclass(slots=True)
class Score:
    attributed: int = 0
    attributed_right: int = 0
    gold: int = 0
    found: int = 0
    confident: int = 0
    confident_right: int = 0
    confident_voice: int = 0
    confident_voice_right: int = 0
    claims: int = 0

    @property
    def precision(self) -> float:
        return self.attributed_right / max(1, self.attributed)

    @property
    def recall(self) -> float:
        return self.found / max(1, self.gold)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def lines(self, name: str) -> list[str]:
        return [
            f"{name}: precision {self.precision:.3f} ({self.attributed_right}/{self.attributed} attributed claims), "
            f"recall {self.recall:.3f} ({self.found}/{self.gold} gold attributions), F1 {self.f1:.3f}",
            f"  confident (>= {CONFIDENT}): sources {self.confident_right}/{self.confident} = "
            f"{self.confident_right / max(1, self.confident):.1%} right; publisher's voice "
            f"{self.confident_voice_right}/{self.confident_voice} = "
            f"{self.confident_voice_right / max(1, self.confident_voice):.1%} right; "
            f"{self.confident + self.confident_voice}/{self.claims} claims confident",
        ]


def score_article(art: Article, analysis: Analysis, score: Score, misses: list[str] | None = None) -> None:
    claims = analysis.claims
    score.claims += len(claims)
    score.gold += len(art.gold)
    for g in art.gold:
        if any(claim_finds(c, g) for c in claims):
            score.found += 1
        elif misses is not None:
            src = " / ".join(art.text[s:e] for s, e in g.source)
            cue = " / ".join(art.text[s:e] for s, e in g.cue)
            content = " … ".join(art.text[s:e] for s, e in g.content)
            holder = next((c for c in claims if content_fits(c, g)), None)
            got = ("no claim holds it" if holder is None else
                   f"claim gave {holder.source.mention if holder.attributed and holder.source else 'publisher'!r}")
            misses.append(f"{art.name}: [missed] {src!r} {cue!r}: {_short(content)} ({got})")
    for c in claims:
        if c.attributed:
            score.attributed += 1
            right = any(claim_finds(c, g) for g in art.gold)
            score.attributed_right += right
            if c.attribution_confidence >= CONFIDENT:
                score.confident += 1
                score.confident_right += right
            if not right and misses is not None:
                mention = c.source.mention if c.source else None
                misses.append(f"{art.name}: [wrong] {mention!r} ({c.attribution_confidence:.2f}): {_short(c.text)}")
        elif c.attribution_confidence >= CONFIDENT:
            score.confident_voice += 1
            score.confident_voice_right += not any(content_fits(c, g) for g in art.gold)


def _short(text: str, n: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def speed(articles: list[Article], rounds: int = 3) -> tuple[float, float]:
    """Articles/s of the analyzer and of the naive regex analyzer (`benchmarks/_naive.py`, the
    baseline of analyze_rate.py), timed in alternating blocks over the same texts."""
    texts = [a.text for a in articles]
    t_analyzer = t_naive = 0.0
    for _ in range(rounds):
        for i in range(0, len(texts), 20):
            block = texts[i : i + 20]
            t0 = time.perf_counter()
            for t in block:
                naive_analyze(t)
            t1 = time.perf_counter()
            for t in block:
                analyze(t)
            t2 = time.perf_counter()
            t_naive += t1 - t0
            t_analyzer += t2 - t1
    n = len(texts) * rounds
    return n / max(t_analyzer, 1e-9), n / max(t_naive, 1e-9)


def import_polnear(source: Path) -> None:
    """Copy data/{train,dev}/{text,attributions} from a PolNeAR clone or bare git directory."""
    if (source / "data" / "train").is_dir():
        files = {
            split: [(p.name, p.read_bytes()) for sub in ("text", "attributions")
                    for p in sorted((source / "data" / split / sub).glob("*")) if p.is_file()]
            for split in SPLITS
        }
    else:
        files = {split: _git_files(source, split) for split in SPLITS}
    if not files["train"] or not files["dev"]:
        sys.exit(f"error: {source}: no data/train and data/dev found (a PolNeAR clone or its bare git directory)")
    for split, items in files.items():
        folder = CACHE / split
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        # Articles annotated by several annotators have one .ann each ("…_4b22.ann"): keep the
        # first annotator's in a fixed order, so every run scores against the same gold.
        annotations: dict[str, tuple[str, bytes]] = {}
        for name, data in items:
            if name.endswith(".txt"):
                (folder / name).write_bytes(data)
            elif name.endswith(".ann"):
                stem, _, annotator = name[: -len(".ann")].rpartition("_")
                if stem not in annotations or annotator < annotations[stem][0]:
                    annotations[stem] = (annotator, data)
        for stem, (_annotator, data) in annotations.items():
            (folder / f"{stem}.ann").write_bytes(data)
        print(f"{split}: {len(list(folder.glob('*.txt')))} articles, {len(annotations)} annotated -> {folder}")


def _git_files(git_dir: Path, split: str) -> list[tuple[str, bytes]]:
    def git(*args: str) -> bytes:
        try:
            return subprocess.run(["git", f"--git-dir={git_dir}", *args], check=True, capture_output=True).stdout
        except (OSError, subprocess.CalledProcessError) as exc:
            sys.exit(f"error: {git_dir}: not a PolNeAR git directory ({exc})")

    out = []
    for sub in ("text", "attributions"):
        listing = git("ls-tree", "-z", "HEAD", f"data/{split}/{sub}/").split(b"\0")
        for entry in listing:
            if not entry:
                continue
            meta, _, path = entry.partition(b"\t")
            _mode, kind, sha = meta.split()
            if kind == b"blob":
                out.append((path.decode().rsplit("/", 1)[1], git("cat-file", "blob", sha.decode())))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--import", dest="source", type=Path, help="fill the cache from a PolNeAR clone or git directory")
    ap.add_argument("--train", action="store_true", help="score train as well as dev")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss and every wrong attribution")
    ap.add_argument("--no-speed", action="store_true", help="skip the throughput line")
    args = ap.parse_args()
    if args.source is not None:
        import_polnear(args.source)
        return
    command = "python benchmarks/polnear.py" + (" --train" if args.train else "") + (" -v" if args.verbose else "")
    print(f"command: {command}")
    for split in (["train"] if args.train else []) + ["dev"]:
        articles = load_split(split)
        score = Score()
        misses: list[str] | None = [] if args.verbose else None
        for art in articles:
            analysis = analyze(art.text)
            score_article(art, analysis, score, misses)
        for line in score.lines(f"{split} ({len(articles)} articles)"):
            print(line)
        for m in misses or []:
            print("  " + m)
        if split == "dev" and not args.no_speed:
            rate, base = speed(articles)
            print(f"speed on {split}: analyzer {rate:,.0f} articles/s, naive regex analyzer (benchmarks/_naive.py) "
                  f"{base:,.0f} articles/s, ratio {rate / base:.2f}")


if __name__ == "__main__":
    main()
