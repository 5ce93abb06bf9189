"""Reading SPARQL text without evaluating it: its form, forbidden keywords, where WHERE opens.

A small scanner that skips comments, strings and IRIs, so that a keyword inside a literal or an
IRI is never taken for syntax. Its tokens follow the SPARQL 1.1 grammar's terminals as Oxigraph
reads them: a comment ends at a carriage return or a line feed (and at nothing else), a short
string holds neither, an IRI holds no control character or space.

``SERVICE`` is refused on two readings: this scanner, and, whenever the text contains the word
at all (a variable ``?service``, a string), the parse tree of rdflib's SPARQL parser. A query
that mentions the word and that rdflib cannot parse is refused too: nothing runs that was not
shown free of SERVICE. (Oxigraph reads no ``\\u`` escapes in keywords, so a text without the
letters "service" cannot call one.)
"""

from __future__ import annotations

import re

from ..errors import UsageError
from ..terms import PREFIXES

__all__ = ["check_query", "paged", "query_form", "values_injected"]

_ECHAR = r"""\\[tbnrf"'\\]"""
_LONG1 = rf"""'''(?:(?:'|'')?(?:[^'\\]|{_ECHAR}))*'''"""
_LONG2 = rf'''"""(?:(?:"|"")?(?:[^"\\]|{_ECHAR}))*"""'''
_SHORT1 = rf"""'(?:[^'\\\r\n]|{_ECHAR})*'"""
_SHORT2 = rf'''"(?:[^"\\\r\n]|{_ECHAR})*"'''
TOKEN = re.compile(
    rf"""(?P<comment>\#[^\r\n]*)
      | (?P<string>{_LONG1}|{_LONG2}|{_SHORT1}|{_SHORT2})
      | (?P<iri><[^<>"{{}}|^`\\\x00-\x20]*>)
      | (?P<var>[?$][A-Za-z0-9_]+)
      | (?P<pname>(?:[A-Za-z][A-Za-z0-9_.-]*)?:[A-Za-z0-9_%.-]*)
      | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
      | (?P<brace>[{{}}])
      | (?P<other>.)""",
    re.VERBOSE | re.DOTALL,
)
FORMS = ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")
UPDATES = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}


def _tokens(text: str):
    for match in TOKEN.finditer(text):
        kind = match.lastgroup
        if kind == "comment" or (kind == "other" and match.group().isspace()):
            continue
        yield kind, match.group(), match.start(), match.end()


def query_form(text: str) -> str:
    """SELECT, CONSTRUCT, ASK or DESCRIBE, by the first keyword after the prologue."""
    for kind, value, _, _ in _tokens(text):
        if kind == "word" and value.upper() in FORMS:
            return value.upper()
        if kind == "word" and value.upper() in UPDATES:
            raise UsageError(
                f"This is a SPARQL Update ({value.upper()}), not a query; c2c-kg runs queries "
                f"only. Change data with 'c2c-kg build' or a contribution."
            )
    raise UsageError("The text is not a SPARQL query: no SELECT, CONSTRUCT, ASK or DESCRIBE.")


SERVICE_REFUSED = ("The query uses SERVICE, which would make the engine call another endpoint; "
                   "c2c-kg does not run federated queries. Query each endpoint with --endpoint.")


def check_query(text: str) -> str:
    """Refuse what c2c-kg never runs (SERVICE, updates); return the query form."""
    for kind, value, _, _ in _tokens(text):
        if kind == "word" and value.upper() == "SERVICE":
            raise UsageError(SERVICE_REFUSED)
    form = query_form(text)
    if "service" in text.lower():
        _refuse_parsed_service(text)
    return form


def _refuse_parsed_service(text: str) -> None:
    """Parse ``text`` with rdflib's SPARQL parser; refuse a SERVICE in it, or a text it cannot
    parse (the word is there, and no reading has shown it harmless)."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parsed = parseQuery(text)
    except ParseException as exc:
        raise UsageError(
            f"The query contains the word 'service', and c2c-kg could not show that it makes no "
            f"SERVICE call: a second SPARQL parser stops at line {exc.lineno}, column "
            f"{exc.column}. Check the syntax there (a comment ends at a line break), or rename "
            f"what is called 'service'."
        ) from exc
    if _has_service(parsed):
        raise UsageError(SERVICE_REFUSED)


def _has_service(tree) -> bool:
    """Whether rdflib's parse tree holds a ServiceGraphPattern anywhere."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [tree]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            if item.name == "ServiceGraphPattern":
                return True
            stack.extend(item.values())
        elif isinstance(item, ParseResults | list | tuple):
            stack.extend(item)
    return False


