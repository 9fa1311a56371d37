"""The strategies for torchrelay's values: coordinates, times, paths, places, people, claims.

Re-exported by :mod:`torchrelay.testing`, which adds legs, relays and reports.
"""

from __future__ import annotations

import datetime as dt
import functools
import math

import attrs
import pendulum

from ..exceptions import MissingDependencyError

try:
    from hypothesis import strategies as st
except ImportError as _error:  # pragma: no cover - tested in a subprocess
    _msg = (
        "torchrelay.testing needs hypothesis: pip install 'torchrelay[test]' "
        "(from a checkout: pip install -e '.[test]')"
    )
    raise MissingDependencyError(_msg) from _error

from .._claims import Claim, Qualifier, Source
from .._extras import Extras
from .._geo import AltitudeReference, Coordinate, Place
from .._legs import Relight
from .._modes import MODE_TABLE, FlameSource, ModeInfo
from .._path import Path
from .._people import Campaign, Sponsor, Torchbearer
from .._units import Distance

__all__ = [
    "TIMEZONES",
    "altitudes",
    "campaigns",
    "claims",
    "coordinates",
    "distances",
    "extras",
    "instants",
    "latitudes",
    "longitudes",
    "mode_infos",
    "paths",
    "places",
    "relights",
    "sources",
    "sponsors",
    "torchbearers",
]

TIMEZONES = (
    "UTC",
    "Europe/Moscow",
    "Europe/Kaliningrad",
    "Asia/Anadyr",
    "Asia/Kamchatka",
    "Asia/Irkutsk",
    "Asia/Qyzylorda",
    "Europe/Athens",
    "Australia/Sydney",
    "America/Vancouver",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Pacific/Chatham",
    "Pacific/Kiritimati",
)
"""Zones the strategies draw from: Russia's as they were, half- and quarter-hour
offsets, daylight saving on both hemispheres, and both sides of the date line."""

_TEXT = st.text(
    st.characters(
        codec="utf-8", exclude_categories=("Cs", "Cc"), exclude_characters="\ufffe\uffff"
    ),
    min_size=1,
    max_size=12,
).filter(lambda s: s.strip() != "")


@functools.cache
def latitudes() -> st.SearchStrategy[float]:
    """Latitudes in [-90, 90], the poles and the equator included often."""
    return st.one_of(
        st.sampled_from([90.0, -90.0, 0.0, 89.999999, -89.999999]),
        st.floats(-90.0, 90.0, allow_nan=False),
    )


@functools.cache
def longitudes() -> st.SearchStrategy[float]:
    """Longitudes in [-180, 180), the antimeridian and prime meridian included often."""
    return st.one_of(
        st.sampled_from([-180.0, 179.999999, -179.999999, 0.0, 177.5089]),
        st.floats(-180.0, 180.0, allow_nan=False, exclude_max=True),
    )


@functools.cache
def altitudes() -> st.SearchStrategy[float]:
    """Altitudes in metres, from an ocean trench to a low orbit."""
    return st.floats(-11_000.0, 420_000.0, allow_nan=False)


@st.composite
def coordinates(draw: st.DrawFn, *, with_altitude: bool | None = None) -> Coordinate:
    """Coordinates, with or without altitude, with every altitude reference.

    Args:
        draw: Supplied by hypothesis.
        with_altitude: ``True`` or ``False`` to force, ``None`` for either.
    """
    has_alt = draw(st.booleans()) if with_altitude is None else with_altitude
    alt = draw(altitudes()) if has_alt else None
    ref = draw(st.sampled_from(AltitudeReference))
    return Coordinate(draw(latitudes()), draw(longitudes()), altitude=alt, altitude_reference=ref)


@functools.cache
def instants(
    min_value: dt.datetime = dt.datetime(1936, 1, 1),
    max_value: dt.datetime = dt.datetime(2040, 12, 31),
) -> st.SearchStrategy[pendulum.DateTime]:
    """Aware pendulum datetimes in the zones of :data:`~torchrelay.testing.TIMEZONES`, to the µs."""
    return st.builds(
        lambda naive, zone: pendulum.instance(naive.replace(tzinfo=dt.UTC)).in_tz(zone),
        st.datetimes(min_value, max_value),
        st.sampled_from(TIMEZONES),
    )


@attrs.frozen
class _Knobs:
    """What generated relays may hold: each format's property test turns off what it cannot."""

    zones: bool = True
    offsets: bool = True
    partial_times: bool = True
    segments: bool = True
    columns: bool = True
    extras: bool = True
    places: bool = True
    branches: bool = True
    claims: bool = True


