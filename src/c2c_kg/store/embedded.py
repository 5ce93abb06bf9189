"""The embedded store: versions of a pyoxigraph store, each written whole by a bulk load.

A store folder holds ``versions/<id>/`` (each a pyoxigraph store in ``store/`` plus
``quads.nq.gz``, the sorted N-Quads it was loaded from) and ``live``, a symbolic link to the
version readers should use. A write builds a new version beside the live one and then replaces
the link in one ``rename``: a reader resolves the link once and sees the old version or the new
one, never half of either and never a file that a compaction removed.

Oxigraph normalises some literals as it stores them (``"5"^^xsd:nonNegativeInteger`` comes back as
``xsd:integer``), so exports and carried-over graphs come from ``quads.nq.gz``, which keeps every
term as written; queries run on the store.

A reader holds a shared lock on ``versions/<id>/readers.lock`` for as long as it uses the version;
a writer removes every version that is neither live nor locked. Writers take ``write.lock``, so
one writes at a time. Named graphs a write does not replace are carried over unchanged.
A folder written by older releases (a pyoxigraph store at the top) is still read, and the first
write turns it into this layout.
"""

from __future__ import annotations

import contextlib
import fcntl
import gzip
import os
import re
import shutil
import time
import uuid
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..errors import InputError, UsageError
from ..terms import GRAPH_BASE, QUOTES

__all__ = ["STAGING", "exact_graphs", "graph_sizes", "live_version", "open_store", "pinned_store",
           "quads_of", "replace_graphs", "require_store", "visible_graphs"]

STAGING = GRAPH_BASE + "staging/"
LIVE, VERSIONS, WRITE_LOCK = "live", "versions", "write.lock"
STORE, QUADS, READERS = "store", "quads.nq.gz", "readers.lock"
#: files of a pyoxigraph (RocksDB) store written at the top of the folder by older releases
LEGACY = re.compile(r"^(CURRENT|IDENTITY|LOCK|LOG(\.old\..*)?|MANIFEST-\d+|OPTIONS-\d+|"
                    r"\d+\.(sst|log|blob))$")


class PinnedStore:
    """A read-only pyoxigraph store of one version, held (locked) while this object lives.

    Everything but :attr:`quads_file` and :meth:`release` is the pyoxigraph store's own.
    """

    def __init__(self, store, lock: int | None, quads_file: Path | None):
        self._store, self._lock, self.quads_file = store, lock, quads_file

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._store, name)

    def __len__(self) -> int:
        return len(self._store)

    def release(self) -> None:
        """Let a writer remove this version (the store must not be used afterwards)."""
        self._store = None
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None

    def __del__(self) -> None:
        if "_lock" in self.__dict__:
            self.release()


def live_version(path: Path) -> Path | None:
    """The live version folder of the store at ``path``; ``None`` for the older layout."""
    link = path / LIVE
    if not link.is_symlink():
        return None
    return path / VERSIONS / Path(os.readlink(link)).name


def require_store(path: Path) -> None:
    """A :class:`UsageError` unless ``path`` holds a store (a folder that a build wrote)."""
    version = live_version(path)
    if version is not None and (version / STORE).is_dir():
        return
    if path.is_dir() and (path / "CURRENT").is_file():
        return
    raise UsageError(
        f"There is no c2c-kg store at {path}. Run 'c2c-kg build' first, or point --store "
        f"(or C2C_KG_STORE) at the folder a build wrote."
    )


def _pin(path: Path) -> tuple[Path, int | None, Path | None]:
    """(pyoxigraph folder, lock, quads file) of the live version, locked against removal.

    The caller closes the lock (``None`` for a store of the older layout) when done.
    """
    require_store(path)
    for _ in range(50):
        version = live_version(path)
        if version is None:
            return path, None, None
        try:
            lock = os.open(version / READERS, os.O_RDONLY)
        except FileNotFoundError:  # a writer removed it after we read the link: look again
            time.sleep(0.01)
            continue
        fcntl.flock(lock, fcntl.LOCK_SH)
        if (version / STORE / "CURRENT").is_file():
            return version / STORE, lock, version / QUADS
        os.close(lock)
    raise InputError(f"The store at {path} kept changing while it was being opened; try again.")


