"""Latency and load: ``c2c-kg serve`` (on disk and ``--in-memory``) against an Oxigraph server
and a Virtuoso server holding the same quads, over HTTP, with the project's stored queries.

For every stored query (default parameters, bound the way c2c-kg binds them remotely) it times,
with one client, the first page (the query with ``LIMIT 50``) over the SPARQL protocol on every
server (its first request on each server is shown on its own: ``c2c-kg serve`` remembers complete
answers, ``--cache-rows``, so later ones are answered from memory), and the stored-query HTML
page of ``c2c-kg serve`` (``/queries/NAME``, 50 rows, labels looked up): median and 95th
percentile. Then 8 concurrent clients cycle through the first pages
for ``--seconds`` on each server: requests per second and errors. Memory: the peak resident set
(VmHWM) of each server process. Ratios are c2c-kg serve / the faster of Oxigraph and Virtuoso,
measured in the same run; the servers take turns within every run, so that a busy moment hits
them alike.

Every query names its dataset the way c2c-kg does for a remote server: ``default-graph-uri`` and
``named-graph-uri`` list the named graphs of the quads, so that every server answers over the
same graphs whatever its own default graph. The rows of every first page are compared between
the servers (a ``mismatch`` column; a server that refuses a query is reported, not hidden).

Virtuoso (``--virtuoso``, on by default when ``virtuoso-t`` is installed) is a private instance
started with ``.ci/virtuoso.sh`` in a folder of its own (``--virtuoso-dir``, default a fresh
temporary folder; never the tests' instance), loaded with its bulk loader (``ld_dir`` and
``rdf_loader_run`` through ``isql-vt``; the N-Quads are linked into that folder, which the
script's ini allows), its count of quads checked, and stopped at the end.

    nice -n 10 python benchmarks/serve_load.py --triples 1000000 --runs 7 --seconds 60
    nice -n 10 python benchmarks/serve_load.py --nq out/c2c-kg.nq --runs 5 --seconds 20

Without ``--nq`` the project is built (from data/evidence.tsv) and ``generate.py`` adds a
synthetic graph up to ``--triples``.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

from c2c_kg.store.engines import bind_remotely  # noqa: E402
from c2c_kg.store.queries import list_queries, parse_params  # noqa: E402

PAGE = 50
VIRTUOSO_SCRIPT = ROOT / ".ci" / "virtuoso.sh"


def run(command: list[str], **kwargs) -> None:
    subprocess.run(command, check=True, **kwargs)


def quads(args, work: Path) -> Path:
    if args.nq:
        return args.nq
    out = work / "build"
    print("building the project …", flush=True)
    run([sys.executable, "-m", "c2c_kg.cli", "build", "--root", str(ROOT), "--store",
         str(out / "store"), "--out", str(out), "--no-reason"], stdout=subprocess.DEVNULL)
    target = work / "synthetic.nq"
    print(f"generating about {args.triples:,} quads …", flush=True)
    run([sys.executable, str(HERE / "generate.py"), "--triples", str(args.triples), "--base",
         str(out / "c2c-kg.nq"), "--output", str(target)], stdout=subprocess.DEVNULL)
    return target


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_up(url: str, process: subprocess.Popen, limit: float = 600) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            requests.get(url, timeout=2)
            return
        except requests.RequestException:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up")


def peak_memory_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024


class Server:
    """A server process this script started: its query URL, pid and peak memory."""

    def __init__(self, name: str, command: list[str], base: str, query_path: str):
        self.name, self.base, self.query_url = name, base, base + query_path
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
        self.pid = self.process.pid
        wait_up(self.query_url + "?query=ASK%7B%7D", self.process)

    def peak_memory_mb(self) -> float:
        return peak_memory_mb(self.pid)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(30)


class Virtuoso(Server):
    """A private Virtuoso started by .ci/virtuoso.sh in ``folder``, bulk-loaded with ``data``."""

    def __init__(self, folder: Path, data: Path, graphs: list[str], expected: int):
        self.name, self.folder = "virtuoso", folder
        self.env = {**os.environ, "C2C_KG_VIRTUOSO_DIR": str(folder)}
        if (folder / "settings").exists():
            raise RuntimeError(f"{folder} already holds a Virtuoso; give a fresh --virtuoso-dir")
        run(["bash", str(VIRTUOSO_SCRIPT), "start"], env=self.env)
        self.settings = dict(line.split("=", 1) for line in
                             (folder / "settings").read_text().split())
        self.pid = int((folder / "pid").read_text())
        self.peak = 0.0
        self.base = f"http://127.0.0.1:{self.settings['HTTPPORT']}"
        self.query_url = self.base + "/sparql"
        self.load(data, graphs, expected)

    def isql(self, sql: str) -> str:
        script = self.folder / "bench.sql"
        script.write_text(sql)
        out = subprocess.run(["isql-vt", f"127.0.0.1:{self.settings['SQLPORT']}", "dba",
                              self.settings["DBA_PASSWORD"], str(script)],
                             capture_output=True, text=True, check=True).stdout
        script.unlink()
        if "*** Error" in out:  # isql-vt exits 0 even when a statement fails
            raise RuntimeError(f"isql-vt reported an error:\n{out}")
        return out

    def load(self, data: Path, graphs: list[str], expected: int) -> None:
        folder = self.folder / "load"  # inside the folder the ini's DirsAllowed names
        folder.mkdir()
        target = folder / "quads.nq"
        try:
            os.link(data, target)
        except OSError:
            shutil.copyfile(data, target)
        started = time.monotonic()
        out = self.isql(f"ld_dir('{folder}', 'quads.nq', 'urn:c2c-kg:bench:default');\n"
                        "rdf_loader_run();\ncheckpoint;\n"
                        "SELECT ll_file, ll_error FROM DB.DBA.LOAD_LIST WHERE ll_error IS NOT "
                        "NULL;\n")
        if "0 Rows." not in out:
            raise RuntimeError(f"Virtuoso's bulk loader reported errors:\n{out}")
        self.load_seconds = time.monotonic() - started
        target.unlink()
        values = " ".join(f"<{g}>" for g in graphs)
        answer = requests.post(self.query_url, timeout=300, data={
            "query": f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} "
                     f"GRAPH ?g {{ ?s ?p ?o }} }}"},
            headers={"Accept": "application/sparql-results+json"})
        answer.raise_for_status()
        count = int(answer.json()["results"]["bindings"][0]["n"]["value"])
        if count != expected:
            raise RuntimeError(f"Virtuoso holds {count:,} quads in the graphs, not {expected:,}")
        print(f"Virtuoso: bulk-loaded {count:,} quads in {self.load_seconds:.1f} s "
              f"(count checked)", flush=True)

    def peak_memory_mb(self) -> float:
        return max(self.peak, peak_memory_mb(self.pid))

    def restart(self) -> None:
        """Stop (or kill) and start again on the same database: a query Virtuoso does not
        finish leaves it unable to answer anything once its own time limit strikes."""
        self.peak = self.peak_memory_mb()
        self.stop()
        run(["bash", str(VIRTUOSO_SCRIPT), "start"], env=self.env)
        self.pid = int((self.folder / "pid").read_text())

    def stop(self) -> None:
        """``virtuoso.sh stop`` (checkpoint and shutdown); if a query hangs the server and with
        it the checkpoint, kill it: the database is this run's alone."""
        script = subprocess.Popen(["bash", str(VIRTUOSO_SCRIPT), "stop"], env=self.env,
                                  start_new_session=True)
        try:
            script.wait(90)
        except subprocess.TimeoutExpired:
            print("Virtuoso did not stop cleanly within 90 s: killed", flush=True)
            os.killpg(script.pid, signal.SIGKILL)
            script.wait()
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            (self.folder / "pid").unlink(missing_ok=True)


