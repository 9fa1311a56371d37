"""torchrelay's own JSON format: everything the model holds, and nothing lost.

Conventions:

- One JSON object with ``"format": "torchrelay"`` and ``"version": 2``, then
  the :class:`~torchrelay.Relay`'s fields under the same names as in Python.
- Fields equal to their default are left out; unknown keys are errors.
- Times are RFC 9557 text: an RFC 3339 time with its offset, then the IANA zone
  name in brackets, ``2013-11-09T18:40:00+04:00[Europe/Moscow]``. The zone is
  part of the data: the same instant in another zone writes differently. An
  offset that disagrees with its zone is an error. A time at a fixed offset has
  no brackets; one whose zone then had an offset with seconds is written in UTC
  (``...Z[Europe/Moscow]``), as RFC 3339 offsets have no seconds.
- A :class:`~torchrelay.Path` is columns of equal length: ``latitudes``,
  ``longitudes``, optional ``altitudes`` and ``times`` (POSIX seconds), each
  ``null`` where a point has none; ``offsets``, the UTC offset in seconds each
  time was given with (``null`` for none); ``segment_starts``; ``columns``,
  each ``{"type": "number" | "text", "values": [...]}``; and the path's
  ``altitude_reference`` and ``timezone``.
- ``extras`` on a relay, branch, leg, place, source, sponsor or torchbearer is
  an object of namespaced keys with JSON values, written as given.
- Encoded as UTF-8 without a byte order mark; a UTF-8 BOM is accepted and
  ignored when reading. NaN and Infinity are not JSON and are refused.
- Floats are written with Python's shortest round-trip form, so
  ``loads(dumps(r)) == r`` and ``dumps(loads(dumps(r))) == dumps(r)``.
- A document larger than :data:`MAX_BYTES` is refused unless ``max_bytes=``
  allows it; a version 1 document is refused, naming its version.

The JSON Schema of the format ships with the package; :func:`schema` returns it.

>>> from torchrelay.adapters.native import dumps, loads
>>> from torchrelay.datasets import demo_relay
>>> text = dumps(demo_relay())
>>> loads(text) == demo_relay()
True

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import json
import os
import re
from importlib import resources
from typing import IO, Any

from .._claims import Source
from .._geo import Place
from .._path import Path
from .._redact import redact as _redact
from .._relay import Relay
from ..exceptions import InvalidTypeError, Location, ParseError, Problem
from ._engine import Codec, Invalid, Reader, check_object, parse_json, type_name
from ._files import load_with, target_of, write_relay
from ._format import Feature, Format, Loss
from ._pathcolumns import path_kind

__all__ = ["FORMAT", "FORMAT_VERSION", "MAX_BYTES", "dump", "dumps", "load", "loads", "schema"]

FORMAT_VERSION = 2
"""The version of the native format that this torchrelay writes and reads.

.. versionadded:: 0.1.0
"""

MAX_BYTES = 256 * 1024 * 1024
"""The largest document :func:`loads` reads unless its ``max_bytes`` allows more.

A relay with a million-point timed path takes about 60 MB.

