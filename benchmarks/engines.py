"""rdflib's in-memory SPARQL against pyoxigraph, on the stored queries and a million-triple graph.

What it does, in order:

1. times ``c2c-kg --help`` (median of 10 subprocess runs) and ``c2c-kg build`` of the project's
   real data into a temporary store (or takes ``--real FILE``, the N-Quads of a build);
2. writes a synthetic graph of about ``--triples`` quads with ``benchmarks/generate.py``, the real
   graph included so that the queries' default parameters find something;
3. for each graph and engine, in a worker process of its own (one at a time, so that the engines
   do not compete for the two cores), loads the graph and runs every stored query
   (``queries/*.rq``) and every typical query of ``benchmarks/queries/*.rq`` with its default
   parameters, bound the way c2c-kg binds them (a ``VALUES`` row; the union of the named graphs
   as the default graph);
4. compares the engines' answers (row counts, and the rows themselves) and prints one table per
   graph; writes everything to ``benchmarks/results/engines-<graph>.json``.

Engines: ``rdflib`` (``Dataset`` in memory, default graph = union), ``oxigraph`` (``pyoxigraph
.Store()`` in memory), ``c2c-kg`` (the persistent pyoxigraph store queried
through ``c2c_kg.store.engines.EmbeddedEngine``, what ``c2c-kg query`` runs) and ``oxrdflib``
(rdflib's API over an in-memory pyoxigraph store), if installed.

Each time is the median of ``--runs`` runs (at least 5 when a run takes under a second), or of one
run when the first took more than ``--cap`` seconds; a query that runs past ``--timeout`` seconds
is stopped (its worker is killed) and shown as ``>timeout``. A time covers parsing the query,
evaluating it and reading every row into Python objects.

    .venv/bin/python benchmarks/engines.py                 # real graph and 1 M triples
    .venv/bin/python benchmarks/engines.py --triples 100000 --engines oxigraph,c2c-kg,rdflib
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import hashlib
import json
import multiprocessing as mp
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
ENGINES = ("oxigraph", "c2c-kg", "c2c-kg-optimized", "oxrdflib", "rdflib")
DEFAULT_ENGINES = ("oxigraph", "c2c-kg", "oxrdflib", "rdflib")
MAX_ROWS_SENT = 200_000
TIMEOUT = re.compile(r"^#\s*timeout:\s*(\d+(?:\.\d+)?)\s*$", re.MULTILINE)
DEFAULT_SOURCE = ROOT.parent / "shared" / "sources" / "000_76c4613a20a7ab83.txt"


# --- queries -----------------------------------------------------------------------------------
@dataclass
class Query:
    name: str
    origin: str  # "stored" (queries/) or "typical" (benchmarks/queries/)
    text: str  # the stored text, parameters not bound
    bound: str  # the text with the default parameters bound as a VALUES row
    bindings: dict[str, str]  # parameter -> N-Triples term (for the report)
    timeout: float | None = None  # from a '# timeout: SECONDS' header line (typical queries)


def read_queries(only: set[str] | None = None) -> list[Query]:
    """Every stored and typical query, parameters bound to their defaults as c2c-kg binds them."""
    from c2c_kg.store.engines import values_clause
    from c2c_kg.store.queries import list_queries, parse_params, parse_query
    from c2c_kg.store.sparqltext import values_injected

    found = [("stored", q) for q in list_queries(ROOT / "queries")]
    for path in sorted((HERE / "queries").glob("*.rq")):
        found.append(("typical", parse_query(path.read_text(encoding="utf-8"), name=path.stem,
                                             path=path)))
    queries = []
    for origin, stored in found:
        if only and stored.name not in only:
            continue
        bindings = parse_params(stored, [])
        bound = (values_injected(stored.text, values_clause(bindings)) if bindings
                 else stored.text)
        limit = TIMEOUT.search(stored.text)
        queries.append(Query(stored.name, origin, stored.text, bound,
                             {k: str(v) for k, v in bindings.items()},
                             float(limit[1]) if limit else None))
    # queries with a timeout of their own are known to be slow somewhere: run them last, so that
    # stopping one never costs loading the graph again
    return sorted(queries, key=lambda q: q.timeout is not None)


# --- workers -----------------------------------------------------------------------------------
def _norm_rdflib(term) -> str | None:
    from rdflib import BNode

    if term is None:
        return None
    return "_:b" if isinstance(term, BNode) else str(term)


def _norm_ox(term) -> str | None:
    import pyoxigraph as ox

    if term is None:
        return None
    return "_:b" if isinstance(term, ox.BlankNode) else term.value


class Runner:
    """One engine over one loaded graph; ``run`` gives (row tuples, variables) in its own terms."""

    def __init__(self, engine: str, path: Path, workdir: Path):
        from c2c_kg.terms import PREFIXES

        self.engine = engine
        self.prefixes = dict(PREFIXES)
        self.parsed: dict[str, dict[str, object]] = {}
        if engine == "rdflib":
            from rdflib import Dataset

            self.dataset = Dataset(default_union=True)
            self.dataset.parse(str(path), format="nquads")
            self.size = len(self.dataset)
        elif engine in ("oxigraph", "oxrdflib"):
            import pyoxigraph as ox

            self.store = ox.Store()
            self.store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
            self.size = len(self.store)
            if engine == "oxrdflib":
                from oxrdflib.store import OxigraphStore
                from rdflib import Dataset

                self.dataset = Dataset(store=OxigraphStore(store=self.store), default_union=True)
        elif engine in ("c2c-kg", "c2c-kg-optimized"):
            import pyoxigraph as ox

            from c2c_kg.store.engines import EmbeddedEngine

            folder = workdir / "store"
            store = ox.Store(str(folder))
            store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
            store.flush()
            if engine == "c2c-kg-optimized":
                store.optimize()
            del store
            gc.collect()
            self.embedded = EmbeddedEngine(folder)
            self.size = len(self.embedded.store)
        else:
            raise ValueError(f"unknown engine {engine}")

    def run(self, query: Query) -> tuple[list, list[str]]:
        if self.engine in ("rdflib", "oxrdflib"):
            result = self.dataset.query(query.bound, initNs=self.prefixes)
            if result.type == "ASK":
                return [(str(bool(result.askAnswer)).lower(),)], ["ask"]
            if result.type in ("CONSTRUCT", "DESCRIBE"):
                return [tuple(map(_norm_rdflib, t)) for t in result.graph], ["s", "p", "o"]
            names = [str(v) for v in result.vars]
            return [tuple(row) for row in result], names
        if self.engine == "oxigraph":
            import pyoxigraph as ox

            answer = self.store.query(query.bound, use_default_graph_as_union=True,
                                      prefixes=self.prefixes)
            if isinstance(answer, ox.QueryBoolean):
                return [(str(bool(answer)).lower(),)], ["ask"]
            if isinstance(answer, ox.QueryTriples):
                return [(t.subject, t.predicate, t.object) for t in answer], ["s", "p", "o"]
            names = [v.value for v in answer.variables]
            return [tuple(solution[n] for n in names) for solution in answer], names
        results = self.embedded.select(query.text, self.bindings(query) or None)
        if results.boolean is not None:
            return [(str(results.boolean).lower(),)], ["ask"]
        return [tuple(row.get(n) for n in results.variables) for row in results.rows], list(
            results.variables)

    def bindings(self, query: Query) -> dict[str, object]:
        """The default parameters as pyoxigraph terms, as ``c2c-kg query NAME`` makes them."""
        from c2c_kg.store.queries import parse_params, parse_query

        if query.name not in self.parsed:
            stored = parse_query(query.text, name=query.name)
            self.parsed[query.name] = parse_params(stored, [])
        return self.parsed[query.name]

    def normalised(self, rows: list) -> list[tuple]:
        if self.engine in ("rdflib", "oxrdflib"):
            return [tuple(map(_norm_rdflib, row)) for row in rows]
        if self.engine == "oxigraph":
            return [tuple(map(_norm_ox, row)) for row in rows]
        return [tuple(None if c is None else ("_:b" if c.kind == "bnode" else c.value)
                      for c in row) for row in rows]


def measure(runner: Runner, query: Query, runs: int, cap: float) -> dict:
    """Run ``query`` ``runs`` times (once if the first run passes ``cap`` s); times and rows."""
    times: list[float] = []
    try:
        while True:
            t0 = time.perf_counter()
            rows, names = runner.run(query)
            times.append(time.perf_counter() - t0)
            if len(times) >= runs or times[0] > cap:
                break
    except Exception as exc:  # a query error is a result to report, not a crash
        return {"error": f"{type(exc).__name__}: {' '.join(str(exc).split())[:300]}"}
    try:
        normal = [tuple(map(comparable, row)) for row in runner.normalised(rows)]
    except Exception as exc:  # a bug in this script: report it, keep serving
        return {"error": f"reading the rows: {type(exc).__name__}: {exc}"}
    digest = hashlib.sha1(repr(sorted(normal, key=repr)).encode()).hexdigest()
    return {"rows": len(rows), "variables": names, "times_s": times, "digest": digest,
            "values": normal if len(normal) <= MAX_ROWS_SENT else None}


def measure_forked(runner: Runner, query: Query, runs: int, cap: float, timeout: float) -> dict:
    """:func:`measure` in a fork of this process, killed after ``timeout`` seconds.

    The fork shares the loaded graph (copy on write), so stopping a slow query never costs
    loading the graph again. Used for rdflib, which cannot be interrupted otherwise.
    """
    reader, writer = mp.Pipe(duplex=False)
    pid = os.fork()
    if pid == 0:  # the child: measure, send, leave at once
        reader.close()
        try:
            writer.send(measure(runner, query, runs, cap))
        finally:
            os._exit(0)
    writer.close()
    try:
        if reader.poll(timeout):
            return reader.recv()
        os.kill(pid, signal.SIGKILL)
        return {"timeout": True}
    except EOFError:
        return {"error": "the forked run died"}
    finally:
        os.waitpid(pid, 0)
        reader.close()


def serve(engine: str, path: str, workdir: str, conn) -> None:
    """Worker process: load, report, then answer (query, runs, cap, timeout) until None."""
    started = time.perf_counter()
    try:
        runner = Runner(engine, Path(path), Path(workdir))
    except Exception as exc:  # report any load failure to the parent
        conn.send({"error": f"{type(exc).__name__}: {exc}"})
        return
    conn.send({"load_s": time.perf_counter() - started, "size": runner.size})
    while (request := conn.recv()) is not None:
        query, runs, cap, timeout = request
        if engine == "rdflib":
            conn.send(measure_forked(runner, query, runs, cap, timeout))
        else:
            conn.send(measure(runner, query, runs, cap))


NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
SEPARATORS = (" | ", ", ")


def comparable(value: str | None) -> str | None:
    """A cell as compared between engines: numbers in one canonical form (rdflib keeps
    ``6942.0`` where Oxigraph writes ``6942``) and GROUP_CONCAT parts sorted (their order is
    not defined by SPARQL)."""
    if value is None:
        return None
    if NUMBER.match(value):
        try:
            return format(Decimal(value).normalize(), "f")
        except InvalidOperation:
            return value
    for separator in SEPARATORS:
        if separator in value:
            return separator.join(sorted(value.split(separator)))
    return value


@dataclass
class Measure:
    engine: str
    rows: int | None = None
    ms: float | None = None  # median
    runs: list[float] = field(default_factory=list)
    error: str | None = None
    timed_out: bool = False
    digest: str | None = None


class Worker:
    """A worker process holding one engine over one graph (restarted after a timeout)."""

    def __init__(self, engine: str, path: Path, workdir: Path):
        self.engine, self.path, self.workdir = engine, path, workdir
        self.load_s: float | None = None
        self.size: int | None = None
        self.error: str | None = None
        self.dead = False
        self._start()

    def _start(self) -> None:
        context = mp.get_context("spawn")
        parent, child = context.Pipe()
        shutil.rmtree(self.workdir, ignore_errors=True)
        self.workdir.mkdir(parents=True)
        self.process = context.Process(target=serve, daemon=True,
                                       args=(self.engine, str(self.path), str(self.workdir),
                                             child))
        self.process.start()
        self.conn = parent
        answer = self.conn.recv()
        self.error = answer.get("error")
        if self.load_s is None:
            self.load_s, self.size = answer.get("load_s"), answer.get("size")

    def ask(self, query: Query, runs: int, cap: float, timeout: float):
        if self.dead:
            self._start()
            self.dead = False
        self.conn.send((query, runs, cap, timeout))
        try:
            if self.conn.poll(timeout + 30):  # rdflib's worker stops its own runs at timeout
                answer = self.conn.recv()
                return None if answer.get("timeout") else answer
            crashed = None
        except EOFError:
            crashed = {"error": f"the worker died (exit code {self.process.exitcode})"}
        self.process.kill()
        self.process.join()
        self.dead = True  # restarted (the graph loaded again) only if another query comes
        return crashed

    def close(self) -> None:
        if self.dead:
            shutil.rmtree(self.workdir, ignore_errors=True)
            return
        with contextlib.suppress(BrokenPipeError, OSError):
            self.conn.send(None)
        self.process.join(10)
        if self.process.is_alive():
            self.process.kill()
        shutil.rmtree(self.workdir, ignore_errors=True)


def measure_graph(label: str, path: Path, queries: list[Query], engines: list[str],
                  args: argparse.Namespace, scratch: Path) -> dict:
    """Every query on every engine over one graph; the engines one after the other."""
    loads: dict[str, dict] = {}
    results: dict[str, dict[str, Measure]] = {q.name: {} for q in queries}
    values: dict[str, dict[str, list | None]] = {q.name: {} for q in queries}
    for engine in engines:
        print(f"[{label}] {engine}: loading {path.name} …", file=sys.stderr, flush=True)
        worker = Worker(engine, path, scratch / engine)
        if worker.error:
            print(f"[{label}] {engine}: load failed: {worker.error}", file=sys.stderr)
            loads[engine] = {"error": worker.error}
            worker.close()
            continue
        loads[engine] = {"seconds": round(worker.load_s, 3), "triples": worker.size}
        print(f"[{label}] {engine}: {worker.size:,} triples in {worker.load_s:.1f} s",
              file=sys.stderr, flush=True)
        for query in queries:
            timeout = min(args.timeout, query.timeout or args.timeout)
            answer = worker.ask(query, args.runs, args.cap, timeout)
            m = Measure(engine)
            if answer is None:
                m.timed_out = True
                m.ms = timeout * 1000  # a lower bound
            elif "error" in answer:
                m.error = answer["error"]
            else:
                times = answer["times_s"]
                if times[0] < 1.0 and len(times) < max(args.runs, 5):
                    # fast: take more runs for a steadier median
                    more = worker.ask(query, max(args.runs, 5), args.cap, timeout)
                    if more and "times_s" in more:
                        times = more["times_s"]
                m.rows, m.digest = answer["rows"], answer["digest"]
                m.runs = [round(t * 1000, 2) for t in times]
                m.ms = round(statistics.median(times) * 1000, 2)
                values[query.name][engine] = answer["values"]
            results[query.name][engine] = m
            shown = (f">{timeout:.0f} s (stopped)" if m.timed_out
                     else m.error if m.error else f"{m.rows} rows, {m.ms:,.1f} ms")
            print(f"[{label}] {engine}: {query.name}: {shown}", file=sys.stderr, flush=True)
        worker.close()
    return {"graph": label, "file": str(path), "loads": loads,
            "queries": [_row(q, results[q.name], values[q.name]) for q in queries]}


def _row(query: Query, measures: dict[str, Measure], values: dict[str, list | None]) -> dict:
    """One query's line of the report, with agreement between the engines."""
    counts = {e: m.rows for e, m in measures.items() if m.rows is not None}
    digests = {e: m.digest for e, m in measures.items() if m.digest is not None}
    notes = []
    if len(set(counts.values())) > 1:
        notes.append("row counts differ: " + ", ".join(f"{e} {n}" for e, n in counts.items()))
    elif len(set(digests.values())) > 1:
        reference = next(iter(values))
        for engine, rows in values.items():
            ref_rows = values[reference]
            if engine == reference or rows is None or ref_rows is None:
                continue
            only_here = sorted(set(rows) - set(ref_rows), key=repr)[:2]
            only_there = sorted(set(ref_rows) - set(rows), key=repr)[:2]
            if only_here or only_there:
                notes.append(f"values differ between {reference} and {engine}: "
                             f"{reference} has {only_there}, {engine} has {only_here}")
    for engine, m in measures.items():
        if m.error:
            notes.append(f"{engine} failed: {m.error}")
        if m.timed_out:
            notes.append(f"{engine} stopped at the timeout")
    return {"query": query.name, "origin": query.origin, "bindings": query.bindings,
            "rows": next(iter(counts.values()), None), "agree": not notes, "notes": notes,
            "rdflib_ratio": {e: _ratio(measures.get("rdflib"), measures[e])
                             for e in measures if e != "rdflib"},
            "engines": {e: asdict(m) for e, m in measures.items()}}