class Refused(Exception):
    """A server answered a query with an HTTP error."""


#: Seconds a server gets to answer one request (``--query-timeout``).
TIMEOUT = [120.0]


def sparql(session: requests.Session, server: Server, text: str, graphs: list[str]) -> int:
    answer = session.post(server.query_url, timeout=TIMEOUT[0],
                          data={"query": text, "default-graph-uri": graphs,
                                "named-graph-uri": graphs},
                          headers={"Accept": "application/sparql-results+json"})
    if answer.status_code >= 400:
        text = " ".join(answer.text.split())
        if "SPARQL query:" in text:  # Virtuoso echoes the query: keep what is around it
            head, _, tail = text.partition("SPARQL query:")
            text = f"{head}… {tail[-200:]}"
        raise Refused(f"{answer.status_code}: {text[:500]}")
    return len(answer.json().get("results", {}).get("bindings", []))


def first_page(text: str) -> str:
    return text if re.search(r"\bLIMIT\s+\d+\s*$", text, re.IGNORECASE) else \
        f"{text}\nLIMIT {PAGE}"


def timed(calls: list, runs: int) -> list[tuple[float, float]]:
    """Median and p95 ms of each call; the calls take turns within every run (in a rotating
    order), so that a busy moment on a shared machine hits every server alike."""
    for call in calls:
        with contextlib.suppress(requests.RequestException, ValueError, Refused):
            call()  # warm-up
    times: list[list[float]] = [[] for _ in calls]
    for run in range(runs):
        for k in range(len(calls)):
            index = (k + run) % len(calls)
            start = time.perf_counter()
            try:
                calls[index]()
            except (requests.RequestException, ValueError, Refused):  # shown as inf
                times[index].append(float("inf"))
                continue
            times[index].append((time.perf_counter() - start) * 1000)
    out = []
    for series in times:
        series.sort()
        out.append((statistics.median(series),
                    series[min(len(series) - 1, round(0.95 * (len(series) - 1)))]))
    return out


