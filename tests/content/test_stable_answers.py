"""Every stored query gives the same answer, byte for byte, in three fresh processes (researchers
cite them): no concatenation or row order that depends on a process's hashing."""

from __future__ import annotations

import subprocess
import sys

ANSWERS = """
import hashlib, sys
from pathlib import Path
from c2c_kg.project import Project
from c2c_kg.results import render
from c2c_kg.store.engines import EmbeddedEngine
from c2c_kg.store.queries import list_queries, parse_params

engine = EmbeddedEngine(Path(sys.argv[2]))
for stored in list_queries(Project(Path(sys.argv[1])).queries):
    answer = render(engine.select(stored.text, parse_params(stored, [])), "csv")
    print(stored.name, hashlib.sha256(answer.encode()).hexdigest())
"""


def test_every_stored_query_answers_the_same_in_three_processes(project, built):
    runs = [subprocess.run([sys.executable, "-c", ANSWERS, str(project.root), str(built.store)],
                           capture_output=True, text=True, timeout=300, check=True).stdout
            for _ in range(3)]
    assert runs[0].count("\n") > 30
    assert runs[0] == runs[1] == runs[2]
