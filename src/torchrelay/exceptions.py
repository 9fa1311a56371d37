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
    ├── UnknownFormatError (LookupError)      no adapter for a format name or file name
    └── MissingDependencyError (ImportError)  an optional extra is not installed

Each class subclasses the matching builtin as well, so code that already catches
:class:`ValueError` keeps working, and code that wants only our errors catches
:class:`TorchRelayError`.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = [
    "AmbiguousTimeError",
    "IncompatibleAltitudeError",
    "InvalidTypeError",
    "InvalidValueError",
    "LocalTimeError",
    "MissingDependencyError",
    "NaiveDatetimeError",
    "NonExistentTimeError",
    "ParseError",
    "Problem",
    "TimeOrderError",
    "TorchRelayError",
    "UnknownFormatError",
    "UnknownTimezoneError",
]


class TorchRelayError(Exception):
    """The base of every error torchrelay raises.

    .. versionadded:: 0.1.0
    """


class InvalidValueError(TorchRelayError, ValueError):
    """A value that is meaningless and so cannot be built.

    Values that are merely implausible (a runner at 300 km/h) can be built;
    :func:`torchrelay.validate` reports them.

    .. versionadded:: 0.1.0
    """


class InvalidTypeError(InvalidValueError, TypeError):
    """A value of the wrong type for its field, such as a text where a Place is needed.

    .. versionadded:: 0.1.0
    """


class NaiveDatetimeError(InvalidValueError):
    """A datetime without a time zone where an instant is needed.

    .. versionadded:: 0.1.0
    """


class UnknownTimezoneError(InvalidValueError):
    """A time zone name that the IANA time zone database does not know.

    .. versionadded:: 0.1.0
    """


class TimeOrderError(InvalidValueError):
    """Times in an impossible order, such as an arrival before its departure.

    .. versionadded:: 0.1.0
    """


class LocalTimeError(TorchRelayError, ValueError):
    """A wall-clock time that does not name exactly one instant in its zone.

    .. versionadded:: 0.1.0
    """


class NonExistentTimeError(LocalTimeError):
    """A wall-clock time that the zone skipped, in a daylight-saving gap.

    .. versionadded:: 0.1.0
    """


class AmbiguousTimeError(LocalTimeError):
    """A wall-clock time that the zone shows twice, with no choice of which.

    .. versionadded:: 0.1.0
    """


class IncompatibleAltitudeError(TorchRelayError, ValueError):
    """Altitudes measured from different references were to be compared.

    Converting between mean sea level, the WGS84 ellipsoid and a water surface
    needs a geoid model or a survey; torchrelay never guesses.

    .. versionadded:: 0.1.0
    """


class UnknownFormatError(TorchRelayError, LookupError):
    """No adapter is registered for a format name or file name.

    .. versionadded:: 0.1.0
    """


class MissingDependencyError(TorchRelayError, ImportError):
    """An optional dependency is needed and is not installed.

    The message names the extra to install, for example
    ``pip install 'torchrelay[plot]'``.

    .. versionadded:: 0.1.0
    """


@attrs.frozen
class Problem:
    """One thing wrong with an input, and where it is.

    Attributes:
        location: Where the problem is: a path into the document such as
            ``legs[3].arrives``, or ``line 12, column 4``.
        message: What was wrong, in a sentence a person can act on.

    .. versionadded:: 0.1.0
    """

    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


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
