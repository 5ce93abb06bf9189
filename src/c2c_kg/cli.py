"""The ``c2c-kg`` command line: parses arguments, calls one library function, prints.

Heavy libraries (rdflib, pyoxigraph, pyshacl, owlready2) are imported inside the commands so that
``c2c-kg --help`` answers at once.
"""

from __future__ import annotations

import inspect
import sys
import time
from pathlib import Path
from typing import Annotated

import typer
import typer.main
from typer.core import TyperCommand, TyperGroup
from typer.models import CommandInfo

from .errors import C2CError, UsageError


class _Commands(TyperGroup):
    """The command group. Its commands are made from their typer definitions only when one is
    run or its help shown (making all of them costs ``--help`` about a third of its time); its
    listing shows each command's whole first paragraph (click cuts it to the terminal's width
    with "..."), in the order the commands are defined."""

    lazy: dict[str, CommandInfo] = {}  # noqa: RUF012 - set per instance by _group()

    def list_commands(self, ctx) -> list[str]:
        return [*self.lazy, *(name for name in self.commands if name not in self.lazy)]

    def get_command(self, ctx, cmd_name: str):
        info = self.lazy.get(cmd_name)
        if info is not None and cmd_name not in self.commands:
            self.commands[cmd_name] = typer.main.get_command_from_info(
                info, pretty_exceptions_short=app.pretty_exceptions_short,
                rich_markup_mode=app.rich_markup_mode)
        return super().get_command(ctx, cmd_name)

    def resolve_command(self, ctx, args):
        if args and self.get_command(ctx, args[0]) is None:  # a typo: make all, to suggest one
            for name in self.lazy:
                self.get_command(ctx, name)
        return super().resolve_command(ctx, args)

    def format_commands(self, ctx, formatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            if name in self.lazy and name not in self.commands:
                info = self.lazy[name]
                hidden, text = info.hidden, info.help or inspect.getdoc(info.callback)
            else:
                command = self.get_command(ctx, name)
                if command is None:
                    continue
                hidden, text = command.hidden, command.help
            if not hidden:
                first = (text or "").strip().split("\n\n")[0]
                rows.append((name, " ".join(first.split())))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def _group() -> _Commands:
    """The click group of :data:`app` with its commands left to be made on demand."""
    infos = app.registered_commands
    app.registered_commands = []
    try:
        group = typer.main.get_command(app)
    finally:
        app.registered_commands = infos
    assert isinstance(group, _Commands)
    group.lazy = {info.name or typer.main.get_command_name(info.callback.__name__): info
                  for info in infos if info.callback is not None}
    return group


class _Command(TyperCommand):
    """A command whose arguments show their metavar alone in the help (typer adds the Python
    type, such as ``QUERY <str>``); for commands that take arguments."""

    def format_options(self, ctx, formatter) -> None:
        arguments, options = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                arguments.append((record[0].split(" <")[0], record[1]))
            else:
                options.append(record)
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


app = typer.Typer(
    name="c2c-kg",
    cls=_Commands,
    help="Build, query, validate and publish a knowledge graph of city-to-city cooperation.",
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"c2c-kg {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def _start(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Build, query, validate and publish a knowledge graph of city-to-city cooperation."""
    if ctx.invoked_subcommand is None:  # bare c2c-kg: the help, and success
        typer.echo(ctx.get_help())
        raise typer.Exit()


RootOption = Annotated[
    Path | None,
    typer.Option("--root", metavar="DIR",
                 help="Project folder (holds ontology/, data/ …); default: found from "
                 "the current folder, or $C2C_KG_ROOT.", show_default=False),
]
StoreOption = Annotated[
    Path | None,
    typer.Option("--store", metavar="DIR",
                 help="Embedded store folder; default $C2C_KG_STORE, else "
                 "<root>/.c2c-kg/store.", show_default=False),
]
EndpointOption = Annotated[
    str | None,
    typer.Option("--endpoint", metavar="URL",
                 help="A remote SPARQL server instead of the embedded store: its "
                 "base URL with --kind, else its query URL.", show_default=False),
]
KindOption = Annotated[
    str | None,
    typer.Option("--kind", metavar="KIND",
                 help="Kind of server at --endpoint: oxigraph, virtuoso, fuseki, "
                 "graphdb or generic (supplies its usual paths).", show_default=False),
]
QueryUrlOption = Annotated[
    str | None, typer.Option("--query-url", metavar="URL",
                             help="The server's SPARQL query URL (overrides "
                             "--kind's path).", show_default=False),
]
UpdateUrlOption = Annotated[
    str | None, typer.Option("--update-url", metavar="URL",
                             help="The server's SPARQL Update URL (overrides "
                             "--kind's path).", show_default=False),
]
StoreUrlOption = Annotated[
    str | None, typer.Option("--store-url", metavar="URL",
                             help="The server's Graph Store Protocol URL "
                             "(overrides --kind's path).", show_default=False),
]
UserOption = Annotated[
    str | None, typer.Option("--user", metavar="NAME",
                             help="User name on the server; the password comes from "
                             "$C2C_KG_PASSWORD or ~/.netrc (or a token from $C2C_KG_TOKEN).",
                             show_default=False),
]
FormatOption = Annotated[
    str, typer.Option("--format", "-f", metavar="FORMAT",
                      help="Output format: table, csv, tsv, json or markdown.")
]
ParamOption = Annotated[
    list[str] | None,
    typer.Option("--param", "-p", metavar="NAME=VALUE",
                 help="A query parameter (repeatable); see c2c-kg query --list.",
                 show_default=False),
]
ExplainOption = Annotated[
    bool, typer.Option("--explain", help="Print Oxigraph's plan for the query on the embedded "
                       "store, with rows and seconds per step, instead of the answer (needs the "
                       "oxigraph command, from the test extra).")
]
#: Rows of the first page that a table on a terminal shows when no --limit is given.
PAGE_SIZE = 50
#: The arguments of this run (for the next-page command), set by :func:`main`.
_ARGV: list[str] | None = None

TimeoutOption = Annotated[
    float, typer.Option("--timeout", metavar="SECONDS", help="The most seconds to wait for a "
                        "remote server in all, retries included.")
]

def _page_size(value: int | None) -> int | None:
    if value is not None and value < 1:
        raise typer.BadParameter(f"{value} rows make no page; give a number of rows, 1 or more.")
    return value


def _rows_to_skip(value: int) -> int:
    if value < 0:
        raise typer.BadParameter(f"{value} is no number of rows to skip; give 0 or more.")
    return value


LimitOption = Annotated[
    int | None,
    typer.Option("--limit", metavar="N", callback=_page_size,
                 help="Print at most N rows of a SELECT (the engine cuts them: the query runs "
                 "as SELECT … { QUERY } LIMIT N OFFSET M, keeping its order). Default: every "
                 f"row, except that a table on a terminal shows the first {PAGE_SIZE} and "
                 "prints the command for the next page on standard error.", show_default=False),
]
OffsetOption = Annotated[
    int, typer.Option("--offset", metavar="N", callback=_rows_to_skip,
                      help="Skip the first N rows; with --limit, the page that starts at row "
                      "N+1 (page K of size S: --limit S --offset (K-1)*S).")
]


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _store(root: Path | None, store: Path | None) -> Path:
    from .project import find_project

    if store is not None:
        return store
    return find_project(root).store_path()


@app.command()
def build(
    root: RootOption = None,
    store: StoreOption = None,
    source: Annotated[
        list[Path] | None,
        typer.Option("--source", metavar="FILE",
                     help="A source document to check every evidence anchor "
                     "against (repeatable); refreshes data/evidence.tsv.", show_default=False),
    ] = None,
    reason: Annotated[bool, typer.Option(help="Materialise the reasoner's inferences.")] = True,
    out: Annotated[
        Path | None, typer.Option("--out", metavar="DIR",
                                  help="Folder for the export files; default <root>/out.",
                                  show_default=False)
    ] = None,
) -> None:
    """Build the graph: map, reason, validate with SHACL, then write the store and exports."""
    from .project import find_project
    from .store.load import build as run_build

    project = find_project(root)
    started = time.perf_counter()

    def progress(step: str) -> None:
        _err(f"[{time.perf_counter() - started:6.1f}s] {step}")

    result = run_build(project, project.store_path(store), list(source or []), reason=reason,
                       out_dir=out, progress=progress)
    if project.contributions.is_dir():  # the import costs a build of the chapter 2%
        from .contribute.accept import restore_contributions

        restore_contributions(project, result.store, progress)
    typer.echo(f"Built {result.records} records with {result.evidence} evidence anchors "
               f"into {result.store} in {time.perf_counter() - started:.1f} s.")
    for graph, size in result.sizes.items():
        typer.echo(f"  {size:>8,} triples  {graph}")
    for path in result.exports:
        typer.echo(f"  exported {path}")
    if result.offsets_updated:
        typer.echo("  updated data/evidence.tsv with the offsets resolved in the source")


def _emit(results, fmt: str) -> None:
    from .display import print_table
    from .results import FORMATS, render

    if fmt not in FORMATS:
        raise UsageError(f"Unknown output format {fmt!r}; use one of {', '.join(FORMATS)}.")
    if fmt == "table":
        print_table(results)
    else:
        sys.stdout.write(render(results, fmt))


def _server(endpoint: str | None, kind: str | None, query_url: str | None = None,
            update_url: str | None = None, store_url: str | None = None,
            user: str | None = None):
    """The endpoints and credentials of a remote server from the command-line options."""
    from .remote.credentials import find_credentials
    from .remote.endpoints import resolve_endpoints

    endpoints = resolve_endpoints(endpoint, kind, query_url=query_url, update_url=update_url,
                                  store_url=store_url, user=user)
    return endpoints, find_credentials(endpoints.query_url, user)


def _engine(root: Path | None, store: Path | None, endpoint: str | None, timeout: float,
            kind: str | None = None, query_url: str | None = None, user: str | None = None,
            graphs: tuple[str, ...] | None = None):
    if endpoint or query_url:
        from .remote.client import RemoteEngine

        endpoints, credentials = _server(endpoint, kind, query_url, user=user)
        return RemoteEngine(endpoints, timeout=timeout, credentials=credentials, graphs=graphs)
    from .store.engines import EmbeddedEngine

    return EmbeddedEngine(_store(root, store))


def _terminal() -> bool:
    """Whether standard output is a terminal (a person reading, not a program)."""
    return sys.stdout.isatty()


def _next_page(limit: int, offset: int) -> str:
    """The command line of this run for the page after rows ``offset+1 … offset+limit``."""
    import shlex

    if _ARGV is None:
        return f"the same command with --limit {limit} --offset {offset + limit}"
    kept, skip = [], False
    args = list(_ARGV)
    tail = args[args.index("--"):] if "--" in args else []
    for arg in args[:len(args) - len(tail)]:
        if skip:
            skip = False
        elif arg in ("--limit", "--offset"):
            skip = True
        elif not arg.startswith(("--limit=", "--offset=")):
            kept.append(arg)
    page = ["--limit", str(limit), "--offset", str(offset + limit)]
    return shlex.join(["c2c-kg", *kept, *page, *tail])


def _answer(query_text: str, bindings: dict[str, object], fmt: str, explain: bool,
            root: Path | None, store: Path | None, endpoint: str | None, timeout: float,
            kind: str | None, query_url: str | None, user: str | None,
            graphs: tuple[str, ...] | None = None, limit: int | None = None,
            offset: int = 0) -> None:
    """Run a query and print its answer, or with ``explain`` print Oxigraph's plan for it;
    against a server, over exactly ``graphs`` when given.

    ``limit`` and ``offset`` page a SELECT in the engine. Without ``limit``, a table on a
    terminal shows a first page of :data:`PAGE_SIZE` rows; every other output gets every row
    (after ``offset``), so that scripts are not cut short.
    """
    if explain:
        if endpoint or query_url:
            raise UsageError("--explain shows the embedded store's plan; it cannot be combined "
                             "with --endpoint or --query-url.")
        from .store.explain import explain_query

        typer.echo(explain_query(_store(root, store), query_text, bindings), nl=False)
        return
    from .store.sparqltext import query_form

    if fmt == "table" and limit is None and _terminal() and query_form(query_text) == "SELECT":
        limit = PAGE_SIZE
    engine = _engine(root, store, endpoint, timeout, kind, query_url, user, graphs)
    if limit is None:
        results = engine.select(query_text, bindings, offset=offset)
    else:
        from .store.engines import select_page

        results = select_page(engine, query_text, bindings, limit=limit, offset=offset)
    _emit(results, fmt)
    if results.more and fmt == "table":
        _err(f"c2c-kg: rows {offset + 1}–{offset + len(results.rows)} shown, more follow; "
             f"next page: {_next_page(limit, offset)}  (-f csv or -f json give every row)")


@app.command(cls=_Command)
def query(
    name: Annotated[str | None, typer.Argument(
        metavar="QUERY", help="Stored query name (file name in queries/ without .rq).",
        show_default=False)] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the stored queries.")] = False,
    param: ParamOption = None,
    fmt: FormatOption = "table",
    limit: LimitOption = None,
    offset: OffsetOption = 0,
    endpoint: EndpointOption = None,
    kind: KindOption = None,
    query_url: QueryUrlOption = None,
    user: UserOption = None,
    timeout: TimeoutOption = 60.0,
    explain: ExplainOption = False,
    root: RootOption = None,
    store: StoreOption = None,
) -> None:
    """Run a stored query (queries/*.rq) or list them with --list."""
    from .project import find_project
    from .store.queries import find_query, list_queries, parse_params, used_params

    project = find_project(root)
    if list_ or name is None:
        for stored in list_queries(project.queries):
            typer.echo(f"{stored.name}\n  {stored.title}")
            if stored.description:
                typer.echo(f"  {stored.description}")
            for p in stored.parameters:
                default = f" = {p.default}" if p.default is not None else " (required)"
                typer.echo(f"  --param {p.name}=<{p.type}>{default}  {p.help}".rstrip())
        return
    stored = find_query(project.queries, name)
    bindings = parse_params(stored, list(param or []))
    graphs = None
    if endpoint or query_url:  # a server: read exactly the published graphs, nothing else
        from .remote.publish import PUBLISHED_GRAPHS as graphs
    _answer(stored.text, bindings, fmt, explain, root, store, endpoint, timeout, kind, query_url,
            user, graphs, limit, offset)
    if stored.parameters:
        _err(used_params(stored, list(param or [])))


@app.command(cls=_Command)
def sparql(
    text: Annotated[str | None, typer.Argument(metavar="SPARQL", help="The SPARQL query text.",
                                               show_default=False)] = None,
    file: Annotated[Path | None, typer.Option("--file", metavar="FILE",
                                              help="Read the query from a file.",
                                              show_default=False)] = None,
    param: ParamOption = None,
    fmt: FormatOption = "table",
    limit: LimitOption = None,
    offset: OffsetOption = 0,
    endpoint: EndpointOption = None,
    kind: KindOption = None,
    query_url: QueryUrlOption = None,
    user: UserOption = None,
    timeout: TimeoutOption = 60.0,
    explain: ExplainOption = False,
    root: RootOption = None,
    store: StoreOption = None,
) -> None:
    """Run an ad-hoc SPARQL query (text or --file); parameters as in stored queries."""
    from .store.queries import parse_params, parse_query

    if (text is None) == (file is None):
        raise UsageError("Give the query either as an argument or with --file, not both.")
    if file is not None:
        try:
            text = file.read_text(encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"Cannot read the query file {file}: {exc.strerror}.") from exc
    adhoc = parse_query(text or "", name="adhoc", path=file, require_title=False)
    bindings = parse_params(adhoc, list(param or []))
    _answer(adhoc.text, bindings, fmt, explain, root, store, endpoint, timeout, kind, query_url,
            user, limit=limit, offset=offset)


@app.command()
def export(
    output: Annotated[Path, typer.Option(
        "--output", "-o", metavar="FILE", help="File to write; - for standard output. An "
        "existing file is replaced only with --force; a symbolic link's target is replaced, "
        "the link kept; a device or pipe is written into.")],
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT",
                                     help="turtle, ntriples, jsonld, trig or nquads.")] = "trig",
    graph: Annotated[list[str] | None, typer.Option(
        "--graph", metavar="GRAPH", help="Only this graph: schema, vocabularies, data, "
        "provenance, links, inferences, quotes or a full IRI (repeatable).",
        show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
    include_quotes: Annotated[bool, typer.Option(
        "--include-quotes", help="Also export the quotes graph (verbatim text of copyrighted "
        "sources; keep it on this machine).")] = False,
    root: RootOption = None,
    store: StoreOption = None,
) -> None:
    """Export the store (or some graphs) deterministically, without the quotes graph."""
    from .store.embedded import open_store
    from .store.export import QUOTES_WARNING, export_store, graph_iri

    opened = open_store(_store(root, store), read_only=True)
    graphs = [graph_iri(g) for g in graph] if graph else None
    if include_quotes:
        _err(QUOTES_WARNING)
    path = export_store(opened, fmt, output, graphs, include_quotes=include_quotes,
                        overwrite=force)
    if path is not None:
        _err(f"Wrote {output}")


@app.command()
def stats(
    fmt: FormatOption = "table",
    root: RootOption = None,
    store: StoreOption = None,
) -> None:
    """Triples per named graph and instances per class."""
    from .store.stats import store_stats

    for results in store_stats(_store(root, store)):
        _emit(results, fmt)


@app.command()
def publish(
    endpoint: EndpointOption = None,
    kind: KindOption = None,
    query_url: QueryUrlOption = None,
    update_url: UpdateUrlOption = None,
    store_url: StoreUrlOption = None,
    user: UserOption = None,
    graph: Annotated[str | None, typer.Option(
        "--graph", metavar="IRI",
        help="Publish every graph into this one graph (IRI); default: each named "
        "graph to a graph of the same name.", show_default=False)] = None,
    protocol: Annotated[str | None, typer.Option(
        "--protocol", metavar="PROTOCOL",
        help="gsp (Graph Store Protocol) or update (SPARQL Update); default gsp "
        "where the server has a Graph Store URL.", show_default=False)] = None,
    batch_size: Annotated[int | None, typer.Option(
        "--batch-size", metavar="TRIPLES",
        help="Triples per request; default sized for the --kind of server.",
        show_default=False)] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would be sent; send "
                                          "nothing.")] = False,
    include_quotes: Annotated[bool, typer.Option(
        "--include-quotes", help="Also send the verbatim quotes of the source (the quotes "
        "graph and oa:exact); they are copyrighted text, left out by default.")] = False,
    cleanup: Annotated[bool, typer.Option(
        "--cleanup", help="Only drop the staging graphs that interrupted publishes left on the "
        "server ('c2c-kg status' lists them); publish nothing.")] = False,
    retries: Annotated[int, typer.Option("--retries", metavar="N",
                                         help="Attempts per request on transient "
                                         "errors (with exponential backoff).")] = 4,
    timeout: Annotated[float, typer.Option(
        "--timeout", metavar="SECONDS", help="The most seconds the whole publish may take, "
        "retries included; after a failure up to 10 s more go to finding out what the server "
        "holds.")] = 300.0,
    root: RootOption = None,
    store: StoreOption = None,
) -> None:
    """Publish the store's graphs to a SPARQL 1.1 server, all or nothing (staged, then swapped)."""
    from .remote.client import GraphStoreClient
    from .remote.publish import cleanup as drop_staging
    from .remote.publish import describe, prepare
    from .remote.publish import publish as run_publish
    from .store.export import graph_iri

    endpoints, credentials = _server(endpoint, kind, query_url, update_url, store_url, user)
    if cleanup:
        client = GraphStoreClient(endpoints, credentials, timeout=timeout, retries=retries)
        dropped = drop_staging(client)
        typer.echo(f"Dropped {len(dropped)} staging graph(s) from the {endpoints.label}.")
        for name, size in dropped.items():
            typer.echo(f"  {size:>10,} triples  {name}")
        return
    plan = prepare(_store(root, store), endpoints, protocol=protocol, batch_size=batch_size,
                   graph=graph_iri(graph) if graph else None, include_quotes=include_quotes)
    if include_quotes:
        _err("c2c-kg: warning: --include-quotes sends verbatim text of the copyrighted source; "
             "publish it only where its licence allows.")
    if dry_run:
        typer.echo(describe(plan))
        return
    from rich.console import Console
    from rich.progress import Progress

    client = GraphStoreClient(endpoints, credentials, timeout=timeout, retries=retries)
    with Progress(console=Console(stderr=True), transient=True,
                  disable=plan.requests <= 1) as bar:
        task = bar.add_task("publishing", total=plan.triples)
        report = run_publish(plan, client, progress=lambda n: bar.advance(task, n))
    for warning in report.warnings:
        _err(f"c2c-kg: warning: {warning}")
    typer.echo(f"Published {report.triples:,} triples in {len(report.after)} graph(s) to the "
               f"{endpoints.label} in {report.seconds:.1f} s ({report.requests} requests).")
    counted = "" if report.verified else "  (sent; not counted)"
    for target, size in report.after.items():
        typer.echo(f"  {size:>10,} triples  {target}  (was {report.before[target]:,}){counted}")
    if report.leftovers:
        typer.echo(f"  dropped {len(report.leftovers)} staging graph(s) left by an earlier, "
                   f"interrupted publish")
    if plan.quotes_left_out:
        typer.echo(f"  left out {plan.quotes_left_out:,} triple(s) of verbatim source text "
                   f"(--include-quotes sends them)")


