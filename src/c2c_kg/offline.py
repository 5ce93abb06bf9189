"""No network while parsing: a guard that makes any socket or URL request fail at once.

Nothing c2c-kg parses (records, the JSON-LD context, the ontology) may reach the network. The
parsers get no remote reference to follow in the first place (records and the context are
checked for them); this guard is the second wall. Inside ``with offline("reading …"):`` every
network attempt in the same thread (``urllib.Request``, ``socket.connect``, name look-ups) raises
:class:`NetworkRefused` before any packet leaves, whichever library makes it. It works through
a Python audit hook (:func:`sys.addaudithook`), installed once, that does nothing outside such a
block.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from .errors import InputError

__all__ = ["NetworkRefused", "offline"]

_EVENTS = frozenset({
    "urllib.Request", "http.client.connect", "socket.connect", "socket.getaddrinfo",
    "socket.gethostbyname", "socket.gethostbyaddr", "socket.getnameinfo", "socket.sendto",
    "socket.sendmsg",
})
_ACTIVE: ContextVar[str | None] = ContextVar("c2c_kg_offline", default=None)
_installed = False


class NetworkRefused(InputError):
    """Something we parse tried to reach the network."""


def _hook(event: str, args: tuple) -> None:
    if event in _EVENTS:
        doing = _ACTIVE.get()
        if doing is not None:
            target = next((str(a) for a in args if a is not None), "?")
            raise NetworkRefused(
                f"Refused a network request ({event} {target[:200]}) while {doing}: nothing "
                f"c2c-kg parses may reach the network. Remove the remote reference (a remote "
                f"JSON-LD @context or @import, an owl:imports) and inline what it pointed to."
            )


@contextmanager
def offline(doing: str) -> Iterator[None]:
    """Refuse every network request made in this thread while the block runs."""
    global _installed
    if not _installed:
        sys.addaudithook(_hook)
        _installed = True
    token = _ACTIVE.set(doing)
    try:
        yield
    finally:
        _ACTIVE.reset(token)
