"""Reading and writing files for every format: paths, streams and atomic writes.

What a format's ``load`` and ``dump`` share, below the registry so that a
format module (:mod:`torchrelay.adapters.native`) can read and write its own
files without asking the registry above it. A path is written atomically: the
document goes to a temporary file in the same folder, which replaces the
target only once complete.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import secrets
import stat
import warnings
from collections.abc import Iterable, Mapping
from typing import IO, Any

from .._redact import redact as _redact
from .._relay import Relay
from ..exceptions import (
    ArgumentError,
    InvalidTypeError,
    IsDirectoryError,
    LossError,
    LossWarning,
    NoSuchFileError,
    UnknownOptionError,
)
from ._format import Format, Loss
from ._losses import losses

__all__ = [
    "SNIFF_BYTES",
    "check_options",
    "check_writable",
    "load_with",
    "looks_like_document",
    "not_a_path",
    "open_for_reading",
    "peek",
    "readable",
    "sniffed",
    "target_of",
    "write_atomically",
    "write_relay",
]

SNIFF_BYTES = 4096
"""How many bytes of a document ``sniff`` is shown."""


def sniffed(candidates: Iterable[Format], head: bytes) -> list[Format]:
    """The formats among *candidates* whose ``sniff`` claims a document's first bytes."""
    return [fmt for fmt in candidates if fmt.sniff is not None and fmt.sniff(head)]


def check_options(fmt: Format, options: Mapping[str, Any], call: str) -> None:
    allowed = fmt.read_options if call == "load" else fmt.write_options
    unknown = sorted(set(options) - allowed)
    if unknown:
        names = ", ".join(map(repr, unknown))
        takes = ", ".join(sorted(allowed)) or "none"
        noun = "option" if len(unknown) == 1 else "options"
        msg = f"{call}(): format {fmt.name!r} takes no {noun} {names}; its {call} options: {takes}"
        raise UnknownOptionError(msg)


# -- Reading -------------------------------------------------------------------


