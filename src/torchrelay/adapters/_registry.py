"""The registry of formats, and the file I/O that every format shares: load and dump.

Formats register here (:func:`register_format`); other packages add theirs
through the ``torchrelay.formats`` entry point group, each entry naming a
:class:`~torchrelay.adapters.Format`. Plugins load on first use; one that
fails is kept as a failure under its entry point's name and reported when it
is asked for, never skipped silently.

Reading picks the format from ``format=``, else from the file name's suffix
where only one format claims it, else by asking each candidate's ``sniff``
about the first bytes. Writing picks from ``format=``, else the suffix, a
shared suffix resolved by :data:`WRITE_DEFAULTS` (a bare ``.json`` is native).
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import secrets
import stat
import threading
import warnings
from collections.abc import Iterable, Mapping
from importlib.metadata import entry_points
from typing import IO, Any

from .._relay import Relay
from .._relay import redact as _redact
from ..exceptions import (
    ArgumentError,
    FormatExistsError,
    InvalidTypeError,
    IsDirectoryError,
    LossError,
    LossWarning,
    NoSuchFileError,
    PluginError,
    PluginWarning,
    UnknownFormatError,
    UnknownOptionError,
)
from ._format import Format, Loss
from ._losses import losses

__all__ = [
    "ENTRY_POINT_GROUP",
    "SNIFF_BYTES",
    "WRITE_DEFAULTS",
    "dump",
    "format_for",
    "formats",
    "get_format",
    "load",
    "register_format",
]

ENTRY_POINT_GROUP = "torchrelay.formats"
"""The entry point group in which plugins name their :class:`Format` objects."""

SNIFF_BYTES = 4096
"""How many bytes of a document ``sniff`` is shown."""

WRITE_DEFAULTS: Mapping[str, str] = {".json": "native"}
"""The format written for a suffix that several formats claim."""

_formats: dict[str, Format] = {}
_broken: dict[str, tuple[str, BaseException]] = {}  # entry point name -> (message, cause)
_from_plugins: set[str] = set()  # names of the formats that entry points registered
_plugins_loaded = False  # set once every entry point has been tried
_plugins_loading = False  # set while they are: a plugin that asks for formats gets those so far
_plugins_lock = threading.RLock()


# -- The registry ----------------------------------------------------------------


def register_format(fmt: Format, *, replace: bool = False) -> None:
    """Make *fmt* available to :func:`torchrelay.load`, :func:`torchrelay.dump` and the CLI.

    Args:
        fmt: The format.
        replace: Replace a format registered under the same name.

    Raises:
        FormatExistsError: If a format of that name exists and *replace* is false.
        InvalidTypeError: If *fmt* is not a :class:`Format`.

    .. versionadded:: 0.1.0
    """
    given: object = fmt
    if not isinstance(given, Format):
        msg = f"register_format() takes a Format (got {type(fmt).__name__}: {fmt!r})"
        raise InvalidTypeError(msg)
    if fmt.name in _formats and not replace and _formats[fmt.name] is not fmt:
        msg = f"a format named {fmt.name!r} is registered already; pass replace=True"
        raise FormatExistsError(msg)
    _formats[fmt.name] = fmt


def _load_plugins() -> None:
    """Load every ``torchrelay.formats`` entry point once, keeping failures by name.

    Other threads wait until the plugins are loaded; a plugin that asks for
    the formats while it is imported gets those loaded so far.
    """
    global _plugins_loaded, _plugins_loading  # noqa: PLW0603
    if _plugins_loaded:
        return
    with _plugins_lock:
        if _plugins_loaded or _plugins_loading:
            return
        _plugins_loading = True
        try:
            _load_entry_points()
        finally:
            _plugins_loading = False
            _plugins_loaded = True


def _load_entry_points() -> None:
    """Try every entry point of the group, registering formats and keeping failures."""
    seen: set[tuple[str, str]] = set()
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if (ep.name, ep.value) in seen:  # one distribution found twice on sys.path
            continue
        seen.add((ep.name, ep.value))
        where = f"format plugin {ep.name!r} ({ep.value})"
        try:
            fmt = ep.load()
        except Exception as error:  # any failure of a plugin is reported, later
            _broken[ep.name] = (f"{where} failed to load: {type(error).__name__}: {error}", error)
            continue
        if not isinstance(fmt, Format):
            msg = f"{where} is a {type(fmt).__name__}, not a torchrelay.adapters.Format"
            _broken[ep.name] = (msg, InvalidTypeError(msg))
            continue
        try:
            register_format(fmt)
        except FormatExistsError as error:
            _broken[ep.name] = (f"{where} cannot be registered: {error}", error)
        else:
            _from_plugins.add(fmt.name)


def _registered() -> tuple[Format, ...]:
    _load_plugins()
    return tuple(_formats[name] for name in sorted(_formats))


def formats() -> tuple[Format, ...]:
    """Every registered format, built-in and from plugins, by name.

    Warns:
        PluginWarning: For each plugin that failed to load, naming it and why.

    >>> [f.name for f in formats()]
    ['csv', 'geojson', 'native']

    .. versionadded:: 0.1.0
    """
    found = _registered()
    for message, _ in _broken.values():
        warnings.warn(message, PluginWarning, stacklevel=2)
    return found


def _known() -> str:
    names = ", ".join(sorted(_formats)) or "none"
    broken = "".join(f"; {message}" for message, _ in _broken.values())
    return f"known formats: {names}{broken}"


def get_format(name: str) -> Format:
    """The format registered under *name*.

    Raises:
        PluginError: If *name* is a plugin that failed to load; the message
            names the entry point and the original error, which is chained.
        UnknownFormatError: If no format has that name, naming those that do.

    .. versionadded:: 0.1.0
    """
    _load_plugins()
    if name in _formats:
        return _formats[name]
    if name in _broken:
        message, cause = _broken[name]
        raise PluginError(message) from cause
    msg = f"unknown format {name!r}; {_known()}"
    raise UnknownFormatError(msg)


_State = tuple[dict[str, Format], dict[str, tuple[str, BaseException]], set[str], bool]


def _snapshot() -> _State:
    """The registry's state, for tests to restore."""
    return dict(_formats), dict(_broken), set(_from_plugins), _plugins_loaded