_ALL = _Knobs()
_NO_ZONE = pendulum.FixedTimezone(0)  # an offset without a zone name, for with_zones=False

_NAMESPACES = ("gpx", "kml", "geojson", "csv", "gpxtpx", "my-app")
_KEYS = st.builds(
    "{}:{}".format, st.sampled_from(_NAMESPACES), st.from_regex(r"\A[a-zA-Z][a-zA-Z0-9_:]{0,8}\Z")
)
_OFFSETS = (0, 14400, -36000, 19800, 20700, 45900, 50400, -34200)


@functools.cache
def _json_values() -> st.SearchStrategy[object]:
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(2**63), 2**63 - 1),
        st.floats(allow_nan=False, allow_infinity=False),
        _TEXT,
    )
    return st.recursive(
        scalars,
        lambda inner: st.one_of(
            st.lists(inner, max_size=3), st.dictionaries(_TEXT, inner, max_size=3)
        ),
        max_leaves=6,
    )


@functools.cache
def extras() -> st.SearchStrategy[Extras]:
    """Extras: namespaced keys with JSON values of every kind, nested a little.

    .. versionadded:: 0.1.0
    """
    return st.dictionaries(_KEYS, _json_values(), max_size=3).map(Extras)


def _extras_for(knobs: _Knobs) -> st.SearchStrategy[Extras]:
    return extras() if knobs.extras else st.just(Extras())


@functools.cache
def mode_infos() -> st.SearchStrategy[ModeInfo]:
    """The rows of :data:`~torchrelay.MODE_TABLE`."""
    return st.sampled_from(list(MODE_TABLE.values()))


@st.composite
def paths(
    draw: st.DrawFn,
    *,
    min_points: int = 1,
    max_points: int = 12,
    with_zones: bool = True,
    with_offsets: bool = True,
    with_partial_times: bool = True,
    with_segments: bool = True,
    with_columns: bool = True,
) -> Path:
    """Paths with optional altitudes (some NaN) and optional non-decreasing times.

    Times may come with UTC offsets, some points may lack one, a path may break
    into segments and carry per-point columns of numbers and texts; each knob
    turns one of these off.
    """
    n = draw(st.integers(min_points, max_points))
    points = draw(st.lists(st.tuples(latitudes(), longitudes()), min_size=n, max_size=n))
    alts = None
    if draw(st.booleans()):
        alts = draw(st.lists(st.one_of(altitudes(), st.just(math.nan)), min_size=n, max_size=n))
    times: list[float] | None = None
    offsets = None
    zone = None
    if draw(st.booleans()):
        start = draw(st.integers(0, 2_000_000_000))
        steps = draw(st.lists(st.integers(0, 3600), min_size=n, max_size=n))
        fractions = draw(st.lists(st.integers(0, 999_999), min_size=n, max_size=n))
        times, clock = [], float(start)
        for step, fraction in zip(steps, fractions, strict=True):
            clock += step + fraction / 1e6
            times.append(clock)
        if with_partial_times and n > 1 and draw(st.booleans()):
            gaps = draw(st.sets(st.integers(0, n - 1), max_size=n - 1))
            times = [math.nan if i in gaps else t for i, t in enumerate(times)]
        if with_zones:
            zone = draw(st.one_of(st.none(), st.sampled_from(TIMEZONES)))
        if with_offsets and draw(st.booleans()):
            choice = st.one_of(st.none(), st.sampled_from(_OFFSETS))
            offsets = [None if t != t else draw(choice) for t in times]  # noqa: PLR0124
    starts: list[int] = []
    if with_segments and n > 1:
        starts = sorted(draw(st.sets(st.integers(1, n - 1), max_size=3)))
    columns: dict[str, list[float | None] | list[str | None]] = {}
    if with_columns and draw(st.booleans()):
        numbers = st.one_of(st.none(), st.floats(-1e6, 1e6, allow_nan=False))
        columns["gpxtpx:hr"] = draw(st.lists(numbers, min_size=n, max_size=n))
        if draw(st.booleans()):
            texts = st.one_of(st.none(), _TEXT)
            labels = draw(st.lists(texts, min_size=n, max_size=n))
            if any(v is not None for v in labels):
                columns["gpx:sym"] = labels
    return Path.from_arrays(
        [p[0] for p in points],
        [p[1] for p in points],
        alts,
        times,
        offsets=offsets,
        segment_starts=starts,
        columns=columns,
        altitude_reference=draw(st.sampled_from(AltitudeReference)),
        timezone=zone,
    )


