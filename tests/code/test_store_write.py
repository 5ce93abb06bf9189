"""The store's write path: each write is a new version, bulk-loaded and swapped in by a rename.

Readers in another process, querying in a loop while writes run, see the old or the new
graph, never an error and never a mix; a reader that holds a version keeps it; versions nobody
holds are removed; graphs a write does not replace are carried over with their terms intact.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from helpers import mini_project

from c2c_kg.errors import UsageError
from c2c_kg.store.embedded import (
    open_store,
    pinned_store,
    quads_of,
    replace_graphs,
    require_store,
)
from c2c_kg.store.load import build

GRAPH = "https://w3id.org/c2c-kg/graph/data"

READER = """
import sys, time
from pathlib import Path
from c2c_kg.store.embedded import open_store, quads_of
store_path, stop = Path(sys.argv[1]), Path(sys.argv[2])
query = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <%s> { ?s ?p ?o } }"
seen, reads = set(), 0
while not stop.exists() or reads < 20:
    store = open_store(store_path)
    n = int(next(iter(store.query(query % sys.argv[3])))["n"].value)
    lines = sum(1 for line in quads_of(store).splitlines() if sys.argv[3].encode() in line)
    assert n == lines, (n, lines)
    seen.add(n)
    store.release()
    reads += 1
print(reads, *sorted(seen))
"""


def _triples(count: int, tag: str) -> bytes:
    return "".join(f'<https://example.org/{tag}/{i}> <https://example.org/p> "{i}" .\n'
                   for i in range(count)).encode()


def test_readers_see_old_or_new_during_many_writes(tmp_path):
    store = tmp_path / "store"
    sizes = (300, 1200)
    replace_graphs(store, {GRAPH: _triples(sizes[0], "a")})
    stop = tmp_path / "stop"
    readers = [subprocess.Popen([sys.executable, "-c", READER, str(store), str(stop), GRAPH],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for _ in range(2)]
    try:
        for round_ in range(24):
            size = sizes[(round_ + 1) % 2]
            replace_graphs(store, {GRAPH: _triples(size, f"r{round_}")})
    finally:
        stop.touch()
    seen_by_all: set[int] = set()
    for reader in readers:
        out, err = reader.communicate(timeout=120)
        assert reader.returncode == 0, err
        reads, *seen = (int(x) for x in out.split())
        assert reads >= 20
        assert set(seen) <= set(sizes), seen
        seen_by_all |= set(seen)
    assert seen_by_all == set(sizes)  # the reads did overlap the writes
    # nobody holds the old versions any more: the next write leaves only itself
    replace_graphs(store, {GRAPH: _triples(1, "end")})
    assert len(list((store / "versions").iterdir())) == 1


def test_builds_in_a_loop_while_a_process_reads(tmp_path):
    project = mini_project(tmp_path)
    store = tmp_path / "store"
    records = project.data / "records" / "partnerships.yaml"
    texts = [records.read_text(encoding="utf-8")]
    texts.append(texts[0].replace("  theme: [waste-management]\n", "", 1))
    written = {build(project, store, out_dir=tmp_path / "out", reason=False).sizes[GRAPH]}
    stop = tmp_path / "stop"
    reader = subprocess.Popen([sys.executable, "-c", READER, str(store), str(stop), GRAPH],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for round_ in range(8):
            records.write_text(texts[(round_ + 1) % 2], encoding="utf-8")
            written.add(build(project, store, out_dir=tmp_path / "out", reason=False)
                        .sizes[GRAPH])
    finally:
        stop.touch()
    out, err = reader.communicate(timeout=120)
    assert reader.returncode == 0, err
    _reads, *seen = (int(x) for x in out.split())
    assert len(written) == 2
    assert set(seen) <= written


def test_a_held_version_survives_later_writes(tmp_path):
    store = tmp_path / "store"
    replace_graphs(store, {GRAPH: _triples(50, "old")})
    held = open_store(store)
    for round_ in range(3):
        replace_graphs(store, {GRAPH: _triples(10, f"new{round_}")})
    assert len(held) == 50  # the held version is intact
    assert len(list((store / "versions").iterdir())) == 2  # held + live
    with pinned_store(store) as folder:
        assert folder.parent.name != Path(held.quads_file).parent.name
    held.release()
    replace_graphs(store, {GRAPH: _triples(5, "last")})
    assert len(list((store / "versions").iterdir())) == 1


def test_other_graphs_are_carried_over_with_their_terms(tmp_path):
    store = tmp_path / "store"
    other = "https://w3id.org/c2c-kg/graph/contribution/7"
    kept = (b'<https://example.org/s> <https://example.org/n> '
            b'"5"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger> .\n'
            b'<https://example.org/s> <https://example.org/b> _:b0 .\n')
    replace_graphs(store, {other: kept, GRAPH: _triples(3, "a")})
    replace_graphs(store, {GRAPH: _triples(2, "b")}, drop=["https://example.org/none"])
    opened = open_store(store)
    text = quads_of(opened).decode()
    opened.release()
    assert "XMLSchema#nonNegativeInteger> <" + other in text  # not normalised to xsd:integer
    assert "_:b0" in text
    assert "/a/" not in text and text.count("/b/") == 2
    replace_graphs(store, {}, drop=[other])
    opened = open_store(store)
    assert other not in quads_of(opened).decode()
    opened.release()


def test_a_write_that_died_is_never_seen_and_is_cleaned_up(tmp_path):
    store = tmp_path / "store"
    replace_graphs(store, {GRAPH: _triples(4, "a")})
    dead = store / "versions" / "19990101T000000-deadbeef"
    (dead / "store").mkdir(parents=True)  # killed before its lock file and its swap
    opened = open_store(store)
    assert len(opened) == 4
    opened.release()
    replace_graphs(store, {GRAPH: _triples(6, "b")})
    assert not dead.exists()


def test_a_folder_without_a_store_is_a_usage_error(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("x")
    for folder in (tmp_path / "missing", tmp_path / "empty"):
        with pytest.raises(UsageError, match="no c2c-kg store"):
            require_store(folder)