def values_injected(text: str, clause: str) -> str:
    """``text`` with ``clause`` (a VALUES block) placed first inside its outermost WHERE group.

    Used to bind parameters on a remote endpoint, which has no other way to receive bindings.
    """
    form = query_form(text)
    depth = 0
    seen_where = False
    braces_before_where = 0
    for kind, value, _, end in _tokens(text):
        if kind == "word" and value.upper() == "WHERE" and depth == 0:
            seen_where = True
        elif kind == "brace" and value == "{":
            if depth == 0 and (seen_where or (form != "CONSTRUCT" and braces_before_where == 0)):
                return f"{text[:end]} {clause} {text[end:]}"
            if depth == 0:
                braces_before_where += 1
            depth += 1
        elif kind == "brace":
            depth -= 1
    raise UsageError("The query has no WHERE group to bind parameters in.")


def paged(text: str, limit: int | None, offset: int = 0) -> str:
    """The SELECT query ``text`` as a sub-select cut to ``limit`` rows after ``offset`` rows, so
    that the engine does the paging: ``SELECT <its variables> { <text> } LIMIT n OFFSET m``.

    The prologue (PREFIX, BASE) and any ``FROM``/``FROM NAMED`` clauses move to the outer query,
    where the grammar wants them; the query keeps its own ORDER BY, LIMIT, OFFSET and trailing
    VALUES inside. The outer query projects the inner query's variables by name and in order
    (Oxigraph orders the variables of ``SELECT *`` by name) and has no ORDER BY of its own, so
    the rows come in the inner query's order: Oxigraph slices the ordered sequence, and page 2
    follows page 1 exactly. (SPARQL leaves a sub-select's order to the engine; the tests check
    Oxigraph's.) Anything but SELECT is a :class:`UsageError`.

    >>> print(paged("PREFIX e: <http://e/> SELECT ?s (COUNT(*) AS ?n) FROM <http://g> "
    ...             "WHERE { ?s e:p ?o } GROUP BY ?s ORDER BY DESC(?n)", 50, 100))
    PREFIX e: <http://e/> SELECT ?s ?n FROM <http://g> WHERE {
    SELECT ?s (COUNT(*) AS ?n)  WHERE { ?s e:p ?o } GROUP BY ?s ORDER BY DESC(?n)
    }
    LIMIT 50 OFFSET 100
    """
    if (limit is not None and limit < 0) or offset < 0:
        raise UsageError("A page needs a limit and an offset of 0 or more.")
    form = query_form(text)
    if form != "SELECT":
        raise UsageError(f"Only SELECT queries can be paged (--limit, --offset); this is a "
                         f"{form} query: put a LIMIT in the query itself.")
    start = None
    variables: list[str] = []
    star = False
    datasets: list[tuple[int, int]] = []  # spans of FROM [NAMED] <iri> clauses
    parens = 0
    after = ""  # the token before, for AS ?var and FROM [NAMED] <iri>
    for kind, value, begin, end in _tokens(text):
        word = value.upper() if kind == "word" else ""
        if start is None:
            if word == "SELECT":
                start = begin
            continue
        if (kind == "brace" and value == "{") or word == "WHERE":
            break
        if kind == "other" and value in "()":
            parens += 1 if value == "(" else -1
        elif kind == "var" and (parens == 0 or after == "AS"):
            variables.append(value)
        elif kind == "other" and value == "*" and parens == 0:
            star = True
        elif word == "FROM":
            datasets.append((begin, end))
        elif (word == "NAMED" and after == "FROM") or (
                kind in ("iri", "pname") and after in ("FROM", "NAMED")):
            datasets[-1] = (datasets[-1][0], end)
        after = word or value
    assert start is not None  # query_form found SELECT
    body, kept = [], start
    for begin, end in datasets:
        body.append(text[kept:begin])
        kept = end
    body.append(text[kept:])
    moved = "".join(f"{text[b:e]} " for b, e in datasets)
    projection = "*" if star or not variables else " ".join(variables)
    cut = f"LIMIT {limit} OFFSET {offset}" if limit is not None else f"OFFSET {offset}"
    return f"{text[:start]}SELECT {projection} {moved}WHERE {{\n{''.join(body)}\n}}\n{cut}"


_AT = re.compile(r"error at (\d+):(\d+)(?:-\d+:\d+)?: (?:expected )?(?:one of )?(.*)", re.DOTALL)


def syntax_message(error: str, text: str) -> str:
    """One paragraph for a SPARQL syntax error (Oxigraph's ``error at L:C: expected …``): where,
    and the text just before it (its list of expected grammar tokens rarely helps a person)."""
    match = _AT.match(" ".join(error.split()))
    if match is None:
        return f"The query is not valid SPARQL: {' '.join(error.split())}"
    line, column, expected = int(match[1]), int(match[2]), match[3]
    lines = text.splitlines() or [""]
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    before = source[:max(column - 1, 0)].strip()
    near = (f" after {'…' if len(before) > 30 else ''}{before[-30:]!r}" if before else
            " at the start of the line")
    if "Prefix not found" in expected:
        known = ", ".join(f"{p}:" for p in PREFIXES)
        hint = (f" A name there uses a prefix that is not declared: add a PREFIX line for it "
                f"(declared already: {known}).")
    else:
        hint = " Check the syntax there."
    return (f"The query is not valid SPARQL: line {line}, column {column},{near}.{hint}")
