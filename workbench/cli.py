"""The command line: a thin layer over `workbench.services` (and the app, which it launches).

Contracts (see README): `analyze --json`, `ingest --json`, `claims --json` are read by scripts;
they are extended, never broken.
"""

from __future__ import annotations

import functools
import inspect
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar, get_type_hints

import typer

from workbench import __version__
from workbench.errors import WorkbenchError
from workbench.text.wording import plural

if TYPE_CHECKING:
    from workbench.storage.db import Database

app = typer.Typer(
    name="workbench",
    help="Claims, sources and verdicts for fact-checkers. Without a command, opens the app.",
    add_completion=False,
    no_args_is_help=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

def _check_bidi(value: str | None) -> str | None:
    from workbench.display_check import BIDI_VALUES

    if value is not None and value.strip().lower() not in BIDI_VALUES:
        raise typer.BadParameter(f"takes auto, on or off, not {value!r}")
    return value


DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database URL (sqlite:///PATH, postgresql+psycopg://…); default: WORKBENCH_DB, then a file in your data directory."),
]
UserOption = Annotated[str | None, typer.Option("--user", help="Who is working (default: WORKBENCH_USER, then your login).")]
BidiOption = Annotated[
    str | None,
    typer.Option("--bidi", callback=_check_bidi,
                 help="Reorder Arabic for display: auto (default: for a terminal that does not), on, off. Also WORKBENCH_BIDI."),
]
# The options several commands share, declared once: `shared` adds them to a command.
_SHARED = {"db": ("database", DbOption), "user": ("user", UserOption), "bidi": ("bidi", BidiOption)}
F = TypeVar("F", bound=Callable[..., Any])


def _given(ctx: typer.Context, name: str) -> Any:
    """An option as given to this command or, failing that, to the commands around it
    (`workbench --db X claims` and `workbench claims --db X` are the same)."""
    c: Any = ctx
    while c is not None:
        value = c.params.get(name)
        if value is not None:
            return value
        c = c.parent
    return None


def shared(*names: str) -> Callable[[F], F]:
    """Give a command the shared options `names` ("db", "user", "bidi"). The function receives
    them resolved: `database` (the database, opened), `user` (or None: the login), `bidi`
    (whether to reorder Arabic in what it prints)."""

    def decorate(fn: F) -> F:
        own = inspect.signature(fn)
        hints = get_type_hints(fn, include_extras=True, localns={"Database": Any})
        params = [p.replace(annotation=hints.get(p.name, p.annotation)) for p in own.parameters.values()
                  if p.name not in {_SHARED[n][0] for n in names}]
        params += [inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=_SHARED[n][1])
                   for n in names]
        params.append(inspect.Parameter("_ctx", inspect.Parameter.KEYWORD_ONLY, annotation=typer.Context))

        @functools.wraps(fn)
        def command(*args: Any, **kwargs: Any) -> Any:
            ctx = kwargs.pop("_ctx")
            for n in names:
                kwargs.pop(n, None)
                value = _given(ctx, n)
                if n == "db":
                    kwargs["database"] = _open(value)
                elif n == "bidi":
                    from workbench.display_check import bidi_for_output

                    kwargs["bidi"] = bidi_for_output(value, isatty=sys.stdout.isatty())
                else:
                    kwargs[n] = value
            return fn(*args, **kwargs)

        command.__signature__ = own.replace(parameters=params)  # type: ignore[attr-defined]
        command.__annotations__ = {p.name: p.annotation for p in params}
        return command  # type: ignore[return-value]

    return decorate


def _err(message: str, *, kind: str = "error") -> None:
    """One line on stderr. Messages carry file names, database values and what the user typed:
    all of it is shown through `safe_line`, so nothing in them reaches the terminal raw."""
    _say(f"{kind}: {message}")


def _say(message: str) -> None:
    """A line for the person at the terminal that is not the output itself (a note, what was
    written where, that nothing matched): on stderr, so that stdout stays the data. Through
    `safe_line`, like every line."""
    from workbench.text.display import safe_line

    sys.stderr.write(safe_line(message) + "\n")
    sys.stderr.flush()


def _echo(line: str) -> None:
    """One line of output, shown through `safe_line` (see `_err`)."""
    from workbench.text.display import safe_line

    typer.echo(safe_line(line))


def _note(message: str) -> None:
    """A line on stderr about what was done, that is not an error."""
    _say(f"note: {message}")


def _print_json(obj: Any) -> None:
    from workbench.text.display import safe_json

    sys.stdout.write(safe_json(obj) + "\n")


def _open(db: str | None) -> Database:
    from sqlalchemy.engine import make_url

    from workbench.storage.db import Database

    database = Database(db)
    if database.created:
        # A mistyped --db would otherwise give an empty result without a word.
        _note(f"no database at {make_url(database.url).database}: created a new, empty one")
    return database


def _run_app(db_url: str | None, user: str | None, bidi: str | None, title: str | None = None) -> None:
    from workbench.display_check import bidi_setting
    from workbench.tui.app import WorkbenchApp

    setting = bidi_setting(bidi)
    db = _open(db_url)
    WorkbenchApp(db, user=user, bidi=setting, title=title).run()


