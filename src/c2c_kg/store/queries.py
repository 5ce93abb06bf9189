"""Stored queries: ``queries/*.rq`` files with a header of title, description and parameters.

The header is a block of comment lines at the top of the file::

    # title: Partnerships of a municipality
    # description: Every partnership a municipality takes part in, with its partners and
    #   start year. Continuation lines are indented.
    # param: municipality (iri) = id:municipality/nl/almelo -- the municipality to look up
    # param: since (gYear) = 1900 -- earliest start year

Parameter types: iri, string, integer, decimal, boolean, gYear, date. A value is turned into an
RDF term of that type and bound to the variable of the same name; it is never pasted into the
query text, so no value can change what the query does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, UsageError
from ..terms import expand
from .sparqltext import check_query

__all__ = ["Parameter", "StoredQuery", "find_query", "list_queries", "parse_params",
           "parse_query", "to_term", "used_params"]

HEADER = re.compile(r"^#\s?(?P<key>title|description|param):\s*(?P<value>.*)$")
CONTINUATION = re.compile(r"^#\s{2,}(?P<value>\S.*)$")
PARAM = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*\((?P<type>\w+)\)\s*"
    r"(?:=\s*(?P<default>.*?))?\s*(?:--\s*(?P<help>.*))?$"
)
TYPES = ("iri", "string", "integer", "decimal", "boolean", "gYear", "date")
XSD = "http://www.w3.org/2001/XMLSchema#"
LEXICAL = {
    "integer": re.compile(r"^[+-]?\d+$"),
    "decimal": re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$"),
    "boolean": re.compile(r"^(true|false)$"),
    "gYear": re.compile(r"^-?\d{4,}$"),
    "date": re.compile(r"^-?\d{4,}-\d{2}-\d{2}$"),
}
#: Oxigraph's xsd:integer is 64 bits: a larger value is ill-typed there and equals nothing.
INT64 = (-(2**63), 2**63 - 1)
IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*$")


@dataclass(frozen=True)
class Parameter:
    """A typed, named query parameter."""

    name: str
    type: str
    default: str | None = None
    help: str = ""


@dataclass(frozen=True)
class StoredQuery:
    """One ``queries/NAME.rq`` file."""

    name: str
    path: Path | None
    title: str
    description: str
    text: str
    form: str
    parameters: tuple[Parameter, ...] = field(default=())


def _read(path: Path) -> StoredQuery:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the stored query ({exc}).") from exc
    return parse_query(text, name=path.stem, path=path)


def parse_query(text: str, *, name: str, path: Path | None = None,
                require_title: bool = True) -> StoredQuery:
    """A query and its header; ``path`` only names the file in error messages."""
    where = str(path) if path else "the query"
    fields: dict[str, str] = {}
    params: list[Parameter] = []
    last: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#"):
            break
        if (head := HEADER.match(line)) is not None:
            key, value = head["key"], head["value"].strip()
            if key == "param":
                match = PARAM.match(value)
                if match is None or match["type"] not in TYPES:
                    raise InputError(
                        f"{where}:{number}: a parameter is written 'name (type) = default -- "
                        f"help', with type one of {', '.join(TYPES)}."
                    )
                params.append(
                    Parameter(match["name"], match["type"], match["default"] or None,
                              (match["help"] or "").strip())
                )
            else:
                fields[key] = value
            last = key
        elif (more := CONTINUATION.match(line)) is not None and last in fields:
            fields[last] += " " + more["value"].strip()
    if require_title and "title" not in fields:
        raise InputError(f"{where}: a stored query starts with a '# title: …' line.")
    for param in params:
        if not re.search(rf"[?$]{param.name}\b", text):
            raise InputError(
                f"{where}: parameter {param.name} is declared but no ?{param.name} is used."
            )
        if param.default is not None:
            to_term(param, param.default, where=f"{where}: default of {param.name}")
    try:
        form = check_query(text)
    except UsageError as exc:
        raise InputError(f"{where}: {exc}") from exc
    return StoredQuery(name, path, fields.get("title", name), fields.get("description", ""),
                       text, form, tuple(params))


def list_queries(folder: Path) -> list[StoredQuery]:
    """Every stored query in ``folder``, sorted by name."""
    return [_read(path) for path in sorted(folder.glob("*.rq"))]


def find_query(folder: Path, name: str) -> StoredQuery:
    """The stored query ``name`` (file name without ``.rq``), or a :class:`UsageError`."""
    path = folder / f"{name}.rq"
    if not re.fullmatch(r"[A-Za-z0-9_-]+", name) or not path.is_file():
        names = ", ".join(q.name for q in list_queries(folder)) or "none"
        raise UsageError(f"There is no stored query named {name!r}. Stored queries: {names}.")
    return _read(path)


def to_term(param: Parameter, value: str, *, where: str = ""):
    """``value`` as a pyoxigraph term of the parameter's type; :class:`UsageError` if it isn't."""
    import pyoxigraph as ox

    where = where or f"parameter {param.name}"
    if param.type == "iri":
        iri = expand(value.strip().removeprefix("<").removesuffix(">"))
        if not IRI.match(iri):
            raise UsageError(f"{where}: {value!r} is not an IRI (e.g. id:country/nl or https://…).")
        return ox.NamedNode(iri)
    if param.type == "string":
        return ox.Literal(value)
    if not LEXICAL[param.type].match(value.strip()):
        raise UsageError(f"{where}: {value!r} is not a valid {param.type}.")
    if param.type == "integer" and not INT64[0] <= int(value) <= INT64[1]:
        raise UsageError(f"{where}: {value.strip()} is outside the integers the store compares "
                         f"({INT64[0]} to {INT64[1]}); it would match nothing.")
    return ox.Literal(value.strip(), datatype=ox.NamedNode(XSD + param.type))


def parse_params(query: StoredQuery, pairs: list[str]) -> dict[str, object]:
    """Bindings from defaults and ``name=value`` pairs; unknown names are a :class:`UsageError`."""
    declared = {p.name: p for p in query.parameters}
    given: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep:
            raise UsageError(f"--param {pair!r}: write it as name=value.")
        if name not in declared:
            known = ", ".join(declared) or "none"
            raise UsageError(
                f"Query {query.name} has no parameter {name!r}; its parameters are: {known}."
            )
        given[name] = value
    bindings: dict[str, object] = {}
    for name, param in declared.items():
        value = given.get(name, param.default)
        if value is None:
            raise UsageError(f"Query {query.name} needs --param {name}=VALUE ({param.type}).")
        bindings[name] = to_term(param, value)
    return bindings


def used_params(query: StoredQuery, pairs: list[str]) -> str:
    """One line for people: the parameter values a run of ``query`` uses, defaults marked."""
    given = {name: value for name, _, value in (p.partition("=") for p in pairs)}
    values = " ".join(f"{p.name}={given.get(p.name, p.default)}" for p in query.parameters)
    defaults = [p.name for p in query.parameters if p.name not in given]
    if len(defaults) == len(query.parameters):
        note = "defaults; change them with -p NAME=VALUE"
    elif defaults:
        note = f"defaults for {', '.join(defaults)}"
    else:
        note = "as given"
    return f"{query.name}: {values} ({note})"
