"""How the native format writes a :class:`~torchrelay.Path`: one JSON array a column.

A path of a million points is a million rows of numbers; written as objects a
point it would be several times larger and slower. So native JSON holds each
column (latitudes, longitudes, altitudes, times, offsets, per-point columns)
as one array, ``null`` where a value is missing, and reads it back with one
check a column.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .._columns import NO_OFFSET
from .._convert import NAMESPACED_PATTERN
from .._geo import AltitudeReference
from .._path import Path
from ..exceptions import TorchRelayError
from ._engine import Codec, Invalid, Kind, Reader, Where, check_object, type_name

__all__ = ["path_kind"]

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


def path_kind(codec: Codec) -> Kind:
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
