"""torchrelay's own JSON format: everything the model holds, and nothing lost.

Conventions:

- One JSON object with ``"format": "torchrelay"`` and ``"version": 1``, then
  the :class:`~torchrelay.Relay`'s fields under the same names as in Python.
- Fields equal to their default are left out; unknown keys are errors.
- Times are RFC 9557 text: an RFC 3339 time with its offset, then the IANA zone
  name in brackets, ``2013-11-09T18:40:00+04:00[Europe/Moscow]``. The zone is
  part of the data: the same instant in another zone writes differently. An
  offset that disagrees with its zone is an error.
- A :class:`~torchrelay.Path` is columns: ``latitudes``, ``longitudes``,
  optional ``altitudes`` (``null`` where a point has none), ``times`` in POSIX
  seconds, and the path's ``altitude_reference`` and ``timezone``.
- Encoded as UTF-8 without a byte order mark; a UTF-8 BOM is accepted and
  ignored when reading. NaN and Infinity are not JSON and are refused.
- Floats are written with Python's shortest round-trip form, so
  ``loads(dumps(r)) == r`` and ``dumps(loads(dumps(r))) == dumps(r)``.

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
from .._relay import Relay
from .._relay import redact as _redact
from ..exceptions import ParseError, Problem
from ._codec import Codec, Reader, _InvalidError
from ._format import Feature, Format, Loss

__all__ = ["FORMAT", "FORMAT_VERSION", "dump", "dumps", "load", "loads", "schema"]

FORMAT_VERSION = 1
"""The version of the native format that this torchrelay writes and reads.

.. versionadded:: 0.1.0
"""

SCHEMA_ID = "https://torchrelay.invalid/schemas/torchrelay-1.schema.json"

_codec = Codec(memo=frozenset({Place, Source}))
_relay_kind = _codec.kind(Relay)
_HEADER_KEYS = ("format", "version", "$schema")


def dumps(relay: Relay, *, redact: bool = False, indent: int | None = None) -> str:
    """Write *relay* as native JSON text.

    Args:
        relay: The relay to write.
        redact: Leave out every field marked as personal data.
        indent: Indent nested values by this many spaces; compact if ``None``.

    Returns:
        The document, ending with a newline.

    .. versionadded:: 0.1.0
    """
    if redact:
        relay = _redact(relay)
    doc: dict[str, Any] = {"format": "torchrelay", "version": FORMAT_VERSION}
    doc.update(_relay_kind.write(relay))
    separators = (",", ": ") if indent is not None else (",", ":")
    return (
        json.dumps(doc, ensure_ascii=False, allow_nan=False, indent=indent, separators=separators)
        + "\n"
    )


def _refuse_constant(name: str) -> Any:
    msg = f"{name} is not JSON"
    raise ValueError(msg)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    doc = dict(pairs)
    if len(doc) != len(pairs):
        seen: set[str] = set()
        dupes = [k for k, _ in pairs if k in seen or seen.add(k)]  # type: ignore[func-returns-value]
        msg = f"duplicate key {dupes[0]!r} in one object"
        raise ValueError(msg)
    return doc


def _decode(data: str | bytes) -> str:
    if isinstance(data, str):
        return data[1:] if data.startswith("\ufeff") else data
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        msg = "the document is UTF-16; torchrelay JSON must be UTF-8"
        raise ParseError([Problem("byte 0", msg)])
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        msg = f"invalid UTF-8 ({error.reason}); torchrelay JSON must be UTF-8"
        raise ParseError([Problem(f"byte {error.start}", msg)]) from None


def _parse_json(text: str) -> Any:
    try:
        return json.loads(text, parse_constant=_refuse_constant, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise ParseError([Problem(where, error.msg)]) from None
    except RecursionError:
        raise ParseError([Problem("", "the document is nested too deeply")]) from None
    except ValueError as error:
        raise ParseError([Problem("", str(error))]) from None


def loads(data: str | bytes | IO[bytes], *, source: str | None = None) -> Relay:
    """Read a relay from native JSON text, UTF-8 bytes or a binary file object (read whole).

    Every problem in the document is collected before raising, each with its
    location, such as ``legs[3].arrives``.

    Args:
        data: The document, or a binary file object to read it from.
        source: A name for the input (a file name) to put in error messages.

    Raises:
        ParseError: If the document is not valid native JSON, or describes a
            relay that cannot be built.

    .. versionadded:: 0.1.0
    """
    if not isinstance(data, str | bytes):
        data = data.read()
    try:
        doc = _parse_json(_decode(data))
    except ParseError as error:
        raise ParseError(error.problems, source) from None
    if not isinstance(doc, dict):
        raise ParseError([Problem("", "the document must be a JSON object")], source)
    if doc.get("format") != "torchrelay":
        msg = (
            f"not a torchrelay document: 'format' must be 'torchrelay' (got {doc.get('format')!r})"
        )
        raise ParseError([Problem("format", msg)], source)
    version = doc.get("version")
    if version != FORMAT_VERSION:
        msg = (
            f"unsupported native format version {version!r}: "
            f"this torchrelay reads version {FORMAT_VERSION}"
        )
        raise ParseError([Problem("version", msg)], source)
    body = {k: v for k, v in doc.items() if k not in _HEADER_KEYS}
    reader = Reader()
    try:
        relay: Relay = _relay_kind.read(body, "", reader)
    except _InvalidError:
        raise ParseError(reader.problems, source) from None
    if reader.problems:
        raise ParseError(reader.problems, source)
    return relay


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the native format, as shipped.

    .. versionadded:: 0.1.0
    """
    text = (
        resources.files(__package__).joinpath("schemas/torchrelay-1.schema.json").read_text("utf-8")
    )
    result: dict[str, Any] = json.loads(text)
    return result


def build_schema() -> dict[str, Any]:
    """Build the JSON Schema from the model's classes; the shipped file is its output.

    .. versionadded:: 0.1.0
    """
    codec = Codec()
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
        "title": "torchrelay native relay document, version 1",
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

    return _load(source, "native", **options)


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
    write_options={"indent"},
    description="torchrelay's own JSON: everything the model holds, nothing lost",
)
"""The native format's :class:`~torchrelay.adapters.Format`; it keeps every feature.

Files are named ``*.relay.json``; ``*.torchrelay.json`` is read too, and a bare
``*.json`` is native when written, and told from GeoJSON by its first bytes
when read. Write option: ``indent``.

.. versionadded:: 0.1.0
"""
