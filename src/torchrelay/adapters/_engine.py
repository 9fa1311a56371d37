"""The generic engine that turns attrs model values into JSON-ready data and back.

One description of each type, a :class:`Kind`, gives three things: how to
write a value, how to read it back while collecting every problem with its
location, and its JSON Schema. Field lists are never written twice: they come
from the attrs classes themselves. A format supplies its conventions (how it
writes instants or paths) as *overrides*; the native JSON format is one such
set of conventions, and GeoJSON properties and CSV cells reuse the same engine.

Hostile JSON is read into values the engine recognises (:func:`parse_json`):
``NaN``, duplicate keys and numbers too long to convert become markers that
the typed readers report where they stand, never exceptions that escape.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import re
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any

import attrs
import pendulum

from .._convert import NAMESPACED_PATTERN
from .._extras import Extras
from ..exceptions import Location, Problem, TorchRelayError
from ._jsontext import Duplicated, Hostile, parse_json
from ._timetext import INSTANT_PATTERN, TimeTextError, format_instant, parse_instant

__all__ = [
    "Codec",
    "Hostile",
    "Invalid",
    "Kind",
    "Reader",
    "parse_json",
    "type_name",
]

_MISSING = object()
_FIELD = re.compile(r"'([a-z_]+)'")
Where = tuple[str | int, ...]


class Invalid(Exception):  # noqa: N818 (not an error: a signal inside one read)
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

    def fail(self, where: Where, message: str, error: str | None = None) -> Invalid:
        """Record a problem at *where*; return the exception that abandons the value."""
        self.problems.append(Problem(Location(parts=where), message, error=error))
        return Invalid()

    def refused(self, where: Where, error: TorchRelayError, fields: frozenset[str]) -> Invalid:
        """Record what a constructor refused, at the field its error names where it names one."""
        extra: Where = getattr(error, "path", ())
        if not extra:
            named = _FIELD.match(str(error))
            if named is not None and named.group(1) in fields:
                extra = (named.group(1),)
        return self.fail((*where, *extra), str(error), type(error).__name__)


def type_name(value: object) -> str:
    """How a JSON value's type is called in messages."""
    if value is None:
        return "null"
    if isinstance(value, Hostile):
        return value.why
    return {bool: "a boolean", str: "a string", int: "a number", float: "a number"}.get(
        type(value), "an array" if isinstance(value, list) else "an object"
    )


def _bad_number(where: Where, value: object, reader: Reader) -> Invalid:
    if isinstance(value, float):
        return reader.fail(where, f"must be a finite number (got {value!r})")
    return reader.fail(where, f"must be a number (got {type_name(value)})")


def check_object(value: Any, where: Where, reader: Reader) -> dict[str, Any]:
    """*value* if it is a JSON object without repeated keys, else a recorded problem."""
    if not isinstance(value, dict):
        raise reader.fail(where, f"must be an object (got {type_name(value)})")
    if isinstance(value, Duplicated):
        for key in value.duplicates:
            reader.fail((*where, key), "duplicate key in one object")
        raise Invalid
    return value


def check_free(value: Any, where: Where, reader: Reader) -> bool:
    """Report every marker and repeated key inside a free-form JSON value; True if none."""
    ok = True
    stack = [(value, where)]
    while stack:
        item, here = stack.pop()
        if isinstance(item, Hostile):
            reader.fail(here, f"must be a JSON value (got {item.why})")
            ok = False
        elif isinstance(item, float) and not math.isfinite(item):
            reader.fail(here, f"must be a finite number (got {item!r})")
            ok = False
        elif isinstance(item, dict):
            if isinstance(item, Duplicated):
                for key in item.duplicates:
                    reader.fail((*here, key), "duplicate key in one object")
                ok = False
            stack.extend((v, (*here, k)) for k, v in item.items())
        elif isinstance(item, list):
            stack.extend((v, (*here, i)) for i, v in enumerate(item))
    return ok


@attrs.frozen
class Kind:
    """How one type is written, read and described."""

    write: Callable[[Any], Any]
    read: Callable[[Any, Where, Reader], Any]
    schema: Callable[[], dict[str, Any]]


_TEXT_SCHEMA = {"type": "string", "pattern": "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f]*$"}


def _text() -> Kind:
    def read(value: Any, where: Where, reader: Reader) -> str:
        if not isinstance(value, str):
            raise reader.fail(where, f"must be a string (got {type_name(value)})")
        return value  # the constructor checks the characters

    return Kind(lambda v: v, read, lambda: dict(_TEXT_SCHEMA))


def _integer() -> Kind:
    def read(value: Any, where: Where, reader: Reader) -> int:
        if type(value) is not int:
            raise reader.fail(where, f"must be a whole number (got {type_name(value)})")
        return value

    return Kind(lambda v: v, read, lambda: {"type": "integer"})


