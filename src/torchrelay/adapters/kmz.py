"""KMZ: a zip holding a KML document as ``doc.kml``, as Google Earth saves and opens it.

Conventions:

- Writing gives a zip with one deflated entry, ``doc.kml``, holding what
  :func:`torchrelay.adapters.kml.dumps` writes; :func:`dumps` returns bytes,
  the same bytes for the same relay.
- Reading streams the archive's ``doc.kml`` (or, without one, its first
  ``.kml`` entry) into the KML reader; nothing is extracted to the disk. The
  archive is checked against the zip limits first (see
  :class:`~torchrelay.adapters.XMLLimits`): ``max_entries`` entries and
  ``max_uncompressed`` bytes unpacked, by the sizes the archive declares;
  unpacking never goes past an entry's declared size, and an archive that
  lies about it fails its CRC check. An entry whose name is absolute or
  climbs out of the archive, an encrypted entry, or a file that is not a zip
  is a :class:`~torchrelay.exceptions.ParseError` naming the file and the
  entry.

>>> from torchrelay.adapters import kmz
>>> from torchrelay.datasets import demo_relay
>>> data = kmz.dumps(demo_relay())
>>> data[:2]
b'PK'

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib
from typing import IO, Any

from .._relay import Relay
from ..exceptions import InvalidTypeError, ParseError, Problem
from ._files import load_with, target_of, write_relay
from ._format import Format, Loss
from ._kml_read import read_kml
from ._xml import LIMIT_OPTIONS, XMLLimits
from .kml import KEEPS, _check_limits
from .kml import dumps as _kml_dumps

__all__ = ["DOCUMENT", "FORMAT", "KEEPS", "dump", "dumps", "load", "loads"]

DOCUMENT = "doc.kml"
"""The name of the KML entry torchrelay writes, and the one it reads first.

.. versionadded:: 0.1.0
"""

_READ_OPTIONS = LIMIT_OPTIONS
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error, OSError)
_STAMP = (1980, 1, 1, 0, 0, 0)


def _fail(source: str | None, where: str, message: str) -> ParseError:
    """A ParseError of the archive *source*, at *where* (an entry) if given."""
    return ParseError([Problem("", f"{where}: {message}" if where else message)], source)


class _Entry(io.RawIOBase):
    """An entry being unpacked, whose failures (a bad CRC, a broken stream) are ParseErrors.

    :mod:`zipfile` never gives more than an entry's declared size, which
    :func:`_document` has checked against ``max_uncompressed``; an archive
    that lies about the size fails its CRC check here.
    """

    def __init__(self, stream: IO[bytes], name: str, source: str | None) -> None:
        self._stream = stream
        self._name = name
        self._source = source

    def read(self, size: int = -1) -> bytes:
        try:
            return self._stream.read(size)
        except _ZIP_ERRORS as error:
            raise _fail(self._source, f"entry {self._name}", f"cannot unpack: {error}") from None


def _archive(data: object, limits: XMLLimits, source: str | None) -> IO[bytes]:
    """*data* as a seekable binary stream within ``max_bytes``."""
    if isinstance(data, str):
        msg = "a KMZ is a zip: pass its bytes or a binary file object, not text"
        raise InvalidTypeError(msg)
    if isinstance(data, bytes | bytearray | memoryview):
        stream: IO[bytes] = io.BytesIO(bytes(data))
    elif callable(getattr(data, "read", None)):
        stream = data  # type: ignore[assignment]
        seekable = getattr(stream, "seekable", None)
        if not (callable(seekable) and seekable()):
            head: object = stream.read(limits.max_bytes + 1)
            if not isinstance(head, bytes):
                msg = "loads() reads binary file objects; open the file with 'rb'"
                raise InvalidTypeError(msg)
            stream = io.BytesIO(head)
    else:
        msg = f"loads() takes bytes or a binary file object (got {type(data).__name__})"
        raise InvalidTypeError(msg)
    start = stream.tell()
    size = stream.seek(0, io.SEEK_END) - start
    stream.seek(start)
    if size > limits.max_bytes:
        msg = f"the archive is larger than {limits.max_bytes:,} bytes; pass a larger max_bytes= to read it"  # noqa: E501
        raise _fail(source, "", msg)
    if size == 0:
        raise _fail(source, "", "the archive is empty")
    _check_directory(stream, size, limits, source)
    return stream


_EOCD = struct.Struct("<4s4H2LH")  # end of central directory: signature ... entries, size
_ZIP64_LOCATOR = struct.Struct("<4sLQL")
_ZIP64_EOCD = struct.Struct("<4sQ2H2L4Q")
_CENTRAL_BYTES_AN_ENTRY = 1024  # the most a central directory may spend on an entry on average


def _directory(stream: IO[bytes], size: int) -> tuple[int, int] | None:
    """The archive's entry count and central directory size, from its end records.

    Read before :mod:`zipfile` parses the central directory, so that an archive
    of a million empty entries is refused without building a million objects.
    ``None`` where the records are not found: :mod:`zipfile` then says why.
    """
    start = stream.tell()
    tail_size = min(size, _EOCD.size + 0xFFFF)  # the record, then a comment of up to 64 KiB
    stream.seek(start + size - tail_size)
    tail = stream.read(tail_size)
    stream.seek(start)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < _EOCD.size:
        return None
    *_, entries, directory, _offset, _comment = _EOCD.unpack_from(tail, at)
    if entries == 0xFFFF or directory == 0xFFFFFFFF:  # ZIP64: the counts are in another record
        locator = at - _ZIP64_LOCATOR.size
        if locator < 0 or tail[locator : locator + 4] != b"PK\x06\x07":
            return None
        record = _ZIP64_LOCATOR.unpack_from(tail, locator)[2]
        if not 0 <= record <= size - _ZIP64_EOCD.size:
            return None
        stream.seek(start + record)
        found = stream.read(_ZIP64_EOCD.size)
        stream.seek(start)
        if len(found) < _ZIP64_EOCD.size or found[:4] != b"PK\x06\x06":
            return None
        fields = _ZIP64_EOCD.unpack(found)
        entries, directory = fields[6], fields[7]
    return entries, directory


def _check_directory(stream: IO[bytes], size: int, limits: XMLLimits, source: str | None) -> None:
    found = _directory(stream, size)
    if found is None:
        return
    entries, directory = found
    if entries > limits.max_entries or directory > limits.max_entries * _CENTRAL_BYTES_AN_ENTRY:
        msg = (
            f"more than {limits.max_entries:,} entries (its directory lists {entries:,} in "
            f"{directory:,} bytes); pass a larger max_entries= to read it"
        )
        raise _fail(source, "", msg)


def _unsafe(name: str) -> bool:
    """Whether an entry's name is absolute or climbs out of the archive."""
    parts = name.replace("\\", "/").split("/")
    return name.startswith(("/", "\\")) or ":" in parts[0] or ".." in parts or "\0" in name


