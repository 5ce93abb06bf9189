"""Latency and load: ``c2c-kg serve`` (on disk and ``--in-memory``) against an Oxigraph server
holding the same quads, over HTTP, with the project's stored queries.

For every stored query (default parameters, bound the way c2c-kg binds them remotely) it times,
with one client, the first page (the query with ``LIMIT 50``) over the SPARQL protocol on every
server, and the stored-query HTML page of ``c2c-kg serve`` (``/queries/NAME``, 50 rows, labels
looked up): median and 95th percentile. Then 8 concurrent clients cycle through the first pages
for ``--seconds`` on each server: requests per second and errors. Memory: the peak resident set
(VmHWM) of each server process. Ratios are c2c-kg serve / Oxigraph, measured in the same run;
the servers take turns within every run, so that a busy moment hits them alike.

    nice -n 10 python benchmarks/serve_load.py --triples 1000000 --runs 7 --seconds 60
    nice -n 10 python benchmarks/serve_load.py --nq out/c2c-kg.nq --runs 5 --seconds 20

Without ``--nq`` the project is built (from data/evidence.tsv) and ``generate.py`` adds a
synthetic graph up to ``--triples``.
"""

from __future__ import annotations

import argparse
import re
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


class Server:
    def __init__(self, name: str, command: list[str], base: str, query_path: str):
        self.name, self.base, self.query_url = name, base, base + query_path
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
        wait_up(self.query_url + "?query=ASK%7B%7D", self.process)

    def peak_memory_mb(self) -> float:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(30)


def first_page(text: str) -> str:
    return text if re.search(r"\bLIMIT\s+\d+\s*$", text, re.IGNORECASE) else \
        f"{text}\nLIMIT {PAGE}"


def sparql(session: requests.Session, server: Server, text: str) -> int:
    answer = session.post(server.query_url, data={"query": text}, timeout=300,
                          headers={"Accept": "application/sparql-results+json"})
    answer.raise_for_status()
    return len(answer.json().get("results", {}).get("bindings", []))


def timed(calls: list, runs: int) -> list[tuple[float, float]]:
    """Median and p95 ms of each call; the calls take turns within every run (in a rotating
    order), so that a busy moment on a shared machine hits every server alike."""
    for call in calls:
        call()  # warm-up
    times: list[list[float]] = [[] for _ in calls]
    for run in range(runs):
        for k in range(len(calls)):
            index = (k + run) % len(calls)
            start = time.perf_counter()
            calls[index]()
            times[index].append((time.perf_counter() - start) * 1000)
    out = []
    for series in times:
        series.sort()
        out.append((statistics.median(series),
                    series[min(len(series) - 1, round(0.95 * (len(series) - 1)))]))
    return out


def load(server: Server, texts: list[str], seconds: float, clients: int = 8):
    done, errors = [0], [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(offset: int) -> None:
        session = requests.Session()
        i = offset
        while time.monotonic() < stop:
            try:
                sparql(session, server, texts[i % len(texts)])
                with lock:
                    done[0] += 1
            except (requests.RequestException, ValueError):
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
    args = parser.parse_args()

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
                "s.bulk_load(path=sys.argv[2], format=ox.RdfFormat.N_QUADS); s.flush()")
        run([sys.executable, "-c", code, str(work / "c2c"), str(data)])
        oxigraph = str(Path(sys.executable).parent / "oxigraph")
        run([oxigraph, "load", "--location", str(work / "oxi"), "--file", str(data)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        size = sum(1 for _ in data.open("rb"))
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
            servers.append(Server("oxigraph serve-read-only", [
                oxigraph, "serve-read-only", "--location", str(work / "oxi"), "--bind",
                f"127.0.0.1:{port}", "--union-default-graph"], f"http://127.0.0.1:{port}",
                "/query"))
            report(servers, texts, args, size)
        finally:
            for server in servers:
                server.stop()


def report(servers: list[Server], texts: dict[str, str], args, size: int) -> None:
    session = requests.Session()
    print(f"\n{size:,} quads; median / p95 ms over {args.runs} runs after a warm-up; "
          f"first page = LIMIT {PAGE}\n")
    names = [s.name for s in servers]
    print("| query | rows | " + " | ".join(names) + " | serve page /queries/NAME | "
          "serve/oxigraph | in-memory/oxigraph |")
    print("|---|---:|" + "---:|" * (len(names) + 3))
    ratios, ratios_mem = [], []
    for name, text in texts.items():
        page = first_page(text)
        rows = sparql(session, servers[-1], page)
        calls = [lambda s=server, p=page: sparql(session, s, p) for server in servers]
        calls.append(lambda n=name: session.get(f"{servers[0].base}/queries/{n}", timeout=300)
                     .raise_for_status())
        results = timed(calls, args.runs)
        medians = [median for median, _ in results[:-1]]
        cells = [f"{median:.1f} / {p95:.1f}" for median, p95 in results[:-1]]
        html_median, html_p95 = results[-1]
        ratio, ratio_mem = medians[0] / medians[-1], medians[1] / medians[-1]
        ratios.append(ratio)
        ratios_mem.append(ratio_mem)
        print(f"| {name} | {rows} | " + " | ".join(cells) +
              f" | {html_median:.1f} / {html_p95:.1f} | {ratio:.2f} | {ratio_mem:.2f} |",
              flush=True)
    print(f"\ngeometric mean of ratios: serve/oxigraph "
          f"{statistics.geometric_mean(ratios):.2f}, in-memory/oxigraph "
          f"{statistics.geometric_mean(ratios_mem):.2f}")
    pages = [first_page(t) for t in texts.values()]
    print(f"\n8 concurrent clients for {args.seconds:g} s, cycling through the first pages\n")
    print("| server | requests/s | errors | peak memory (MB) |\n|---|---:|---:|---:|")
    for server in servers:
        rate, errors = load(server, pages, args.seconds)
        print(f"| {server.name} | {rate:.1f} | {errors} | {server.peak_memory_mb():.0f} |",
              flush=True)


if __name__ == "__main__":
    main()