def _paths_for(knobs: _Knobs) -> st.SearchStrategy[Path]:
    return paths(
        with_zones=knobs.zones,
        with_offsets=knobs.offsets,
        with_partial_times=knobs.partial_times,
        with_segments=knobs.segments,
        with_columns=knobs.columns,
    )


@functools.cache
def places(*, with_zones: bool = True, with_extras: bool = True) -> st.SearchStrategy[Place]:
    """Places with any coordinate, and sometimes a zone, region, country and extras."""
    return st.builds(
        Place,
        name=_TEXT,
        coordinate=coordinates(),
        timezone=st.one_of(st.none(), st.sampled_from(TIMEZONES)) if with_zones else st.none(),
        region=st.one_of(st.none(), _TEXT),
        country=st.one_of(st.none(), st.from_regex(r"\A[A-Z]{2}\Z")),
        extras=extras() if with_extras else st.just(Extras()),
    )


def _places_for(knobs: _Knobs) -> st.SearchStrategy[Place]:
    return places(with_zones=knobs.zones, with_extras=knobs.extras)


@functools.cache
def distances() -> st.SearchStrategy[Distance]:
    """Distances from zero to twice around the Earth."""
    return st.builds(Distance, st.floats(0.0, 80_150_000.0, allow_nan=False))


@functools.cache
def sources(*, with_extras: bool = True) -> st.SearchStrategy[Source]:
    """Sources with an address and sometimes a title, dates and licence."""
    return st.builds(
        Source,
        url=st.from_regex(r"\Ahttps://example\.org/[a-z0-9/-]{0,20}\Z"),
        title=st.one_of(st.none(), _TEXT),
        published=st.one_of(st.none(), st.dates()),
        accessed=st.one_of(st.none(), st.dates()),
        licence=st.one_of(st.none(), st.sampled_from(["CC BY-SA 4.0", "CC0-1.0"])),
        extras=st.one_of(st.just(Extras()), extras()) if with_extras else st.just(Extras()),
    )


@functools.cache
def claims(*, with_extras: bool = True) -> st.SearchStrategy[Claim]:
    """Claims about a few figures, numeric or textual, with sources."""
    return st.builds(
        Claim,
        figure=st.sampled_from(["total_distance", "torchbearers", "regions", "days", "shuttle"]),
        value=st.one_of(st.integers(0, 10**9), st.floats(0, 1e9, allow_nan=False), _TEXT),
        unit=st.one_of(st.none(), st.sampled_from(["km", "mi", "kn", "m"])),
        source=sources(with_extras=with_extras),
        qualifier=st.sampled_from(Qualifier),
        note=st.one_of(st.none(), _TEXT),
    )


@functools.cache
def sponsors(*, with_extras: bool = True) -> st.SearchStrategy[Sponsor]:
    """Sponsors with years of partnership, in any order (validation checks the order)."""
    years = st.one_of(st.none(), st.integers(1896, 2040))
    return st.builds(
        Sponsor,
        name=_TEXT,
        olympic_partner_since=years,
        relay_partner_since=years,
        extras=st.one_of(st.just(Extras()), extras()) if with_extras else st.just(Extras()),
    )


@functools.cache
def campaigns() -> st.SearchStrategy[Campaign]:
    """Campaigns with counts of applications, votes and people selected."""
    counts = st.one_of(st.none(), st.integers(0, 10**8))
    return st.builds(
        Campaign, name=_TEXT, sponsor=_TEXT, applications=counts, votes=counts, selected=counts
    )


@functools.cache
def torchbearers(*, with_extras: bool = True) -> st.SearchStrategy[Torchbearer]:
    """Torchbearers with some or all of their personal fields."""
    maybe = st.one_of(st.none(), _TEXT)
    return st.builds(
        Torchbearer,
        name=maybe,
        birth_year=st.one_of(st.none(), st.integers(1900, 2030)),
        age=st.one_of(st.none(), st.integers(0, 110)),
        hometown=maybe,
        story=maybe,
        campaign=maybe,
        id=maybe,
        extras=st.one_of(st.just(Extras()), extras()) if with_extras else st.just(Extras()),
    )


@functools.cache
def relights(*, with_zones: bool = True) -> st.SearchStrategy[Relight]:
    """Relightings from any source, sometimes with a time (in UTC without zones)."""
    times = instants() if with_zones else instants().map(lambda t: t.in_tz(_NO_ZONE))
    return st.builds(
        Relight,
        source=st.sampled_from(FlameSource),
        at=st.one_of(st.none(), times),
        note=st.one_of(st.none(), _TEXT),
    )
