"""Every error torchrelay raises, in one tree.

.. code-block:: text

    TorchRelayError
    ├── InvalidValueError (ValueError)        a value that cannot be built: a latitude of 91, NaN
    │   ├── InvalidTypeError (TypeError)      a value of the wrong type for its field
    │   ├── NaiveDatetimeError                a time without a zone
    │   ├── UnknownTimezoneError              a name the IANA database does not know
    │   └── TimeOrderError                    arrival before departure, a relay out of order
    ├── LocalTimeError (ValueError)           a local time that a zone skipped or repeats
    │   ├── NonExistentTimeError              inside a daylight-saving gap
    │   └── AmbiguousTimeError                inside an overlap, with no fold chosen
    ├── ParseError (ValueError)               input that cannot be read; lists every problem
    ├── IncompatibleAltitudeError (ValueError) altitudes measured from different references
    ├── LossError (ValueError)                a strict dump that would drop data; nothing written
    ├── FormatExistsError (ValueError)        a format name registered twice
    ├── UnknownFormatError (LookupError)      no format for a name, file name or document
    ├── NotFoundError (KeyError)              no leg or branch of that id or name in a relay
    ├── ArgumentError (TypeError)             load or dump given arguments they cannot mean
    │   └── UnknownOptionError                an option the format does not take, named
    ├── FileError (OSError)                   a path that cannot be read or written as asked
    │   ├── NoSuchFileError (FileNotFoundError) a missing file, or a missing target folder
    │   └── IsDirectoryError (IsADirectoryError) a folder where a file is needed
    ├── PluginError (ImportError)             a format plugin that failed to load, by name
    └── MissingDependencyError (ImportError)  an optional extra is not installed

    UserWarning
    ├── LossWarning                           what a dump dropped or a load could not keep
    └── PluginWarning                         a format plugin that failed to load, when listed

Each class subclasses the matching builtin as well, so code that already catches
:class:`ValueError` keeps working, and code that wants only our errors catches
:class:`TorchRelayError`. The warnings are not errors and so not in the
tree: they subclass :class:`UserWarning`, which ``warnings.simplefilter``
and pytest's ``filterwarnings`` select.

Disk problems that are nobody's mistake, such as a full disk or a denied
permission, are the operating system's own :class:`OSError` and pass through
unchanged.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import attrs

from . import _errors
from ._errors import (
    AmbiguousTimeError,
    ArgumentError,
    FileError,
    FormatExistsError,
    IncompatibleAltitudeError,
    InvalidTypeError,
    InvalidValueError,
    IsDirectoryError,
    LocalTimeError,
    LossError,
    LossWarning,
    MissingDependencyError,
    NaiveDatetimeError,
    NonExistentTimeError,
    NoSuchFileError,
    NotFoundError,
    PluginError,
    PluginWarning,
    TimeOrderError,
    TorchRelayError,
    UnknownFormatError,
    UnknownOptionError,
    UnknownTimezoneError,
)

__all__ = [
    "AmbiguousTimeError",
    "ArgumentError",
    "FileError",
    "FormatExistsError",
    "IncompatibleAltitudeError",
    "InvalidTypeError",
    "InvalidValueError",
    "IsDirectoryError",
    "LocalTimeError",
    "Location",
    "LossError",
    "LossWarning",
    "MissingDependencyError",
    "NaiveDatetimeError",
    "NoSuchFileError",
    "NonExistentTimeError",
    "NotFoundError",
    "ParseError",
    "PluginError",
    "PluginWarning",
    "Problem",
    "TimeOrderError",
    "TorchRelayError",
    "UnknownFormatError",
    "UnknownOptionError",
    "UnknownTimezoneError",
    "path_text",
]


_TOKEN = re.compile(r"\[(\d+)\]|\.?([^.\[\]]+)")
_LINE = re.compile(r"line (\d+)(?:, column (\d+))?")
_BYTE = re.compile(r"byte (\d+)")


def path_text(path: tuple[str | int, ...]) -> str:
    """A structured location as text: ``("legs", 3, "arrives")`` is ``legs[3].arrives``.

    .. versionadded:: 0.1.0
    """
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _parts(value: object) -> tuple[str | int, ...]:
    if isinstance(value, str):
        msg = f"'parts' must be a tuple of names and indices, not the text {value!r}"
        raise InvalidTypeError(msg)
    if not isinstance(value, Iterable):
        msg = f"'parts' must be a tuple of names and indices (got {value!r})"
        raise InvalidTypeError(msg)
    parts: tuple[Any, ...] = tuple(value)
    for part in parts:
        if isinstance(part, bool) or not isinstance(part, str | int):
            msg = f"'parts' holds names and indices, not {type(part).__name__} ({part!r})"
            raise InvalidTypeError(msg)
        if isinstance(part, int) and part < 0:
            msg = f"an index in 'parts' must not be negative (got {part})"
            raise InvalidValueError(msg)
    return parts


def _count(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        msg = f"'{attribute.name}' must be a whole number or None (got {value!r})"
        raise InvalidTypeError(msg)
    if value < 0:
        msg = f"'{attribute.name}' must not be negative (got {value})"
        raise InvalidValueError(msg)


def _text(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, str):
        msg = f"'{attribute.name}' must be a text or None (got {value!r})"
        raise InvalidTypeError(msg)


@attrs.frozen
class Location:
    """Where something is: a path into a relay or document, or a position in a text.

    A reader's problem with a field and a validation finding on the same field
    have the same location; :meth:`at` builds one from its parts.

    >>> where = Location.at("legs", 1, "arrives", leg=1, field="arrives")
    >>> where.path, where.parts, str(where)
    ('legs[1].arrives', ('legs', 1, 'arrives'), 'legs[1].arrives')
    >>> str(Location(line=12, column=4)), str(Location())
    ('line 12, column 4', '')

    Args:
        parts: The path as names and indices, ``("legs", 3, "arrives")``;
            empty for the relay or the document as a whole.
        line: For a position in a text: its line, from 1.
        column: Its column, from 1.
        offset: For a position in bytes: the byte's index, from 0.
        branch: The name of the branch, ``None`` on the main line or off the legs.
        leg: The leg's index in its line (the main line or its branch).
        leg_id: The leg's :attr:`~torchrelay.Leg.id`, if it has one.
        field: The field concerned, such as ``arrives`` or ``torchbearers``.
        point: The index of a point of the leg's path.
        torchbearer: The torchbearer's id (never their name: names are personal data).

    Raises:
        InvalidTypeError: For parts that are not names and indices.

    .. versionadded:: 0.1.0
    """

    parts: tuple[str | int, ...] = attrs.field(default=(), converter=_parts, kw_only=True)
    line: int | None = attrs.field(default=None, validator=_count, kw_only=True)
    column: int | None = attrs.field(default=None, validator=_count, kw_only=True)
    offset: int | None = attrs.field(default=None, validator=_count, kw_only=True)
    branch: str | None = attrs.field(default=None, validator=_text, kw_only=True)
    leg: int | None = attrs.field(default=None, validator=_count, kw_only=True)
    leg_id: str | None = attrs.field(default=None, validator=_text, kw_only=True)
    field: str | None = attrs.field(default=None, validator=_text, kw_only=True)
    point: int | None = attrs.field(default=None, validator=_count, kw_only=True)
    torchbearer: str | None = attrs.field(default=None, validator=_text, kw_only=True)

    @classmethod
    def at(cls, *parts: str | int, **context: Any) -> Location:
        """The location at the path *parts*, with any of the other fields by name.

        .. versionadded:: 0.1.0
        """
        return cls(parts=parts, **context)

    @classmethod
    def parse(cls, text: object) -> Location:
        """The location a text names: ``legs[3].arrives``, ``line 12, column 4`` or ``byte 7``.

        A name with a dot or a bracket in it cannot be told apart from a path
        in text; build such a location from its parts with :meth:`at`.

        >>> Location.parse("legs[3].arrives").parts
        ('legs', 3, 'arrives')

        .. versionadded:: 0.1.0
        """
        if not isinstance(text, str):
            msg = f"a location's text must be a str (got {text!r})"
            raise InvalidTypeError(msg)
        if match := _LINE.fullmatch(text):
            line, column = match.groups()
            return cls(line=int(line), column=None if column is None else int(column))
        if match := _BYTE.fullmatch(text):
            return cls(offset=int(match.group(1)))
        parts: list[str | int] = []
        for index, name in _TOKEN.findall(text):
            parts.append(int(index) if index else name)
        return cls(parts=tuple(parts))

    @property
    def path(self) -> str:
        """The path as text, such as ``legs[3].arrives``; empty for the whole."""
        return path_text(self.parts)

    def to_dict(self) -> dict[str, Any]:
        """The location as a JSON-ready dictionary with every key present.

        ``path`` is the text and ``parts`` the structured path.

        .. versionadded:: 0.1.0
        """
        fields = attrs.asdict(self)
        fields["parts"] = list(self.parts)
        return {"path": self.path, **fields}

    def __str__(self) -> str:
        if self.parts:
            return self.path
        if self.line is not None:
            column = self.column if self.field is None else repr(self.field)
            return f"line {self.line}" + ("" if column is None else f", column {column}")
        if self.offset is not None:
            return f"byte {self.offset}"
        return ""


def _location(value: Location | str) -> Location:
    return value if isinstance(value, Location) else Location.parse(value)


@attrs.frozen
class Problem:
    """One thing wrong with an input, and where it is.

    >>> problem = Problem(Location.at("legs", 1, "arrives"), "before departure")
    >>> str(problem), problem.path
    ('legs[1].arrives: before departure', ('legs', 1, 'arrives'))

    Args:
        location: Where the problem is, a :class:`Location`: a path into the
            document such as ``legs[3].arrives``, or a line and column. A text
            is read with :meth:`Location.parse`.
        message: What was wrong, in a sentence a person can act on.
        error: The name of the error class a constructor raised, such as
            ``"TimeOrderError"``, where one did.

    .. versionadded:: 0.1.0
    """

    location: Location = attrs.field(converter=_location)
    message: str
    error: str | None = attrs.field(default=None, kw_only=True)

    @property
    def path(self) -> tuple[str | int, ...]:
        """The location's structured path, ``("legs", 3, "arrives")``; empty in a text."""
        return self.location.parts

    def __str__(self) -> str:
        where = str(self.location)
        return f"{where}: {self.message}" if where else self.message


class ParseError(TorchRelayError, ValueError):
    """An input that cannot be read, with every problem found in it.

    Readers collect all the problems they can find rather than stopping at the
    first, so that one run tells a user everything to fix.

    Args:
        problems: What was wrong and where, at least one.
        source: The file name or other description of the input, if known.

    Attributes:
        problems: The problems, in the order they were found.
        source: The input's name, or ``None``.

    .. versionadded:: 0.1.0
    """

    problems: tuple[Problem, ...]
    source: str | None

    def __init__(self, problems: Iterable[Problem], source: str | None = None) -> None:
        self.problems = tuple(problems)
        self.source = source
        if not self.problems:
            self.problems = (Problem("", "the input could not be read"),)
        head = f"{source}: " if source else ""
        if len(self.problems) == 1:
            text = f"{head}{self.problems[0]}"
        else:
            lines = "\n".join(f"  - {p}" for p in self.problems)
            text = f"{head}{len(self.problems)} problems:\n{lines}"
        super().__init__(text)


# The classes are defined in torchrelay._errors and belong to this module.
for _name in _errors.__all__:
    getattr(_errors, _name).__module__ = __name__