def _ratio(rdflib: Measure | None, other: Measure) -> dict | None:
    """How many times faster ``other`` was than rdflib; a lower bound if rdflib was stopped."""
    if rdflib is None or other.timed_out or not other.ms or not rdflib.ms:
        return None
    return {"times": round(rdflib.ms / other.ms, 1), "at_least": rdflib.timed_out}


# --- the command line and the machine ----------------------------------------------------------
def c2c_kg_command() -> str:
    found = Path(sys.executable).with_name("c2c-kg")
    return str(found) if found.exists() else "c2c-kg"


def time_help(runs: int = 10) -> dict:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([c2c_kg_command(), "--help"], check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
    return {"median_s": round(statistics.median(times), 3), "runs_s": [round(t, 3) for t in times]}


def time_build(folder: Path, source: Path | None) -> dict:
    command = [c2c_kg_command(), "build", "--store", str(folder / "store"), "--out",
               str(folder / "out")]
    if source:
        command += ["--source", str(source)]
    t0 = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    if done.returncode != 0:
        return {"failed": f"exit {done.returncode}: {done.stderr.strip()[-2000:]}",
                "command": " ".join(command[1:])}
    return {"seconds": round(seconds, 2), "command": " ".join(command[1:]),
            "nquads": str(folder / "out" / "c2c-kg.nq")}


def machine() -> dict:
    import pyoxigraph
    import rdflib

    try:
        from importlib.metadata import version

        import oxrdflib  # noqa: F401

        oxrdflib_version = version("oxrdflib")
    except ImportError:
        oxrdflib_version = None
    memory = None
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        first = meminfo.read_text().split("\n", 1)[0].split()
        memory = f"{int(first[1]) / 1024 / 1024:.1f} GiB"
    cpu = None
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
                    if line.startswith("model name")), None)
    return {"nproc": os.cpu_count(), "cpu": cpu, "memory": memory,
            "python": platform.python_version(), "rdflib": rdflib.__version__,
            "pyoxigraph": pyoxigraph.__version__, "oxrdflib": oxrdflib_version,
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "load_average_1_5_15": [round(x, 2) for x in os.getloadavg()]}


