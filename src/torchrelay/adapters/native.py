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

import numpy as np

from .._claims import Source
from .._columns import NO_OFFSET
from .._convert import NAMESPACED_PATTERN
from .._geo import AltitudeReference, Place
from .._path import Path
from .._relay import Relay
from .._relay import redact as _redact
from ..exceptions import InvalidTypeError, Location, ParseError, Problem, TorchRelayError
from ._engine import Codec, Invalid, Kind, Reader, Where, check_object, parse_json, type_name
from ._format import Feature, Format, Loss

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
_PATH_KEYS = frozenset(
    {
        "latitudes",
        "longitudes",
        "altitudes",
        "altitude_reference",
        "times",
        "offsets",
        "timezone",
        "segment_starts",
        "columns",
    }
)
_NUMBERS = frozenset({float, int})


def _nullable(column: np.ndarray[Any, Any]) -> list[Any]:
    values: list[Any] = column.tolist()
    if np.isnan(column).any():
        values = [None if v != v else v for v in values]  # noqa: PLR0124 (NaN test)
    return values


def _write_path(path: Path) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "latitudes": path.latitudes.tolist(),
        "longitudes": path.longitudes.tolist(),
    }
    if path.altitudes is not None:
        doc["altitudes"] = _nullable(path.altitudes)
    if path.altitude_reference is not AltitudeReference.MEAN_SEA_LEVEL:
        doc["altitude_reference"] = path.altitude_reference.value
    if path.times is not None:
        doc["times"] = _nullable(path.times)
    if path.offsets is not None:
        offsets = path.offsets.tolist()
        none = int(NO_OFFSET)
        doc["offsets"] = [None if v == none else v for v in offsets]
    if path.timezone is not None:
        doc["timezone"] = path.timezone
    if path.segment_starts:
        doc["segment_starts"] = list(path.segment_starts)
    if path.columns:
        doc["columns"] = {
            name: (
                {"type": "text", "values": column.tolist()}
                if column.dtype == object
                else {"type": "number", "values": _nullable(column)}
            )
            for name, column in path.columns.items()
        }
    return doc


def _numbers(value: Any, where: Where, reader: Reader, *, nullable: bool) -> list[Any] | None:
    """A column of numbers (``null`` allowed if *nullable*), or None with a problem recorded."""
    if not isinstance(value, list):
        reader.fail(where, f"must be an array (got {type_name(value)})")
        return None
    kinds = set(map(type, value))
    allowed = _NUMBERS | {type(None)} if nullable else _NUMBERS
    if kinds <= allowed:
        return value
    bad = next(i for i, v in enumerate(value) if type(v) not in allowed)
    what = "a number or null" if nullable else "a number"
    reader.fail((*where, bad), f"must be {what} (got {type_name(value[bad])})")
    return None


def _read_named_columns(value: Any, where: Where, reader: Reader) -> dict[str, Any] | None:
    try:
        check_object(value, where, reader)
    except Invalid:
        return None
    out: dict[str, Any] = {}
    ok = True
    for name, column in value.items():
        here = (*where, name)
        try:
            check_object(column, here, reader)
        except Invalid:
            ok = False
            continue
        if column.keys() != {"type", "values"} or column["type"] not in ("number", "text"):
            reader.fail(here, 'must be {"type": "number" or "text", "values": [...]}')
            ok = False
            continue
        values = column["values"]
        if column["type"] == "number":
            values = _numbers(values, (*here, "values"), reader, nullable=True)
        elif not isinstance(values, list) or not set(map(type, values)) <= {str, type(None)}:
            reader.fail((*here, "values"), "must be an array of strings or null")
            values = None
        else:
            values = np.array(values, dtype=object)  # a text column, even if all null
        if values is None:
            ok = False
        else:
            out[name] = values
    return out if ok else None


def _path_kind(codec: Codec) -> Kind:
    ref_kind = codec.kind(AltitudeReference)

    def read(value: Any, where: Where, reader: Reader) -> Path:
        check_object(value, where, reader)
        unknown = value.keys() - _PATH_KEYS
        for key in sorted(unknown):
            reader.fail((*where, key), "unknown key")
        ok = not unknown
        got: dict[str, Any] = {}
        for key in ("latitudes", "longitudes", "altitudes", "times", "offsets"):
            if key not in value:
                if key in ("latitudes", "longitudes"):
                    reader.fail((*where, key), "is required")
                    ok = False
                continue
            nullable = key in ("altitudes", "times", "offsets")
            got[key] = column = _numbers(value[key], (*where, key), reader, nullable=nullable)
            ok = ok and column is not None
        starts = value.get("segment_starts", [])
        if not isinstance(starts, list) or not all(type(v) is int for v in starts):
            reader.fail((*where, "segment_starts"), "must be an array of whole numbers")
            ok = False
        columns = None
        if "columns" in value:
            columns = _read_named_columns(value["columns"], (*where, "columns"), reader)
            ok = ok and columns is not None
        reference = None
        try:
            reference = ref_kind.read(
                value.get("altitude_reference", "mean_sea_level"),
                (*where, "altitude_reference"),
                reader,
            )
        except Invalid:
            ok = False
        zone = value.get("timezone")
        if zone is not None and not isinstance(zone, str):
            reader.fail((*where, "timezone"), f"must be a string (got {type_name(zone)})")
            ok = False
        offsets = got.get("offsets")
        if offsets is not None and not all(v is None or type(v) is int for v in offsets):
            reader.fail((*where, "offsets"), "must be whole seconds or null")
            ok = False
        if not ok or reference is None:
            raise Invalid
        try:
            return Path.from_arrays(
                got["latitudes"],
                got["longitudes"],
                got.get("altitudes"),
                got.get("times"),
                offsets=offsets,
                segment_starts=starts,
                columns=columns,
                altitude_reference=reference,
                timezone=zone,
            )
        except TorchRelayError as error:
            raise reader.fail(where, str(error)) from None

    def schema() -> dict[str, Any]:
        numbers = {"type": "array", "items": {"type": "number"}}
        nullable = {"type": "array", "items": {"type": ["number", "null"]}}
        column = {
            "type": "object",
            "additionalProperties": False,
            "required": ["type", "values"],
            "properties": {
                "type": {"enum": ["number", "text"]},
                "values": {"type": "array", "items": {"type": ["number", "string", "null"]}},
            },
        }
        return {
            "type": "object",
            "description": "Columns of equal length, one value a point",
            "required": ["latitudes", "longitudes"],
            "additionalProperties": False,
            "properties": {
                "latitudes": numbers,
                "longitudes": numbers,
                "altitudes": nullable,
                "altitude_reference": ref_kind.schema(),
                "times": {**nullable, "description": "POSIX seconds; null for a point without"},
                "offsets": {
                    "type": "array",
                    "items": {"type": ["integer", "null"]},
                    "description": "The UTC offset each time was given with, in seconds",
                },
                "timezone": {"type": "string"},
                "segment_starts": {"type": "array", "items": {"type": "integer", "minimum": 1}},
                "columns": {
                    "type": "object",
                    "propertyNames": {"pattern": NAMESPACED_PATTERN},
                    "additionalProperties": column,
                },
            },
        }

    return Kind(_write_path, read, schema)


def _codec(*, memo: bool) -> Codec:
    return Codec(
        memo=frozenset({Place, Source}) if memo else frozenset(), overrides={Path: _path_kind}
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
    from ._registry import load as _load  # the registry is above this module

    return _load(source, format="native", **options)


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
    from ._registry import _dump  # the registry is above this module

    return _dump(relay, target, "native", redact=redact, strict=strict, options=options, level=3)


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
