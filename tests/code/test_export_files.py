"""Where ``export -o`` (and every writer using :func:`c2c_kg.rdfio.atomic_write`) writes.

``-`` is standard output; devices, pipes and ``/dev/stdout`` are written into, never replaced; a
symbolic link keeps pointing where it did and its target gets the new content; an existing file
is replaced only with ``--force``; a missing or unwritable folder is exit 2 naming the path.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from helpers import build_mini
from helpers import run_cli as run

from c2c_kg.errors import InputError, UsageError
from c2c_kg.rdfio import atomic_write


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    return build_mini(tmp_path_factory.mktemp("files"))[1]


def export(store: Path, output: str, *extra: str, cwd=None) -> subprocess.CompletedProcess:
    return run("export", "-f", "nquads", "-o", output, "--store", str(store), *extra, cwd=cwd)


def one_paragraph(done: subprocess.CompletedProcess, *words: str) -> None:
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    assert done.stderr.strip().count("\n") == 0
    for word in words:
        assert word in done.stderr


def test_dash_is_standard_output(store, tmp_path):
    done = export(store, "-", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "<https://w3id.org/c2c-kg/graph/data> ." in done.stdout
    assert not (tmp_path / "-").exists()


def test_dev_stdout_is_written_into_not_replaced(store, tmp_path):
    before = os.readlink("/dev/stdout")
    target = tmp_path / "captured.nq"
    with target.open("wb") as out:  # the shell's redirection: stdout is a regular file
        done = subprocess.run([sys.executable, "-m", "c2c_kg.cli", "export", "-f", "nquads",
                               "-o", "/dev/stdout", "--store", str(store)], stdout=out,
                              stderr=subprocess.PIPE, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert os.path.islink("/dev/stdout") and os.readlink("/dev/stdout") == before
    assert "graph/data" in target.read_text()


def test_dev_full_is_a_clear_error_and_stays_a_device(store):
    one_paragraph(export(store, "/dev/full"), "/dev/full", "No space left")
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_fifo_is_written_into(store, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    done = export(store, str(fifo))
    reader.join(timeout=60)
    assert done.returncode == 0, done.stderr
    assert b"graph/data" in received[0]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_an_existing_file_needs_force(store, tmp_path):
    out = tmp_path / "x.nq"
    out.write_text("mine\n")
    one_paragraph(export(store, str(out)), str(out), "--force")
    assert out.read_text() == "mine\n"
    assert export(store, str(out), "--force").returncode == 0
    assert "graph/data" in out.read_text()


def test_a_symlink_keeps_pointing_at_its_target(store, tmp_path):
    target = tmp_path / "real.nq"
    target.write_text("old\n")
    os.chmod(target, 0o640)
    link = tmp_path / "link.nq"
    link.symlink_to(target)
    one_paragraph(export(store, str(link)), "--force")
    assert export(store, str(link), "--force").returncode == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert "graph/data" in target.read_text()
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # the file's own permissions kept
    dangling = tmp_path / "dangling.nq"
    dangling.symlink_to(tmp_path / "new.nq")
    assert export(store, str(dangling)).returncode == 0
    assert dangling.is_symlink() and "graph/data" in (tmp_path / "new.nq").read_text()


def test_missing_or_unwritable_folders_name_the_path(store, tmp_path):
    missing = tmp_path / "no" / "such" / "x.nq"
    one_paragraph(export(store, str(missing)), str(missing), "does not exist")
    assert not (tmp_path / "no").exists()
    one_paragraph(export(store, str(tmp_path)), str(tmp_path), "folder")
    one_paragraph(export(store, "/sys/c2c-kg-test.nq"), "/sys/c2c-kg-test.nq")


def test_build_with_a_missing_source_is_an_input_error(tmp_path):
    project, store = build_mini(tmp_path)
    done = run("build", "--root", str(project.root), "--store", str(store), "--no-reason",
               "--source", str(tmp_path / "missing.txt"))
    one_paragraph(done, "missing.txt", "does not exist")


def test_atomic_write_directly(tmp_path):
    new = tmp_path / "a.txt"
    assert atomic_write(new, b"1") == new and new.read_bytes() == b"1"
    with pytest.raises(UsageError):
        atomic_write(new, b"2", overwrite=False)
    with pytest.raises(InputError, match="does not exist"):
        atomic_write(tmp_path / "x" / "b.txt", b"1")
    made = atomic_write(tmp_path / "x" / "b.txt", b"1", make_parents=True)
    assert made is not None and made.read_bytes() == b"1"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