def table(report: dict, engines: list[str]) -> str:
    """A Markdown table of one graph's results."""
    faster = [e for e in ("oxigraph", "c2c-kg") if e in engines and "rdflib" in engines]
    head = ["query", "rows", *[f"{e} ms" for e in engines],
            *[f"rdflib ÷ {e}" for e in faster], "agree"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in report["queries"]:
        cells = [f"{row['query']}{'' if row['origin'] == 'stored' else ' *'}",
                 "" if row["rows"] is None else f"{row['rows']:,}"]
        for engine in engines:
            m = row["engines"].get(engine)
            if m is None:
                cells.append("")
            elif m["timed_out"]:
                cells.append(f"> {m['ms']:,.0f}")
            elif m["error"]:
                cells.append("error")
            else:
                cells.append(f"{m['ms']:,.1f}")
        for engine in faster:
            ratio = row["rdflib_ratio"].get(engine)
            if ratio is None:
                cells.append("")
                continue
            times = ratio["times"]
            shown = f"{times:,.0f}×" if times >= 10 else f"{times:.1f}×"
            cells.append(("≥ " if ratio["at_least"] else "") + shown)
        cells.append("yes" if row["agree"] else "NO")
        lines.append("| " + " | ".join(cells) + " |")
    loads = ", ".join(
        f"{e} {v['seconds']:.1f} s" if "seconds" in v else f"{e} failed"
        for e, v in report["loads"].items())
    triples = next((v["triples"] for v in report["loads"].values() if "triples" in v), None)
    lines.append("")
    lines.append(f"Loaded {triples:,} triples: {loads}." if triples else f"Loads: {loads}.")
    for engine in faster:
        for origin in ("stored", "typical"):
            ratios = [row["rdflib_ratio"][engine] for row in report["queries"]
                      if row["origin"] == origin and row["rdflib_ratio"].get(engine)]
            if ratios:
                times = sorted(r["times"] for r in ratios)
                lines.append(
                    f"{origin} queries, rdflib ÷ {engine}: {sum(t >= 30 for t in times)} of "
                    f"{len(times)} at least 30×; median {statistics.median(times):,.1f}×, "
                    f"lowest {times[0]:,.1f}×.")
    notes = [f"- {row['query']}: {note}" for row in report["queries"] for note in row["notes"]]
    if notes:
        lines += ["", "Disagreements and failures:", *notes]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000,
                        help="size of the synthetic graph (0: real graph only)")
    parser.add_argument("--real", type=Path, help="N-Quads of a build (default: build now)")
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE if DEFAULT_SOURCE.exists()
                        else None, help="pass --source FILE to the timed build (default: "
                        "../shared/sources/…, if there)")
    parser.add_argument("--no-source", dest="source", action="store_const", const=None,
                        help="build from the offsets in data/evidence.tsv")
    parser.add_argument("--engines", default=",".join(DEFAULT_ENGINES),
                        help=f"comma-separated, from {', '.join(ENGINES)}")
    parser.add_argument("--queries", help="comma-separated query names (default: all)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cap", type=float, default=5.0,
                        help="one run only when the first run takes longer (seconds)")
    parser.add_argument("--timeout", type=float, default=60.0,
                        help="stop a query that runs longer (seconds)")
    parser.add_argument("--skip-real", action="store_true", help="only the synthetic graph")
    parser.add_argument("--out", type=Path, default=HERE / "results")
    args = parser.parse_args(argv)

    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    unknown = set(engines) - set(ENGINES)
    if unknown:
        parser.error(f"unknown engines: {', '.join(sorted(unknown))}")
    if "oxrdflib" in engines:
        try:
            import oxrdflib  # noqa: F401
        except ImportError:
            print("oxrdflib is not installed: skipped (pip install oxrdflib)", file=sys.stderr)
            engines.remove("oxrdflib")
    queries = read_queries(set(args.queries.split(",")) if args.queries else None)
    args.out.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="c2c-kg-bench-"))
    summary: dict = {"machine": machine(), "settings": {
        "runs": args.runs, "cap_s": args.cap, "timeout_s": args.timeout, "engines": engines}}
    try:
        summary["help"] = time_help()
        print(f"c2c-kg --help: median {summary['help']['median_s']:.3f} s", file=sys.stderr)
        if args.real:
            real = args.real
        else:
            summary["build"] = time_build(scratch / "build", args.source)
            if "failed" in summary["build"]:
                real = args.out / "real-last.nq"  # the last good build of an earlier run
                if not real.exists():
                    real = ROOT / "out" / "c2c-kg.nq"
                print(f"c2c-kg build failed, so the real graph is the last build's {real}:\n"
                      f"{summary['build']['failed']}", file=sys.stderr)
                if not real.exists():
                    raise SystemExit("No real graph: pass --real FILE (the N-Quads of a build).")
                summary["build"]["fallback"] = str(real)
            else:
                real = Path(summary["build"]["nquads"])
                shutil.copyfile(real, args.out / "real-last.nq")
                print(f"c2c-kg build: {summary['build']['seconds']:.1f} s", file=sys.stderr)
        graphs = [] if args.skip_real else [("real", real)]
        if args.triples:
            sys.path.insert(0, str(HERE))
            from generate import generate

            synthetic = scratch / f"synthetic-{args.triples}.nq"
            t0 = time.perf_counter()
            count = generate(synthetic, args.triples, base=real)
            summary["generate"] = {"quads": count, "seconds": round(time.perf_counter() - t0, 2)}
            graphs.append((f"synthetic-{args.triples}", synthetic))
        for label, path in graphs:
            report = measure_graph(label, path, queries, engines, args, scratch / "work")
            summary[label] = report
            (args.out / f"engines-{label}.json").write_text(
                json.dumps({**summary, "report": report}, indent=1, default=str) + "\n")
            print(f"\n## {label}\n\n{table(report, engines)}\n", flush=True)
        (args.out / "engines-summary.json").write_text(
            json.dumps(summary, indent=1, default=str) + "\n")
        print(f"c2c-kg --help: median of 10 runs {summary['help']['median_s'] * 1000:.0f} ms")
        if "seconds" in summary.get("build", {}):
            print(f"c2c-kg build (real data): {summary['build']['seconds']:.1f} s")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
