"""Reading SPARQL text without evaluating it: its form, forbidden keywords, where WHERE opens.

A small scanner that skips comments, strings and IRIs, so that a keyword inside a literal or an
IRI is never taken for syntax.
"""

from __future__ import annotations

import re

from ..errors import UsageError

__all__ = ["check_query", "query_form", "values_injected"]

TOKEN = re.compile(
    r"""(?P<comment>\#[^\n]*)
      | (?P<string>'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
      | (?P<iri><[^<>"{}|^`\\\s]*>)
      | (?P<var>[?$][A-Za-z0-9_]+)
      | (?P<pname>(?:[A-Za-z][A-Za-z0-9_.-]*)?:[A-Za-z0-9_%.-]*)
      | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
      | (?P<brace>[{}])
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


def check_query(text: str) -> str:
    """Refuse what c2c-kg never runs (SERVICE, updates); return the query form."""
    for kind, value, _, _ in _tokens(text):
        if kind == "word" and value.upper() == "SERVICE":
            raise UsageError(
                "The query uses SERVICE, which would make the engine call another endpoint; "
                "c2c-kg does not run federated queries. Query each endpoint with --endpoint."
            )
    return query_form(text)


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
