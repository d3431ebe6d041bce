"""The library API: everything the CLI does, callable from Python.

>>> import graphkit
>>> g = graphkit.build_graph("data")
>>> g.nodes["zhang-fan"]["name"]
'张帆'
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from graphkit.graph import careers
from graphkit.ingest.folders import dataset_name, expand
from graphkit.ingest.validate import load_dataset
from graphkit.neo4j import gds as _gds  # noqa: F401  (registers the neo4j metrics engine)
from graphkit.page import html as _html
from graphkit.schema.errors import GraphkitError, ReadError, SettingsError
from graphkit.schema.model import Dataset
from graphkit.schema.text import plural

from . import export as _export
from . import graph as _graph
from . import metrics as _metrics
from . import report as _report

EXPORT_FORMATS = _export.FORMATS
#: What the command line offers: metrics, engines, report formats and kinds, page sizes.
METRICS = _metrics.METRICS
ENGINES = _metrics.ENGINES
MetricOptions = _metrics.Options
REPORT_FORMATS = _report.FORMATS
REPORT_KINDS = _report.KINDS
ReportOptions = _report.ReportOptions
SIZE_METRICS = _html.SIZE_METRICS
report_tables = _report.tables
format_cell = _report.format_cell
scope_line = _report.scope_line


@dataclass(frozen=True)
class Data:
    """Data folders read as one dataset, and an extra identity-decisions file."""

    folders: tuple[str | Path, ...]
    decisions: str | Path | None = None

    def __str__(self) -> str:
        return " ".join(str(f) for f in self.folders)


Folders = str | Path | Data | list[str | Path] | tuple[str | Path, ...]


def _data(directory: Folders, decisions: str | Path | None = None) -> Data:
    if isinstance(directory, Data):
        return Data(directory.folders, decisions or directory.decisions)
    if isinstance(directory, (str, Path)):
        return Data((directory,), decisions)
    return Data(tuple(directory), decisions)


def validate(directory: Folders, encoding: str | None = None, decisions: str | Path | None = None) -> Dataset:
    """Validate one or several data folders as one dataset; raise :class:`graphkit.InvalidData`
    listing every problem."""
    data = _data(directory, decisions)
    return load_dataset(list(data.folders), encoding, data.decisions)


def resolve(
    directory: Folders,
    output: str | Path | None = None,
    encoding: str | None = None,
    decisions: str | Path | None = None,
    min_score: float = 0.3,
) -> list[Any]:
    """Pairs of ids that may be one entity, best first, after the decisions already made
    (decided pairs are left out). Writes them to ``output`` (CSV with an empty
    ``decision`` column) when given. Nothing is merged: a person decides."""
    from graphkit.ingest import resolve as _resolve

    ds = validate(directory, encoding, decisions)
    found = _resolve.candidates(
        ds.nodes, ds.relationships, min_score=min_score, exclude={frozenset(p) for p in ds.decided}
    )
    if output is not None:
        _resolve.write_candidates(found, output)
    return found


def extract(
    article: str | Path,
    published: str,
    output: str | Path,
    *,
    source: str | None = None,
    known: list[str | Path] | tuple[str | Path, ...] = (),
    lang: str = "auto",
    title: str | None = None,
) -> Any:
    """Draft a data folder from an article's text, offline: every row with its verbatim
    sentence, ``confidence``, ``flags`` and ``span``. ``known`` folders give the people
    and organisations (and their ids) the draft should recognise. Returns the draft
    (:class:`graphkit.extract.extract.Draft`) after writing it to ``output``."""
    import datetime as _dt

    from graphkit.extract import entities as _entities
    from graphkit.extract import extract as _extract
    from graphkit.extract import text as _text

    try:
        day = _dt.date.fromisoformat(published)
    except ValueError:
        raise SettingsError(f"--published must be a day, YYYY-MM-DD (got {published!r})") from None
    if lang not in ("auto", "zh", "en"):
        raise SettingsError(f"--lang must be auto, zh or en (got {lang!r})")
    for folder in known:
        if not Path(folder).is_dir():
            raise ReadError("no such data directory (given with --known)", str(folder))
    leaves = [f.path for f in expand(list(known))[0]] if known else []  # data/ stands for its folders
    body = _text.read_article(article)
    sid = source or f"article-{day.isoformat()}"
    gazetteer = _entities.Gazetteer.from_folders(leaves) if leaves else None
    draft = _extract.extract(body, day, source_id=sid, known=gazetteer, lang=lang, title=title)
    _extract.write_draft(draft, output)
    return draft


def dataset_counts(dataset: Dataset) -> dict[str, int]:
    return dataset.counts()


def build_graph(
    directory: Folders, encoding: str | None = None, decisions: str | Path | None = None
) -> nx.MultiDiGraph:
    """Validate the data folders and convert them to the talent graph."""
    return _graph.to_graph(validate(directory, encoding, decisions), consume=True)


def graph_counts(g: nx.MultiDiGraph) -> dict[str, int]:
    return _graph.counts(g)


def export(g: nx.MultiDiGraph, fmt: str, path: str | Path) -> list[Path]:
    """Write ``g`` as graphml, gexf, json or csv; return the paths written."""
    return _export.write(g, fmt, path)


def write_html(g: nx.MultiDiGraph, path: str | Path, title: str | None = None, **options: Any) -> Path:
    """Write the interactive page (see :func:`graphkit.page.html.write_html` for the options and filters)."""
    return _html.write_html(g, path, title, **options)


def markdown_report(g: nx.MultiDiGraph, top: int = 15) -> str:
    return _report.markdown_report(g, top)


def build_report(
    g: nx.MultiDiGraph,
    options: _report.ReportOptions | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """The talent-market report (centrality, flows, claims, periods) as a JSON-ready dict."""
    return _report.build(g, options, progress)


def render_report(r: dict[str, Any], fmt: str = "markdown") -> str:
    """Render :func:`report` as table (plain text), csv, json, markdown or html."""
    return _report.render(r, fmt)


def write_report(r: dict[str, Any], fmt: str, path: str | Path) -> Path:
    """:func:`render_report` into the file ``path``, whole or not at all (JSON a block at a time)."""
    return _report.write(r, fmt, path)


def centrality(
    g: nx.MultiDiGraph, engine: str = "auto", graph: str = "person_org"
) -> list[_metrics.Centrality]:
    """Centrality rows (``.id .name .kind .values``) of the person-organisation or talent-flow graph."""
    return _metrics.centrality(g, engine, graph)


# ------------------------------------------------------------------ Neo4j
def neo4j_settings(uri=None, user=None, password=None, database=None):
    """Connection settings: arguments win over the NEO4J_* environment variables."""
    from .neo4j import Settings

    return Settings.from_env(uri, user, password, database)


def load(
    directory: Folders,
    settings=None,
    *,
    prune: bool = False,
    dataset: str | None = None,
    batch_size: int = 5000,
    encoding: str | None = None,
    progress_bar: Callable[[int], Any] | None = None,
    max_changes: int | None = None,
    check_files: bool = True,
    rewrite: bool = False,
):
    """Validate ``directory`` and write what changed into Neo4j in one transaction.

    ``progress_bar(total_rows)``, if given, is a context manager yielding
    ``advance(n)``; the command line passes a terminal progress bar. A change set
    larger than ``max_changes`` (default: what the server's transaction memory holds;
    0: no limit) is refused before anything is written. When the files are byte for byte
    those of the last load into this dataset and nothing has been written since, nothing
    is read or compared (``check_files=False`` compares every row all the same).
    ``rewrite`` writes every row, changed or not: after editing the graph in Browser, which
    neither the fingerprint nor the content hashes see."""
    from contextlib import nullcontext

    from . import neo4j as _neo4j
    from .ingest.folders import fingerprint

    data = _data(directory)
    settings = settings or neo4j_settings()
    name = dataset or dataset_name(list(data.folders))
    t0 = time.perf_counter()
    fp = fingerprint(list(data.folders), data.decisions, encoding)
    try:
        driver = _neo4j.connect(settings)
    except GraphkitError:
        build_graph(data, encoding)  # invalid data is reported before an unreachable server
        raise
    try:
        if check_files and not rewrite:
            rows = _neo4j.unchanged(driver, name, fp, prune, settings.database)
            if rows is not None:  # the same files as the last load, and nothing written since
                return _neo4j.LoadResult(
                    name, rows, time.perf_counter() - t0, 0, 0, 0, folders=_folder_names(data), changes=0
                )
        g = build_graph(data, encoding)  # invalid data raises here: nothing is written
        bar = progress_bar(_neo4j.count_rows(g)) if progress_bar else nullcontext(None)
        with bar as advance:
            return _neo4j.load_graph(
                driver,
                g,
                name,
                settings.database,
                batch_size,
                prune,
                progress=advance,
                settings=settings,
                max_rows=max_changes,
                fingerprint=fp,
                rewrite=rewrite,
            )
    finally:
        driver.close()


def _folder_names(data: Data) -> tuple[str, ...]:
    return tuple(f.name for f in expand(list(data.folders))[0])


def bulk_load(
    directory: Folders,
    settings=None,
    *,
    admin: str | None = None,
    import_dir: str | Path | None = None,
    files_only: bool = False,
    dataset: str | None = None,
    encoding: str | None = None,
):
    """Validate ``directory``, write it as ``neo4j-admin database import full`` files into
    ``import_dir`` (default: a temporary folder, removed afterwards) and, unless
    ``files_only``, import them into a new store with ``admin`` (default:
    ``GRAPHKIT_NEO4J_ADMIN``) and apply the schema. For first loads: the store is replaced."""
    import os
    import shutil
    import tempfile

    from .ingest.folders import fingerprint
    from .neo4j import bulk as _bulk

    data = _data(directory)
    g = build_graph(data, encoding)  # invalid data raises here: nothing is written
    settings = settings or neo4j_settings()
    name = dataset or dataset_name(list(data.folders))
    admin = admin or os.environ.get("GRAPHKIT_NEO4J_ADMIN")
    if not files_only and not admin:
        raise SettingsError(
            "no neo4j-admin command: pass --admin (e.g. 'neo4j-admin', with the server stopped) or set "
            "GRAPHKIT_NEO4J_ADMIN (scripts/neo4j-local start sets it)"
        )
    target = Path(import_dir) if import_dir else Path(tempfile.mkdtemp(prefix="graphkit-import-"))
    try:
        fp = fingerprint(list(data.folders), data.decisions, encoding)
        result = _bulk.bulk_load(g, name, target, settings, admin, files_only=files_only, fingerprint=fp)
    except _bulk.BulkFailed:
        raise  # the files stay for a look at what the import tool refused
    except BaseException:
        if not import_dir:
            shutil.rmtree(target, ignore_errors=True)
        raise
    if not import_dir:
        shutil.rmtree(target, ignore_errors=True)
    return result


def bulk_import_line(admin: str = "neo4j-admin", database: str | None = None) -> str:
    """The bash line that imports the files of ``bulk_load(..., files_only=True)``, run in
    their folder with the server stopped."""
    from .neo4j import bulk as _bulk

    return _bulk.shell_line(admin, database)


def metrics_engine_settings(engine: str, uri=None, user=None, password=None, database=None):
    """A context in which the ``neo4j`` metrics engine uses these connection settings."""
    from contextlib import nullcontext

    if engine != "neo4j":
        return nullcontext()
    from graphkit.neo4j import gds

    return gds.using(neo4j_settings(uri, user, password, database))


def named_queries():
    from .neo4j import named_queries as _named

    return _named()


def parse_params(pairs):
    from .neo4j import parse_params as _parse

    return _parse(pairs)


def query(name: str, params: dict | None = None, settings=None):
    """Run a named query from cypher/queries; return (columns, rows)."""
    from . import neo4j as _neo4j

    settings = settings or neo4j_settings()
    driver = _neo4j.connect(settings)
    try:
        return _neo4j.run_query(driver, name, params, settings.database, settings)
    finally:
        driver.close()


@dataclass(frozen=True)
class DemoResult:
    html: Path
    report: Path
    summary: str


def demo(directory: Folders = "data", out_dir: str | Path = "out", title: str | None = None) -> DemoResult:
    """Validate, then write ``graph.html``, ``report.md`` and the report's charts
    (``chart-flows.svg``, ``chart-timeline.svg``) into ``out_dir``."""
    from graphkit.report import charts

    g = build_graph(directory)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    html_path = write_html(g, out / "graph.html", title=title)  # default: from the sources
    r = _report.build(g, _report.ReportOptions(top=15, title=title))
    report_path = out / "report.md"
    report_path.write_text(_report.to_markdown(r), encoding="utf-8")
    made = {c.name: c for c in charts.for_report(r)}
    chart_paths = []
    for name in charts.NAMES:
        path = out / f"chart-{name}.svg"
        if name in made:
            path.write_bytes(made[name].svg)
            chart_paths.append(path)
        else:
            path.unlink(missing_ok=True)  # a chart from an earlier run would not match this data
    deps = careers.ensure(g).departures()
    counts = graph_counts(g)
    people = counts.get("Person", 0)
    summary = "\n".join(
        [
            f"{directory}: {plural(g.number_of_nodes(), 'node')}, {plural(g.number_of_edges(), 'relationship')} "
            f"({plural(people, 'person', 'people')}, {plural(len(deps), 'departure')})",
            f"wrote {html_path}",
            f"wrote {report_path}",
            *(f"wrote {p}" for p in chart_paths),
        ]
    )
    return DemoResult(html=html_path, report=report_path, summary=summary)