class _Prefixed(io.RawIOBase):
    """A stream that gives *head* again, then the rest of *stream*: sniffing a pipe."""

    def __init__(self, head: bytes, stream: IO[bytes]) -> None:
        self._head = memoryview(head)
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        target = memoryview(buffer).cast("B")
        if self._head:
            n = min(len(target), len(self._head))
            target[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._stream.read(len(target))
        target[: len(data)] = data
        return len(data)


def _read_head(stream: IO[bytes]) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while size < SNIFF_BYTES:
        chunk: object = stream.read(SNIFF_BYTES - size)
        if not chunk:
            break
        if not isinstance(chunk, bytes | bytearray):
            msg = "load() reads binary file objects; open the file with 'rb'"
            raise ArgumentError(msg)
        chunks.append(bytes(chunk))
        size += len(chunk)
    return b"".join(chunks)


def peek(stream: IO[bytes]) -> tuple[bytes, IO[bytes]]:
    """The first bytes of *stream*, and a stream that still starts with them."""
    seekable = getattr(stream, "seekable", None)
    if callable(seekable) and seekable():
        position = stream.tell()
        head = _read_head(stream)
        stream.seek(position)
        return head, stream
    head = _read_head(stream)
    return head, io.BufferedReader(_Prefixed(head, stream))


def looks_like_document(text: str) -> bool:
    return text.lstrip().startswith(("{", "<", "[")) or "\n" in text


def not_a_path(text: str, candidates: Iterable[Format]) -> ArgumentError:
    head = text[:SNIFF_BYTES].encode("utf-8", "replace")
    found = sniffed(candidates, head)
    reader = (
        f"get_format({found[0].name!r}).loads(text)"
        if len(found) == 1
        else "get_format(name).loads(text)"
    )
    msg = (
        "load() takes a path or a binary file object, and this text is a document, "
        f"not the name of a file; to read text use torchrelay.adapters.{reader}"
    )
    return ArgumentError(msg)


def open_for_reading(path: str) -> IO[bytes]:
    try:
        return open(path, "rb")  # closed by the caller's with
    except FileNotFoundError:
        msg = f"{path}: no such file"
        raise NoSuchFileError(msg, path) from None
    except IsADirectoryError:
        msg = f"{path}: is a folder, not a file; load() reads one file"
        raise IsDirectoryError(msg, path) from None
    except ValueError:
        msg = f"{path!r} is not a file name: it holds a NUL character"
        raise ArgumentError(msg) from None
    except OSError as error:
        if error.errno in (errno.ENAMETOOLONG, errno.ELOOP, errno.ENOTDIR):
            msg = f"{path}: {error.strerror}"
            raise NoSuchFileError(msg, path) from None
        raise


def readable(given: object) -> IO[bytes]:
    """*given* as a binary file object, or an error that says what load() takes."""
    if isinstance(given, Relay):
        msg = "load() reads a relay from a file; to write one use dump(relay, target)"
    elif isinstance(given, io.TextIOBase):
        msg = "load() reads binary file objects; open the file with 'rb' (or use sys.stdin.buffer)"
    elif not callable(getattr(given, "read", None)):
        msg = f"load() takes a path or a binary file object (got {type(given).__name__})"
    else:
        return given  # type: ignore[return-value]
    raise ArgumentError(msg)


def load_with(
    fmt: Format, source: str | os.PathLike[str] | bytes | IO[bytes], options: Mapping[str, Any]
) -> Relay:
    """Read a relay in one known format from a path, bytes or a binary file object."""
    check_options(fmt, options, "load")
    given: object = source
    if isinstance(given, str | os.PathLike):
        path = os.fsdecode(os.fspath(given))
        if isinstance(given, str) and looks_like_document(given) and not os.path.exists(path):
            raise not_a_path(given, (fmt,))
        with open_for_reading(path) as handle:
            return fmt.loads(handle, source=path, **options)
    if isinstance(given, bytes | bytearray | memoryview):
        return fmt.loads(bytes(given), source=None, **options)
    stream = readable(given)
    name = getattr(stream, "name", None)
    return fmt.loads(stream, source=name if isinstance(name, str) else None, **options)


# -- Writing -------------------------------------------------------------------


def write_relay(
    fmt: Format,
    relay: Relay,
    target: object,
    path: str | None,
    *,
    redact: bool,
    strict: bool,
    options: Mapping[str, Any],
    level: int,
) -> tuple[Loss, ...]:
    """Write *relay* in *fmt* to *path* (atomically) or to the file object *target*.

    The caller has checked the target with :func:`target_of`;
    a loss warning is issued *level* frames up from here.
    """
    check_options(fmt, options, "dump")
    found = losses(_redact(relay) if redact else relay, fmt.keeps)
    if found and strict:
        raise LossError(found, fmt.name)
    data = _encode(fmt, fmt.dumps(relay, redact=redact, **options))
    if path is None:
        target.write(data)  # type: ignore[attr-defined]
    else:
        write_atomically(path, data)
    if found:
        lines = "".join(f"\n  - {loss}" for loss in found)
        msg = f"format {fmt.name!r} cannot hold everything; dropped:{lines}"
        warnings.warn(msg, LossWarning, stacklevel=level)
    return found


def target_of(relay: object, target: object) -> tuple[str | None, object]:
    """Where to write: a checked path (``None`` for a file object), and the name for the format."""
    if not isinstance(relay, Relay):
        if isinstance(target, Relay):
            msg = "dump() takes the relay first, then the target: dump(relay, target)"
        else:
            msg = f"dump() writes a Relay (got {type(relay).__name__}: {relay!r:.60})"
        raise ArgumentError(msg)
    if isinstance(target, str | os.PathLike):
        path = os.fsdecode(os.fspath(target))
        check_writable(path)
        return path, path
    if isinstance(target, io.TextIOBase):
        msg = (
            "dump() writes binary file objects; open the file with 'wb' (or use sys.stdout.buffer)"
        )
        raise ArgumentError(msg)
    if not callable(getattr(target, "write", None)):
        msg = f"dump() writes to a path or a binary file object (got {type(target).__name__})"
        raise ArgumentError(msg)
    return None, getattr(target, "name", None)


def _encode(fmt: Format, data: str | bytes) -> bytes:
    if fmt.binary and isinstance(data, bytes):
        return data
    if not fmt.binary and isinstance(data, str):
        return data.encode("utf-8")
    want = "bytes" if fmt.binary else "str"
    msg = (
        f"format {fmt.name!r} is {'binary' if fmt.binary else 'text'}, so its dumps must "
        f"return {want} (got {type(data).__name__})"
    )
    raise InvalidTypeError(msg)


def check_writable(path: str, *, writer: str = "dump()", example: str = "x.relay.json") -> None:
    """Refuse a folder as target, or a folder to write into that does not exist.

    *writer* and *example* name the function that writes and a file it could
    write, for the message (``torchrelay.plot.save`` writes pictures).
    """
    if os.path.isdir(path):
        example = os.path.join(path, example)
        msg = f"{path}: is a folder; {writer} writes a file, such as {example}"
        raise IsDirectoryError(msg, path)
    folder = os.path.dirname(os.path.realpath(path))
    if not os.path.isdir(folder):
        msg = f"{path}: the folder {folder} does not exist; create it first"
        raise NoSuchFileError(msg, path)


def write_atomically(path: str, data: bytes) -> None:
    """Write *data* to *path* atomically, through a symbolic link if *path* is one."""
    real = os.path.realpath(path)
    try:
        existing: os.stat_result | None = os.stat(real)
    except FileNotFoundError:
        existing = None
    stream = path.startswith(("/dev/", "/proc/")) or real.startswith(("/dev/", "/proc/"))
    if stream or (existing is not None and not stat.S_ISREG(existing.st_mode)):
        # A device, a pipe or a descriptor (/dev/stdout, /dev/fd/3): it is the
        # caller's stream, to be written to, never replaced by another file.
        with open(path, "ab" if stream else "wb") as handle:
            handle.write(data)
        return
    folder = os.path.dirname(real)
    fd, tmp = _create_temporary(folder, os.path.basename(real))
    try:
        try:
            handle = os.fdopen(fd, "wb")
        except BaseException:
            os.close(fd)
            raise
        with handle:
            if existing is not None:
                os.fchmod(handle.fileno(), stat.S_IMODE(existing.st_mode))
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, real)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _sync_folder(folder)


def _create_temporary(folder: str, name: str) -> tuple[int, str]:
    """Create a new, empty temporary file beside *name*, with the mode a new file gets.

    ``os.open`` with mode 0o666 lets the kernel apply the umask and any default
    ACL, as it does for every new file; reading the umask would mean setting
    it (``os.umask``), which changes it for every thread for a moment.
    ``tempfile.mkstemp`` would give 0o600 instead.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        tmp = os.path.join(folder, f".{name}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
    msg = f"cannot create a temporary file in {folder}"  # pragma: no cover
    raise FileExistsError(msg)  # pragma: no cover


def _sync_folder(folder: str) -> None:
    """Make the rename durable: fsync the folder, where the system allows it."""
    if os.name != "posix":  # pragma: no cover
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
