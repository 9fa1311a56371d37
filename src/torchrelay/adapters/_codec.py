"""Turning model values into JSON-ready data and back, driven by the attrs fields.

One description of each type, a :class:`_Kind`, gives three things: how to
write a value, how to read it back while collecting every problem with its
location, and its JSON Schema. Field lists are never written twice: they come
from the attrs classes themselves.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import math
import types
import typing
from collections.abc import Callable
from typing import Any

import attrs
import numpy as np
import pendulum

from .._path import Path
from .._time import check_timezone
from ..exceptions import Problem, TorchRelayError

__all__ = ["Codec", "Reader"]

_MISSING = object()


class _InvalidError(Exception):
    """Raised inside a reader to abandon one value; the problem is already recorded."""


class Reader:
    """Collects problems while a document is read, and the values read so far.

    Relays repeat themselves: a day's legs share their places and sources. The
    reader keeps each such value it has built, by its JSON, and hands the same
    object out again (they are immutable), which makes long relays much
    cheaper to read.
    """

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.memo: dict[Any, Any] = {}

    def once(self, key: Any, build: Callable[[], Any]) -> Any:
        """The value built for *key* earlier in this read, or *build()* kept for later."""
        found = self.memo.get(key)
        if found is None:
            found = self.memo[key] = build()
        return found

    def fail(self, where: str, message: str) -> _InvalidError:
        self.problems.append(Problem(where, message))
        return _InvalidError()


def _type_name(value: object) -> str:
    if value is None:
        return "null"
    return {bool: "a boolean", str: "a string", int: "a number", float: "a number"}.get(
        type(value), "an array" if isinstance(value, list) else "an object"
    )


def _check_text(value: str, where: str, reader: Reader) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise reader.fail(where, "text contains a lone surrogate (invalid Unicode)") from None
    return value


@functools.cache
def _zone(name: str) -> pendulum.Timezone:
    return pendulum.timezone(check_timezone(name))


def _freeze(value: Any) -> str:
    """A hashable image of a JSON value: its repr, in which 1, 1.0 and True differ."""
    return repr(value)


def _read_instant(value: str, where: str, reader: Reader) -> pendulum.DateTime:
    text, zone = value, None
    if value.endswith("]") and "[" in value:
        text, _, rest = value.partition("[")
        zone = rest[:-1]
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        msg = f"not an ISO 8601 date and time with offset (got {value!r})"
        raise reader.fail(where, msg) from None
    if parsed.tzinfo is None:
        msg = f"a time must have an offset, such as +04:00 or Z (got {value!r})"
        raise reader.fail(where, msg)
    if zone is None:
        return pendulum.instance(parsed)
    try:
        tz = _zone(zone)
    except TorchRelayError as error:
        raise reader.fail(where, str(error)) from None
    local = parsed.astimezone(tz)
    if local.utcoffset() != parsed.utcoffset():
        msg = (
            f"the offset of {text} does not match {zone} at that instant "
            f"(which was UTC{local.strftime('%z')[:3]}:{local.strftime('%z')[3:]})"
        )
        raise reader.fail(where, msg)
    return pendulum.DateTime(
        local.year,
        local.month,
        local.day,
        local.hour,
        local.minute,
        local.second,
        local.microsecond,
        tzinfo=tz,
        fold=local.fold,
    )


def write_instant(value: pendulum.DateTime) -> str:
    """An instant as RFC 9557 text: ISO 8601 with its offset, then its zone name in brackets."""
    text = value.isoformat()
    if isinstance(value.tzinfo, pendulum.FixedTimezone):
        return text
    return f"{text}[{value.timezone_name}]"


@attrs.frozen
class _Kind:
    """How one type is written, read and described."""

    write: Callable[[Any], Any]
    read: Callable[[Any, str, Reader], Any]
    schema: Callable[[], dict[str, Any]]


def _primitive(kinds: tuple[type, ...], name: str, schema: dict[str, Any]) -> _Kind:
    def read(value: Any, where: str, reader: Reader) -> Any:
        if (isinstance(value, bool) and bool not in kinds) or not isinstance(value, kinds):
            raise reader.fail(where, f"must be {name} (got {_type_name(value)})")
        if isinstance(value, str):
            return _check_text(value, where, reader)
        if isinstance(value, float) and not math.isfinite(value):
            raise reader.fail(where, f"must be a finite number (got {value!r})")
        return value

    return _Kind(lambda v: v, read, lambda: dict(schema))


def _enum(cls: type[enum.Enum]) -> _Kind:
    values = [m.value for m in cls]
    members = {m.value: m for m in cls}

    def read(value: Any, where: str, reader: Reader) -> Any:
        member = members.get(value) if isinstance(value, str) else None
        if member is None:
            msg = f"must be one of {', '.join(map(repr, values))} (got {value!r})"
            raise reader.fail(where, msg)
        return member

    return _Kind(lambda v: v.value, read, lambda: {"enum": values})


def _date() -> _Kind:
    def read(value: Any, where: str, reader: Reader) -> dt.date:
        if isinstance(value, str) and len(value) == 10:
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise reader.fail(where, f"must be a date such as '2013-10-07' (got {value!r})")

    return _Kind(lambda v: v.isoformat(), read, lambda: {"type": "string", "format": "date"})


def _instant() -> _Kind:
    def read(value: Any, where: str, reader: Reader) -> pendulum.DateTime:
        if not isinstance(value, str):
            example = "2013-10-07T12:00:00+04:00[Europe/Moscow]"
            msg = f"must be a time such as {example!r} (got {_type_name(value)})"
            raise reader.fail(where, msg)
        return _read_instant(value, where, reader)

    schema = {
        "type": "string",
        "description": "RFC 9557: an RFC 3339 time with offset, then the IANA zone in brackets",
        "pattern": (
            r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?"
            r"([+-]\d\d:\d\d|Z)(\[[A-Za-z0-9_+\-/]+\])?$"
        ),
    }
    return _Kind(write_instant, read, lambda: dict(schema))


_NUMBER_TYPES = frozenset({float, int})
_PATH_KEYS = frozenset(
    {"latitudes", "longitudes", "altitudes", "altitude_reference", "times", "timezone"}
)


def _column_writer(column: np.ndarray[Any, Any]) -> list[float | None]:
    values: list[float | None] = column.tolist()
    if np.isnan(column).any():
        values = [None if v != v else v for v in values]  # noqa: PLR0124 (NaN test)
    return values


def _read_columns(
    value: dict[str, Any], where: str, reader: Reader
) -> tuple[dict[str, list[float]], bool]:
    """A path document's numeric columns, and whether all of them could be read."""
    columns: dict[str, Any] = {}
    ok = True
    for key in ("latitudes", "longitudes", "altitudes", "times"):
        column = value.get(key)
        here = f"{where}.{key}"
        if column is None:
            if key in ("latitudes", "longitudes"):
                reader.fail(here, "is required")
                ok = False
            continue
        if not isinstance(column, list):
            reader.fail(here, f"must be an array (got {_type_name(column)})")
            ok = False
            continue
        if key == "altitudes" and None in column:
            column = [math.nan if v is None else v for v in column]
        if not set(map(type, column)) <= _NUMBER_TYPES:
            bad = next(i for i, v in enumerate(column) if type(v) not in _NUMBER_TYPES)
            reader.fail(f"{here}[{bad}]", f"must be a number (got {_type_name(column[bad])})")
            ok = False
            continue
        columns[key] = column
    return columns, ok