@app.command()
def status(
    endpoint: EndpointOption = None,
    kind: KindOption = None,
    query_url: QueryUrlOption = None,
    user: UserOption = None,
    fmt: FormatOption = "table",
    timeout: TimeoutOption = 60.0,
) -> None:
    """List the named graphs on a SPARQL server and their sizes (staging leftovers flagged)."""
    from .remote.client import GraphStoreClient
    from .remote.publish import server_graphs, staging_leftovers
    from .results import Cell, Results

    endpoints, credentials = _server(endpoint, kind, query_url, user=user)
    sizes = server_graphs(GraphStoreClient(endpoints, credentials, timeout=timeout))
    integer = "http://www.w3.org/2001/XMLSchema#integer"
    rows = [{"graph": Cell("uri", g), "triples": Cell("literal", str(n), integer)}
            for g, n in sizes.items()]
    _emit(Results(["graph", "triples"], rows), fmt)
    leftovers = staging_leftovers(sizes)
    if leftovers:
        _err(f"c2c-kg: {len(leftovers)} staging graph(s) above were left by interrupted "
             f"publishes ({sum(leftovers.values()):,} triples); a publish of the same graphs "
             f"drops its own, 'c2c-kg publish --cleanup' drops them all.")


@app.command()
def reason(
    reasoner: Annotated[str, typer.Option("--reasoner", metavar="NAME",
                                              help="hermit or pellet.")] = "hermit",
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT",
                                        help="table, tsv or turtle.")] = "table",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE",
                                  help="Write the inferences to this file "
                                  "(Turtle unless --format tsv).", show_default=False)
    ] = None,
    source: Annotated[
        list[Path] | None,
        typer.Option("--source", metavar="FILE",
                     help="The source document, when data/evidence.tsv lacks "
                     "offsets for new anchors (repeatable).", show_default=False),
    ] = None,
    root: RootOption = None,
) -> None:
    """Check ontology plus data with an OWL reasoner; show the inferred types and values."""
    from .graph.build import reason_project
    from .ontology.reason import REASON_FORMATS, inference_rows, summary, to_turtle
    from .project import find_project

    if fmt not in REASON_FORMATS:
        raise UsageError(f"Unknown format {fmt!r}; use one of {', '.join(REASON_FORMATS)}.")
    inferences = reason_project(find_project(root), source, reasoner=reasoner)
    _err(summary(inferences))
    if output is not None:
        from .rdfio import atomic_write
        from .results import render

        text = (render(inference_rows(inferences), "tsv") if fmt == "tsv"
                else to_turtle(inferences))
        atomic_write(output, text.encode("utf-8"))
        typer.echo(f"Wrote {output}")
    elif fmt == "turtle":
        sys.stdout.write(to_turtle(inferences))
    else:
        _emit(inference_rows(inferences), fmt)


