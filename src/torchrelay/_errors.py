"""The classes of every error and warning torchrelay raises, shown by :mod:`torchrelay.exceptions`.

They live apart from the locations that parse errors carry, so each module
holds one concept; :mod:`torchrelay.exceptions` re-exports every one and
names itself as their module.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

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
    "LossError",
    "LossWarning",
    "MissingDependencyError",
    "NaiveDatetimeError",
    "NoSuchFileError",
    "NonExistentTimeError",
    "NotFoundError",
    "PluginError",
    "PluginWarning",
    "TimeOrderError",
    "TorchRelayError",
    "UnknownFormatError",
    "UnknownOptionError",
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

    Args:
        message: What is wrong, naming the field.
        path: Where, inside the value being built, the problem is, such as
            ``("legs", 1, "id")``; empty where the message's field says it.

    .. versionadded:: 0.1.0
    """

    path: tuple[str | int, ...]

    def __init__(self, *args: object, path: tuple[str | int, ...] = ()) -> None:
        super().__init__(*args)
        self.path = path


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


class NotFoundError(TorchRelayError, KeyError):
    """A relay has no leg with that id, or no branch with that name.

    A :class:`KeyError` (and so a :class:`LookupError`), for code that catches those.

    .. versionadded:: 0.1.0
    """

    def __str__(self) -> str:
        # KeyError's own str() shows the repr of its argument, quotes and all.
        return str(self.args[0]) if self.args else ""


class UnknownFormatError(TorchRelayError, LookupError):
    """No format is registered for a format name, or none can be told from a file.

    The message names the formats there are, and says to pass ``format=``.

    .. versionadded:: 0.1.0
    """


class FormatExistsError(TorchRelayError, ValueError):
    """A format was registered under a name that another format has.

    .. versionadded:: 0.1.0
    """


class LossError(TorchRelayError, ValueError):
    """A strict :func:`torchrelay.dump` would have dropped data, so it wrote nothing.

    Args:
        losses: What the format cannot hold, at least one
            :class:`~torchrelay.adapters.Loss`.
        format: The format's name.

    Attributes:
        losses: The losses, one a feature.
        format: The format's name.

    .. versionadded:: 0.1.0
    """

    losses: tuple[Any, ...]
    format: str

    def __init__(self, losses: Iterable[Any], format: str) -> None:
        self.losses = tuple(losses)
        self.format = format
        lines = "\n".join(f"  - {loss}" for loss in self.losses)
        super().__init__(f"format {format!r} cannot hold everything in this relay:\n{lines}")


class ArgumentError(TorchRelayError, TypeError):
    """:func:`torchrelay.load` or :func:`torchrelay.dump` got arguments they cannot mean.

    Such as a document's text where a path belongs, or the relay and the
    target swapped. The message says what was meant.

    .. versionadded:: 0.1.0
    """


class UnknownOptionError(ArgumentError):
    """An option that the format's reader or writer does not take; the message names it.

    .. versionadded:: 0.1.0
    """


class FileError(TorchRelayError, OSError):
    """A path that cannot be read or written as asked.

    Attributes:
        filename: The path.

    .. versionadded:: 0.1.0
    """

    def __init__(self, message: str, filename: str) -> None:
        super().__init__(message)
        self.filename = filename

    def __str__(self) -> str:
        return str(self.args[0])


class NoSuchFileError(FileError, FileNotFoundError):
    """A file to read that does not exist, or a folder to write into that does not.

    .. versionadded:: 0.1.0
    """


class IsDirectoryError(FileError, IsADirectoryError):
    """A folder where a file to read or write is needed.

    .. versionadded:: 0.1.0
    """


class PluginError(TorchRelayError, ImportError):
    """A format plugin could not be loaded; the message names its entry point and why.

    Raised when the plugin's format is asked for, so that a broken plugin
    never breaks the other formats and is never skipped silently.

    .. versionadded:: 0.1.0
    """


class MissingDependencyError(TorchRelayError, ImportError):
    """An optional dependency is needed and is not installed.

    The message names the extra to install, for example
    ``pip install 'torchrelay[plot]'``.

    .. versionadded:: 0.1.0
    """


class LossWarning(UserWarning):
    """Data was dropped: by :func:`torchrelay.dump`, or by a reader that could not keep it.

    :func:`torchrelay.dump` also returns what it dropped; pass ``strict=True``
    to refuse instead (:class:`LossError`).

    .. versionadded:: 0.1.0
    """


class PluginWarning(UserWarning):
    """A format plugin failed to load; :func:`torchrelay.adapters.formats` lists the others.

    .. versionadded:: 0.1.0
    """