def _path(codec: Codec) -> _Kind:
    from .._geo import AltitudeReference

    ref_kind = codec.kind(AltitudeReference)

    def write(path: Path) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "latitudes": path.latitudes.tolist(),
            "longitudes": path.longitudes.tolist(),
        }
        if path.altitudes is not None:
            doc["altitudes"] = _column_writer(path.altitudes)
        if path.altitude_reference is not AltitudeReference.MEAN_SEA_LEVEL:
            doc["altitude_reference"] = path.altitude_reference.value
        if path.times is not None:
            doc["times"] = path.times.tolist()
        if path.timezone is not None:
            doc["timezone"] = path.timezone
        return doc

    def read(value: Any, where: str, reader: Reader) -> Path:
        if not isinstance(value, dict):
            raise reader.fail(where, f"must be an object (got {_type_name(value)})")
        unknown = value.keys() - _PATH_KEYS
        for key in unknown:
            reader.fail(f"{where}.{key}", "unknown key")
        columns, ok = _read_columns(value, where, reader)
        ok = ok and not unknown
        reference = None
        try:
            reference = ref_kind.read(
                value.get("altitude_reference", "mean_sea_level"),
                f"{where}.altitude_reference",
                reader,
            )
        except _InvalidError:
            ok = False
        zone = value.get("timezone")
        if zone is not None and not isinstance(zone, str):
            reader.fail(f"{where}.timezone", f"must be a string (got {_type_name(zone)})")
            ok = False
        if not ok or reference is None:
            raise _InvalidError
        try:
            return Path.from_arrays(
                columns["latitudes"],
                columns["longitudes"],
                columns.get("altitudes"),
                columns.get("times"),
                altitude_reference=reference,
                timezone=zone,
            )
        except TorchRelayError as error:
            raise reader.fail(where, str(error)) from None

    def schema() -> dict[str, Any]:
        numbers = {"type": "array", "items": {"type": "number"}}
        return {
            "type": "object",
            "description": "Columns of equal length, one value a point",
            "required": ["latitudes", "longitudes"],
            "additionalProperties": False,
            "properties": {
                "latitudes": numbers,
                "longitudes": numbers,
                "altitudes": {"type": "array", "items": {"type": ["number", "null"]}},
                "altitude_reference": ref_kind.schema(),
                "times": {**numbers, "description": "POSIX seconds"},
                "timezone": {"type": "string"},
            },
        }

    return _Kind(write, read, schema)