@app.command()
def check(
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT",
                                     help="table, csv, tsv or json.")] = "table",
    shapes: Annotated[bool, typer.Option(help="Also validate the mapped graph with the SHACL "
                                         "shapes and look for OWL clashes.")] = True,
    root: RootOption = None,
) -> None:
    """Check the project: ontology QC (ROBOT-style), SHACL shapes and OWL clashes in one report
    of ERROR/WARN/INFO rows; exits 1 on any ERROR."""
    from . import findings
    from .errors import DataError
    from .graph.checks import project_findings
    from .project import find_project

    if fmt not in ("table", "csv", "tsv", "json"):
        raise UsageError(f"Unknown format {fmt!r}; use table, csv, tsv or json.")
    rows = project_findings(find_project(root), shapes=shapes, clashes=shapes)
    if fmt == "tsv":
        sys.stdout.write(findings.to_tsv(rows))
    elif fmt == "json":
        sys.stdout.write(findings.to_json(rows))
    else:
        _emit(findings.results(rows), fmt)
    errors = sum(1 for r in rows if r.level == "ERROR")
    if errors:
        raise DataError(f"the check found {errors} ERROR row(s); fix them (see the 'message' "
                        f"column) and run 'c2c-kg check' again.")


@app.command()
def docs(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE",
                                  help="HTML file to write; default "
                                  "<root>/docs/ontology/index.html.", show_default=False)
    ] = None,
    reason: Annotated[bool, typer.Option(help="Show inferred members among the examples.")] = True,
    root: RootOption = None,
) -> None:
    """Write the HTML documentation of the ontology and its concept schemes."""
    from .graph.records import project_data
    from .ontology.docs import write_docs
    from .project import find_project

    project = find_project(root)
    typer.echo(f"Wrote {write_docs(project, project_data(project), output, reason=reason)}")

