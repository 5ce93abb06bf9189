"""``c2c-kg world import``: read the lists, reconcile, and bulk-load the world graphs."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UsageError
from ..project import Project
from .chapter import CHAPTER, chapter_rows
from .rdf import WORLD, quads
from .reconcile import World, reconcile
from .sources import Row, Source, load_sources, read_names, read_rows
from .stats import coverage

__all__ = ["ImportResult", "find_lists", "import_world", "reconcile_sources"]


def find_lists(root: Path, given: Path | None = None) -> Path:
    """The folder of the lists: ``given`` (or its ``1_twinning/``), else ``$C2C_KG_SHARED``, else
    the first ``shared/data/1_twinning`` beside the project or one of its parents."""
    import os

    if given is None and os.environ.get("C2C_KG_SHARED"):
        given = Path(os.environ["C2C_KG_SHARED"])
    if given is not None:
        return given / "1_twinning" if (given / "1_twinning").is_dir() else given
    for parent in root.resolve().parents:
        if (parent / "shared" / "data" / "1_twinning").is_dir():
            return parent / "shared" / "data" / "1_twinning"
    raise UsageError(f"No shared/data/1_twinning folder beside {root} or its parents: give the "
                     f"lists' folder with --shared (or $C2C_KG_SHARED).")


@dataclass
class ImportResult:
    world: World
    figures: dict[str, dict[str, int]]
    quads: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


def reconcile_sources(shared: Path, project: Project | None, *, fraction: float = 1.0,
                      say: Callable[[str], None] = lambda _: None
                      ) -> tuple[World, dict[str, Source], dict[int, str]]:
    """Read every source (a ``fraction`` of each file's rows) and the chapter, and reconcile."""
    if not 0 < fraction <= 1:
        raise UsageError(f"--sample {fraction}: give a fraction above 0 and at most 1.")
    sources = {s.id: s for s in load_sources()}
    rows: list[Row] = []
    names: dict[str, str] = {}
    for source in sources.values():
        before = len(rows)
        rows.extend(read_rows(source, shared, fraction=fraction))
        names.update(read_names(source, shared))
        say(f"{source.id}: {len(rows) - before:,} rows from {source.file}")
    chapter: dict[int, str] = {}
    if project is not None:
        ours, chapter = chapter_rows(project)
        rows.extend(ours)
        say(f"{CHAPTER}: {len(ours)} curated partnerships")
    world = reconcile(rows, names)
    say(f"reconciled: {len(world.places):,} places, {len(world.partnerships):,} partnerships, "
        f"{len(world.ambiguities):,} ambiguous names")
    return world, sources, chapter


def import_world(shared: Path, store_path: Path, project: Project | None, *,
                 fraction: float = 1.0, say: Callable[[str], None] = lambda _: None
                 ) -> ImportResult:
    """Reconcile, then replace every world graph of the store with the new ones.

    All input is read and checked before the store is touched; the new world graphs go into a new
    store version (bulk-loaded) that replaces the live one in one step, so a reader or a crash
    sees the old world graphs or the new ones, never a part.
    """
    from ..store.embedded import live_version, open_store, replace_graphs

    started = time.perf_counter()
    world, sources, chapter = reconcile_sources(shared, project, fraction=fraction, say=say)
    figures = coverage(world)
    reconciled = time.perf_counter()
    graphs: dict[str, list[str]] = {}
    for line in quads(world, sources, figures, chapter):
        body, _, graph = line.rstrip().removesuffix(".").rstrip().rpartition(" ")
        graphs.setdefault(graph[1:-1], []).append(body + " .\n")
    count = sum(len(lines) for lines in graphs.values())
    written = time.perf_counter()
    old: list[str] = []
    if live_version(store_path) is not None or (store_path / "CURRENT").is_file():
        pinned = open_store(store_path)
        old = [g.value for g in pinned.named_graphs()
               if hasattr(g, "value") and g.value.startswith(WORLD) and g.value not in graphs]
        pinned.release()
    dropped = time.perf_counter()
    # one new store version: the old world graphs replaced or dropped, everything else carried
    replace_graphs(store_path, {iri: "".join(lines).encode("utf-8")
                                for iri, lines in graphs.items()}, drop=old)
    loaded = time.perf_counter()
    say(f"loaded {count:,} quads into {store_path}")
    return ImportResult(world, figures, count, {
        "reconcile": reconciled - started, "serialise": written - reconciled,
        "drop": dropped - written, "load": loaded - dropped, "total": loaded - started})