@app.callback(invoke_without_command=True)
def _root(
    ctx: typer.Context,
    db: DbOption = None,
    user: UserOption = None,
    bidi: BidiOption = None,
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    if version:
        _echo(f"workbench {__version__}")
        raise typer.Exit(0)
    if ctx.invoked_subcommand is None:
        _run_app(db, user, bidi)


@app.command()
def demo(
    ctx: typer.Context,
    reset: Annotated[bool, typer.Option("--reset", help="Start again from a fresh demo database.")] = False,
    db: DbOption = None,
    user: UserOption = None,
    bidi: BidiOption = None,
) -> None:
    """Open the app on the demo database, built from the fixture articles."""
    from workbench.services.demo import build_demo

    database, _report = build_demo(_given(ctx, "db"), reset=reset)  # a database of its own unless --db says
    _run_app(database.url, _given(ctx, "user"), _given(ctx, "bidi"), title="workbench — demo")


@app.command()
@shared("db")
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders: .txt .md .json .jsonl .zip", readable=False)],
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON summary as the last line.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress line.")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Read and analyse, store nothing: say what would be added.")] = False,
    share: Annotated[str | None, typer.Option(
        "--share", metavar="K/N",
        help="Store only share K of N of the articles (by content), for N ingest processes on one database: "
             "give each machine the same archive and its own K.")] = None,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", metavar="N", min=1,
        help="Analyse on N processes of this machine (default: every core); fewer leave cores to a database "
             "server or other work on the same machine.")] = None,
    *,
    database: Database,
) -> None:
    """Store articles and their claims (.txt .md .html .json .jsonl .zip, folders). Each article is stored once."""
    from workbench.ingest.run import IngestReport, ingest_paths, parse_share

    try:
        part = parse_share(share) if share is not None else None
    except ValueError as exc:
        raise WorkbenchError(str(exc)) from exc

    show_progress = not quiet and sys.stderr.isatty()

    def on_error(e: Any, kind: str = "error") -> None:
        if show_progress:
            sys.stderr.write("\r\x1b[K")
        _err(f"{e.origin}: {e.message}", kind=kind)

    def on_warning(e: Any) -> None:
        on_error(e, "warning")

    def on_article(r: IngestReport) -> None:
        if show_progress and r.articles % 50 == 0:
            sys.stderr.write(f"\ringesting… {plural(r.articles, 'article')}, {plural(r.claims, 'claim')}")
            sys.stderr.flush()

    report = ingest_paths(database, paths, on_error=on_error, on_warning=on_warning, on_article=on_article,
                          dry_run=dry_run, share=part, workers=jobs)
    if show_progress:
        sys.stderr.write("\r\x1b[K")
    summary = report.summary()
    if dry_run:
        summary["dry_run"] = 1
    if as_json:
        _print_json(summary)
    else:
        _echo(
            f"{plural(summary['articles'], 'article')} and {plural(summary['claims'], 'claim')} "
            f"{'would be ' if dry_run else ''}added; {summary['duplicates']:,} already stored; "
            f"{plural(summary['errors'], 'error')}"
            + (f"; {summary['other_shares']:,} left to the other shares" if report.other_shares else "")
        )
    raise typer.Exit(1 if report.errors else 0)


def _columns() -> int:
    """How wide a line may be: the terminal's width, or 200 for a pipe or a file."""
    import shutil

    return shutil.get_terminal_size((200, 24)).columns if sys.stdout.isatty() else 200


def _cell(text: str, width: int, bidi: bool) -> str:
    """Data in a column: visible, cut to `width` cells, in display order when `bidi`."""
    from workbench.text.display import Data, display_parts

    return display_parts([Data(text)], width, bidi).ljust(width)


def _name(text: str, width: int, bidi: bool) -> str:
    """A person's name in a column: padded to `width` but never cut, and with a line break or a
    control in it shown (a name that forges a second line must be seen whole)."""
    from workbench.text.display import Data, display_parts, safe_line

    shown = safe_line(text)
    return display_parts([Data(shown)], max(width, len(shown) * 8), bidi).ljust(width)


def _confirmation_mark(r: Any) -> str:
    """✓ for a confirmed attribution, else the analyzer's confidence in it (— when it gave none)."""
    if r.source_confirmed:
        return "✓"
    return f"{r.attribution_confidence:.2f}" if r.attribution_confidence is not None else "—"


ASSIGNEE_WIDTH = 12


def _claim_lines(rows: list[Any], bidi: bool, source_width: int = 40) -> None:
    """One line a claim. Once claims are assigned, who holds each has a column after its status."""
    held = any(r.assignee for r in rows)
    width = max(20, _columns() - 6 - 2 - 12 - 2 - source_width - 2 - 4 - 2 - (ASSIGNEE_WIDTH + 2 if held else 0))
    for r in rows:
        src = f"{r.source_name} ({r.source_kind})" if r.source_name else "—"
        who = f"{_cell(r.assignee or '—', ASSIGNEE_WIDTH, bidi)}  " if held else ""
        _echo(f"{r.id:>6}  {r.status:<12}  {who}{_cell(src, source_width, bidi)}  {_confirmation_mark(r):>4}  "
                   f"{_cell(r.text, width, bidi).rstrip()}")


@app.command()
@shared("db", "bidi", "user")
def claims(
    status: Annotated[str | None, typer.Option("--status", help="Only claims with this status.")] = None,
    article: Annotated[int | None, typer.Option("--article", help="Only claims of this article id.")] = None,
    limit: Annotated[int | None, typer.Option("--limit", help="At most this many claims.")] = None,
    unconfirmed: Annotated[bool, typer.Option("--unconfirmed", help="Only claims whose source no checker has confirmed yet.")] = False,
    confidence_below: Annotated[float | None, typer.Option(
        "--confidence-below",
        help="Only claims whose attribution the analyzer was less sure of than this (0-1; 0.8 and above is confident), "
             "or gave no confidence for.")] = None,
    assignee: Annotated[str | None, typer.Option("--assignee", help="Only the claims this checker holds.")] = None,
    mine: Annotated[bool, typer.Option("--mine", help="Only the claims you hold (you: --user).")] = False,
    unassigned: Annotated[bool, typer.Option("--unassigned", help="Only the claims nobody holds.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array.")] = False,
    *,
    database: Database,
    bidi: bool = False,
    user: str | None = None,
) -> None:
    """List claims with their sources and statuses. The column after the source: ✓ a checker confirmed
    it, otherwise the analyzer's confidence in it. Once claims are assigned, who holds each is shown
    after its status."""
    from workbench.config import current_user
    from workbench.services.claims import list_claims
    from workbench.storage.models import Status

    try:
        st = Status.parse(status) if status else None
    except ValueError as exc:
        raise WorkbenchError(str(exc)) from exc
    if confidence_below is not None and not 0 <= confidence_below <= 1:
        raise WorkbenchError(f"--confidence-below takes a number from 0 to 1, not {confidence_below} (0.8 and above is confident)")
    holder = _holder_filter(assignee, current_user(user) if mine else None, unassigned)
    rows = list_claims(database, status=st, article_id=article, limit=limit,
                       unconfirmed=unconfirmed, confidence_below=confidence_below,
                       assignee=holder, unassigned=unassigned)
    if as_json:
        _print_json([r.to_json() for r in rows])
        return
    if not rows:
        narrowed = [f"status {st.value}" if st else "", f"article {article}" if article is not None else "",
                    "an unconfirmed source" if unconfirmed else "",
                    f"a confidence below {confidence_below}" if confidence_below is not None else "",
                    f"{holder} as their checker" if holder is not None else "", "nobody assigned" if unassigned else ""]
        _say(f"no claims with {' and '.join(n for n in narrowed if n)}" if any(narrowed)
             else "no claims yet: ingest articles with `workbench ingest PATH`")
        return
    _claim_lines(rows, bidi)