def _restore(state: _State) -> None:
    """Put back a state from :func:`_snapshot`."""
    global _plugins_loaded  # noqa: PLW0603
    _formats.clear()
    _formats.update(state[0])
    _broken.clear()
    _broken.update(state[1])
    _from_plugins.clear()
    _from_plugins.update(state[2])
    _plugins_loaded = state[3]


def _forget_plugins() -> None:
    """Drop what plugins registered, so that the next use looks for entry points again."""
    global _plugins_loaded  # noqa: PLW0603
    for name in _from_plugins:
        _formats.pop(name, None)
    _from_plugins.clear()
    _broken.clear()
    _plugins_loaded = False


# -- Telling the format ----------------------------------------------------------


def _by_suffix(filename: str) -> tuple[str, list[Format]]:
    """The longest suffix of *filename* that any format claims, and every format claiming it."""
    lower = os.path.basename(filename).lower()
    best, found = "", list[Format]()
    for fmt in _registered():
        mine = max((s for s in fmt.suffixes if lower.endswith(s)), key=len, default="")
        if mine and len(mine) >= len(best):
            if len(mine) > len(best):
                best, found = mine, []
            found.append(fmt)
    return best, found


def _sniffed(candidates: Iterable[Format], head: bytes) -> list[Format]:
    return [fmt for fmt in candidates if fmt.sniff(head)]


def format_for(filename: str | None, *, head: bytes | None = None) -> Format:
    """The format of a file, from its name and, when reading, its first bytes.

    The longest suffix that a format claims decides. Where several formats
    claim it (``.json``: native and GeoJSON), or none does, *head* decides
    through each format's ``sniff``; without *head* (writing), the format
    written for that suffix: a bare ``.json`` is native.

    Args:
        filename: A file name, or ``None`` for an input without one
            (standard input, bytes).
        head: The first bytes of the document (up to 4096), when reading.

    Raises:
        UnknownFormatError: If the format cannot be told; pass ``format=``.

    >>> format_for("sochi.relay.json").name
    'native'

    .. versionadded:: 0.1.0
    """
    suffix, found = _by_suffix(filename) if filename is not None else ("", [])
    if len(found) == 1:
        return found[0]
    what = repr(filename) if filename is not None else "an input without a name"
    if head is None:
        default = WRITE_DEFAULTS.get(suffix)
        for fmt in found:
            if fmt.name == default:
                return fmt
        if found:
            names = ", ".join(f.name for f in found)
            msg = f"{what} could be any of {names}; pass format="
        else:
            msg = f"cannot tell the format of {what} from its name; pass format= ({_known()})"
        raise UnknownFormatError(msg)
    sniffed = _sniffed(found or _registered(), head)
    if len(sniffed) == 1:
        return sniffed[0]
    if sniffed:
        names = ", ".join(f.name for f in sniffed)
        msg = f"{what} looks like each of {names}; pass format="
    else:
        msg = f"cannot tell the format of {what} from its name or its first bytes; pass format="
        msg += f" ({_known()})"
    raise UnknownFormatError(msg)


