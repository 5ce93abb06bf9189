"""Cases of the W3C SHACL test suite (``sht:Validate`` entries) and a check of an engine on them.

Each case file names its data graph, shapes graph and expected report (or ``sht:Failure``); the
check compares a report graph with the expected one the way pyshacl's own conformance runner
does (:func:`pyshacl.validator_conformance.check_sht_result`), so the fast engine, pyshacl and
pyshacl-turbo are judged alike.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, Graph, URIRef

__all__ = ["Case", "cases", "check"]

MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
SHT = "http://www.w3.org/ns/shacl-test#"


@dataclass(frozen=True)
class Case:
    file: Path
    entry: URIRef
    data: URIRef
    shapes: URIRef

    @property
    def name(self) -> str:
        return f"{self.file.parent.name}/{self.file.stem}"

    def graphs(self) -> tuple[Graph, Graph, Graph]:
        """The data graph, the shapes graph and the case file itself (with the expectation)."""
        sht = _parse(self.file)
        data = sht if self.data == _iri(self.file) else _parse(_path(self.data))
        shapes = sht if self.shapes == _iri(self.file) else _parse(_path(self.shapes))
        if self.data == self.shapes and data is sht:
            data = shapes = _parse(self.file)
        return data, shapes, sht


def cases(root: Path) -> Iterator[Case]:
    """Every ``sht:Validate`` case in the ``*.ttl`` files under ``root``, in path order."""
    for file in sorted(root.rglob("*.ttl")):
        if file.name == "manifest.ttl":
            continue
        graph = _parse(file)
        for entry in graph.subjects(RDF.type, URIRef(SHT + "Validate")):
            action = graph.value(entry, URIRef(MF + "action"))
            yield Case(file, entry, graph.value(action, URIRef(SHT + "dataGraph")),
                       graph.value(action, URIRef(SHT + "shapesGraph")))


def check(case: Case, run: Callable[[Graph, Graph], Graph]) -> bool:
    """Whether ``run(data, shapes)`` (a report graph; an exception counts as a failure to
    validate) gives the report the case expects."""
    from pyshacl.errors import ValidationFailure
    from pyshacl.validator_conformance import check_sht_result

    data, shapes, sht = case.graphs()
    expected = sht.value(case.entry, URIRef(MF + "result"))
    try:
        report = run(data, shapes)
    except Exception as error:  # an engine refusing the input is what sht:Failure expects
        report = ValidationFailure(str(error))
    log = logging.getLogger("shacl-w3c")
    log.setLevel(logging.CRITICAL)
    try:
        return bool(check_sht_result(report, sht, expected, log=log))
    except Exception:
        return False


def _parse(path: Path) -> Graph:
    return Graph().parse(path, format="turtle", publicID=str(_iri(path)))


def _iri(path: Path) -> URIRef:
    return URIRef(path.resolve().as_uri())


def _path(iri: URIRef) -> Path:
    from urllib.parse import unquote, urlparse

    return Path(unquote(urlparse(str(iri)).path))
