"""What a format is: one shape for every built-in format and every plugin.

A :class:`Format` names a format, says which files are in it, reads and writes
it, and says which :class:`Feature` of the model it keeps. Writing reports
every :class:`Loss`; reading warns with :func:`warn_lost` about what a document
had and the model could not keep.

This module imports nothing of the registry, so format modules import it
without a circle.
"""

from __future__ import annotations

import re
import sys
import warnings
from collections.abc import Callable, Iterable
from types import FrameType
from typing import Any

import attrs

from .._convert import Choice
from .._relay import Relay
from ..exceptions import InvalidTypeError, InvalidValueError, LossWarning

__all__ = ["Feature", "Format", "Loss", "warn_lost"]

_NAME = re.compile(r"[a-z][a-z0-9_]*\Z")
_SUFFIX = re.compile(r"(\.[a-z0-9_+-]+)+\Z")


class Feature(Choice):
    """Something the model holds that a format may keep or lose.

    :attr:`Format.keeps` lists the features a format keeps; writing a relay in
    a format that lacks one reports what was dropped (see :class:`Loss`). The
    core of a relay, its legs in order with their places' names and positions,
    their times as instants and their paths' positions, is not a feature:
    every format keeps it.

    >>> Feature("branches")
    <Feature.BRANCHES: 'branches'>

    .. versionadded:: 0.1.0
    """

    BRANCHES = "branches"
    """Special projects: named branches with their own legs, off the main line."""
    BRANCH_DETAILS = "branch_details"
    """What a branch is beyond its name and legs: the main-line legs it leaves from
    and rejoins at, its description; and a branch that has no legs at all."""
    CLAIMS = "claims"
    """Published figures with their sources, and the sources of relays, legs and rest days."""
    SPONSORS = "sponsors"
    """Sponsors and their torchbearer campaigns."""
    TORCHBEARERS = "torchbearers"
    """The people who carried the flame on each leg or whom a campaign selected."""
    PLACES = "places"
    """A relay's gazetteer of named places, apart from the legs' ends."""
    LEG_STATUS = "leg_status"
    """Whether a leg was planned, held or cancelled (:class:`~torchrelay.LegStatus`)."""
    REST_DAYS = "rest_days"
    """Days on which the relay did not move."""
    TIMEZONES = "timezones"
    """IANA zone names of times, places, paths and the relay (other than UTC)."""
    OFFSETS = "offsets"
    """The UTC offset each path point's time was written with."""
    TIME_PRECISION = "time_precision"
    """How precisely a source gave a leg's times, where not to the second."""
    PATHS = "paths"
    """Each leg's track: the points of its :class:`~torchrelay.Path`, beyond its two ends."""
    POINT_TIMES = "point_times"
    """A time at each point of a path."""
    ALTITUDES = "altitudes"
    """Altitudes of places and path points, and what they are measured from."""
    SEGMENTS = "segments"
    """Breaks in a path: where a new segment starts."""
    COLUMNS = "columns"
    """Extra values at each point of a path, such as heart rate or speed."""
    EXTRAS = "extras"
    """Namespaced values a format had and the model has no field for."""
    FLAME = "flame"
    """Each leg's transport mode and flame state, and where the flame was relit."""

    # Other spellings of the same features, for callers who name them as the
    # issue and the docs do; aliases are not listed when iterating.
    SOURCES = "claims"
    CAMPAIGNS = "sponsors"
    TIME_ZONES = "timezones"
    PER_POINT_TIMES = "point_times"
    PER_POINT_COLUMNS = "columns"
    FLAME_STATE = "flame"
    MODE = "flame"