MappingOption = Annotated[
    str | None, typer.Option("--mapping", help="Mapping for CSV/XLSX files: a name in "
                             "data/mappings/ or a path; default: the one whose columns fit.",
                             show_default=False),
]


@app.command()
def template(
    kind: Annotated[str, typer.Argument(help="partnerships, actors or programmes.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="csv or xlsx.")] = "csv",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write; "
                      "default <kind>.<format> in the current folder.", show_default=False)] = None,
    root: RootOption = None,
) -> None:
    """Write a blank spreadsheet for contributing KIND: column names, descriptions, an example."""
    from .contribute.template import default_name, write_template
    from .project import find_project
    from .rdfio import atomic_write

    data = write_template(find_project(root), kind, fmt)
    target = output or default_name(kind, fmt)
    atomic_write(target, data)
    typer.echo(f"Wrote {target}")


@app.command()
def validate(
    files: Annotated[list[Path], typer.Argument(help="Contributed files: CSV, XLSX, YAML "
                                                "records, Turtle, N-Triples, RDF/XML, JSON-LD.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="text, json or turtle.")] = "text",
    lang: Annotated[str, typer.Option("--lang", help="Language of the text report: en or nl.")]
    = "en",
    only_valid: Annotated[Path | None, typer.Option("--only-valid", help="Write the valid "
                          "records to this RDF file (.ttl, .nt or .jsonld).",
                          show_default=False)] = None,
    mapping: MappingOption = None,
    root: RootOption = None,
    store: StoreOption = None,
) -> None:
    """Check contributed data together with the graph it would join; exit 1 if invalid."""
    from .contribute.commands import run_validate

    code = run_validate(files, fmt, lang, only_valid, mapping, root, store)
    if code:
        raise typer.Exit(code)


@app.command()
def contribute(
    file: Annotated[Path, typer.Argument(help="The contributed file (any format of validate).")],
    by: Annotated[str, typer.Option("--by", help="Who contributes (person or organisation).")],
    note: Annotated[str, typer.Option("--note", help="A note kept with the contribution.")] = "",
    mapping: MappingOption = None,
    root: RootOption = None,
    store: StoreOption = None,
) -> None:
    """Validate FILE, then add it to the store in its own named graph; kept in contributions/."""
    from .contribute.commands import run_contribute

    code = run_contribute(file, by, note, mapping, root, store)
    if code:
        raise typer.Exit(code)


@app.command()
def contributions(root: RootOption = None, store: StoreOption = None) -> None:
    """List the accepted contributions."""
    from .contribute.commands import run_contributions

    typer.echo(run_contributions(root, store), nl=False)


@app.command()
def withdraw(
    contribution_id: Annotated[str, typer.Argument(metavar="ID", help="The contribution's id.")],
    root: RootOption = None,
    store: StoreOption = None,
) -> None:
    """Remove one contribution (its named graph and its kept file); nothing else changes."""
    from .contribute.commands import run_withdraw

    typer.echo(run_withdraw(contribution_id, root, store))


@app.command()
def link(
    what: Annotated[str | None, typer.Argument(
        help="'coordinates': match the twinning lists in the --against folder to our places "
        "and show how data/links/coordinates.csv would change (--write writes it).",
        show_default=False)] = None,
    against: Annotated[str | None, typer.Option(
        "--against", help="Where to look: a SPARQL endpoint with Wikidata's model (URL), a TOOI "
        "register (.jsonld), an RDF file such as a Eurostat LAU list (.ttl), a names table "
        "(.tsv: id, name), or 'iso3166' for the countries' codes.", show_default=False)] = None,
    kind: Annotated[str | None, typer.Option(
        "--kind", help="Only municipality, country or organisation records.",
        show_default=False)] = None,
    review: Annotated[Path | None, typer.Option(
        "--review", help="Write every candidate (W3C Reconciliation API shape) to this JSON file "
        "for a person to mark 'match': true.", show_default=False)] = None,
    accept: Annotated[Path | None, typer.Option(
        "--accept", help="Add the candidates marked 'match': true in this reviewed file to "
        "data/links/.", show_default=False)] = None,
    write: Annotated[bool, typer.Option(
        "--write", help="Add a register's clear matches (TOOI, LAU, iso3166) to data/links/; "
        "with 'coordinates', write data/links/coordinates.csv.")
    ] = False,
    threshold: Annotated[float, typer.Option("--threshold", help="Score (0-100) for a match.")
                         ] = 90.0,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    timeout: TimeoutOption = 60.0,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Ask the endpoint again instead "
                                           "of reading .c2c-kg/link-cache/.")] = False,
    root: RootOption = None,
) -> None:
    """Propose links from our records to other datasets, with scores and their reasons."""
    import json

    from .link.run import link_project
    from .project import find_project

    if what is not None:
        _link_coordinates(what, against, write, root)
        return

    def progress(done: int, total: int) -> None:
        if total > 20 and (done % 20 == 0 or done == total):
            _err(f"  {done}/{total} reconciled")

    report = link_project(find_project(root), against, kind=kind, review=review,
                          accept_file=accept, write=write, threshold=threshold, timeout=timeout,
                          cache=not no_cache, progress=progress)
    if fmt == "json" and report.document is not None:
        typer.echo(json.dumps(report.document, ensure_ascii=False, indent=1))
    else:
        for proposal in report.proposals:
            best = proposal.candidates[0] if proposal.candidates else None
            if best is None:
                typer.echo(f"{proposal.query.id}\t-\tno candidate")
                continue
            facts = ", ".join(f"{f['id']}={f['value']}" for f in best.features
                              if f["value"] is not None and f["id"] != "successors")
            typer.echo(f"{proposal.query.id}\t{best.id}\t{best.name}\t{best.score}\t"
                       f"{'MATCH' if best.match else 'review'}\t{facts}")
    for flag in report.flags:
        _err(f"flag: {flag}")
    if write or accept:
        _err(f"{report.added} link(s) added to data/links/; {report.reasons} resource(s) "
             f"without a link, with the reason in data/links/unlinked.csv.")


