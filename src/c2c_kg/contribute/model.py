"""The plain data of a contribution check: where a record came from and what was found."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["Finding", "Item", "Origin"]


@dataclass(frozen=True)
class Origin:
    """Where a record was written: a file and its row (spreadsheets) or line (text files)."""

    file: str
    row: int | None = None
    line: int | None = None
    columns: dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    def column_of(self, name: str) -> str | None:
        """The spreadsheet column (header, letter) that gave field or column ``name``."""
        return self.columns.get(name)

    def where(self, column: str | None = None) -> str:
        if self.row is not None:
            return f"{self.file} row {self.row}" + (f", column {column}" if column else "")
        if self.line is not None:
            return f"{self.file}:{self.line}"
        return self.file


@dataclass
class Item:
    """One contributed record: its id (compact, as in YAML) and body, and where it was written."""

    key: str
    origin: Origin
    body: dict[str, Any] | None = None


@dataclass
class Finding:
    """One result of a check, located and worded for the person who fixes it."""

    rule: str
    severity: str
    message: dict[str, str]
    file: str
    record: str = ""
    row: int | None = None
    column: str | None = None
    line: int | None = None
    field: str = ""
    value: str = ""

    def text(self, lang: str = "en") -> str:
        return self.message.get(lang) or self.message.get("en") or next(iter(self.message.values()))

    def as_dict(self, lang: str = "en") -> dict[str, Any]:
        data = asdict(self)
        data["message"] = self.text(lang)
        return {k: v for k, v in data.items() if v not in (None, "")}