def _holder_filter(assignee: str | None, me: str | None, unassigned: bool) -> str | None:
    """The checker `claims` is narrowed to, from --assignee and --mine; one clear error when they
    (or --unassigned) ask for different things."""
    from workbench.services.assignment import checker_name

    names = {checker_name(n) for n in (assignee, me) if n is not None}
    if len(names) > 1:
        raise WorkbenchError("--assignee and --mine name different checkers: give one of them")
    if names and unassigned:
        raise WorkbenchError("--unassigned lists the claims nobody holds: not with --assignee or --mine")
    return names.pop() if names else None


@app.command()
@shared("db", "bidi")
def search(
    query: Annotated[str, typer.Argument(help="Words to find, in any spelling (with or without diacritics, "
                                              "hamza forms, ال و ب ل ف ك; one typo in a longer word)")],
    limit: Annotated[int, typer.Option("--limit", help="At most this many claims.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array (as claims --json).")] = False,
    *,
    database: Database,
    bidi: bool = False,
) -> None:
    """Find claims by their words, best matches first."""
    from workbench.services.claims import search_claims
    from workbench.text.display import make_visible

    rows = search_claims(database, query, limit=limit)
    if as_json:
        _print_json([r.to_json() for r in rows])
        return
    if not rows:
        _say(f"no claims match “{make_visible(' '.join(query.split()))}”")
        return
    _claim_lines(rows, bidi, source_width=36)


@app.command()
def analyze(
    file: Annotated[Path, typer.Argument(help="An article: .txt or .md, any common encoding", readable=False)],
    as_json: Annotated[bool, typer.Option("--json", help="Print the analysis as JSON.")] = False,
) -> None:
    """Split one article into claims and sources, without any database."""
    from workbench.files import read_regular
    from workbench.ingest.budget import AnalysisTooSlow, analysis_budget, time_limit
    from workbench.ingest.loaders import MAX_TEXT_BYTES
    from workbench.text.analyzer import analyze as run
    from workbench.text.display import make_visible
    from workbench.text.encoding import decode_text, describe_replaced

    decoded = decode_text(read_regular(file, MAX_TEXT_BYTES), str(file))
    if (warning := describe_replaced(decoded)) is not None:
        _err(f"{file}: {warning}", kind="warning")
    budget = analysis_budget(len(decoded.text))
    try:
        with time_limit(budget):
            result = run(decoded.text)
    except AnalysisTooSlow:
        raise WorkbenchError(f"{file}: cannot be analysed in reasonable time (stopped after {budget:.0f} s)") from None
    if as_json:
        _print_json(result.to_json())
        return
    pub = result.publisher
    _echo(f"language: {result.language}   publisher: {make_visible(pub.canonical) if pub else '—'}")
    for i, c in enumerate(result.claims, 1):
        src = c.source
        who = f"{src.canonical} [{src.kind}]" if src else "—"
        _echo(f"{i:>3}. {make_visible(who)}{'  (media)' if c.rests_on_media else ''}")
        _echo(f"     {make_visible(' '.join(c.text.split()))}")


@app.command()
@shared("db", "user")
def mark(
    claim_id: Annotated[int, typer.Argument(help="Claim id (see `workbench claims`)")],
    status: Annotated[str, typer.Argument(help="unchecked, in_progress, verified, disputed, false, misleading, unverifiable")],
    *,
    database: Database,
    user: str | None = None,
) -> None:
    """Set a claim's status; the change is kept in its history."""
    from workbench.services.claims import get_claim, set_status
    from workbench.storage.models import Status

    try:
        st = Status.parse(status)
    except ValueError as exc:
        raise WorkbenchError(str(exc)) from exc
    before = get_claim(database, claim_id)
    if before.status == st.value:
        # Nothing changes, so nothing goes into the history: said, not silently "done".
        since = f" since {before.updated_at:%Y-%m-%d %H:%M}" if before.updated_at else ""
        by = f" by {before.updated_by}" if before.updated_by else ""
        _echo(f"claim {before.id}: already {before.status}{since}{by}; nothing changed")
        return
    row = set_status(database, claim_id, st, user=user)
    _echo(f"claim {row.id}: {row.status} (by {row.updated_by})")


@app.command()
@shared("db", "user")
def note(
    claim_id: Annotated[int, typer.Argument(help="Claim id")],
    text: Annotated[str, typer.Argument(help="The note")] = "",
    link: Annotated[str | None, typer.Option("--link", help="A web link to keep as evidence.")] = None,
    *,
    database: Database,
    user: str | None = None,
) -> None:
    """Add a note or an evidence link to a claim."""
    from workbench.services.evidence import add_evidence

    eid = add_evidence(database, claim_id, note=text, url=link, user=user)
    _echo(f"claim {claim_id}: {'link' if link else 'note'} added (evidence {eid})")