def _link_coordinates(what: str, against: str | None, write: bool, root: Path | None) -> None:
    from .link.coordinates import plan_coordinates, write_plan
    from .project import find_project

    if what != "coordinates":
        raise UsageError(f"c2c-kg link {what}: the only thing named here is 'coordinates' "
                          f"(without it, link proposes links with --against SOURCE).")
    if against is None:
        raise UsageError("c2c-kg link coordinates: give --against FOLDER, the folder of the "
                          "twinning lists (such as shared/data/1_twinning).")
    project = find_project(root)
    plan = plan_coordinates(project, Path(against))
    for line in plan.changes:
        typer.echo(line)
    for resource, reason in plan.unplaced.items():
        _err(f"unplaced: {resource}: {reason}")
    read = ", ".join(f"{name} ({rows:,} rows)" for name, rows in sorted(plan.read.items()))
    summary = (f"{len(plan.rows)} place(s) placed, {len(plan.unplaced)} unplaced, from {read}; "
               f"{len(plan.changes)} change(s) to data/links/coordinates.csv")
    if write:
        write_plan(project, plan)
        _err(f"{summary}: written, with the reasons in data/links/unlinked.csv.")
    else:
        _err(f"{summary}: nothing written (--write writes them).")


@app.command()
def convert(
    document: Annotated[Path, typer.Argument(
        help="The document: plain text as extracted from a PDF (.txt), Markdown (.md) or PDF.",
        show_default=False)],
    meta: Annotated[Path | None, typer.Option(
        "--meta", help="YAML or JSON with the document's id, title, creator, issued …",
        show_default=False)] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="File for the document graph; default: standard output.",
        show_default=False)] = None,
    fmt: Annotated[str, typer.Option("--format", "-f",
                                     help="turtle, trig or jsonld.")] = "turtle",
    candidates: Annotated[Path | None, typer.Option(
        "--candidates", help="Write candidate facts (partnerships, periods, figures, quotes) "
        "to this YAML review file.", show_default=False)] = None,
    include_text: Annotated[bool, typer.Option(
        "--include-text", help="Put each passage's text in the graph (rdf:value); off by "
        "default, as a source may be copyrighted.")] = False,
    root: RootOption = None,
) -> None:
    """Convert a document into RDF: structure, citations, mentions, candidate facts."""
    from .convert.review import review_yaml
    from .convert.run import convert_file, serialise
    from .errors import UsageError as _UsageError
    from .project import find_project
    from .rdfio import atomic_write

    try:
        project = find_project(root)
    except _UsageError:
        if root is not None:
            raise
        project = None  # outside a project: no mentions or partners to resolve
    started = time.perf_counter()
    result = convert_file(document, project, meta, include_text=include_text,
                          progress=lambda step: _err(
                              f"[{time.perf_counter() - started:5.1f}s] {step}"))
    data = serialise(result.graph, fmt, result.source_id)
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        atomic_write(output, data)
    found = result.conversion
    structure = found.structure
    _err(f"{document}: {len(structure.sections)} sections, "
         f"{sum(1 for p in structure.paragraphs if p.in_footnote is None)} paragraphs, "
         f"{sum(len(p.sentences) for p in structure.paragraphs)} sentences, "
         f"{len(structure.footnotes)} footnotes, {len(structure.captions)} captions, "
         f"{len(found.citations)} citations, {len(found.mentions)} mentions, "
         f"{len(found.candidates)} candidates; {len(result.graph):,} triples.")
    if candidates is not None:
        atomic_write(candidates, review_yaml(found.candidates, found.text,
                                             f"src:{result.source_id}").encode("utf-8"))
        _err(f"Wrote the candidates for review to {candidates}")


