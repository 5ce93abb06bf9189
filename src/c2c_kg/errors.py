"""Typed errors that the CLI turns into one clear paragraph and an exit code.

Exit codes follow the design: 0 success, 1 the data is invalid or a check failed,
2 bad usage or unreadable input.
"""

from __future__ import annotations

__all__ = ["C2CError", "DataError", "InputError", "RemoteError", "UsageError"]


class C2CError(Exception):
    """Base of every error that c2c-kg reports to a user without a traceback."""

    exit_code = 2


class UsageError(C2CError):
    """The command was called wrongly: unknown name, bad option value, missing store."""

    exit_code = 2


class InputError(C2CError):
    """A file could not be read or parsed: malformed RDF, YAML or CSV, a missing file."""

    exit_code = 2


class DataError(C2CError):
    """The data was read but breaks a rule: a SHACL violation, an unresolved anchor."""

    exit_code = 1


class RemoteError(C2CError):
    """A remote SPARQL endpoint could not be reached or refused the request."""

    exit_code = 2
