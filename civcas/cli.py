"""The civcas command line (Typer + Rich)."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from civcas import export, geo, ingest, pipeline
from civcas.models import Claim, Incident
from civcas.store import Store

app = typer.Typer(
    help="civcas: war-news reports -> a verified, geocoded record of civilian-harm incidents.",
    no_args_is_help=True,
    add_completion=False,
)
eval_app = typer.Typer(help="Measure civcas against gold annotations.", no_args_is_help=True)
geo_app = typer.Typer(help="The gazetteer.", no_args_is_help=True)
bench_app = typer.Typer(help="Benchmarks that print figures.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
app.add_typer(geo_app, name="geo")
app.add_typer(bench_app, name="bench")

# Piped output (CI logs, `make demo | tee`) gets a wide table instead of Rich's 80-column default.
_WIDTH = None if sys.stdout.isatty() else int(os.environ.get("COLUMNS", "200"))
console = Console(width=_WIDTH)
err = Console(stderr=True, width=None if sys.stderr.isatty() else _WIDTH)
SHARED = Path(__file__).resolve().parents[2] / "shared"
DbOption = Annotated[
    str | None,
    typer.Option("--db", envvar="CIVCAS_DB", help="SQLite file or SQLAlchemy URL [default: civcas.db]"),
]


class _State:
    db: str | None = None


OutletsOption = Annotated[
    list[Path] | None,
    typer.Option("--outlets", help="extra outlet registry CSV (adds to / overrides civcas/data/outlets.csv)"),
]


@app.callback()
def _main(db: DbOption = None, outlets: OutletsOption = None) -> None:
    _State.db = db
    if outlets:
        _use_outlet_files(outlets)


def _use_outlet_files(paths: list[Path]) -> None:
    from civcas.outlets import ENV_VAR

    for path in paths:
        if not path.is_file():
            raise typer.BadParameter(f"no such outlet registry file: {path}", param_hint="--outlets")
    extra = [p for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p]
    os.environ[ENV_VAR] = os.pathsep.join([*extra, *(str(p) for p in paths)])


def _store() -> Store:
    return Store.open(_State.db)


# ---------------------------------------------------------------- pipeline


@app.command()
def run(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders: .csv (FA-KES), .txt, .jsonl, .html")],
) -> None:
    """Ingest, extract, geocode, link and assess; incremental (new articles join stored incidents)."""
    with _store() as store:
        report = _run_with_progress(paths, store)
        _print_run_summary(report)
    if not report.ok:
        raise typer.Exit(1)


def _run_with_progress(paths: list[Path], store: Store) -> pipeline.RunReport:
    total = ingest.count_inputs(paths)
    columns = [TextColumn("[bold]processing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()]
    with Progress(*columns, console=err, transient=False, disable=not err.is_terminal and total < 50) as bar:
        task = bar.add_task("articles", total=total)
        report = pipeline.run(paths, store, progress=lambda n: bar.advance(task, n))
    return report


def _print_run_summary(report: pipeline.RunReport) -> None:
    for error in report.errors:
        err.print(f"[red]error[/red] {error}")
    for new_id, old_id in report.duplicates:
        err.print(f"[yellow]skipped[/yellow] {new_id}: same content as stored article {old_id}")
    for new_id, old_id in report.revisions:
        err.print(
            f"[yellow]revised[/yellow] {old_id}: its content changed; new version stored as {new_id}, both kept"
        )
    err.print(
        f"{len(report.added)} article(s) added, {len(report.duplicates)} already stored, "
        f"{len(report.errors)} error(s); {report.claims} claim(s); "
        f"{len(report.incidents_touched)} incident(s) created or updated"
    )


@app.command()
def incidents(
    governorate: Annotated[str | None, typer.Option(help="e.g. 'Deir ez-Zor'")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="YYYY-MM-DD")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="YYYY-MM-DD")] = None,
    actor: Annotated[str | None, typer.Option(help="e.g. us_led_coalition")] = None,
    grade: Annotated[str | None, typer.Option(help="confirmed, fair, weak, contested, discounted")] = None,
    min_killed: Annotated[int | None, typer.Option(help="at least this many dead (max claim)")] = None,
    limit: Annotated[int | None, typer.Option(help="show at most this many")] = None,
) -> None:
    """List incidents as a table."""
    with _store() as store:
        found = store.incidents(
            governorate=geo.canonical_governorate(governorate) or governorate,
            date_from=_date(date_from),
            date_to=_date(date_to),
            actor=actor,
            grade=grade,
            min_killed=min_killed,
            limit=limit,
        )
    console.print(incident_table(found))


def incident_table(found: list[Incident]) -> Table:
    table = Table(title=f"{len(found)} incident(s)", show_lines=False)
    for column in (
        "incident",
        "date",
        "place",
        "governorate",
        "actor",
        "weapon",
        "killed",
        "civilians",
        "sources / outlets",
        "grade",
    ):
        table.add_column(column, overflow="fold")
    for i in found:
        table.add_row(
            i.id,
            _date_range(i),
            (i.place.canonical or i.place.name) if i.place else "-",
            i.governorate or "-",
            ", ".join(i.actors) or "-",
            ", ".join(i.weapons) or "-",
            _range(i.casualties.get("killed.total")),
            _range(i.casualties.get("killed.civilians")),
            f"{i.n_articles} / {i.n_outlets}",
            i.grade or "-",
        )
    return table


def _date_range(i: Incident) -> str:
    if not i.date_min:
        return "undated"
    if i.date_max and i.date_max != i.date_min:
        return f"{i.date_min.isoformat()}..{i.date_max.isoformat()}"
    return i.date_min.isoformat()


def _range(low_high: tuple[int, int] | None) -> str:
    if not low_high:
        return "-"
    return str(low_high[0]) if low_high[0] == low_high[1] else f"{low_high[0]}–{low_high[1]}"


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as e:
        raise typer.BadParameter(f"not a date (YYYY-MM-DD): {value}") from e


@app.command()
def show(incident_id: str) -> None:
    """One incident: its claims side by side, with the evidence behind every figure and the links."""
    with _store() as store:
        incident = store.get_incident(incident_id)
        if incident is None:
            err.print(f"[red]no incident {incident_id}[/red]")
            raise typer.Exit(1)
        claims = store.claims(incident_id=incident_id)
        articles = {c.article_id: store.get_article(c.article_id) for c in claims}
        verdicts = [v for a in sorted(articles) if (v := store.assessment(a))]
    console.print(incident_table([incident]))
    console.print(f"grade: [bold]{incident.grade}[/bold] ({incident.grade_reason})")
    console.print(f"media camps ({incident.n_camps}): " + (", ".join(incident.camps) or "-"), markup=False)
    if incident.contradictions:
        console.print("contradictions: " + "; ".join(incident.contradictions))
    if incident.belligerent_response:
        console.print(f"accused party's response: {incident.belligerent_response}")
    console.print(_claims_table(claims, articles))
    console.print("\ncredibility of each report (stored by civcas run):")
    for verdict in verdicts:
        _print_verdict(verdict)
    for claim in claims:
        _print_evidence(claim)
    for lk in incident.links:
        target = f"matched {lk.matched_claim_id}" if lk.matched_claim_id else "opened the incident"
        console.print(f"link {lk.claim_id}: {target}, score {lk.score:g}: " + "; ".join(lk.reasons))


def _claims_table(claims: list[Claim], articles) -> Table:
    table = Table(title="claims")
    fields = [
        "article",
        "outlet",
        "role",
        "date",
        "place",
        "actor",
        "weapon",
        "target",
        "killed",
        "civilians",
        "children",
        "women",
        "injured",
        "killed or injured",
        "claimed by",
        "response",
    ]
    for f in fields:
        table.add_column(f, overflow="fold")
    for c in claims:
        a = articles.get(c.article_id)
        table.add_row(
            c.article_id,
            _outlet_with_camp(a.outlet if a else None),
            c.role,
            c.date.isoformat() if c.date else "-",
            c.place.name if c.place else "-",
            c.actor or "-",
            c.weapon or "-",
            c.target or "-",
            *[
                _fig(c, p)
                for p in (
                    "killed.total",
                    "killed.civilians",
                    "killed.children",
                    "killed.women",
                    "injured.total",
                    "killed_or_injured.total",
                )
            ],
            c.claimed_by or "-",
            c.belligerent_response or "-",
        )
    return table


def _outlet_with_camp(name: str | None) -> str:
    from civcas.outlets import OutletRegistry

    camp = OutletRegistry.default().camp_of(name)
    return f"{name} ({camp})" if name and camp else name or "-"


def _fig(claim: Claim, path: str) -> str:
    fig = claim.figures.get(path)
    if fig is None:
        return "-"
    return f"≥{fig.value}" if fig.approx else str(fig.value)


def _print_evidence(claim: Claim) -> None:
    console.print(f"\n[bold]{claim.id}[/bold] evidence:")
    if claim.sentence:
        console.print(
            f"  sentence [{claim.sentence.start}:{claim.sentence.end}]: {claim.sentence.text}", markup=False
        )
    for name, span in sorted(claim.evidence.items()):
        console.print(f"  {name:26} [{span.start}:{span.end}] {span.text!r}", markup=False)


@app.command("export")
def export_cmd(
    fmt: Annotated[str, typer.Option("--format", help="csv, geojson or jsonl")] = "csv",
    out: Annotated[Path | None, typer.Option(help="output file [default: standard output]")] = None,
) -> None:
    """Export every incident as CSV, GeoJSON or JSON Lines."""
    writers = {"csv": export.to_csv, "geojson": export.to_geojson, "jsonl": export.to_jsonl}
    if fmt not in writers:
        raise typer.BadParameter(f"unknown format {fmt!r}: choose csv, geojson or jsonl")
    with _store() as store:
        text = writers[fmt](store.incidents())
    if out is None:
        sys.stdout.write(text)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    err.print(f"wrote {out}")


@app.command()
def predict(
    inputs: Annotated[list[Path], typer.Argument(help="inputs, as for `civcas run`")],
    out: Annotated[Path, typer.Option(help="JSON Lines output, one line per article (GOLD_FORMAT.md)")],
) -> None:
    """Run the full pipeline on exactly these inputs in a temporary database; write gold-format predictions."""
    with tempfile.TemporaryDirectory() as tmp, Store(str(Path(tmp) / "predict.db")) as store:
        report = _run_with_progress(inputs, store)
        lines = [_gold_line(store, input_id, stored_id) for input_id, stored_id in report.stored_as.items()]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    for error in report.errors:
        err.print(f"[red]error[/red] {error}")
    err.print(f"wrote {len(lines)} article(s) to {out}")
    if not report.ok:
        raise typer.Exit(1)


def _gold_line(store: Store, input_id: str, stored_id: str) -> str:
    """The prediction for one input article; a text stored once under another id (a duplicate row)
    is predicted under its own id as well, so the scorer sees every input article."""
    article = dataclasses.replace(store.get_article(stored_id), id=input_id)
    return json.dumps(export.article_to_gold(article, store.claims(article_id=stored_id)), ensure_ascii=False)


# ---------------------------------------------------------------- eval, geo


@eval_app.command("extraction")
def eval_extraction(
    gold: Annotated[Path, typer.Option(help="gold JSON Lines")] = SHARED / "eval" / "dev_gold.jsonl",
    articles: Annotated[
        list[Path] | None, typer.Option(help="inputs [default: dev_articles.csv + seeds]")
    ] = None,
    scorer: Annotated[Path | None, typer.Option(help="score.py [default: next to the gold file]")] = None,
    out: Annotated[Path | None, typer.Option(help="keep the predictions here")] = None,
) -> None:
    """Predict on the gold articles and print the table of ../shared/eval/score.py."""
    scorer = scorer or gold.parent / "score.py"
    if not scorer.exists():
        scorer = SHARED / "eval" / "score.py"
    inputs = articles or [gold.parent / "dev_articles.csv", SHARED / "data" / "seeds"]
    for path in [gold, scorer, *inputs]:
        if not path.exists():
            err.print(f"[red]missing {path}[/red]")
            raise typer.Exit(2)
    with tempfile.TemporaryDirectory() as tmp:
        pred = out or Path(tmp) / "pred.jsonl"
        predict(inputs, pred)
        result = subprocess.run(
            [sys.executable, str(scorer), str(gold), str(pred)], capture_output=True, text=True
        )
    console.print(result.stdout, markup=False, highlight=False)
    if result.returncode != 0:
        err.print(result.stderr)
        raise typer.Exit(result.returncode)
    covered, total = _gazetteer_coverage(gold)
    console.print(
        f"gazetteer coverage: {covered}/{total} gold places resolved at precision 1 = {covered / max(total, 1):.3f}"
    )


def _gazetteer_coverage(gold: Path) -> tuple[int, int]:
    """Gold incidents that name a place, and how many of those names (as written) the shipped
    gazetteer resolves to an entry with its own coordinate in the gold governorate."""
    places = [
        (incident["place"], incident.get("governorate"))
        for line in gold.read_text(encoding="utf-8").splitlines()
        if line.strip()
        for incident in json.loads(line).get("incidents", [])
        if incident.get("place")
    ]
    return sum(geo.resolves_precisely(name, gov) for name, gov in places), len(places)


@geo_app.command("lookup")
def geo_lookup(
    name: str,
    governorate: Annotated[str | None, typer.Option(help="prefer this governorate")] = None,
    limit: int = 10,
) -> None:
    """Print the gazetteer candidates for a name, with their scores."""
    table = Table(title=f"candidates for {name!r}")
    for column in ("score", "id", "name", "kind", "governorate", "lat", "lon", "source"):
        table.add_column(column)
    for entry, score in geo.Gazetteer.default().lookup(name, geo.canonical_governorate(governorate))[:limit]:
        table.add_row(
            f"{score:.2f}",
            entry.id,
            entry.name,
            entry.kind,
            entry.governorate or "-",
            "-" if entry.lat is None else f"{entry.lat:.4f}",
            "-" if entry.lon is None else f"{entry.lon:.4f}",
            entry.source or "-",
        )
    console.print(table)


@bench_app.command("extract")
def bench_extract_cmd(
    inputs: Annotated[
        list[Path] | None, typer.Argument(help="[default: ../shared/data/FA-KES-Dataset.csv]")
    ] = None,
    repeat: Annotated[int, typer.Option(help="passes over the inputs in one process")] = 1,
    runs: Annotated[
        int, typer.Option(help="cold passes, each in a fresh process; RESULT is their median")
    ] = 1,
) -> None:
    """Extraction speed on one core: articles/s, MB/s, peak memory; last line is RESULT ..."""

    inputs = inputs or [SHARED / "data" / "FA-KES-Dataset.csv"]
    for path in inputs:
        if not path.exists():
            err.print(f"[red]missing {path}[/red]")
            raise typer.Exit(2)
    if runs < 1 or repeat < 1:
        err.print("[red]--runs and --repeat must be at least 1[/red]")
        raise typer.Exit(2)
    from civcas import bench

    result = _bench_extract_here(inputs, repeat) if runs == 1 else _bench_extract_runs(inputs, repeat, runs)
    console.print(f"gazetteer load: {result.gazetteer_seconds:.2f} s")
    console.print(f"interpreter: {bench.interpreter()}", markup=False, highlight=False)
    console.print(
        "extraction modules: compiled (mypyc)"
        if bench.extraction_is_compiled()
        else "extraction modules: plain Python (`make` compiles them, about 1.25 times as fast)"
    )
    console.print(
        f"{result.articles} articles, {result.megabytes:.2f} MB, {result.claims} claims in {result.seconds:.2f} s: "
        f"{result.articles_per_s:.1f} articles/s, {result.mb_per_s:.3f} MB/s, peak memory {result.peak_mb:.1f} MB"
    )
    console.print(result.result_line(), markup=False, highlight=False)


def _bench_extract_here(inputs: list[Path], repeat: int):
    from civcas import bench

    columns = [TextColumn("[bold]extracting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()]
    with Progress(*columns, console=err, disable=not err.is_terminal) as bar:
        task = bar.add_task("articles", total=ingest.count_inputs(inputs) * repeat)
        return bench.bench_extract(inputs, repeat, progress=lambda n: bar.advance(task, n))


def _bench_extract_runs(inputs: list[Path], repeat: int, runs: int):
    from civcas import bench

    results = []
    for k in range(1, runs + 1):
        results.append(r := bench.bench_extract_isolated(inputs, repeat))
        console.print(f"run {k}/{runs}: {r.articles_per_s:.1f} articles/s, peak memory {r.peak_mb:.1f} MB")
    console.print(f"median of {runs} runs:")
    return bench.median_run(results)


@bench_app.command("link")
def bench_link_cmd(
    claims: Annotated[
        list[int] | None, typer.Option("--claims", help="claims to link; repeat for several sizes")
    ] = None,
    seed: Annotated[int, typer.Option(help="seed of the synthetic corpus")] = 7,
) -> None:
    """Linking speed on synthetic claims: seconds, claims/s and peak memory per size, each size in a
    fresh process; also the pairwise precision/recall against the generator's events. Last line:
    RESULT for the largest size."""
    from civcas import bench

    sizes = sorted(claims or [10_000, 100_000])
    if sizes[0] <= 0:
        err.print("[red]--claims must be positive[/red]")
        raise typer.Exit(2)
    table = Table("claims", "incidents", "seconds", "claims/s", "peak MB", "precision", "recall")
    results = []
    for n in sizes:
        err.print(f"linking {n:,} synthetic claims ...")
        r = bench.bench_link_isolated(n, seed)
        results.append(r)
        table.add_row(
            f"{r.claims:,}", f"{r.incidents:,}", f"{r.seconds:.2f}", f"{r.claims / max(r.seconds, 1e-9):,.0f}",
            f"{r.peak_mb:.1f}", f"{r.precision:.3f}", f"{r.recall:.3f}",
        )  # fmt: skip
    console.print(table)
    if len(results) > 1:
        first, last = results[0], results[-1]
        growth = (last.seconds / first.seconds) / (last.claims / first.claims)
        console.print(f"time grows {growth:.2f}x as fast as the claim count (1.00 = linear)")
    console.print(results[-1].result_line(), markup=False, highlight=False)


# ---------------------------------------------------------------- reference records, credibility
# (issue 6: `civcas reference ...`, `civcas check`, `civcas eval credibility`, `civcas credibility train`)

reference_app = typer.Typer(
    help="Reference casualty records (VDC, ACLED, UCDP, Airwars, any CSV).", no_args_is_help=True
)
app.add_typer(reference_app, name="reference")


@reference_app.command("import")
def reference_import(
    file: Annotated[Path, typer.Argument(help="CSV file of records")],
    preset: Annotated[str | None, typer.Option(help="vdc, acled, ucdp or airwars")] = None,
    map_: Annotated[
        list[str] | None,
        typer.Option("--map", help="column=field, e.g. fatalities=killed.total (repeatable)"),
    ] = None,
    source: Annotated[
        str | None, typer.Option(help="dataset name [default: the preset or file name]")
    ] = None,
) -> None:
    """Import reference records; bad rows are reported one line each, the rest is imported."""
    from civcas import reference

    try:
        mapping = dict(_pair(item) for item in map_ or [])
        report = reference.read_file(file, preset, mapping, source)
    except (ValueError, OSError) as e:
        err.print(f"[red]error[/red] {e}")
        raise typer.Exit(2) from e
    with _store() as store:
        added = store.add_references(report.records)
    for error in report.errors:
        err.print(f"[red]error[/red] {escape(f'{file}: {error}')}")
    err.print(
        f"{report.rows} row(s) read, {len(report.records)} record(s), {added} added, "
        f"{len(report.records) - added} already stored, {len(report.errors)} bad row(s)"
    )
    if report.errors:
        raise typer.Exit(1)


def _pair(item: str) -> tuple[str, str]:
    column, sep, target = item.partition("=")
    if not sep or not column.strip() or not target.strip():
        raise ValueError(f"--map takes column=field, not {item!r}")
    return column.strip(), target.strip()


@reference_app.command("list")
def reference_list(
    governorate: Annotated[str | None, typer.Option(help="e.g. 'Deir ez-Zor'")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="YYYY-MM-DD")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="YYYY-MM-DD")] = None,
    limit: Annotated[int | None, typer.Option(help="show at most this many")] = None,
) -> None:
    """List imported reference records."""
    with _store() as store:
        found = store.references(
            _date(date_from), _date(date_to), geo.canonical_governorate(governorate) or governorate, limit
        )
    table = Table(title=f"{len(found)} reference record(s)")
    for column in ("source", "id", "date", "place", "governorate", "figures", "notes"):
        table.add_column(column, overflow="fold")
    for r in found:
        table.add_row(
            r.source,
            r.external_id or "-",
            _ref_dates(r),
            r.place or "-",
            r.governorate or "-",
            ", ".join(f"{k} {_range(v)}" for k, v in r.figures.items()) or "-",
            r.notes or "-",
        )
    console.print(table)


def _ref_dates(r) -> str:
    if not r.date_start:
        return "undated"
    if r.date_end and r.date_end != r.date_start:
        return f"{r.date_start.isoformat()}..{r.date_end.isoformat()}"
    return r.date_start.isoformat()


credibility_app = typer.Typer(help="The learned credibility combiner.", no_args_is_help=True)
app.add_typer(credibility_app, name="credibility")
FAKES = SHARED / "data" / "FA-KES-Dataset.csv"


@app.command()
def check(
    file: Annotated[
        str, typer.Argument(help="an article (.txt, .jsonl, .html, .csv) or - for text on stdin")
    ],
    model: Annotated[Path | None, typer.Option(help="trained combiner (civcas credibility train)")] = None,
    store_it: Annotated[bool, typer.Option("--store", help="also add the article to the database")] = False,
) -> None:
    """Credibility verdict and reasons for one article against the current database."""
    from civcas import credibility

    trained = _load_model(model)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(file)
        if file == "-":
            path = Path(tmp) / "stdin.txt"
            path.write_text(sys.stdin.read(), encoding="utf-8")
        items = list(ingest.iter_articles([path]))
    for item in items:
        if isinstance(item, ingest.IngestError):
            err.print(f"[red]error[/red] {escape(str(item))}")
            raise typer.Exit(2)
    with _store() as store:
        for article in items:
            _print_verdict(credibility.check_article(article, store, trained, store_it))


def _load_model(path: Path | None) -> dict | None:
    if path is None:
        return None
    import joblib

    return joblib.load(path)


def _print_verdict(v) -> None:
    """A credibility verdict (fresh, or an Assessment as stored by `civcas run`) with its reasons."""
    colour = {"credible": "green", "doubtful": "red"}.get(v.verdict, "yellow")
    scorer = f", {v.scorer}" if hasattr(v, "scorer") else ""
    console.print(
        f"[bold]{escape(v.article_id)}[/bold]: [{colour}]{v.verdict}[/{colour}] (score {v.score:.2f}{scorer})"
    )
    for reason in v.reasons:
        console.print(f"  - {escape(reason)}")


@eval_app.command("credibility")
def eval_credibility(
    fakes: Annotated[Path, typer.Option(help="FA-KES CSV")] = FAKES,
    folds: Annotated[int, typer.Option(help="cross-validation folds, grouped by incident")] = 10,
    limit: Annotated[int | None, typer.Option(help="only the first N rows")] = None,
) -> None:
    """FA-KES: text baseline vs civcas features vs outlet-blind, grouped CV; last line RESULT ..."""
    from civcas import credibility
    from civcas import fakes as fk

    with tempfile.TemporaryDirectory() as tmp, Store(str(Path(tmp) / "fakes.db")) as store:
        samples = _fakes_samples(fakes, limit, Path(tmp), store)
    splits = fk.folds(samples, folds)
    labels = [s.label for s in samples]
    console.print(
        f"{len(samples)} articles ({sum(labels)} credible, {len(labels) - sum(labels)} fake), "
        f"{len({s.group for s in samples})} incident groups, {folds} folds grouped by incident"
    )
    results = {kind: fk.cross_validate(samples, splits, kind) for kind in ("baseline", "outlets", "blind")}
    names = {
        "baseline": "(a) TF-IDF + LR on text",
        "outlets": "(b) civcas + outlet",
        "blind": "(c) civcas outlet-blind",
    }
    table = Table(title="FA-KES, out-of-fold")
    for column in ("model", "accuracy", "macro-F1", "ROC-AUC"):
        table.add_column(column)
    for kind, r in results.items():
        table.add_row(names[kind], f"{r.accuracy:.3f}", f"{r.macro_f1:.3f}", f"{r.roc_auc:.3f}")
    console.print(table)
    for blind in (False, True):
        top = credibility.top_features(fk.train(samples, blind), 8)
        label = "outlet-blind" if blind else "with outlet"
        console.print(
            f"top features ({label}, standardised coefficient, + = credible): "
            + ", ".join(f"{k} {v:+.2f}" for k, v in top),
            markup=False,
        )
    console.print(fk.result_line(results), markup=False, highlight=False)


def _fakes_samples(fakes: Path, limit: int | None, tmp: Path, store: Store):
    from civcas import fakes as fk

    if not fakes.exists():
        err.print(f"[red]missing {fakes}[/red]")
        raise typer.Exit(2)
    path = fk.subset_csv(fakes, limit, tmp / "subset.csv") if limit else fakes
    columns = [TextColumn("[bold]pipeline"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()]
    with Progress(*columns, console=err, disable=not err.is_terminal) as bar:
        task = bar.add_task("articles", total=ingest.count_inputs([path]))
        return fk.build_samples(path, store, progress=lambda n: bar.advance(task, n))


@credibility_app.command("train")
def credibility_train(
    out: Annotated[Path, typer.Option(help="where to write the model (joblib)")],
    fakes: Annotated[Path, typer.Option(help="FA-KES CSV")] = FAKES,
    with_outlets: Annotated[bool, typer.Option(help="also use outlet name and camp")] = False,
) -> None:
    """Train the combiner on FA-KES (outlet-blind unless --with-outlets); use it with check --model."""
    import joblib

    from civcas import fakes as fk

    with tempfile.TemporaryDirectory() as tmp, Store(str(Path(tmp) / "fakes.db")) as store:
        samples = _fakes_samples(fakes, None, Path(tmp), store)
    model = fk.train(samples, outlet_blind=not with_outlets)
    out.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, out)
    err.print(f"trained {model['name']} on {len(samples)} articles; wrote {out}")


# ---------------------------------------------------------------- outlets (the outlet registry)

outlets_app = typer.Typer(
    help="The outlet registry: names, aliases, domains, ownership and media camp of news outlets.",
    invoke_without_command=True,
)
app.add_typer(outlets_app, name="outlets")


@outlets_app.callback()
def outlets_list(
    ctx: typer.Context,
    camp: Annotated[str | None, typer.Option(help="only this media camp, e.g. syrian_state")] = None,
) -> None:
    """List the outlets of the registry (bundled file plus --outlets / $CIVCAS_OUTLETS files)."""
    if ctx.invoked_subcommand is not None:
        return
    from civcas.outlets import CAMPS, OutletRegistry

    if camp is not None and camp not in CAMPS:
        raise typer.BadParameter(f"unknown camp {camp!r}: choose one of {', '.join(CAMPS)}")
    chosen = [o for o in OutletRegistry.default() if camp is None or o.camp == camp]
    table = Table(title=f"{len(chosen)} outlet(s)")
    for column in ("name", "camp", "country", "ownership", "domains", "aliases"):
        table.add_column(column, overflow="fold")
    for o in sorted(chosen, key=lambda o: (o.camp, o.name.lower())):
        table.add_row(o.name, o.camp, o.country, o.ownership, ", ".join(o.domains), ", ".join(o.aliases))
    console.print(table)


@outlets_app.command("show")
def outlets_show(name: Annotated[str, typer.Argument(help="a name, alias, domain or URL")]) -> None:
    """One outlet, found by name, alias, domain or URL."""
    from civcas.outlets import OutletRegistry

    registry = OutletRegistry.default()
    outlet = registry.lookup(name) or registry.by_domain(name)
    if outlet is None:
        err.print(f"[red]no outlet {name!r} in the registry[/red]")
        raise typer.Exit(1)
    for label, value in (
        ("name", outlet.name),
        ("aliases", ", ".join(outlet.aliases) or "-"),
        ("domains", ", ".join(outlet.domains) or "-"),
        ("country", outlet.country or "-"),
        ("ownership", outlet.ownership or "-"),
        ("camp", outlet.camp),
    ):
        console.print(f"{label:10} {value}", markup=False, highlight=False)


# ---------------------------------------------------------------- live sources and the archive

archive_app = typer.Typer(
    help="The archive: the exact bytes of every page fetched and file read.", no_args_is_help=True
)
app.add_typer(archive_app, name="archive")


def _fetcher(timeout: float, retries: int, max_bytes: int, max_redirects: int, ignore_robots: bool):
    from civcas.fetch import Fetcher, FetchPolicy

    policy = FetchPolicy(
        timeout=timeout,
        retries=retries,
        max_bytes=max_bytes,
        max_redirects=max_redirects,
        respect_robots=not ignore_robots,
    )
    return Fetcher(policy)


TimeoutOption = Annotated[float, typer.Option(help="seconds per connect / read")]
RetriesOption = Annotated[int, typer.Option(help="retries on network errors, 429 and 5xx (back-off doubles)")]
MaxBytesOption = Annotated[int, typer.Option(help="largest body accepted, in bytes")]
RedirectsOption = Annotated[int, typer.Option(help="most redirects followed")]
RobotsOption = Annotated[
    bool, typer.Option("--ignore-robots", help="fetch even where robots.txt disallows it")
]


@app.command()
def fetch(
    urls: Annotated[list[str], typer.Argument(help="http(s) URLs of article pages")],
    timeout: TimeoutOption = 20.0,
    retries: RetriesOption = 2,
    max_bytes: MaxBytesOption = 10 * 2**20,
    max_redirects: RedirectsOption = 5,
    ignore_robots: RobotsOption = False,
) -> None:
    """Download pages, archive their bytes, and run their articles through the pipeline; prints stored ids."""
    from civcas.fetch import fetch_urls

    with _store() as store, _fetcher(timeout, retries, max_bytes, max_redirects, ignore_robots) as fetcher:
        report = fetch_urls(urls, store, fetcher)
    for article_id in report.added:
        console.print(article_id, markup=False, highlight=False)
    _print_run_summary(report)
    if not report.ok:
        raise typer.Exit(1)


@app.command()
def watch(
    feeds_file: Annotated[Path, typer.Argument(metavar="FEEDS.yaml", help="feeds to poll (see README)")],
    interval: Annotated[
        float | None, typer.Option(help="seconds between rounds [default: file's, else 900]")
    ] = None,
    once: Annotated[bool, typer.Option("--once", help="poll every feed once, then stop")] = False,
    timeout: TimeoutOption = 20.0,
    retries: RetriesOption = 2,
    max_bytes: MaxBytesOption = 10 * 2**20,
    max_redirects: RedirectsOption = 5,
    ignore_robots: RobotsOption = False,
) -> None:
    """Poll RSS/Atom feeds; new items are fetched, archived and processed. Ctrl-C stops after the current item."""
    import logging
    import signal
    import threading

    from civcas.fetch import Watcher, load_feeds

    try:
        feeds, file_interval = load_feeds(feeds_file)
    except (OSError, ValueError) as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from None
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("civcas").setLevel(logging.INFO)
    stopping = threading.Event()
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, lambda *_: _stop_or_quit(stopping))
    pause = interval or file_interval or 900.0
    with _store() as store, _fetcher(timeout, retries, max_bytes, max_redirects, ignore_robots) as fetcher:
        watcher = Watcher(store, fetcher, feeds, stop=stopping.is_set)
        while True:
            report = watcher.poll_round()
            for article_id in report.articles:
                console.print(article_id, markup=False, highlight=False)
            err.print(
                f"{len(feeds)} feed(s): {report.items_new} new item(s), {len(report.articles)} article(s) stored, "
                f"{len(report.not_modified)} not modified, {len(report.feeds_failed)} feed(s) and "
                f"{len(report.items_failed)} item(s) failed (retried next round)"
            )
            if once or stopping.wait(pause):
                break


def _stop_or_quit(stopping) -> None:
    if stopping.is_set():
        raise KeyboardInterrupt
    stopping.set()
    err.print("[yellow]stopping after the current item (Ctrl-C again to quit at once)[/yellow]")


@archive_app.command("show")
def archive_show(article_id: str) -> None:
    """Write the archived original of an article, byte for byte, to standard output."""
    with _store() as store:
        capture = store.article_capture(article_id)
        content = store.blob(capture.sha256) if capture else None
    if content is None:
        err.print(f"[red]no archived original for article {article_id}[/red]")
        raise typer.Exit(1)
    sys.stdout.flush()
    sys.stdout.buffer.write(content)
    sys.stdout.buffer.flush()


@archive_app.command("history")
def archive_history(
    location: Annotated[str, typer.Argument(help="a URL, or the path of an input file")],
) -> None:
    """Every archived version of a URL or input file: when, status, size, sha256."""
    key = location if "://" in location else str(Path(location).resolve())
    with _store() as store:
        found = store.captures(key)
        sizes = {c.sha256: len(store.blob(c.sha256) or b"") for c in found}
    table = Table(title=f"{len(found)} version(s) of {location}")
    for column in ("capture", "fetched at (UTC)", "status", "bytes", "sha256"):
        table.add_column(column)
    for c in found:
        status = str(c.status) if c.status is not None else "file"
        table.add_row(
            str(c.id), c.fetched_at.isoformat(timespec="seconds"), status, str(sizes[c.sha256]), c.sha256
        )
    console.print(table)
    if not found:
        raise typer.Exit(1)


# ---------------------------------------------------------------- web app: serve, user, bench api (issue 7)

user_app = typer.Typer(help="Users who may write (edit, merge, split, mark reviewed).", no_args_is_help=True)
app.add_typer(user_app, name="user")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port")] = 8000,
    read_requires_token: Annotated[
        bool, typer.Option("--private", envvar="CIVCAS_PRIVATE", help="reading needs a token too")
    ] = False,
    tile_url: Annotated[
        str | None, typer.Option(envvar="CIVCAS_TILE_URL", help="optional map tile URL for online use")
    ] = None,
    max_body: Annotated[int, typer.Option(help="largest request body in bytes (413 above)")] = 1_000_000,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1,
            max=64,
            envvar="CIVCAS_WORKERS",
            help="server processes, sharing the caches' validity through the database [default: CPUs, at most 4]",
        ),
    ] = None,
) -> None:
    """Serve the web app and the JSON API (uvicorn); OpenAPI at /docs."""
    import uvicorn

    from civcas.api import Settings, settings_to_env

    settings = Settings(read_requires_token=read_requires_token, tile_url=tile_url, max_body_bytes=max_body)
    with _store() as store:  # migrates once, before the workers start
        err.print(f"civcas on http://{host}:{port}/ (database {store!r})")
        url = store.url
    # Every worker process builds the app from the environment (the same CSRF secret for all of them).
    os.environ.update(settings_to_env(settings, url))
    uvicorn.run(
        "civcas.api:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers or min(4, os.cpu_count() or 1),
        log_level="warning",
    )


@user_app.command("add")
def user_add(name: Annotated[str, typer.Argument(help="the analyst's name, shown in the audit log")]) -> None:
    """Create a user (or renew their token) and print the token: keep it, it is stored only hashed."""
    if not name.strip() or len(name) > 100:
        raise typer.BadParameter("a name of 1 to 100 characters")
    with _store() as store:
        token = store.add_user(name.strip())
    console.print(token, markup=False, highlight=False)


@bench_app.command("api")
def bench_api_cmd(
    incidents: Annotated[int, typer.Option(help="synthetic incidents to seed")] = 10_000,
    clients: Annotated[int, typer.Option(help="concurrent clients")] = 50,
    seconds: Annotated[float, typer.Option(help="duration per page")] = 10.0,
) -> None:
    """Latency of the list and incident pages under concurrent clients; last line is RESULT ..."""
    from civcas import bench_api

    result = bench_api.run(incidents=incidents, clients=clients, seconds=seconds, out=console.print)
    console.print(result.result_line(), markup=False, highlight=False)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