@contextlib.contextmanager
def pinned_store(path: Path) -> Iterator[Path]:
    """The pyoxigraph folder of the live version, kept in place while the block runs."""
    folder, lock, _ = _pin(path)
    try:
        yield folder
    finally:
        if lock is not None:
            os.close(lock)


def open_store(path: Path, *, create: bool = False, read_only: bool = True):
    """The live version of the store at ``path``, read-only, as a :class:`PinnedStore`.

    Readers never wait on each other or on a build. Writes go through :func:`replace_graphs`;
    ``read_only=False`` is left only for a store of the older layout (``create`` makes one).
    """
    import pyoxigraph as ox

    if not read_only:
        if live_version(path) is not None:
            raise UsageError(f"The store at {path} is written only by 'c2c-kg build'.")
        if not create:
            require_store(path)
        path.mkdir(parents=True, exist_ok=True)
        try:
            return ox.Store(str(path))
        except OSError as exc:
            raise InputError(f"The store at {path} cannot be opened: {exc}.") from exc
    folder, lock, quads = _pin(path)
    try:
        store = ox.Store.read_only(str(folder))
    except OSError as exc:
        if lock is not None:
            os.close(lock)
        raise InputError(f"The store at {path} cannot be read: {exc}.") from exc
    return PinnedStore(store, lock, quads)


def _write_lock(path: Path) -> int:
    path.mkdir(parents=True, exist_ok=True)
    lock = os.open(path / WRITE_LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(lock)
        raise InputError(
            f"The store at {path} cannot be opened for writing: another c2c-kg build is "
            f"writing it. Wait for it to finish and try again."
        ) from None
    return lock


def quads_of(store) -> bytes:
    """Every quad of a (pinned) store as N-Quads, each term as it was written."""
    import pyoxigraph as ox

    quads_file = getattr(store, "quads_file", None)
    if quads_file is not None:
        with gzip.open(quads_file, "rb") as handle:
            return handle.read()
    return store.dump(format=ox.RdfFormat.N_QUADS)


def exact_graphs(store, *, include_quotes: bool = False) -> dict[str, bytes]:
    """Each named graph of a (pinned) store as N-Triples bytes with every term as written (not
    as Oxigraph normalised it), without staging graphs and, unless asked, the quotes graph:
    what a publish should send."""
    graphs: dict[str, list[bytes]] = {}
    for line in quads_of(store).splitlines():
        body, _, graph = line.rstrip().removesuffix(b".").rstrip().rpartition(b" ")
        if not graph.startswith(b"<"):
            continue
        iri = graph[1:-1].decode("utf-8")
        if iri.startswith(STAGING) or (iri == QUOTES and not include_quotes):
            continue
        graphs.setdefault(iri, []).append(body + b" .\n")
    return {iri: b"".join(sorted(lines)) for iri, lines in sorted(graphs.items())}


def _carried(path: Path, managed: set[str]) -> list[bytes]:
    """N-Quads lines of the live version's graphs that this write does not replace."""
    import pyoxigraph as ox

    if live_version(path) is None and not (path / "CURRENT").is_file():
        return []
    store = open_store(path)
    try:
        dump = quads_of(store)
    finally:
        store.release()
    replaced = tuple(f" <{iri}> .".encode() for iri in managed)
    others = b"\n".join(line for line in dump.splitlines() if not line.endswith(replaced))
    kept = [q for q in ox.parse(others, format=ox.RdfFormat.N_QUADS)
            if not (isinstance(q.graph_name, ox.NamedNode)
                    and (q.graph_name.value in managed
                         or q.graph_name.value.startswith(STAGING)))]
    return ox.serialize(kept, format=ox.RdfFormat.N_QUADS).splitlines(keepends=True)


def _as_quads(iri: str, ntriples: bytes) -> bytes:
    """N-Triples as N-Quads in graph ``iri``. N-Triples has no raw line break inside a term, so
    in the usual one-triple-per-line form every `` .`` before one ends a triple."""
    if ntriples and not ntriples.endswith(b"\n"):
        ntriples += b"\n"
    if ntriples.count(b"\n") != ntriples.count(b" .\n"):  # blank lines, comments, spacing
        ntriples = b"".join(line.rstrip().removesuffix(b".").rstrip() + b" .\n"
                            for line in ntriples.splitlines()
                            if line.strip() and not line.lstrip().startswith(b"#"))
    return ntriples.replace(b" .\n", f" <{iri}> .\n".encode())


def _write_quads(file: Path, data: bytes) -> None:
    with open(file, "wb") as raw, \
            gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=1, mtime=0) as handle:
        handle.write(data)
        handle.flush()
        os.fsync(raw.fileno())


