"""Answers of remote sources kept on disk, one JSON file per (endpoint, query text)."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["DiskCache"]


class DiskCache:
    """A folder of JSON answers keyed by the SHA-256 of what was asked; ``None`` disables it."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.hits = self.misses = 0

    def get(self, *key: str, compute: Callable[[], Any]) -> Any:
        if self.folder is None:
            return compute()
        digest = hashlib.sha256("\x1f".join(key).encode()).hexdigest()
        path = self.folder / digest[:2] / f"{digest}.json"
        if path.exists():
            self.hits += 1
            return json.loads(path.read_text(encoding="utf-8"))
        self.misses += 1
        value = compute()
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False,
                                         encoding="utf-8") as handle:
            json.dump(value, handle, ensure_ascii=False)
        os.replace(handle.name, path)
        return value
