"""Credentials for a remote server: never from the command line, never printed.

The user name may come from ``--user``; the secret comes from the environment
(``C2C_KG_PASSWORD``, or ``C2C_KG_TOKEN`` for a bearer token) or from ``~/.netrc`` (the
``machine`` line of the server's host name, which may also supply the login).
"""

from __future__ import annotations

import netrc
import os
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..errors import UsageError

__all__ = ["PASSWORD_VARIABLE", "TOKEN_VARIABLE", "Credentials", "find_credentials"]

PASSWORD_VARIABLE = "C2C_KG_PASSWORD"
TOKEN_VARIABLE = "C2C_KG_TOKEN"


@dataclass(frozen=True)
class Credentials:
    """A user and password, or a bearer token; the secrets never appear in a repr."""

    user: str | None = None
    password: str | None = field(default=None, repr=False)
    token: str | None = field(default=None, repr=False)

    def __bool__(self) -> bool:
        return bool(self.token or self.user)


def _from_netrc(host: str) -> tuple[str | None, str | None]:
    path = os.path.join(os.path.expanduser("~"), ".netrc")
    if not os.path.exists(path):
        return None, None
    try:
        entry = netrc.netrc(path).authenticators(host)
    except (netrc.NetrcParseError, OSError) as exc:
        raise UsageError(f"~/.netrc cannot be read: {exc}. Fix the file or set "
                         f"{PASSWORD_VARIABLE} instead.") from exc
    if not entry:
        return None, None
    login, _account, password = entry
    return login or None, password or None


def find_credentials(url: str, user: str | None = None) -> Credentials:
    """Credentials for the server of ``url``: a token, or ``user`` with a password."""
    token = os.environ.get(TOKEN_VARIABLE)
    if token:
        return Credentials(user=user, token=token)
    password = os.environ.get(PASSWORD_VARIABLE)
    host = urlsplit(url).hostname or ""
    if password is None:
        login, from_file = _from_netrc(host)
        if from_file is not None and (user is None or login in (None, user)):
            user, password = user or login, from_file
    if user and password is None:
        raise UsageError(
            f"--user {user} needs a password: set the environment variable "
            f"{PASSWORD_VARIABLE} or add 'machine {host} login {user} password …' to ~/.netrc "
            f"(a password is never taken from the command line)."
        )
    return Credentials(user=user, password=password if user else None)