@app.command()
@shared("db", "bidi")
def history(
    claim_id: Annotated[int, typer.Argument(help="Claim id")],
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array, oldest first.")] = False,
    *,
    database: Database,
    bidi: bool = False,
) -> None:
    """Show who changed a claim, when: its status (from what to what), its source (chosen,
    confirmed, confirmation withdrawn) and who holds it (assigned to whom, by whom)."""
    from workbench.services.assignment import assignment_history
    from workbench.services.attribution import attribution_history
    from workbench.services.claims import claim_history, get_claim
    from workbench.storage.models import Status
    from workbench.text.display import Data, display_parts

    claim = get_claim(database, claim_id)
    entries: list[tuple[Any, int, str, dict[str, Any]]] = [
        (h.at, 0, f"{h.from_status} → {h.to_status}",
         {"at": h.at.isoformat(), "user": h.user, "change": "status", "from": h.from_status, "to": h.to_status})
        for h in claim_history(database, claim_id)
    ]
    entries += [(e.at, 1, e.describe(), e.to_json()) for e in attribution_history(database, claim_id)]
    entries += [(e.at, 2, e.describe(), e.to_json()) for e in assignment_history(database, claim_id)]
    entries.sort(key=lambda e: (e[0], e[1]))
    if as_json:
        _print_json([e[3] for e in entries])
        return
    if not entries:
        _say(f"claim {claim_id} has no changes yet: it is {Status(claim.status).label.lower()}")
        return
    for at, _order, what, data in entries:
        _echo(f"{at:%Y-%m-%d %H:%M:%S}  {_name(data['user'], 16, bidi)}  "
                   f"{display_parts([Data(what)], max(20, _columns() - 40), bidi)}")


@app.command()
@shared("db")
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="claimreview, csv or markdown")] = "claimreview",
    status: Annotated[list[str] | None, typer.Option("--status", help="Only these statuses (repeatable); default: every verdict.")] = None,
    article: Annotated[int | None, typer.Option("--article", help="Only this article.")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to this file (default: standard output).")] = None,
    org_name: Annotated[str | None, typer.Option("--org-name", help="The checking organisation (ClaimReview author). Also WORKBENCH_ORG_NAME.")] = None,
    org_url: Annotated[str | None, typer.Option("--org-url", help="Its web site. Also WORKBENCH_ORG_URL.")] = None,
    review_url: Annotated[str | None, typer.Option("--review-url", help="Where each review is published, with {id} for the claim id. Also WORKBENCH_REVIEW_URL.")] = None,
    *,
    database: Database,
) -> None:
    """Export verdicts: ClaimReview JSON-LD, CSV for spreadsheets, or a Markdown report."""
    import os

    from workbench.services.export import collect, export_text, write_export
    from workbench.storage.models import Status

    fmt = {"md": "markdown"}.get(fmt.strip().lower(), fmt.strip().lower())
    if fmt not in ("claimreview", "csv", "markdown"):
        raise WorkbenchError(f"unknown format {fmt!r} (claimreview, csv or markdown)")
    try:
        statuses = [Status.parse(s) for s in status] if status else None
    except ValueError as exc:
        raise WorkbenchError(str(exc)) from exc
    items = collect(database, statuses=statuses, article_id=article)
    url = review_url or os.environ.get("WORKBENCH_REVIEW_URL") or ""
    text = export_text(items, fmt, org_name=org_name, org_url=org_url, review_url=url or None)
    if fmt == "claimreview":
        from workbench.export.claimreview import authorless, without_author_note

        if not url or url.startswith("urn:"):
            _note("reviews carry urn: addresses; set --review-url https://…/{id} for Google's Fact Check tools")
        without = authorless(items)
        if without:
            _note(without_author_note(without, len(items)))
    if output is None:
        sys.stdout.write(text)
        if not items:
            _say("no claims with a verdict to export yet")
        return
    write_export(output, fmt, text)
    from workbench.text.display import make_visible

    _say(f"{plural(len(items), 'claim')} written to {make_visible(str(output))}")


@app.command("backup")
@shared("db")
def backup_cmd(
    target: Annotated[Path, typer.Argument(help="A new file for the copy", readable=False)],
    *,
    database: Database,
) -> None:
    """Copy a SQLite database safely, even while the app is open (PostgreSQL: use pg_dump)."""
    from workbench.services.backup import backup

    size = backup(database, target)
    _echo(f"backed up to {target} ({size:,} bytes)")


@app.command("restore")
@shared("db")
def restore_cmd(
    source: Annotated[Path, typer.Argument(help="A backup made with `workbench backup`", readable=False)],
    yes: Annotated[bool, typer.Option("--yes", help="Replace the current contents without asking.")] = False,
    *,
    database: Database,
) -> None:
    """Replace a SQLite database with a backup."""
    from workbench.services.backup import restore

    if not yes:
        raise WorkbenchError("restore replaces everything in the database: add --yes to go ahead (make a backup first)")
    restore(database, source)
    _echo(f"restored from {source}")


sources_app = typer.Typer(
    help="The source registry: list sources, rate them, accept, rename or merge candidates.",
    invoke_without_command=True,
    no_args_is_help=False,
)
app.add_typer(sources_app, name="sources")


@sources_app.callback()
def sources_list(
    ctx: typer.Context,
    db: DbOption = None,
    candidates: Annotated[bool, typer.Option("--candidates", help="Only sources not yet accepted.")] = False,
    kind: Annotated[str | None, typer.Option("--kind", help="Only sources of this kind.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array.")] = False,
) -> None:
    """List sources, most cited first (without a sub-command)."""
    if ctx.invoked_subcommand is not None:
        return  # its --db, or this one, or the root's: see `shared`
    from workbench.services.sources import list_sources
    from workbench.text.display import make_visible

    rows = list_sources(_open(_given(ctx, "db")), candidates=True if candidates else None, kind=kind)
    if as_json:
        _print_json([r.to_json() for r in rows])
        return
    if not rows:
        _say("no sources" + (" match" if candidates or kind else " yet"))
    for r in rows:
        flag = "candidate" if r.is_candidate else ""
        _echo(f"{r.id:>5}  {plural(r.claims, 'claim'):>12}  {r.kind:<13} {r.reliability:<13} {flag:<9}  {make_visible(r.canonical)}")


