"""The civcas command line (Typer + Rich)."""

from __future__ import annotations

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


@app.callback()
def _main(db: DbOption = None) -> None:
    _State.db = db


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
    console.print(incident_table([incident]))
    console.print(f"grade: [bold]{incident.grade}[/bold] ({incident.grade_reason})")
    if incident.contradictions:
        console.print("contradictions: " + "; ".join(incident.contradictions))
    if incident.belligerent_response:
        console.print(f"accused party's response: {incident.belligerent_response}")
    console.print(_claims_table(claims, articles))
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
            (a.outlet if a else None) or "-",
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
        lines = [
            json.dumps(export.article_to_gold(a, store.claims(article_id=a.id)), ensure_ascii=False)
            for a in store.articles()
        ]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    for error in report.errors:
        err.print(f"[red]error[/red] {error}")
    err.print(f"wrote {len(lines)} article(s) to {out}")
    if not report.ok:
        raise typer.Exit(1)


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
    repeat: Annotated[int, typer.Option(help="passes over the inputs")] = 1,
) -> None:
    """Extraction speed on one core: articles/s, MB/s, peak memory; last line is RESULT ..."""
    from civcas import bench

    inputs = inputs or [SHARED / "data" / "FA-KES-Dataset.csv"]
    for path in inputs:
        if not path.exists():
            err.print(f"[red]missing {path}[/red]")
            raise typer.Exit(2)
    columns = [TextColumn("[bold]extracting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()]
    with Progress(*columns, console=err, disable=not err.is_terminal) as bar:
        task = bar.add_task("articles", total=ingest.count_inputs(inputs) * repeat)
        result = bench.bench_extract(inputs, repeat, progress=lambda n: bar.advance(task, n))
    console.print(f"gazetteer load: {result.gazetteer_seconds:.2f} s")
    console.print(
        f"{result.articles} articles, {result.megabytes:.2f} MB, {result.claims} claims in {result.seconds:.2f} s: "
        f"{result.articles_per_s:.1f} articles/s, {result.mb_per_s:.3f} MB/s, peak memory {result.peak_mb:.1f} MB"
    )
    console.print(result.result_line(), markup=False, highlight=False)


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
) -> None:
    """Serve the web app and the JSON API (uvicorn); OpenAPI at /docs."""
    import uvicorn

    from civcas.api import Settings, create_app

    settings = Settings(read_requires_token=read_requires_token, tile_url=tile_url, max_body_bytes=max_body)
    application = create_app(_State.db, settings)
    err.print(f"civcas on http://{host}:{port}/ (database {application.state.store!r})")
    uvicorn.run(application, host=host, port=port, log_level="warning")


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
