"""File I/O done once for every format: atomic, through symbolic links, no umask, no leaks."""

from __future__ import annotations

import os
import pathlib
import stat
import threading
from collections.abc import Iterator

import pytest

import torchrelay
from torchrelay.adapters import native
from torchrelay.datasets import demo_relay

PROC_FD = pathlib.Path("/proc/self/fd")


@pytest.fixture
def umask_022() -> Iterator[int]:
    """Run the test with the umask 022 (set by the test, not by torchrelay), then restore it."""
    real_umask = os.umask  # the test may forbid os.umask; this teardown still needs it
    old = real_umask(0o022)
    try:
        yield 0o022
    finally:
        real_umask(old)


def _forbid_umask(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(mask: int) -> int:
        raise AssertionError("dump() changed the process umask")

    monkeypatch.setattr(os, "umask", fail)


def test_dump_never_touches_the_umask(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, umask_022: int
) -> None:
    """Writing a new file never calls os.umask, and the file gets the mode any new file gets.

    Setting the umask to read it changed it for every thread for a moment, so
    another thread's files came out world-writable.
    """
    _forbid_umask(monkeypatch)
    target = tmp_path / "new.relay.json"
    torchrelay.dump(demo_relay(), target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask_022
    assert torchrelay.load(target) == demo_relay()


def test_another_threads_files_keep_their_mode(tmp_path: pathlib.Path, umask_022: int) -> None:
    """While dumps run, files another thread creates get the mode its umask gives, every time."""
    stop = threading.Event()
    modes: set[int] = set()

    def create_files() -> None:
        i = 0
        while not stop.is_set():
            path = tmp_path / f"other-{i}"
            fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o666)
            os.close(fd)
            modes.add(stat.S_IMODE(path.stat().st_mode))
            path.unlink()
            i += 1

    worker = threading.Thread(target=create_files)
    worker.start()
    try:
        for i in range(30):
            torchrelay.dump(demo_relay(), tmp_path / f"relay-{i}.relay.json")
    finally:
        stop.set()
        worker.join()
    assert modes == {0o644}


def test_dump_writes_through_a_symbolic_link(tmp_path: pathlib.Path) -> None:
    """A symbolic link stays a link: the file it points to is replaced, in its own folder."""
    elsewhere = tmp_path / "data"
    elsewhere.mkdir()
    real = elsewhere / "real.relay.json"
    real.write_bytes(b"old")
    real.chmod(0o640)
    link = tmp_path / "link.relay.json"
    link.symlink_to(real)
    torchrelay.dump(demo_relay(), link)
    assert link.is_symlink()
    assert os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8") == native.dumps(demo_relay())
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(p.name for p in elsewhere.iterdir()) == ["real.relay.json"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "link.relay.json"]


def test_dump_through_a_dangling_link_creates_its_target(tmp_path: pathlib.Path) -> None:
    """A link to a file that does not exist yet gets that file written; the link stays."""
    real = tmp_path / "later.relay.json"
    link = tmp_path / "link.relay.json"
    link.symlink_to(real)
    torchrelay.dump(demo_relay(), link)
    assert link.is_symlink()
    assert torchrelay.load(real) == demo_relay()


def _open_fds() -> set[str]:
    return {p.name for p in PROC_FD.iterdir()}


@pytest.mark.skipif(not PROC_FD.is_dir(), reason="needs /proc/self/fd to count descriptors")
def test_no_descriptor_leaks_when_fdopen_fails(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If os.fdopen fails, the temporary file's descriptor is closed and the file removed."""
    target = tmp_path / "relay.relay.json"
    target.write_bytes(b"old contents")

    def broken_fdopen(fd: int, *args: object, **kwargs: object) -> object:
        raise OSError("fdopen failed")

    monkeypatch.setattr(os, "fdopen", broken_fdopen)
    before = _open_fds()
    for _ in range(5):
        with pytest.raises(OSError, match="fdopen failed"):
            torchrelay.dump(demo_relay(), target)
    assert _open_fds() <= before
    assert target.read_bytes() == b"old contents"
    assert [p.name for p in tmp_path.iterdir()] == ["relay.relay.json"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write that fails part way (the disk is full) leaves the old file and nothing else."""
    target = tmp_path / "relay.relay.json"
    target.write_bytes(b"old contents")
    real_replace = os.replace

    def full_disk(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OSError, match="No space left"):
        torchrelay.dump(demo_relay(), target)
    monkeypatch.setattr(os, "replace", real_replace)
    assert target.read_bytes() == b"old contents"
    assert [p.name for p in tmp_path.iterdir()] == ["relay.relay.json"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_dump_to_a_pipe_writes_to_it(tmp_path: pathlib.Path) -> None:
    """A target that is not a regular file (a named pipe, a device) is written to, never replaced.

    Tested on a pipe of its own: a test on /dev/null would replace the
    machine's /dev/null if the code under test were wrong.
    """
    fifo = tmp_path / "relay.relay.json"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    try:
        assert torchrelay.dump(demo_relay(), fifo) == ()
    finally:
        reader.join(timeout=30)
    assert received == [native.dumps(demo_relay()).encode()]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["relay.relay.json"]