@app.command()
def serve(
    port: Annotated[int, typer.Option("--port", help="TCP port to listen on.")] = 8000,
    host: Annotated[str, typer.Option("--host", help="Address to listen on; the default "
                                      "serves this machine only.")] = "127.0.0.1",
    in_memory: Annotated[bool, typer.Option("--in-memory", help="Copy the store into memory "
                                            "at start (faster queries, more memory).")] = False,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds per query.")] = 30.0,
    row_limit: Annotated[int, typer.Option("--row-limit", help="Most rows a query "
                                           "returns.")] = 10_000,
    cache_rows: Annotated[int, typer.Option(
        "--cache-rows", metavar="ROWS", help="Rows of complete answers to remember (the store "
        "does not change while served); 0 evaluates every request.")] = 100_000,
    verbose: Annotated[bool, typer.Option("--verbose", help="Log every request.")] = False,
    root: RootOption = None,
    store: StoreOption = None,
) -> None:
    """Serve the graph read-only: SPARQL endpoint, query pages, resource pages, map."""
    from .project import find_project
    from .web.app import serve as run_server

    project = find_project(root)
    run_server(_store(root, store), project.queries, host=host, port=port, in_memory=in_memory,
               timeout=timeout, row_limit=row_limit, verbose=verbose, cache_rows=cache_rows,
               ready=lambda url: typer.echo(f"Serving {url} (Ctrl-C stops)", err=True),
               say=lambda text: typer.echo(text, err=True))