def _name(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not _NAME.match(value):
        msg = (
            f"'{attribute.name}' must be a lowercase identifier such as 'gpx' "
            f"or 'my_format' (got {value!r})"
        )
        raise InvalidValueError(msg)


def _suffixes(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        msg = f"'suffixes' must be a tuple such as ('.gpx',), not a text (got {value!r})"
        raise InvalidTypeError(msg)
    suffixes = tuple(value)
    for suffix in suffixes:
        if not isinstance(suffix, str) or not _SUFFIX.match(suffix):
            msg = (
                f"'suffixes' must be lowercase file name endings that start with '.', "
                f"such as '.relay.json' (got {suffix!r})"
            )
            raise InvalidValueError(msg)
    return suffixes


def _features(value: Iterable[Feature | str]) -> frozenset[Feature]:
    if isinstance(value, str):
        msg = f"'keeps' must be a set of Feature, not a text (got {value!r})"
        raise InvalidTypeError(msg)
    return frozenset(map(Feature, value))


def _option_names(value: Iterable[str]) -> frozenset[str]:
    if isinstance(value, str):
        msg = f"option names must be a set of names, not a text (got {value!r})"
        raise InvalidTypeError(msg)
    names = frozenset(value)
    for name in names:
        if not isinstance(name, str) or not name.isidentifier() or name in {"source", "redact"}:
            msg = f"an option must be a keyword name other than source and redact (got {name!r})"
            raise InvalidValueError(msg)
    return names


def _media_type(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or value.count("/") != 1 or " " in value:
        msg = f"'media_type' must be a media type such as 'application/gpx+xml' (got {value!r})"
        raise InvalidValueError(msg)


def _callable(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if not callable(value):
        msg = f"'{attribute.name}' must be a function (got {type(value).__name__}: {value!r})"
        raise InvalidTypeError(msg)


def _boolean(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, bool):
        msg = f"'{attribute.name}' must be True or False (got {value!r})"
        raise InvalidTypeError(msg)


@attrs.frozen
class Format:
    """One file format: how to recognise, read and write it, and what it keeps.

    Every built-in format and every plugin is one of these; the registry
    (:func:`register_format`, the ``torchrelay.formats`` entry point group)
    holds them, and :func:`torchrelay.load` and :func:`torchrelay.dump` use
    them.

    Args:
        name: What users pass as ``format=``: a lowercase identifier, such as
            ``"gpx"``.
        suffixes: File name endings that mean this format, such as
            ``(".gpx",)``. Where several formats share an ending (``.json``),
            reading asks :attr:`sniff`.
        media_type: The IANA media type, such as ``"application/gpx+xml"``.
        binary: Whether documents are bytes (zip-based formats such as KMZ)
            rather than text: :attr:`dumps` then returns bytes.
        keeps: The features this format keeps; writing a relay that has any
            other reports it as a :class:`Loss`.
        sniff: ``sniff(head: bytes) -> bool``: whether the first bytes of a
            document (up to 4096) look like this format.
        loads: ``loads(data, *, source=None, **options) -> Relay``: reads a
            document given as ``str``, ``bytes`` or a binary file object.
            Readers that stream take the file object and never read it whole.
            *source* names the input in errors.
        dumps: ``dumps(relay, *, redact=False, **options) -> str | bytes``:
            writes a document, ``bytes`` if :attr:`binary`, else ``str``,
            leaving personal data out if *redact*.
        read_options: The names of the options :attr:`loads` takes, such as
            ``{"encoding", "max_points"}``. :func:`torchrelay.load` refuses
            any other with :class:`~torchrelay.exceptions.UnknownOptionError`.
        write_options: The names of the options :attr:`dumps` takes, such as
            ``{"indent"}``; checked by :func:`torchrelay.dump`.
        description: One line for listings and the docs.

    >>> from torchrelay.adapters import get_format
    >>> native = get_format("native")
    >>> native.suffixes
    ('.relay.json', '.torchrelay.json', '.json')
    >>> native.keeps == frozenset(Feature)
    True

    .. versionadded:: 0.1.0
    """

    name: str = attrs.field(validator=_name)
    suffixes: tuple[str, ...] = attrs.field(converter=_suffixes)
    media_type: str = attrs.field(validator=_media_type)
    binary: bool = attrs.field(validator=_boolean)
    keeps: frozenset[Feature] = attrs.field(converter=_features)
    sniff: Callable[[bytes], bool] = attrs.field(validator=_callable)
    loads: Callable[..., Relay] = attrs.field(validator=_callable)
    dumps: Callable[..., str | bytes] = attrs.field(validator=_callable)
    read_options: frozenset[str] = attrs.field(
        default=frozenset(), converter=_option_names, kw_only=True
    )
    write_options: frozenset[str] = attrs.field(
        default=frozenset(), converter=_option_names, kw_only=True
    )
    description: str = attrs.field(default="", kw_only=True)


def _check_count(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        msg = f"'count' must be a positive whole number (got {value!r})"
        raise InvalidValueError(msg)


@attrs.frozen
class Loss:
    """Something a format could not keep: which feature, how many values, and one of them.

    Args:
        feature: What was dropped.
        count: How many values were dropped, at least one.
        example: Where one of them is in the relay, such as
            ``legs[3].torchbearers``.

    >>> str(Loss(Feature.TORCHBEARERS, 12, "legs[3].torchbearers"))
    'torchbearers: 12 values, such as legs[3].torchbearers'

    .. versionadded:: 0.1.0
    """

    feature: Feature = attrs.field(converter=Feature)
    count: int = attrs.field(validator=_check_count)
    example: str

    def __str__(self) -> str:
        values = "value" if self.count == 1 else "values"
        return f"{self.feature.value}: {self.count} {values}, such as {self.example}"


def _ours(frame: FrameType) -> bool:
    name = str(frame.f_globals.get("__name__", ""))
    return name == "torchrelay" or name.startswith("torchrelay.")


def _caller_level() -> int:
    """The stacklevel for a warning from a reader: the code that asked for the read.

    Level 1 is the function that calls :func:`warn_lost` (the reader). Above
    it, the first run of torchrelay's frames (:func:`torchrelay.load`) is
    skipped, and the frame above that is the user's. A plugin's reader called
    directly, with no torchrelay frame above it, warns at its caller.
    """
    probe: FrameType | None = sys._getframe(2)  # the reader: 0 is here, 1 is warn_lost
    level = 1
    while probe is not None and not _ours(probe):
        probe, level = probe.f_back, level + 1
    if probe is None:
        return 2
    while probe.f_back is not None and _ours(probe):
        probe, level = probe.f_back, level + 1
    return level


def warn_lost(what: str, count: int, example: str, *, source: str | None = None) -> None:
    """Warn that a reader found something it could not keep in the relay.

    Readers call this (built-in ones and plugins alike) for input the model
    cannot hold, such as a KML NetworkLink, so that nothing is dropped
    silently. The warning is a :class:`~torchrelay.exceptions.LossWarning`
    and points at the user's code that asked for the read.

    Args:
        what: What was not kept, such as ``"KML NetworkLink"``.
        count: How many of them.
        example: Where one is in the input, such as ``line 12`` or
            ``features[3].geometry``.
        source: The input's name, such as a file name.

    .. versionadded:: 0.1.0
    """
    head = f"{source}: " if source else ""
    message = f"{head}read but not kept: {what} ({count}, such as {example})"
    # The level is the reader's caller's, plus one for this function.
    warnings.warn(message, LossWarning, stacklevel=_caller_level() + 1)