def _check_options(fmt: Format, options: Mapping[str, Any], call: str) -> None:
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


def _peek(stream: IO[bytes]) -> tuple[bytes, IO[bytes]]:
    """The first bytes of *stream*, and a stream that still starts with them."""
    seekable = getattr(stream, "seekable", None)
    if callable(seekable) and seekable():
        position = stream.tell()
        head = _read_head(stream)
        stream.seek(position)
        return head, stream
    head = _read_head(stream)
    return head, io.BufferedReader(_Prefixed(head, stream))


def _looks_like_document(text: str) -> bool:
    return text.lstrip().startswith(("{", "<", "[")) or "\n" in text


def _not_a_path(text: str) -> ArgumentError:
    head = text[:SNIFF_BYTES].encode("utf-8", "replace")
    sniffed = _sniffed(_registered(), head)
    reader = (
        f"get_format({sniffed[0].name!r}).loads(text)"
        if len(sniffed) == 1
        else "get_format(name).loads(text)"
    )
    msg = (
        "load() takes a path or a binary file object, and this text is a document, "
        f"not the name of a file; to read text use torchrelay.adapters.{reader}"
    )
    return ArgumentError(msg)


def _open_for_reading(path: str) -> IO[bytes]:
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


def load(
    source: str | os.PathLike[str] | bytes | IO[bytes],
    *,
    format: str | None = None,
    **options: Any,
) -> Relay:
    """Read a relay from a file by path, from a binary file object, or from bytes.

    Args:
        source: A path; a file object opened in binary mode (``sys.stdin.buffer``);
            or a whole document as bytes. To read text, use the format's
            ``loads``.
        format: A registered format's name; by default the file name tells,
            or the first bytes where the name does not (see
            :func:`~torchrelay.adapters.format_for`).
        **options: The format's read options, such as a limit; each format
            documents its own.

    Returns:
        The relay. A reader warns with
        :class:`~torchrelay.exceptions.LossWarning` about what it read and could
        not keep.

    Raises:
        UnknownFormatError: If the format is unknown or cannot be told.
        UnknownOptionError: If the format takes no option of a given name.
        ArgumentError: If *source* is a document's text, a text-mode file, or
            not a source at all.
        NoSuchFileError: If there is no file at the path.
        IsDirectoryError: If the path is a folder.
        ParseError: If the file cannot be read as that format; it names the file.
        PluginError: If the format is a plugin that failed to load.

    .. versionadded:: 0.1.0
    """
    chosen = get_format(format) if format is not None else None
    if chosen is not None:
        _check_options(chosen, options, "load")
    given: object = source
    if isinstance(given, str | os.PathLike):
        path = os.fsdecode(os.fspath(given))
        if isinstance(given, str) and _looks_like_document(given) and not os.path.exists(path):
            raise _not_a_path(given)
        return _load_path(path, chosen, options)
    if isinstance(given, bytes | bytearray | memoryview):
        data = bytes(given)
        if chosen is None:
            chosen = format_for(None, head=data[:SNIFF_BYTES])
            _check_options(chosen, options, "load")
        return chosen.loads(data, source=None, **options)
    return _load_stream(_readable(given), chosen, options)


def _readable(given: object) -> IO[bytes]:
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


def _load_path(path: str, chosen: Format | None, options: Mapping[str, Any]) -> Relay:
    if chosen is None:
        _, found = _by_suffix(path)
        if len(found) == 1:
            chosen = found[0]
            _check_options(chosen, options, "load")
    with _open_for_reading(path) as handle:
        stream: IO[bytes] = handle
        if chosen is None:
            # A pipe cannot seek back: read on from the stream that still holds the head.
            head, stream = _peek(handle)
            chosen = format_for(path, head=head)
            _check_options(chosen, options, "load")
        return chosen.loads(stream, source=path, **options)


def _load_stream(stream: IO[bytes], chosen: Format | None, options: Mapping[str, Any]) -> Relay:
    name = getattr(stream, "name", None)
    label = name if isinstance(name, str) else None
    if chosen is None:
        _, found = _by_suffix(label) if label is not None else ("", [])
        if len(found) == 1:
            chosen = found[0]
        else:
            head, stream = _peek(stream)
            chosen = format_for(label, head=head)
        _check_options(chosen, options, "load")
    return chosen.loads(stream, source=label, **options)


