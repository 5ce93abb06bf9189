"""What a route gives back (:class:`Answer`), error answers, and the server's settings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .html import esc, page

__all__ = ["CACHED_HEADER", "CUT_HEADER", "Answer", "Settings", "error"]

#: The header that says a result was cut by the row limit or the timeout.
CUT_HEADER = "C2C-Results-Cut"
#: The header that says the answer came from the server's memory of complete answers.
CACHED_HEADER = "C2C-Answer-Cached"


@dataclass
class Settings:
    """Limits and folders of a running server."""

    queries: Path
    timeout: float = 30.0
    row_limit: int = 10_000
    page_size: int = 50


class Answer(Exception):
    """An HTTP answer: status, body, content type, extra headers. Routes return one; it is an
    exception too, so that a helper deep in a route can raise one."""

    def __init__(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8",
                 headers: dict[str, str] | None = None):
        super().__init__(status)
        self.status, self.body, self.content_type = status, body, content_type
        self.headers = headers or {}


def error(status: int, title: str, message: str, html: bool = True) -> Answer:
    """An error answer: an HTML page for a browser, else one line of plain text."""
    if html:
        return Answer(status, page(title, f"<div class=error role=alert>{esc(message)}</div>"))
    return Answer(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8")