def _document(archive: zipfile.ZipFile, limits: XMLLimits, source: str | None) -> zipfile.ZipInfo:
    entries = archive.infolist()
    if len(entries) > limits.max_entries:
        msg = f"more than {limits.max_entries:,} entries; pass a larger max_entries= to read it"
        raise _fail(source, "", msg)
    total = 0
    for info in entries:
        if _unsafe(info.filename):
            msg = "its name is absolute or leads out of the archive"
            raise _fail(source, f"entry {info.filename!r}", msg)
        total += info.file_size
    if total > limits.max_uncompressed:
        msg = (
            f"the entries unpack to {total:,} bytes, more than {limits.max_uncompressed:,}; "
            "pass a larger max_uncompressed= to read it"
        )
        raise _fail(source, "", msg)
    documents = [i for i in entries if not i.is_dir() and i.filename.lower().endswith(".kml")]
    chosen = [i for i in documents if i.filename == DOCUMENT] or documents[:1]
    if not chosen:
        raise _fail(source, "", f"the archive holds no KML document (no {DOCUMENT})")
    info = chosen[0]
    if info.flag_bits & 0x1:
        raise _fail(source, f"entry {info.filename}", "the entry is encrypted")
    return info


def loads(data: bytes | IO[bytes], *, source: str | None = None, **limits: Any) -> Relay:
    """Read a relay from a KMZ given as bytes or a binary file object.

    Args:
        data: The archive.
        source: A name for the input (a file name) to put in error messages.
        **limits: Any limit of :class:`~torchrelay.adapters.XMLLimits`:
            ``max_entries`` and ``max_uncompressed`` for the archive,
            ``max_bytes`` for the archive and its document, the others for
            the document.

    Raises:
        ParseError: If the archive is not a zip, breaks a limit, holds an
            unsafe or encrypted entry or no KML document, or its document
            cannot be read as KML; it names the file and the entry.
        InvalidTypeError: For an unknown limit, text, or *data* of another type.

    .. versionadded:: 0.1.0
    """
    checked = _check_limits(limits, _READ_OPTIONS, "KMZ")
    stream = _archive(data, checked, source)
    try:
        archive = zipfile.ZipFile(stream)
    except _ZIP_ERRORS as error:
        raise _fail(source, "", f"not a KMZ (a zip archive): {error}") from None
    with archive:
        info = _document(archive, checked, source)
        inner = f"{source}/{info.filename}" if source else info.filename
        try:
            opened = archive.open(info)
        except (*_ZIP_ERRORS, NotImplementedError, RuntimeError) as error:
            raise _fail(source, f"entry {info.filename}", f"cannot unpack: {error}") from None
        with opened:
            entry = _Entry(opened, info.filename, source)
            return read_kml(entry, source=inner, limits=checked)


def dumps(relay: Relay, *, redact: bool = False) -> bytes:
    """Write *relay* as a KMZ: a zip whose one entry, ``doc.kml``, is its KML document.

    Args:
        relay: The relay to write.
        redact: Leave out every field marked as personal data.

    .. versionadded:: 0.1.0
    """
    text = _kml_dumps(relay, redact=redact)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo(DOCUMENT, date_time=_STAMP)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()


def load(source: str | os.PathLike[str] | bytes | IO[bytes], **options: Any) -> Relay:
    """Read a KMZ file: :func:`torchrelay.load` with ``format="kmz"``.

    .. versionadded:: 0.1.0
    """
    return load_with(FORMAT, source, options)


def dump(
    relay: Relay,
    target: str | os.PathLike[str] | IO[bytes],
    *,
    redact: bool = False,
    strict: bool = False,
) -> tuple[Loss, ...]:
    """Write a KMZ file: :func:`torchrelay.dump` with ``format="kmz"``.

    .. versionadded:: 0.1.0
    """
    path, _ = target_of(relay, target)
    return write_relay(
        FORMAT, relay, target, path, redact=redact, strict=strict, options={}, level=3
    )


def _sniff(head: bytes) -> bool:
    """Whether a document's first bytes open a zip archive (a local file header)."""
    return head.startswith(b"PK\x03\x04")


FORMAT = Format(
    name="kmz",
    suffixes=(".kmz",),
    media_type="application/vnd.google-earth.kmz",
    binary=True,
    keeps=KEEPS,
    sniff=_sniff,
    loads=loads,
    dumps=dumps,
    read_options=_READ_OPTIONS,
    description="KMZ: a zip holding the KML document as doc.kml",
)
"""The KMZ format's :class:`~torchrelay.adapters.Format`.

.. versionadded:: 0.1.0
"""