# -- Writing -------------------------------------------------------------------


def dump(
    relay: Relay,
    target: str | os.PathLike[str] | IO[bytes],
    *,
    format: str | None = None,
    redact: bool = False,
    strict: bool = False,
    **options: Any,
) -> tuple[Loss, ...]:
    """Write a relay to a file, by path or to a binary file object.

    A path is written atomically: the document goes to a temporary file in the
    same folder, which replaces the target only once complete, so a failure
    leaves any existing file as it was and no partial file behind. A symbolic
    link is written through (the file it points to is replaced, the link
    stays); an existing file keeps its permissions, and a new one gets those
    any new file gets (the process umask is never changed).

    Args:
        relay: The relay to write.
        target: A path (native files are named ``*.relay.json``), or a file
            object opened in binary mode.
        format: A registered format's name; by default the file name tells,
            and a bare ``.json`` is native.
        redact: Leave out every field marked as personal data.
        strict: Refuse to drop anything: raise
            :class:`~torchrelay.exceptions.LossError` and write nothing if the
            format cannot hold all of *relay*.
        **options: The format's write options, such as ``indent=2`` for
            native; each format documents its own.

    Returns:
        What the format could not hold, one :class:`~torchrelay.adapters.Loss`
        a feature; empty when nothing was dropped.

    Warns:
        LossWarning: If anything was dropped, listing it.

    Raises:
        UnknownFormatError: If the format is unknown or cannot be told.
        UnknownOptionError: If the format takes no option of a given name.
        ArgumentError: If the arguments are swapped, or *target* is not a
            path or a binary file object.
        NoSuchFileError: If the folder to write into does not exist.
        IsDirectoryError: If the target is a folder.
        LossError: If *strict* and the format cannot hold everything.
        PluginError: If the format is a plugin that failed to load.
        OSError: If the operating system cannot write the file (a full disk,
            no permission).

    .. versionadded:: 0.1.0
    """
    return _dump(relay, target, format, redact=redact, strict=strict, options=options, level=3)


def _dump(
    relay: Relay,
    target: str | os.PathLike[str] | IO[bytes],
    format: str | None,
    *,
    redact: bool,
    strict: bool,
    options: Mapping[str, Any],
    level: int,
) -> tuple[Loss, ...]:
    """:func:`dump`, warning *level* frames up (3: the caller of the public function)."""
    path, name = _target(relay, target)
    if path is not None:
        _check_writable(path)
    fmt = get_format(format) if format is not None else None
    if fmt is None:
        fmt = format_for(name if isinstance(name, str) else None)
    _check_options(fmt, options, "dump")
    found = losses(_redact(relay) if redact else relay, fmt.keeps)
    if found and strict:
        raise LossError(found, fmt.name)
    data = _encode(fmt, fmt.dumps(relay, redact=redact, **options))
    if path is None:
        target.write(data)  # type: ignore[union-attr]
    else:
        _write(path, data)
    if found:
        lines = "".join(f"\n  - {loss}" for loss in found)
        msg = f"format {fmt.name!r} cannot hold everything; dropped:{lines}"
        warnings.warn(msg, LossWarning, stacklevel=level)
    return found


def _target(relay: object, target: object) -> tuple[str | None, object]:
    """The path to write (``None`` for a file object) and the name that tells the format."""
    if not isinstance(relay, Relay):
        if isinstance(target, Relay):
            msg = "dump() takes the relay first, then the target: dump(relay, target)"
        else:
            msg = f"dump() writes a Relay (got {type(relay).__name__}: {relay!r:.60})"
        raise ArgumentError(msg)
    if isinstance(target, str | os.PathLike):
        path = os.fsdecode(os.fspath(target))
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


def _check_writable(path: str) -> None:
    """Refuse a folder as target, or a folder to write into that does not exist."""
    if os.path.isdir(path):
        example = os.path.join(path, "x.relay.json")
        msg = f"{path}: is a folder; dump() writes a file, such as {example}"
        raise IsDirectoryError(msg, path)
    folder = os.path.dirname(os.path.realpath(path))
    if not os.path.isdir(folder):
        msg = f"{path}: the folder {folder} does not exist; create it first"
        raise NoSuchFileError(msg, path)


def _write(path: str, data: bytes) -> None:
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