world_app = typer.Typer(help="The world graph of town twinning: import the public lists, "
                        "reconcile them, report coverage (docs/world.md).",
                        no_args_is_help=True, cls=_Commands)
app.add_typer(world_app, name="world")


@world_app.command("import")
def world_import(
    shared: Annotated[Path | None, typer.Option(
        "--shared", help="Folder with the twinning lists (or its parent holding 1_twinning/); "
        "default $C2C_KG_SHARED, else shared/data beside the project or a parent.",
        show_default=False)] = None,
    sample: Annotated[float, typer.Option(
        "--sample", help="Fraction of each file's rows to read (a fixed sample).")] = 1.0,
    root: RootOption = None,
    store: StoreOption = None,
) -> None:
    """Import the twinning lists into one named graph each and reconcile places and pairs."""
    from .project import find_project
    from .world.importer import find_lists, import_world

    project = find_project(root)
    result = import_world(find_lists(project.root, shared), _store(root, store), project,
                          fraction=sample, say=_err)
    _err(f"{result.quads:,} quads in {result.seconds['total']:.1f} s; "
         f"see 'c2c-kg world report'.")


@world_app.command("report")
def world_report(fmt: FormatOption = "table", root: RootOption = None,
                 store: StoreOption = None) -> None:
    """Print the coverage table of the world graph: per source, rows read, placed, explained,
    places, partnerships found in other sources, year conflicts and one-way pairs."""
    from .world.report import coverage_table

    _emit(coverage_table(_store(root, store)), fmt)


def main(args: list[str] | None = None) -> None:
    """Entry point: run the app; a :class:`C2CError` becomes one paragraph and its exit code."""
    global _ARGV
    _ARGV = list(sys.argv[1:] if args is None else args)
    try:
        _group()(args=args, prog_name="c2c-kg")
    except C2CError as exc:
        _err(f"c2c-kg: {exc}")
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        _err("c2c-kg: interrupted.")
        sys.exit(130)
    except Exception as exc:  # a bug: say so in one paragraph; C2C_KG_DEBUG=1 shows the trace
        import os

        if os.environ.get("C2C_KG_DEBUG"):
            raise
        _err(f"c2c-kg: internal error ({type(exc).__name__}: {exc}). This is a bug in c2c-kg; "
             f"run again with C2C_KG_DEBUG=1 for the traceback and report it.")
        sys.exit(1)


if __name__ == "__main__":
    main()