.. versionadded:: 0.1.0
"""

SCHEMA_ID = "https://torchrelay.invalid/schemas/torchrelay-2.schema.json"
_SCHEMA_FILE = "schemas/torchrelay-2.schema.json"
_HEADER_KEYS = ("format", "version", "$schema")


def _codec(*, memo: bool) -> Codec:
    return Codec(
        memo=frozenset({Place, Source}) if memo else frozenset(), overrides={Path: path_kind}
    )


_relay_kind = _codec(memo=True).kind(Relay)


def dumps(relay: object, *, redact: bool = False, indent: int | None = None) -> str:
    """Write *relay* as native JSON text.

    Args:
        relay: The relay to write.
        redact: Leave out every field marked as personal data.
        indent: Indent nested values by this many spaces; compact if ``None``.

    Returns:
        The document, ending with a newline.

    Raises:
        InvalidTypeError: If *relay* is not a :class:`~torchrelay.Relay`.

    .. versionadded:: 0.1.0
    """
    if not isinstance(relay, Relay):
        msg = f"dumps() takes a Relay (got {type(relay).__name__})"
        raise InvalidTypeError(msg)
    if indent is not None and (type(indent) is not int or indent < 0):
        msg = f"'indent' must be a whole number of spaces, 0 or more, or None (got {indent!r})"
        raise InvalidTypeError(msg)
    if redact:
        relay = _redact(relay)
    doc: dict[str, Any] = {"format": "torchrelay", "version": FORMAT_VERSION}
    doc.update(_relay_kind.write(relay))
    separators = (",", ": ") if indent is not None else (",", ":")
    return (
        json.dumps(doc, ensure_ascii=False, allow_nan=False, indent=indent, separators=separators)
        + "\n"
    )


def _decode(data: str | bytes) -> str:
    if isinstance(data, str):
        return data[1:] if data.startswith("\ufeff") else data
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        msg = "the document is UTF-16; torchrelay JSON must be UTF-8"
        raise ParseError([Problem(Location(offset=0), msg)])
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        msg = f"invalid UTF-8 ({error.reason}); torchrelay JSON must be UTF-8"
        raise ParseError([Problem(Location(offset=error.start), msg)]) from None


def _document(data: object, max_bytes: int) -> str:
    if type(max_bytes) is not int or max_bytes < 0:
        msg = f"'max_bytes' must be a whole number of bytes, 0 or more (got {max_bytes!r})"
        raise InvalidTypeError(msg)
    if hasattr(data, "read") and not isinstance(data, str | bytes):
        data = data.read(max_bytes + 1)
    if not isinstance(data, str | bytes | bytearray | memoryview):
        msg = f"loads() takes text, bytes or a binary file object (got {type(data).__name__})"
        raise InvalidTypeError(msg)
    if isinstance(data, bytearray | memoryview):
        data = bytes(data)
    if len(data) > max_bytes:
        msg = (
            f"the document is larger than {max_bytes:,} bytes; pass a larger max_bytes= to read it"
        )
        raise ParseError([Problem(Location(), msg)])
    return _decode(data)


def loads(
    data: str | bytes | IO[bytes],
    *,
    source: str | None = None,
    max_bytes: int = MAX_BYTES,
) -> Relay:
    """Read a relay from native JSON text, UTF-8 bytes or a binary file object (read whole).

    Every problem in the document is collected before raising, each with its
    location, such as ``legs[3].arrives``.

    Args:
        data: The document, or a binary file object to read it from.
        source: A name for the input (a file name) to put in error messages.
        max_bytes: The largest document to read (:data:`MAX_BYTES` unless raised).

    Raises:
        ParseError: If the document is not valid native JSON, or describes a
            relay that cannot be built.
        InvalidTypeError: If *data* is neither text, bytes nor a file object.

    .. versionadded:: 0.1.0
    """
    try:
        doc = parse_json(_document(data, max_bytes))
    except ParseError as error:
        raise ParseError(error.problems, source) from None
    reader = Reader()
    try:
        check_object(doc, (), reader)
    except Invalid:
        if not isinstance(doc, dict):
            raise ParseError(
                [Problem(Location(), "the document must be a JSON object")], source
            ) from None
        raise ParseError(reader.problems, source) from None
    if doc.get("format") != "torchrelay":
        marker = doc.get("format")
        shown = repr(marker) if isinstance(marker, str) else type_name(marker)
        msg = f"not a torchrelay document: 'format' must be 'torchrelay' (got {shown})"
        raise ParseError([Problem(Location.at("format"), msg)], source)
    version = doc.get("version")
    if type(version) is not int or version != FORMAT_VERSION:
        shown = repr(version) if type(version) in (int, str) else type_name(version)
        msg = (
            f"unsupported native format version {shown}: "
            f"this torchrelay reads version {FORMAT_VERSION}"
        )
        raise ParseError([Problem(Location.at("version"), msg)], source)
    if "$schema" in doc and not isinstance(doc["$schema"], str):
        raise ParseError([Problem(Location.at("$schema"), "must be a string")], source)
    body = {k: v for k, v in doc.items() if k not in _HEADER_KEYS}
    try:
        relay: Relay = _relay_kind.read(body, (), reader)
    except Invalid:
        raise ParseError(reader.problems, source) from None
    if reader.problems:
        raise ParseError(reader.problems, source)
    return relay


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the native format, as shipped.

    .. versionadded:: 0.1.0
    """
    text = resources.files(__package__).joinpath(_SCHEMA_FILE).read_text("utf-8")
    result: dict[str, Any] = json.loads(text)
    return result


def build_schema() -> dict[str, Any]:
    """Build the JSON Schema from the model's classes; the shipped file is its output.

    .. versionadded:: 0.1.0
    """
    codec = _codec(memo=False)
    codec.kind(Relay).schema()  # describes every class it reaches in codec.definitions()
    defs = codec.definitions()
    relay_def = dict(defs["Relay"])
    properties = {
        "$schema": {"type": "string"},
        "format": {"const": "torchrelay"},
        "version": {"const": FORMAT_VERSION},
        **relay_def["properties"],
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"torchrelay native relay document, version {FORMAT_VERSION}",
        "type": "object",
        "additionalProperties": False,
        "required": ["format", "version", *relay_def["required"]],
        "properties": properties,
        "$defs": {k: v for k, v in defs.items() if k != "Relay"},
    }


def load(source: str | os.PathLike[str] | bytes | IO[bytes], **options: Any) -> Relay:
    """Read a relay from a native JSON file: :func:`torchrelay.load` with ``format="native"``.

    .. versionadded:: 0.1.0
    """
    return load_with(FORMAT, source, options)


def dump(
    relay: Relay,
    target: str | os.PathLike[str] | IO[bytes],
    *,
    redact: bool = False,
    strict: bool = False,
    **options: Any,
) -> tuple[Loss, ...]:
    """Write a relay as native JSON: :func:`torchrelay.dump` with ``format="native"``.

    Native keeps everything, so the result is always empty.

    .. versionadded:: 0.1.0
    """
    path, _ = target_of(relay, target)
    return write_relay(
        FORMAT, relay, target, path, redact=redact, strict=strict, options=options, level=3
    )


_HEAD = re.compile(rb'\A(?:\xef\xbb\xbf)?\s*\{.*?"format"\s*:\s*"torchrelay"', re.DOTALL)


def _sniff(head: bytes) -> bool:
    """Whether a document's first bytes are a native one: ``{"format": "torchrelay", ...``."""
    return _HEAD.match(head) is not None


FORMAT = Format(
    name="native",
    suffixes=(".relay.json", ".torchrelay.json", ".json"),
    media_type="application/json",
    binary=False,
    keeps=frozenset(Feature),
    sniff=_sniff,
    loads=loads,
    dumps=dumps,
    read_options={"max_bytes"},
    write_options={"indent"},
    description="torchrelay's own JSON: everything the model holds, nothing lost",
)
"""The native format's :class:`~torchrelay.adapters.Format`; it keeps every feature.

Files are named ``*.relay.json``; ``*.torchrelay.json`` is read too, and a bare
``*.json`` is native when written, and told from GeoJSON by its first bytes
when read. Read option: ``max_bytes``; write option: ``indent``.

.. versionadded:: 0.1.0
"""
