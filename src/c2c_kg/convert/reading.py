"""Reading a document for conversion: plain text (as extracted from a PDF), Markdown, or PDF.

PDF pages are extracted with pypdf (pure Python, no server, no network) and laid out like the
plain-text extractions the converter was built for: lines as on the page, an empty line after
each, pages separated by a form feed. Offsets then count code points of that text; write it out
with ``--text-out`` to keep the file the offsets refer to.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

__all__ = ["KINDS", "SourceText", "read_document"]

KINDS = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".pdf": "pdf"}
MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class SourceText:
    """A document's text, its kind (``text``, ``markdown``, ``pdf``) and its bytes' sha256."""

    path: Path
    kind: str
    text: str
    sha256: str


def read_document(path: Path) -> SourceText:
    """Read ``path``; its kind comes from the file suffix."""
    kind = KINDS.get(path.suffix.lower())
    if kind is None:
        raise InputError(f"{path}: cannot convert a {path.suffix or 'suffix-less'} file; give "
                         f"plain text (.txt), Markdown (.md) or PDF (.pdf).")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{path}: {size:,} bytes is more than the converter's limit of "
                             f"{MAX_BYTES:,}.")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc}).") from exc
    digest = hashlib.sha256(data).hexdigest()
    if kind == "pdf":
        return SourceText(path, kind, _pdf_text(path), digest)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise InputError(f"{path}, line {line}: not UTF-8 text ({exc.reason}).") from exc
    return SourceText(path, kind, text.removeprefix("\ufeff"), digest)


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError) as exc:
        raise InputError(f"{path}: not a readable PDF ({exc}).") from exc
    laid_out = []
    for page in pages:
        laid_out.append("\n".join(f"{line}\n" for line in page.splitlines()))
    return "\f\n".join(laid_out)