def _print_source(row: Any) -> None:
    from workbench.text.display import make_visible

    state = "candidate" if row.is_candidate else "registry"
    _echo(f"source {row.id}: {make_visible(row.canonical)} [{row.kind}, {row.reliability}, {state}], "
               f"{plural(row.claims, 'claim')}")


@sources_app.command("show")
@shared("db")
def sources_show(
    source_id: Annotated[int, typer.Argument(help="Source id (see `workbench sources`)")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the source and its claims as JSON.")] = False,
    *,
    database: Database,
) -> None:
    """One source and every claim attributed to it, across articles."""
    from workbench.services.claims import list_claims
    from workbench.services.sources import get_source, source_history
    from workbench.text.display import make_visible

    row = get_source(database, source_id)
    claims_ = list_claims(database, source_id=source_id)
    if as_json:
        _print_json({**row.to_json(), "claim_list": [c.to_json() for c in claims_],
                     "history": [h.to_json() for h in source_history(database, source_id)]})
        return
    _print_source(row)
    for h in source_history(database, source_id):
        what = {"reliability": "rated", "name": "renamed"}.get(h.what, h.what)
        change = f": {make_visible(h.old or '—')} → {make_visible(h.new or '—')}" if h.what not in ("accepted",) else ""
        _echo(f"  {h.at:%Y-%m-%d %H:%M}  {make_visible(h.user)}  {what}{change}")
    for c in claims_:
        _echo(f"{c.id:>6}  {c.status:<12}  {make_visible(' '.join(c.text.split()))[:110]}")


@sources_app.command("rate")
@shared("db", "user")
def sources_rate(
    source_id: Annotated[int, typer.Argument(help="Source id")],
    reliability: Annotated[str, typer.Argument(help="credible, mixed, not-credible or unknown")],
    *,
    database: Database,
    user: str | None = None,
) -> None:
    """Set how far a source can be trusted (every checker sees it; kept in the source's history)."""
    from workbench.services.sources import update_source

    _print_source(update_source(database, source_id, reliability=reliability, user=user))


@sources_app.command("accept")
@shared("db", "user")
def sources_accept(
    source_id: Annotated[int, typer.Argument(help="Source id")],
    kind: Annotated[str | None, typer.Option("--kind", help="Correct its kind at the same time.")] = None,
    *,
    database: Database,
    user: str | None = None,
) -> None:
    """Accept a candidate source into the registry."""
    from workbench.services.sources import update_source

    _print_source(update_source(database, source_id, accept=True, kind=kind, user=user))


@sources_app.command("rename")
@shared("db", "user")
def sources_rename(
    source_id: Annotated[int, typer.Argument(help="Source id")],
    name: Annotated[str, typer.Argument(help="The canonical name")],
    *,
    database: Database,
    user: str | None = None,
) -> None:
    """Give a source its canonical name (the old one is kept as an alias)."""
    from workbench.services.sources import update_source

    _print_source(update_source(database, source_id, canonical=name, user=user))


@sources_app.command("merge")
@shared("db", "user")
def sources_merge(
    source_id: Annotated[int, typer.Argument(help="The source to fold in")],
    into: Annotated[int, typer.Argument(help="The source that stays")],
    *,
    database: Database,
    user: str | None = None,
) -> None:
    """Merge one source into another: claims move, names become aliases."""
    from workbench.services.sources import merge_sources

    _print_source(merge_sources(database, source_id, into, user=user))


@sources_app.command("assign")
@shared("db", "user")
def sources_assign(
    claim_id: Annotated[int, typer.Argument(help="Claim id")],
    source: Annotated[str, typer.Argument(help="A source id, or a source's name or alias (any spelling)")],
    new: Annotated[bool, typer.Option("--new", help="No such source yet: make a new one of this name.")] = False,
    *,
    database: Database,
    user: str | None = None,
) -> None:
    """Attribute a claim to another source, confirmed by that choice (kept in the claim's history)."""
    from workbench.services.claims import get_claim
    from workbench.services.sources import find_source, reassign_source
    from workbench.text.display import make_visible

    if new:
        reassign_source(database, claim_id, new_name=source, user=user)
    else:
        found = int(source) if source.isdigit() else find_source(database, source)
        if found is None:
            raise WorkbenchError(f"no source named {source!r} (add --new to make one)")
        reassign_source(database, claim_id, source_id=found, user=user)
    row = get_claim(database, claim_id)
    _echo(f"claim {row.id}: attributed to {make_visible(row.source_name or '')} [{row.source_kind}], confirmed "
               f"(by {make_visible(row.updated_by or '')})")


ClaimRefs = Annotated[list[str], typer.Argument(
    help="Claim ids; ID@VERSION (the version `claims --json` gave) refuses a claim somebody changed since",
    metavar="CLAIM[@VERSION]", show_default=False)]


def _claim_refs(args: list[str]) -> tuple[list[tuple[int, int | None]], list[str]]:
    """`12` or `12@3` (id, version read) per argument, in order, once each; and the arguments that
    are neither."""
    import re

    refs: dict[int, int | None] = {}
    bad = []
    for arg in args:
        m = re.fullmatch(r"\s*(\d+)\s*(?:@\s*(\d+)\s*)?", arg)
        if m is None:
            bad.append(arg)
            continue
        refs[int(m.group(1))] = int(m.group(2)) if m.group(2) else None
    return list(refs.items()), bad


def _outcomes(result: Any, done_word: str, same_word: str) -> dict[int, tuple[str, Any]]:
    """What became of each claim of a version-checked change (`changed`, `unchanged`,
    `conflicts`, `missing`), by id: (outcome word, its row or None)."""
    outcome: dict[int, tuple[str, Any]] = {}
    for row in result.changed:
        outcome[row.id] = (done_word, row)
    for row in result.unchanged:
        outcome[row.id] = (same_word, row)
    for row in result.conflicts:
        outcome[row.id] = ("conflict", row)
    for cid in result.missing:
        outcome[cid] = ("not_found", None)
    return outcome


def _finish_claim_outcomes(refs: list[tuple[int, int | None]], bad: list[str], outcome: dict[int, tuple[str, Any]],
                           lines: list[str], as_json: bool) -> None:
    """The end of a command that changes claims one by one: the JSON outcomes (one per argument)
    or the lines, then exit status 1 if any argument was bad, refused or missing."""
    if as_json:
        items: list[dict[str, Any]] = [{"arg": a, "id": None, "outcome": "invalid", "claim": None} for a in bad]
        items += [{"arg": str(cid) if v is None else f"{cid}@{v}", "id": cid, "outcome": outcome[cid][0],
                   "claim": outcome[cid][1].to_json() if outcome[cid][1] is not None else None} for cid, v in refs]
        _print_json(items)
    else:
        for line in lines:
            _echo(line)
    failed = bad or any(what in ("conflict", "not_found") for what, _row in outcome.values())
    raise typer.Exit(1 if failed else 0)


def _attribution_command(database: Database, user: str | None, args: list[str], as_json: bool,
                         *, confirm: bool) -> None:
    """`sources confirm` and `sources unconfirm`: one line per claim; one error line per bad id or
    claim left as somebody else changed it; exit status 1 if any."""
    from workbench.services.attribution import attribution_words, confirm_sources, unconfirm_sources
    from workbench.text.display import make_visible

    refs, bad = _claim_refs(args)
    for arg in bad:
        _err(f"{make_visible(arg)!r}: not a claim id (give ID or ID@VERSION)")
    result = (confirm_sources if confirm else unconfirm_sources)(database, refs, user=user)
    done_word, same_word = ("confirmed", "already_confirmed") if confirm else ("unconfirmed", "not_confirmed")
    outcome = _outcomes(result, done_word, same_word)
    lines = []
    for cid, version in refs:
        what, row = outcome[cid]
        source = make_visible(attribution_words(row.attributed, row.source_name)) if row is not None else ""
        if what == "not_found":
            _err(f"claim {cid}: no such claim")
        elif what == "conflict":
            last = f"last changed by {make_visible(row.updated_by)}" if row.updated_by else "unchanged since ingest"
            _err(f"claim {cid}: not {done_word}: it is at version {row.version}, not {version} ({last}; now {row.status}, "
                 f"source {source}); look at it again, then {cid}@{row.version}")
        elif what == "confirmed":
            lines.append(f"claim {cid}: source confirmed: {source} (by {make_visible(row.source_confirmed_by or '')})")
        elif what == "already_confirmed":
            lines.append(f"claim {cid}: already confirmed by {make_visible(row.source_confirmed_by or 'someone')} "
                         f"on {row.source_confirmed_at:%Y-%m-%d %H:%M}: {source}")
        elif what == "unconfirmed":
            lines.append(f"claim {cid}: confirmation withdrawn (by {make_visible(row.updated_by or '')}): {source} is a guess again")
        else:
            lines.append(f"claim {cid}: not confirmed: nothing to withdraw ({source})")
    _finish_claim_outcomes(refs, bad, outcome, lines, as_json)


@sources_app.command("confirm")
@shared("db", "user")
def sources_confirm(
    claim_ids: ClaimRefs,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array: each claim's outcome and the claim as it now is.")] = False,
    *,
    database: Database,
    user: str | None = None,
) -> None:
    """Confirm the source the analyzer gave each claim (for a claim in the publisher's own voice: that
    it has no external source). Kept in the claim's history; only confirmed sources are exported as
    the claim's author."""
    _attribution_command(database, user, claim_ids, as_json, confirm=True)


@sources_app.command("unconfirm")
@shared("db", "user")
def sources_unconfirm(
    claim_ids: ClaimRefs,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array: each claim's outcome and the claim as it now is.")] = False,
    *,
    database: Database,
    user: str | None = None,
) -> None:
    """Withdraw a confirmation: the claim keeps its source, as a guess again (not exported as its
    author). Kept in the claim's history."""
    _attribution_command(database, user, claim_ids, as_json, confirm=False)


ArticleOption = Annotated[list[int] | None, typer.Option(
    "--article", metavar="ID", help="Every claim of this article too (repeatable; see `workbench claims --article`).")]
AssignJson = Annotated[bool, typer.Option("--json", help="Print a JSON array: each claim's outcome and the claim as it now is.")]


def _assignment_command(database: Database, user: str | None, checker: str | None, args: list[str],
                        articles: list[int], as_json: bool) -> None:
    """`assign` and `unassign`: one line per claim; one error line per bad id, missing claim or
    claim left as somebody else changed it (the others are written); exit status 1 if any."""
    import re

    from workbench.services.assignment import article_claim_ids, assign_claims, checker_name
    from workbench.text.display import make_visible

    if checker is not None:
        if re.fullmatch(r"\s*\d+\s*(@\s*\d+\s*)?", checker):
            raise WorkbenchError(f"{checker.strip()!r} is a claim id, not a checker: the checker comes first "
                                 "(workbench assign NAME CLAIM...; workbench unassign CLAIM... takes claims back)")
        checker = checker_name(checker)
    refs, bad = _claim_refs(args)
    given = dict(refs)
    for aid in articles:  # an unknown article stops everything before anything is written
        for cid in article_claim_ids(database, aid):
            given.setdefault(cid, None)
    if not given and not bad:
        if articles:
            _say(f"no claims in {'article' if len(articles) == 1 else 'articles'} {', '.join(map(str, articles))}: nothing to do")
            return
        raise WorkbenchError("no claims given: name claim ids (ID or ID@VERSION) or --article ID")
    for arg in bad:
        _err(f"{make_visible(arg)!r}: not a claim id (give ID or ID@VERSION)")
    refs = list(given.items())
    result = assign_claims(database, refs, checker, user=user)
    done_word, same_word = ("assigned", "already_assigned") if checker is not None else ("unassigned", "not_assigned")
    outcome = _outcomes(result, done_word, same_word)
    lines = []
    for cid, version in refs:
        what, row = outcome[cid]
        if what == "not_found":
            _err(f"claim {cid}: no such claim")
        elif what == "conflict":
            last = f"last changed by {make_visible(row.updated_by)}" if row.updated_by else "unchanged since ingest"
            holds = f"held by {make_visible(row.assignee)}" if row.assignee else "held by nobody"
            moved = f"it is at version {row.version}, not {version}" if version is not None else "changed meanwhile"
            _err(f"claim {cid}: not {done_word}: {moved} ({last}; now {row.status}, {holds}); "
                 f"look at it again, then {cid}@{row.version}")
        elif what == "assigned":
            lines.append(f"claim {cid}: assigned to {make_visible(row.assignee)} (by {make_visible(row.assigned_by or '')})")
        elif what == "already_assigned":
            since = f" since {row.assigned_at:%Y-%m-%d %H:%M}" if row.assigned_at else ""
            by = f", assigned by {make_visible(row.assigned_by)}" if row.assigned_by else ""
            lines.append(f"claim {cid}: already {make_visible(row.assignee)}'s{since}{by}; nothing changed")
        elif what == "unassigned":
            lines.append(f"claim {cid}: unassigned (by {make_visible(row.updated_by or '')}): nobody holds it")
        else:
            lines.append(f"claim {cid}: nobody holds it; nothing changed")
    _finish_claim_outcomes(refs, bad, outcome, lines, as_json)


@app.command()
@shared("db", "user")
def assign(
    checker: Annotated[str, typer.Argument(help="The checker who is to check them (any name; see `workbench checkers`)",
                                           show_default=False)],
    claim_ids: Annotated[list[str] | None, typer.Argument(
        help="Claim ids; ID@VERSION (the version `claims --json` gave) refuses a claim somebody changed since",
        metavar="[CLAIM[@VERSION]]...", show_default=False)] = None,
    article: ArticleOption = None,
    as_json: AssignJson = False,
    *,
    database: Database,
    user: str | None = None,
) -> None:
    """Give claims to a checker (from whoever held them): the claims named, and every claim of
    --article. Kept in each claim's history; `claims --mine` is their list."""
    _assignment_command(database, user, checker, claim_ids or [], article or [], as_json)


@app.command()
@shared("db", "user")
def unassign(
    claim_ids: Annotated[list[str] | None, typer.Argument(
        help="Claim ids; ID@VERSION refuses a claim somebody changed since", metavar="[CLAIM[@VERSION]]...",
        show_default=False)] = None,
    article: ArticleOption = None,
    as_json: AssignJson = False,
    *,
    database: Database,
    user: str | None = None,
) -> None:
    """Take claims back from whoever holds them: nobody holds them then (`claims --unassigned`).
    Kept in each claim's history."""
    _assignment_command(database, user, None, claim_ids or [], article or [], as_json)


@app.command()
@shared("db", "bidi")
def checkers(
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON object: checkers and what nobody holds.")] = False,
    *,
    database: Database,
    bidi: bool = False,
) -> None:
    """Who holds how many claims still to check (unchecked, in progress) and how many with a
    verdict: every checker the database has seen, those with most to check first, then the claims
    nobody holds."""
    from workbench.services.assignment import workload

    w = workload(database)
    if as_json:
        _print_json(w.to_json())
        return
    width = max([16, *(min(40, len(c.checker or "")) for c in w.checkers)])
    _echo(f"{'checker':<{width}}  {'unchecked':>9}  {'in progress':>11}  {'with a verdict':>14}")
    for c in w.checkers:
        _echo(f"{_name(c.checker or '', width, bidi)}  {c.unchecked:>9,}  {c.in_progress:>11,}  {c.done:>14,}")
    n = w.unassigned
    _echo(f"{'(nobody)':<{width}}  {n.unchecked:>9,}  {n.in_progress:>11,}  {n.done:>14,}")


images_app = typer.Typer(help="The known-image bank: register photos, match suspect photos, attach checks to claims.")
app.add_typer(images_app, name="images")


@images_app.command("add")
@shared("db", "user")
def images_add(
    paths: Annotated[list[Path], typer.Argument(help="Image files or folders (recursively)", readable=False)],
    source: Annotated[str | None, typer.Option("--source", help="Where the photo originally came from.")] = None,
    date: Annotated[str | None, typer.Option("--date", help="When it was first seen (YYYY-MM-DD).")] = None,
    caption: Annotated[str | None, typer.Option("--caption", help="Its original caption.")] = None,
    url: Annotated[str | None, typer.Option("--url", help="Where it was first published.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON summary as the last line.")] = False,
    *,
    database: Database,
    user: str | None = None,
) -> None:
    """Register known images with their provenance. The same file is stored once."""
    from workbench.services.images import add_images

    show = sys.stderr.isatty()

    def on_error(e: Any) -> None:
        if show:
            sys.stderr.write("\r\x1b[K")
        _err(f"{e.path}: {e.message}")

    def on_progress(n: int, total: int) -> None:
        if show and (n % 10 == 0 or n == total):
            sys.stderr.write(f"\rhashing… {n:,}/{total:,}")
            sys.stderr.flush()

    report = add_images(database, paths, source=source, date=date, caption=caption, url=url,
                        user=user, on_error=on_error, on_progress=on_progress)
    if show:
        sys.stderr.write("\r\x1b[K")
    summary = {"added": report.added, "duplicates": report.duplicates, "errors": len(report.errors)}
    if as_json:
        _print_json(summary)
    else:
        _echo(f"{plural(report.added, 'image')} added; {report.duplicates:,} already in the bank; "
                   f"{plural(len(report.errors), 'error')}")
    raise typer.Exit(1 if report.errors else 0)


@images_app.command("match")
@shared("db")
def images_match(
    paths: Annotated[list[Path], typer.Argument(help="Photos to check (files or folders)", readable=False)],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON line per photo.")] = False,
    *,
    database: Database,
) -> None:
    """Is this photo a known older image? Matches best first: "match" or "possible"."""
    from workbench.services.images import ImageError, match_paths
    from workbench.text.display import make_visible

    failed = False
    for result in match_paths(database, paths):
        if isinstance(result, ImageError):
            failed = True
            _err(f"{result.path}: {result.message}")
            if as_json:
                _print_json({"file": result.path, "error": result.message, "matches": []})
            continue
        if as_json:
            _print_json(result.to_json())
            continue
        if result.unmatchable:
            _echo(f"{result.file}: not matched: {result.unmatchable}")
        elif not result.matches:
            _echo(f"{result.file}: no known image matches")
        for m in result.matches:
            prov = ", ".join(make_visible(p) for p in (m.source, m.first_seen, m.caption) if p)
            where = f"; {m.where}" if m.region else ""
            _echo(f"{result.file}: {m.verdict} #{m.known_id} {m.path} ({m.how}{where}){' — ' + prov if prov else ''}")
    raise typer.Exit(1 if failed else 0)


@images_app.command("check")
@shared("db", "user")
def images_check(
    path: Annotated[Path, typer.Argument(help="The photo the claim rests on", readable=False)],
    claim: Annotated[int, typer.Option("--claim", help="The claim to attach the check to.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the match result as JSON.")] = False,
    *,
    database: Database,
    user: str | None = None,
) -> None:
    """Match a photo and keep the result as evidence on a claim."""
    from workbench.services.images import check_image_for_claim

    result, ids = check_image_for_claim(database, path, claim, user=user)
    if as_json:
        _print_json({**result.to_json(), "claim_id": claim, "evidence_ids": ids})
        return
    if not result.matches:
        why = f" ({result.unmatchable})" if result.unmatchable else ""
        _echo(f"claim {claim}: {path} matches no known image{why} (recorded)")
    for m in result.matches:
        where = f"; {m.where}" if m.region else ""
        _echo(f"claim {claim}: {m.verdict} #{m.known_id} {m.path} ({m.how}{where})")


@images_app.command("outcome")
@shared("db", "user")
def images_outcome(
    claim: Annotated[int, typer.Option("--claim", help="The claim.")],
    outcome: Annotated[str, typer.Argument(help="same or not_same")],
    known: Annotated[int | None, typer.Option("--known", help="The known image compared.")] = None,
    note: Annotated[str, typer.Option("--note", help="Why.")] = "",
    *,
    database: Database,
    user: str | None = None,
) -> None:
    """Record a checker's conclusion: the photo is (or is not) the known image."""
    from workbench.services.images import record_image_outcome

    eid = record_image_outcome(database, claim, known, outcome.replace("-", "_"), note=note,
                               user=user)
    _echo(f"claim {claim}: outcome {outcome} recorded (evidence {eid})")


def _show_usage_error(exc: Exception) -> int:
    """Typer's usage errors ("Invalid value for 'CLAIM_ID': …") quote what was typed: printed
    line by line through `safe_line` like every other message."""
    import io

    from workbench.text.display import safe_line

    buf = io.StringIO()
    show = getattr(exc, "show", None)
    if callable(show):
        show(buf)
    else:
        buf.write(f"Error: {exc}\n")
    for line in buf.getvalue().splitlines():
        sys.stderr.write(safe_line(line) + "\n")
    return int(getattr(exc, "exit_code", 2))


def _quiet_libraries() -> None:
    """Our lines are the only lines: a library's log message or warning (trafilatura on a broken
    page, a decoder's UserWarning) would be a stray, unescaped, sometimes multi-line message on
    stderr. WORKBENCH_DEBUG=1 lets them through."""
    import logging

    if os.environ.get("WORKBENCH_DEBUG"):
        return
    logging.captureWarnings(True)
    logging.getLogger().addHandler(logging.NullHandler())  # no "last resort" printing to stderr


def _text_arguments(argv: list[str]) -> list[str]:
    """Arguments with bytes that are not UTF-8 (Python keeps them as lone surrogates) made text,
    so that a user name, a note or a query can be stored and printed; an argument that names an
    existing file keeps its bytes, so the file can still be opened."""
    from workbench.text.encoding import utf8_text

    return [a if utf8_text(a) == a or os.path.lexists(a) else utf8_text(a) for a in argv]


def main() -> None:
    """Entry point: one clear error line instead of a traceback, whatever happens."""
    _quiet_libraries()
    try:
        code = app(args=_text_arguments(sys.argv[1:]), standalone_mode=False)
    except WorkbenchError as exc:
        _err(str(exc))
        sys.exit(1)
    except typer.Abort:
        _err("aborted")
        sys.exit(1)
    except typer.TyperException as exc:  # a usage error
        sys.exit(_show_usage_error(exc))
    except KeyboardInterrupt:
        _err("interrupted")
        sys.exit(130)
    except OverflowError:
        # `mark 99999999999999999999 false`: the database holds 64-bit integers.
        _err("a number given is too large (ids and limits go up to 9,223,372,036,854,775,807)")
        sys.exit(1)
    except BrokenPipeError:
        # `workbench claims | head`: the reader went away; nothing more to say to it.
        sys.stderr.close()
        sys.exit(1)
    except Exception as exc:
        from sqlalchemy.exc import SQLAlchemyError

        if isinstance(exc, SQLAlchemyError):
            orig = getattr(exc, "orig", None) or exc
            lines = str(orig).strip().splitlines()
            _err(f"database: {lines[0] if lines else type(orig).__name__}")
            sys.exit(1)
        if os.environ.get("WORKBENCH_DEBUG"):
            raise
        # A bug, not bad input: still one line, with what to do to see more.
        text = str(exc).strip().splitlines()
        _err(f"unexpected {type(exc).__name__}{': ' + text[0] if text else ''} "
             "(this is a bug in workbench: run again with WORKBENCH_DEBUG=1 for the details)")
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)