def replace_graphs(path: Path, graphs: Mapping[str, bytes], *,
                   drop: Iterable[str] = ()) -> Path:
    """Write a new version in which each graph ``iri -> N-Triples bytes`` replaces the live
    one's, ``drop`` is gone and every other graph is carried over; make it live; return it."""
    import pyoxigraph as ox

    lock = _write_lock(path)
    try:
        managed = set(graphs) | set(drop)
        data = b"".join([*_carried(path, managed),
                         *(_as_quads(iri, ntriples) for iri, ntriples in graphs.items())])
        versions = path / VERSIONS
        version = versions / f"{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"
        version.mkdir(parents=True)
        (version / READERS).touch()
        try:
            # the N-Quads are compressed (zlib lets go of the GIL) while the store is loaded
            with ThreadPoolExecutor(1) as pool:
                saved = pool.submit(_write_quads, version / QUADS, data)
                store = ox.Store(str(version / STORE))
                store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
                store.flush()
                del store
                saved.result()
        except BaseException:
            shutil.rmtree(version, ignore_errors=True)
            raise
        _swap(path, version)
        _remove_unused(path, version)
        return version
    finally:
        os.close(lock)


def _fsync_folder(folder: Path) -> None:
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _swap(path: Path, version: Path) -> None:
    """Point ``live`` at ``version`` in one rename, and make that durable."""
    had_live = live_version(path) is not None
    for folder in (version / STORE, version, version.parent):
        _fsync_folder(folder)
    for leftover in path.glob(f".{LIVE}.*"):  # links of writes that died before their rename
        leftover.unlink(missing_ok=True)
    temporary = path / f".{LIVE}.{version.name}"
    os.symlink(f"{VERSIONS}/{version.name}", temporary)
    os.replace(temporary, path / LIVE)
    _fsync_folder(path)
    if had_live:  # the older layout's files have had one build's grace: readers moved on
        for entry in path.iterdir():
            if entry.is_file() and not entry.is_symlink() and LEGACY.match(entry.name):
                entry.unlink(missing_ok=True)


def _remove_unused(path: Path, live: Path) -> None:
    """Remove every version that is not live and that no reader holds."""
    for version in (path / VERSIONS).iterdir():
        if version == live or not version.is_dir():
            continue
        try:
            lock = os.open(version / READERS, os.O_RDONLY)
        except FileNotFoundError:  # a write that died before it made its lock file
            shutil.rmtree(version, ignore_errors=True)
            continue
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            continue  # a reader still uses it; a later write removes it
        else:
            shutil.rmtree(version, ignore_errors=True)
        finally:
            os.close(lock)


def visible_graphs(store) -> list:
    """The named graphs a reader should see: all but the staging graphs that builds of older
    releases left behind when they were killed before their swap."""
    import pyoxigraph as ox

    return sorted((g for g in store.named_graphs()
                   if isinstance(g, ox.NamedNode) and not g.value.startswith(STAGING)),
                  key=lambda g: g.value)


def graph_sizes(store) -> dict[str, int]:
    """Triples per named graph (and the default graph, if it holds any)."""
    query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    sizes = {row["g"].value: int(row["n"].value) for row in store.query(query)}
    default = int(next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"].value)
    if default:
        sizes["(default graph)"] = default
    return dict(sorted(sizes.items()))