class Codec:
    """Writes and reads attrs model classes as JSON-ready data, with their schema.

    Fields equal to their default are left out when writing, and filled in
    when reading; unknown keys are problems, so a misspelt key is never
    silently ignored. Values of the classes in *memo* are built once a read for
    each distinct JSON that describes them.
    """

    def __init__(self, memo: frozenset[type] = frozenset()) -> None:
        self._memo = memo
        self._kinds: dict[Any, _Kind] = {}
        self._defs: dict[str, dict[str, Any]] = {}

    def kind(self, tp: Any) -> _Kind:
        """The description of type *tp*, built once."""
        if tp not in self._kinds:
            self._kinds[tp] = self._build(tp)
        return self._kinds[tp]

    def _build(self, tp: Any) -> _Kind:  # noqa: PLR0911
        origin = typing.get_origin(tp)
        if tp is str:
            return _primitive((str,), "a string", {"type": "string"})
        if tp is int:
            return _primitive((int,), "a whole number", {"type": "integer"})
        if tp is float:
            return _primitive((int, float), "a number", {"type": "number"})
        if tp is pendulum.DateTime:
            return _instant()
        if tp is dt.date:
            return _date()
        if tp is Path:
            return _path(self)
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return _enum(tp)
        if origin is tuple:
            return self._sequence(typing.get_args(tp)[0])
        if origin in (typing.Union, types.UnionType):
            return self._union(typing.get_args(tp))
        if attrs.has(tp):
            return self._class(tp)
        msg = f"no JSON form for {tp!r}"
        raise TypeError(msg)

    def _sequence(self, item_tp: Any) -> _Kind:
        item = self.kind(item_tp)
        memo = item_tp in self._memo

        def read(value: Any, where: str, reader: Reader) -> tuple[Any, ...]:
            if not isinstance(value, list):
                raise reader.fail(where, f"must be an array (got {_type_name(value)})")
            if memo:
                key = (item_tp, "[]", _freeze(value))
                return reader.once(key, lambda: build(value, where, reader))  # type: ignore[no-any-return]
            return build(value, where, reader)

        def build(value: list[Any], where: str, reader: Reader) -> tuple[Any, ...]:
            out, ok = [], True
            for i, element in enumerate(value):
                try:
                    out.append(item.read(element, f"{where}[{i}]", reader))
                except _InvalidError:
                    ok = False
            if not ok:
                raise _InvalidError
            return tuple(out)

        return _Kind(
            lambda v: [item.write(x) for x in v],
            read,
            lambda: {"type": "array", "items": item.schema()},
        )

    def _union(self, args: tuple[Any, ...]) -> _Kind:
        options = [a for a in args if a is not type(None)]
        nullable = len(options) < len(args)
        if len(options) == 1:
            inner = self.kind(options[0])
            write, read_inner, schema_inner = inner.write, inner.read, inner.schema
        elif set(options) == {float, str}:
            # A claim's value: a number or a text.
            prim = _primitive(
                (int, float, str), "a number or a string", {"type": ["number", "string"]}
            )
            write, read_inner, schema_inner = prim.write, prim.read, prim.schema
        else:
            msg = f"no JSON form for a union of {options!r}"
            raise TypeError(msg)

        def read(value: Any, where: str, reader: Reader) -> Any:
            if value is None and nullable:
                return None
            return read_inner(value, where, reader)

        def schema() -> dict[str, Any]:
            inner_schema = schema_inner()
            return {"anyOf": [inner_schema, {"type": "null"}]} if nullable else inner_schema

        return _Kind(lambda v: None if v is None else write(v), read, schema)

    def _class(self, cls: type) -> _Kind:
        described = _ClassKind(self, cls)
        return _Kind(described.write, described.read, described.schema)

    def definitions(self) -> dict[str, dict[str, Any]]:
        """The schema definitions built so far, by class name, sorted."""
        return dict(sorted(self._defs.items()))