def _number() -> Kind:
    def read(value: Any, where: Where, reader: Reader) -> float:
        if type(value) is float and math.isfinite(value):
            return value
        if type(value) is int:
            return value
        raise _bad_number(where, value, reader)

    return Kind(lambda v: v, read, lambda: {"type": "number"})


def _number_or_text() -> Kind:
    number, text = _number(), _text()

    def read(value: Any, where: Where, reader: Reader) -> Any:
        return (text if isinstance(value, str) else number).read(value, where, reader)

    return Kind(lambda v: v, read, lambda: {"anyOf": [number.schema(), text.schema()]})


def _enum(cls: type[enum.Enum]) -> Kind:
    values = [m.value for m in cls]
    members = {m.value: m for m in cls}

    def read(value: Any, where: Where, reader: Reader) -> Any:
        member = members.get(value) if isinstance(value, str) else None
        if member is None:
            shown = repr(value) if isinstance(value, str) else type_name(value)
            msg = f"must be one of {', '.join(map(repr, values))} (got {shown})"
            raise reader.fail(where, msg)
        return member

    return Kind(lambda v: v.value, read, lambda: {"enum": values})


_DATE = re.compile(r"\d{4}-\d\d-\d\d\Z")


def _date() -> Kind:
    def read(value: Any, where: Where, reader: Reader) -> dt.date:
        if isinstance(value, str) and _DATE.match(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise reader.fail(where, f"must be a date such as '2013-10-07' (got {type_name(value)})")

    return Kind(
        lambda v: v.isoformat(),
        read,
        lambda: {"type": "string", "format": "date", "pattern": "^\\d{4}-\\d\\d-\\d\\d$"},
    )


def _instant() -> Kind:
    def read(value: Any, where: Where, reader: Reader) -> pendulum.DateTime:
        if not isinstance(value, str):
            example = "2013-10-07T12:00:00+04:00[Europe/Moscow]"
            msg = f"must be a time such as {example!r} (got {type_name(value)})"
            raise reader.fail(where, msg)
        try:
            return parse_instant(value)
        except TimeTextError as error:
            raise reader.fail(where, str(error)) from None

    schema = {
        "type": "string",
        "description": "RFC 9557: an RFC 3339 time with offset, then the IANA zone in brackets",
        "pattern": INSTANT_PATTERN,
    }
    return Kind(format_instant, read, lambda: dict(schema))


def _extras() -> Kind:
    def read(value: Any, where: Where, reader: Reader) -> Extras:
        check_object(value, where, reader)
        if not check_free(value, where, reader):
            raise Invalid
        try:
            return Extras(value)
        except TorchRelayError as error:
            raise reader.fail(where, str(error)) from None

    schema = {
        "type": "object",
        "description": "What a format holds that the model has no field for, by namespaced key",
        "propertyNames": {"pattern": NAMESPACED_PATTERN},
    }
    return Kind(lambda v: v.to_json(), read, lambda: dict(schema))


def _freeze(value: Any) -> str | None:
    """A hashable image of a JSON value (1, 1.0 and True differ); None if too deep to take."""
    try:
        return repr(value)
    except RecursionError:
        return None


Override = Callable[["Codec"], Kind]


class Codec:
    """Writes and reads attrs model classes as JSON-ready data, with their schema.

    Fields equal to their default are left out when writing, and filled in
    when reading; unknown keys are problems, so a misspelt key is never
    silently ignored. Fields that take no part in equality are not data and
    are neither written nor read. Values of the classes in *memo* are built
    once a read for each distinct JSON that describes them. *overrides* give a
    format's own way with some types, by type.
    """

    def __init__(
        self,
        memo: frozenset[type] = frozenset(),
        overrides: Mapping[Any, Override] | None = None,
    ) -> None:
        self._memo = memo
        self._overrides = dict(overrides or {})
        self._kinds: dict[Any, Kind] = {}
        self.defs: dict[str, dict[str, Any]] = {}

    def kind(self, tp: Any) -> Kind:
        """The description of type *tp*, built once."""
        if tp not in self._kinds:
            self._kinds[tp] = self._build(tp)
        return self._kinds[tp]

    def _build(self, tp: Any) -> Kind:
        override = self._overrides.get(tp)
        if override is not None:
            kind: Kind = override(self)
            return kind
        simple: dict[Any, Callable[[], Kind]] = {
            str: _text,
            int: _integer,
            float: _number,
            pendulum.DateTime: _instant,
            dt.date: _date,
            Extras: _extras,
        }
        if tp in simple:
            return simple[tp]()
        origin = typing.get_origin(tp)
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return _enum(tp)
        if origin is tuple:
            return self._sequence(typing.get_args(tp)[0])
        if origin in (typing.Union, types.UnionType):
            return self._union(typing.get_args(tp))
        if attrs.has(tp):
            return _ClassKind(self, tp).as_kind()
        msg = f"no JSON form for {tp!r}"
        raise TypeError(msg)

    def _sequence(self, item_tp: Any) -> Kind:
        item = self.kind(item_tp)
        memo = item_tp in self._memo

        def read(value: Any, where: Where, reader: Reader) -> tuple[Any, ...]:
            if not isinstance(value, list):
                raise reader.fail(where, f"must be an array (got {type_name(value)})")
            frozen = _freeze(value) if memo else None
            if frozen is not None:
                key = (item_tp, "[]", frozen)
                return reader.once(key, lambda: build(value, where, reader))  # type: ignore[no-any-return]
            return build(value, where, reader)

        def build(value: list[Any], where: Where, reader: Reader) -> tuple[Any, ...]:
            out, ok = [], True
            for i, element in enumerate(value):
                try:
                    out.append(item.read(element, (*where, i), reader))
                except Invalid:
                    ok = False
            if not ok:
                raise Invalid
            return tuple(out)

        return Kind(
            lambda v: [item.write(x) for x in v],
            read,
            lambda: {"type": "array", "items": item.schema()},
        )

    def _union(self, args: tuple[Any, ...]) -> Kind:
        options = [a for a in args if a is not type(None)]
        nullable = len(options) < len(args)
        if len(options) == 1:
            inner = self.kind(options[0])
        elif set(options) == {float, str}:
            inner = _number_or_text()  # a claim's value
        else:
            msg = f"no JSON form for a union of {options!r}"
            raise TypeError(msg)

        def read(value: Any, where: Where, reader: Reader) -> Any:
            if value is None and nullable:
                return None
            return inner.read(value, where, reader)

        def schema() -> dict[str, Any]:
            inner_schema = inner.schema()
            return {"anyOf": [inner_schema, {"type": "null"}]} if nullable else inner_schema

        write = inner.write
        return Kind(lambda v: None if v is None else write(v), read, schema)

    def definitions(self) -> dict[str, dict[str, Any]]:
        """The schema definitions built so far, by class name, sorted."""
        return dict(sorted(self.defs.items()))


class _ClassKind:
    """How an attrs class is written, read and described, from its fields."""

    def __init__(self, codec: Codec, cls: type) -> None:
        self.codec = codec
        self.cls = cls
        self.hints = typing.get_type_hints(cls)
        fields = [f for f in attrs.fields(cls) if f.init and f.eq is not False]
        self.defaults: dict[str, Any] = {}
        for f in fields:
            default = f.default
            if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                default = default.factory()
            self.defaults[f.name] = _MISSING if default is attrs.NOTHING else default
        self.names = frozenset(self.defaults)
        self.required = frozenset(n for n, d in self.defaults.items() if d is _MISSING)
        self.memo = cls in codec._memo
        self._kinds: dict[str, Kind] = {}

    def as_kind(self) -> Kind:
        return Kind(self.write, self.read, self.schema)

    def kinds(self) -> dict[str, Kind]:
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

    def read(self, value: Any, where: Where, reader: Reader) -> Any:
        check_object(value, where, reader)
        frozen = _freeze(value) if self.memo else None
        if frozen is None:
            return self.build(value, where, reader)
        return reader.once((self.cls, frozen), lambda: self.build(value, where, reader))

    def build(self, value: dict[str, Any], where: Where, reader: Reader) -> Any:
        kinds = self.kinds()
        ok = True
        if not self.names.issuperset(value) or not self.required.issubset(value):
            for key in value.keys() - self.names:
                reader.fail((*where, key), "unknown key")
            for name in sorted(self.required - value.keys()):
                reader.fail((*where, name), "is required")
            ok = False
        kwargs = {}
        for name, item in value.items():
            kind = kinds.get(name)
            if kind is None:
                continue
            try:
                kwargs[name] = kind.read(item, (*where, name), reader)
            except Invalid:
                ok = False
        if not ok:
            self.probe(kwargs, where, reader)
            raise Invalid
        try:
            return self.cls(**kwargs)
        except TorchRelayError as error:
            if not getattr(error, "path", ()) and _FIELD.match(str(error)) is None:
                # The message names no field: find the fields that are wrong alone.
                before = len(reader.problems)
                self.probe(kwargs, where, reader)
                if len(reader.problems) > before:
                    raise Invalid from None
            raise reader.refused(where, error, self.names) from None

    def probe(self, kwargs: dict[str, Any], where: Where, reader: Reader) -> None:
        """Check the fields that were read one by one, when the whole cannot be built.

        So one pass reports a bad relay time zone beside a bad leg, not after it.
        """
        fields = attrs.fields_dict(self.cls)
        for name, value in kwargs.items():
            field = fields[name]
            try:
                checked = field.converter(value) if callable(field.converter) else value
                if field.validator is not None:
                    field.validator(None, field, checked)
            except TorchRelayError as error:
                reader.refused((*where, name), error, frozenset())

    def schema(self) -> dict[str, Any]:
        name = self.cls.__name__
        defs = self.codec.defs
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
    if attrs.has(type(value)) or attrs.has(type(default)):
        return value is default
    return bool(value == default) and type(value) is type(default)
