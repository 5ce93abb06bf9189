"""One-paragraph messages for what goes wrong between c2c-kg and a remote server."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .credentials import Credentials
    from .endpoints import Endpoints

__all__ = ["TRANSIENT", "detail", "http_message", "unreachable"]

#: HTTP statuses worth another try: the request was not processed.
TRANSIENT = frozenset({429, 502, 503, 504})


def http_message(endpoints: Endpoints, url: str, code: int, action: str,
                 credentials: Credentials | None = None, detail: str = "") -> str:
    """One paragraph for an HTTP error status ``code`` met while doing ``action``."""
    who = f"user {credentials.user!r}" if credentials and credentials.user else None
    if code == 401 and (credentials and (credentials.user or credentials.token)):
        hint = (f"the credentials of {who or 'the token'} were rejected: check --user and the "
                f"password in C2C_KG_PASSWORD or ~/.netrc")
    elif code == 401:
        hint = ("the server wants credentials: pass --user NAME and set the password in the "
                "environment variable C2C_KG_PASSWORD or in ~/.netrc")
    elif code == 403:
        hint = (f"{who or 'this client'} is not allowed to {action}: ask the server's "
                f"administrator for the right (on Virtuoso, GRANT SPARQL_UPDATE and "
                f"DB.DBA.RDF_DEFAULT_USER_PERMS_SET)")
    elif code == 404:
        hint = ("there is no such endpoint at this path: check --endpoint and --kind, or give "
                "--query-url, --update-url or --store-url")
    elif code == 400:
        hint = "the server refused the request as malformed"
    elif code in TRANSIENT:
        hint = "the server is overloaded or restarting; try again later"
    else:
        hint = "the server failed"
    tail = f" The server said: {detail.rstrip('.')}." if detail else ""
    return (f"The {endpoints.label} answered HTTP {code} to {url} when asked to {action}: "
            f"{hint}.{tail}")


def _reason(reason: object) -> str:
    """The gist of a connection failure ("Connection refused"), not urllib3's whole chain."""
    text = " ".join(str(reason).split())
    found = re.search(r"\[Errno -?\d+\] ([^'\")\]]+)", text)
    if found:
        return found.group(1).strip()
    for gist in ("Connection aborted", "Connection reset", "Remote end closed connection",
                 "timed out", "Name or service not known"):
        if gist.lower() in text.lower():
            return gist
    return text[:200]


def unreachable(endpoints: Endpoints, url: str, action: str, reason: object,
                timeout: float) -> str:
    """One paragraph for a request that got no HTTP answer at all (refused, reset, timed out)."""
    text = _reason(reason)
    if "timed out" in text.lower() or isinstance(reason, TimeoutError):
        return (f"The {endpoints.label} did not answer within {timeout:g} s (--timeout, the "
                f"total wait, retries included) at {url} when asked to {action}. Raise "
                f"--timeout, or check that the server is not overloaded.")
    return (f"The {endpoints.label} cannot be reached at {url} when asked to {action} ({text}). "
            f"Check the URL and that the server is running.")


def detail(text: str) -> str:
    """The first meaningful line of a server's error body, short."""
    for line in text.splitlines():
        line = " ".join(line.split())
        if line and not line.startswith("<"):
            return line[:300]
    return ""
