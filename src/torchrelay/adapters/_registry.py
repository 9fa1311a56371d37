"""The registry of formats, and the two entry points that use it: load and dump.

Formats register themselves here; other packages add theirs through the
``torchrelay.formats`` entry point group, each entry naming a :class:`Format`.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from importlib.metadata import entry_points
from typing import IO, Protocol

import attrs

from .._convert import to_tuple
from .._relay import Relay
from ..exceptions import UnknownFormatError

__all__ = [
    "Dumps",
    "Format",
    "Loads",
    "dump",
    "format_for",
    "formats",
    "get_format",
    "load",
    "register_format",
]

ENTRY_POINT_GROUP = "torchrelay.formats"


class Loads(Protocol):
    """Reads a relay from a document's bytes; *source* names the input in errors.

    .. versionadded:: 0.1.0
    """

    def __call__(self, data: bytes, *, source: str | None = None) -> Relay: ...


class Dumps(Protocol):
    """Writes a relay as a document's bytes, leaving personal data out if *redact*.

    .. versionadded:: 0.1.0
    """

    def __call__(self, relay: Relay, *, redact: bool = False) -> bytes: ...


@attrs.frozen
class Format:
    """A route format that torchrelay can read, write, or both.

    Args:
        name: A short name users pass as ``format=``, such as ``"gpx"``.
        extensions: File name endings that mean this format, longest first
            where they overlap (``".torchrelay.json"`` before ``".json"``).
        loads: Reads a relay from bytes, or ``None`` if the format is write-only.
        dumps: Writes a relay to bytes, or ``None`` if the format is read-only.
        description: One line for listings.

    .. versionadded:: 0.1.0
    """

    name: str
    extensions: tuple[str, ...] = attrs.field(converter=to_tuple)
    loads: Loads | None
    dumps: Dumps | None
    description: str = ""


_formats: dict[str, Format] = {}
_entry_points_loaded = False


def register_format(fmt: Format, *, replace: bool = False) -> None:
    """Make *fmt* available to :func:`torchrelay.load`, :func:`torchrelay.dump` and the CLI.

    Raises:
        ValueError: If a format of that name exists and *replace* is false.

    .. versionadded:: 0.1.0
    """
    if fmt.name in _formats and not replace:
        msg = f"a format named {fmt.name!r} is registered already; pass replace=True"
        raise ValueError(msg)
    _formats[fmt.name] = fmt


def _load_entry_points() -> None:
    global _entry_points_loaded  # noqa: PLW0603
    if _entry_points_loaded:
        return
    _entry_points_loaded = True
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        fmt = ep.load()
        if isinstance(fmt, Format) and fmt.name not in _formats:
            _formats[fmt.name] = fmt


def formats() -> tuple[Format, ...]:
    """Every registered format, built-in and from plugins, by name.

    .. versionadded:: 0.1.0
    """
    _load_entry_points()
    return tuple(_formats[name] for name in sorted(_formats))


def get_format(name: str) -> Format:
    """The format registered under *name*.

    Raises:
        UnknownFormatError: If none is, naming those that are.

    .. versionadded:: 0.1.0
    """
    _load_entry_points()
    try:
        return _formats[name]
    except KeyError:
        known = ", ".join(sorted(_formats))
        msg = f"unknown format {name!r}; known formats: {known}"
        raise UnknownFormatError(msg) from None


def format_for(filename: str) -> Format:
    """The format that a file name's ending stands for; the longest ending wins.

    Raises:
        UnknownFormatError: If no format claims the ending.

    .. versionadded:: 0.1.0
    """
    lower = filename.lower()
    best: tuple[int, Format] | None = None
    for fmt in formats():
        for ext in fmt.extensions:
            if lower.endswith(ext) and (best is None or len(ext) > best[0]):
                best = (len(ext), fmt)
    if best is None:
        msg = f"cannot tell the format of {filename!r} from its name; pass format="
        raise UnknownFormatError(msg)
    return best[1]


def _choose(name: str | None, format: str | None) -> Format:
    if format is not None:
        return get_format(format)
    if name is None:
        msg = "a file object without a name needs format="
        raise UnknownFormatError(msg)
    return format_for(name)


def load(source: str | os.PathLike[str] | IO[bytes], format: str | None = None) -> Relay:
    """Read a relay from a file, by path or from a binary file object.

    Args:
        source: A path, or a file object opened in binary mode.
        format: A registered format's name; by default the file name tells.

    Raises:
        UnknownFormatError: If the format is unknown or cannot be told.
        ParseError: If the file cannot be read as that format; it names the file.
        OSError: If the file cannot be opened.

    .. versionadded:: 0.1.0
    """
    if isinstance(source, str | os.PathLike):
        path = os.fspath(source)
        reader = _reader(_choose(path, format))
        with open(path, "rb") as handle:
            return reader(handle.read(), source=path)
    name = getattr(source, "name", None)
    label = name if isinstance(name, str) else None
    reader = _reader(_choose(label, format))
    return reader(source.read(), source=label)


def _reader(fmt: Format) -> Loads:
    if fmt.loads is None:
        msg = f"format {fmt.name!r} can be written but not read"
        raise UnknownFormatError(msg)
    return fmt.loads


def dump(
    relay: Relay,
    target: str | os.PathLike[str] | IO[bytes],
    format: str | None = None,
    *,
    redact: bool = False,
) -> None:
    """Write a relay to a file, by path or to a binary file object.

    A path is written atomically: the document goes to a temporary file beside
    it, which replaces the target only once complete, so a failure leaves any
    existing file as it was and no partial file behind.

    Args:
        relay: The relay to write.
        target: A path, or a file object opened in binary mode.
        format: A registered format's name; by default the file name tells.
        redact: Leave out every field marked as personal data.

    Raises:
        UnknownFormatError: If the format is unknown or cannot be told.
        OSError: If the file cannot be written.

    .. versionadded:: 0.1.0
    """
    is_path = isinstance(target, str | os.PathLike)
    name = os.fspath(target) if is_path else getattr(target, "name", None)  # type: ignore[arg-type]
    fmt = _choose(name if isinstance(name, str) else None, format)
    if fmt.dumps is None:
        msg = f"format {fmt.name!r} can be read but not written"
        raise UnknownFormatError(msg)
    data = fmt.dumps(relay, redact=redact)
    if not is_path:
        target.write(data)  # type: ignore[union-attr]
        return
    _write_atomically(os.fspath(target), data)  # type: ignore[arg-type]


def _file_mode(path: str) -> int:
    try:
        return os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _write_atomically(path: str, data: bytes) -> None:
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{os.path.basename(path)}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _file_mode(path))
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