class _ClassKind:
    """How an attrs class is written, read and described, from its fields."""

    def __init__(self, codec: Codec, cls: type) -> None:
        self.codec = codec
        self.cls = cls
        self.hints = typing.get_type_hints(cls)
        fields = [f for f in attrs.fields(cls) if f.init]
        self.defaults = {
            f.name: _MISSING if f.default is attrs.NOTHING else f.default for f in fields
        }
        self.names = frozenset(self.defaults)
        self.required = frozenset(n for n, d in self.defaults.items() if d is _MISSING)
        self.memo = cls in codec._memo
        self._kinds: dict[str, _Kind] = {}

    def kinds(self) -> dict[str, _Kind]:
        # Resolved on first use, so that classes can refer to each other.
        if not self._kinds:
            self._kinds = {name: self.codec.kind(self.hints[name]) for name in self.defaults}
        return self._kinds

    def write(self, value: Any) -> dict[str, Any]:
        doc = {}
        for name, kind in self.kinds().items():
            field_value = getattr(value, name)
            default = self.defaults[name]
            if default is not _MISSING and _same(field_value, default):
                continue
            doc[name] = kind.write(field_value)
        return doc

    def read(self, value: Any, where: str, reader: Reader) -> Any:
        if not isinstance(value, dict):
            raise reader.fail(where, f"must be an object (got {_type_name(value)})")
        if not self.memo:
            return self.build(value, where, reader)
        return reader.once((self.cls, _freeze(value)), lambda: self.build(value, where, reader))

    def build(self, value: dict[str, Any], where: str, reader: Reader) -> Any:
        kinds = self.kinds()
        prefix = f"{where}." if where else ""
        ok = True
        if not self.names.issuperset(value) or not self.required.issubset(value):
            for key in value.keys() - self.names:
                reader.fail(f"{prefix}{key}", "unknown key")
            for name in sorted(self.required - value.keys()):
                reader.fail(f"{prefix}{name}", "is required")
            ok = self.required.issubset(value)
        kwargs = {}
        for name, item in value.items():
            kind = kinds.get(name)
            if kind is None:
                continue
            try:
                kwargs[name] = kind.read(item, prefix + name, reader)
            except _InvalidError:
                ok = False
        if not ok:
            raise _InvalidError
        try:
            return self.cls(**kwargs)
        except (TorchRelayError, ValueError, TypeError) as error:
            raise reader.fail(where or "(document)", str(error)) from None

    def schema(self) -> dict[str, Any]:
        name = self.cls.__name__
        defs = self.codec._defs
        if name not in defs:
            defs[name] = {}  # a placeholder against recursion
            props = {field: kind.schema() for field, kind in self.kinds().items()}
            defs[name] = {
                "type": "object",
                "additionalProperties": False,
                "required": [f for f in self.defaults if f in self.required],
                "properties": props,
            }
        return {"$ref": f"#/$defs/{name}"}


def _same(value: Any, default: Any) -> bool:
    if isinstance(value, Path) or isinstance(default, Path):
        return value is default
    return bool(value == default) and type(value) is type(default)