def load(server: Server, texts: list[str], graphs: list[str], seconds: float,
         clients: int = 8):
    done, errors = [0], [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(offset: int) -> None:
        session = requests.Session()
        i = offset
        while time.monotonic() < stop:
            try:
                sparql(session, server, texts[i % len(texts)], graphs)
                with lock:
                    done[0] += 1
            except (requests.RequestException, ValueError, Refused):
                with lock:
                    errors[0] += 1
            i += 1

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return done[0] / seconds, errors[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nq", type=Path, help="N-Quads to serve (default: build + generate)")
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--seconds", type=float, default=60.0, help="load test per server")
    parser.add_argument("--queries", help="comma-separated stored query names (default: all)")
    parser.add_argument("--virtuoso", action=argparse.BooleanOptionalAction,
                        default=shutil.which("virtuoso-t") is not None,
                        help="add a private Virtuoso (default: when virtuoso-t is installed)")
    parser.add_argument("--query-timeout", type=float, default=120.0,
                        help="seconds a server gets per request; a query it does not answer "
                             "in time is reported as failed on that server")
    parser.add_argument("--virtuoso-dir", type=Path,
                        help="a fresh folder for it (default: a temporary one)")
    args = parser.parse_args()
    TIMEOUT[0] = args.query_timeout

    stored = list_queries(ROOT / "queries")
    if args.queries:
        stored = [q for q in stored if q.name in set(args.queries.split(","))]
    texts = {q.name: bind_remotely(q.text, parse_params(q, [])) for q in stored
             if q.form == "SELECT"}
    with tempfile.TemporaryDirectory(prefix="serve-load-") as tmp:
        work = Path(tmp)
        data = quads(args, work)
        print("loading the stores …", flush=True)
        code = ("import sys, pyoxigraph as ox; s = ox.Store(sys.argv[1]); "
                "s.bulk_load(path=sys.argv[2], format=ox.RdfFormat.N_QUADS); s.flush(); "
                "print(len(s)); print(' '.join(sorted(g.value for g in s.named_graphs())))")
        counted = subprocess.run([sys.executable, "-c", code, str(work / "c2c"), str(data)],
                                 check=True, capture_output=True, text=True).stdout.split("\n")
        size, graphs = int(counted[0]), counted[1].split()
        oxigraph = str(Path(sys.executable).parent / "oxigraph")
        run([oxigraph, "load", "--location", str(work / "oxi"), "--file", str(data)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        servers = []
        try:
            for name, extra in (("c2c-kg serve", []), ("c2c-kg serve --in-memory",
                                                        ["--in-memory"])):
                port = free_port()
                servers.append(Server(name, [
                    sys.executable, "-m", "c2c_kg.cli", "serve", "--root", str(ROOT), "--store",
                    str(work / "c2c"), "--port", str(port), "--row-limit", "100000000",
                    "--timeout", "300", *extra], f"http://127.0.0.1:{port}", "/sparql"))
            port = free_port()
            servers.append(Server("oxigraph", [
                oxigraph, "serve-read-only", "--location", str(work / "oxi"), "--bind",
                f"127.0.0.1:{port}", "--union-default-graph"], f"http://127.0.0.1:{port}",
                "/query"))
            if args.virtuoso:
                servers.append(Virtuoso(args.virtuoso_dir or work / "virtuoso", data, graphs,
                                        size))
            report(servers, texts, graphs, args, size)
        finally:
            for server in servers:
                server.stop()


def report(servers: list[Server], texts: dict[str, str], graphs: list[str], args,
           size: int) -> None:
    session = requests.Session()
    others = servers[2:]  # the servers c2c-kg serve is measured against
    print(f"\n{size:,} quads in {len(graphs)} named graphs, named as the dataset of every "
          f"query; median / p95 ms over {args.runs} runs after a warm-up; first page = "
          f"LIMIT {PAGE}; ratio = c2c-kg serve / the faster of "
          f"{' and '.join(s.name for s in others)}\n")
    print("| query | rows | " + " | ".join(s.name for s in servers) +
          " | serve page /queries/NAME | serve/faster | in-memory/faster | under 100 ms "
          "(serve, in-memory) | mismatch | first request, ms (" +
          ", ".join(s.name for s in servers) + ") |")
    print("|---|---:|" + "---:|" * (len(servers) + 3) + "---|---|---|")
    ratios, ratios_mem, slower, problems, answered = [], [], [], [], []
    for name, text in texts.items():
        page = first_page(text)
        rows, failed, cold = {}, {}, {}
        for server in servers:
            try:
                started = time.perf_counter()
                rows[server.name] = sparql(session, server, page, graphs)
                cold[server.name] = (time.perf_counter() - started) * 1000
            except (Refused, requests.RequestException, ValueError) as exc:
                failed[server.name] = str(exc)
                if isinstance(server, Virtuoso) and isinstance(exc, requests.Timeout):
                    print(f"Virtuoso did not answer {name} in {TIMEOUT[0]:g} s: restarting it",
                          flush=True)
                    server.restart()
        for server_name, reason in failed.items():
            problems.append(f"{name}: {server_name} failed: {reason}")
        ok = [s for s in servers if s.name in rows]
        calls = [lambda s=server, p=page: sparql(session, s, p, graphs) for server in ok]
        calls.append(lambda n=name: session.get(f"{servers[0].base}/queries/{n}",
                                                timeout=TIMEOUT[0])
                     .raise_for_status())
        results = dict(zip([s.name for s in ok] + ["page"], timed(calls, args.runs),
                           strict=True))
        reference = rows.get(servers[0].name)
        differ = [f"{s}: {n}" for s, n in rows.items() if n != reference]
        if differ:
            problems.append(f"{name}: row counts differ: " +
                            ", ".join(f"{s} {n}" for s, n in rows.items()))
        if not failed and not differ:
            answered.append(page)
        # the faster of the other servers that gave the same rows as c2c-kg serve
        fair = [results[s.name][0] for s in others
                if s.name in rows and rows[s.name] == reference]
        cells = [f"{results[s.name][0]:.1f} / {results[s.name][1]:.1f}" if s.name in results
                 else "error" for s in servers]
        ratio_cells = []
        for index, kept in ((0, ratios), (1, ratios_mem)):
            mine = results.get(servers[index].name)
            if mine and fair:
                ratio = mine[0] / min(fair)
                kept.append(ratio)
                ratio_cells.append(f"{ratio:.2f}")
                if ratio > 1:
                    slower.append((name, servers[index].name, ratio))
            else:
                ratio_cells.append("")
        under = ", ".join("yes" if servers[i].name in results and
                          results[servers[i].name][0] < 100 else "no" for i in (0, 1))
        mismatch = "; ".join(differ + [f"{s}: error" for s in failed]) or "no"
        page_median, page_p95 = results["page"]
        print(f"| {name} | {reference if reference is not None else ''} | " +
              " | ".join(cells) + f" | {page_median:.1f} / {page_p95:.1f} | " +
              " | ".join(ratio_cells) + f" | {under} | {mismatch} | " +
              ", ".join(f"{cold[s.name]:.1f}" if s.name in cold else "error" for s in servers) +
              " |", flush=True)
    print(f"\ngeometric mean of ratios: serve/faster {statistics.geometric_mean(ratios):.2f}, "
          f"in-memory/faster {statistics.geometric_mean(ratios_mem):.2f}")
    for name, server_name, ratio in slower:
        print(f"slower than the faster server: {name} ({server_name}, {ratio:.2f}×)")
    for problem in problems:
        print(f"problem: {problem}")
    print(f"\n8 concurrent clients for {args.seconds:g} s each, cycling through the "
          f"{len(answered)} first pages that every server answered alike\n")
    print("| server | requests/s | errors | peak memory (MB) |\n|---|---:|---:|---:|")
    for server in servers:
        rate, errors = load(server, answered, graphs, args.seconds)
        print(f"| {server.name} | {rate:.1f} | {errors} | {server.peak_memory_mb():.0f} |",
              flush=True)


if __name__ == "__main__":
    main()
