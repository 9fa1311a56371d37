"""Hypothesis strategies for every public torchrelay type, for your tests too.

The strategies are registered with hypothesis when it loads (through its
``hypothesis`` entry point), so ``st.from_type(Relay)`` works in any test suite
that has torchrelay installed:

>>> from hypothesis import strategies as st
>>> from torchrelay import Relay
>>> relay = st.from_type(Relay).example()  # doctest: +SKIP

Generated values favour the places where code breaks: the poles, the
antimeridian, altitudes with every reference, zones with odd offsets and
daylight saving time, legs without times or geometry.

.. versionadded:: 0.1.0
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
    _msg = "torchrelay.testing needs hypothesis: pip install 'torchrelay[test]'"
    raise MissingDependencyError(_msg) from _error

from .._bounds import BoundingBox
from .._claims import Claim, Qualifier, Source
from .._extras import Extras
from .._geo import AltitudeReference, Coordinate, Distance, Place
from .._legs import Leg, LegStatus, Relight
from .._modes import MODE_TABLE, FlameSource, FlameState, ModeInfo, TransportMode
from .._path import Path
from .._people import Campaign, Sponsor, Torchbearer
from .._planning import Stop
from .._relay import Branch, Relay, RestDay
from .._time import TimePrecision
from .._timeline import RelayDay, Speed, Whereabouts
from ..validation import (
    Context,
    Finding,
    Location,
    Origin,
    Policy,
    Rule,
    Severity,
    ValidationReport,
)
from ._equivalent import assert_equivalent, project

__all__ = [
    "TIMEZONES",
    "altitudes",
    "assert_equivalent",
    "bounding_boxes",
    "branches",
    "campaigns",
    "claims",
    "coordinates",
    "distances",
    "extras",
    "findings",
    "instants",
    "latitudes",
    "legs",
    "longitudes",
    "mode_infos",
    "paths",
    "places",
    "policies",
    "project",
    "relay_days",
    "relays",
    "relights",
    "rest_days",
    "rules",
    "sources",
    "speeds",
    "sponsors",
    "stops",
    "torchbearers",
    "valid_relays",
    "validation_reports",
    "whereabouts",
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
    """Aware pendulum datetimes in the zones of :data:`TIMEZONES`, to the microsecond."""
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


@st.composite
def legs(
    draw: st.DrawFn,
    *,
    departs: pendulum.DateTime | None = None,
    origin: Place | None = None,
    scheduled: bool | None = None,
    id: str | None = None,
    knobs: _Knobs = _ALL,
) -> Leg:
    """Legs with consistent times, in the zones of their places where known.

    Args:
        draw: Supplied by hypothesis.
        departs: Force the departure time (for chaining legs).
        origin: Force the origin (for chaining legs).
        scheduled: ``True`` or ``False`` to force times or none.
        id: The leg's id.
        knobs: What the legs may hold (see :func:`relays`).
    """
    origin = origin if origin is not None else draw(_places_for(knobs))
    destination = draw(_places_for(knobs))
    is_scheduled = draw(st.booleans()) if scheduled is None else scheduled
    start = end = None
    if is_scheduled:
        start = departs if departs is not None else draw(instants())
        if knobs.zones:
            start = start.in_tz(origin.timezone or start.timezone_name or "UTC")
        else:
            start = start.in_tz(_NO_ZONE)
        end = start.add(seconds=draw(st.integers(0, 3 * 86_400)))
        end = end.in_tz(destination.timezone or ("UTC" if knobs.zones else _NO_ZONE))
    return Leg(
        origin,
        destination,
        start,
        end,
        draw(st.sampled_from(TransportMode)),
        draw(st.sampled_from(FlameState)),
        torchbearers=draw(st.lists(torchbearers(with_extras=knobs.extras), max_size=3)),
        path=draw(st.one_of(st.none(), _paths_for(knobs))),
        declared_distance=draw(st.one_of(st.none(), distances())),
        id=id,
        precision=draw(st.sampled_from(TimePrecision)),
        lit_from=draw(st.sampled_from(FlameSource)),
        relights=draw(st.lists(relights(with_zones=knobs.zones), max_size=2)),
        name=draw(st.one_of(st.none(), _TEXT)),
        sources=draw(st.lists(sources(with_extras=knobs.extras), max_size=2))
        if knobs.claims
        else (),
        status=draw(st.sampled_from(LegStatus)),
        extras=draw(_extras_for(knobs)),
    )


@st.composite
def _chain(draw: st.DrawFn, prefix: str, max_legs: int, knobs: _Knobs = _ALL) -> list[Leg]:
    n = draw(st.integers(0, max_legs))
    scheduled = draw(st.booleans())
    chain: list[Leg] = []
    for i in range(n):
        prev = chain[-1] if chain else None
        leg = draw(
            legs(
                departs=None if prev is None else prev.arrives,
                origin=None if prev is None else prev.destination,
                scheduled=scheduled,
                id=f"{prefix}{i}",
                knobs=knobs,
            )
        )
        chain.append(leg)
    return chain


@st.composite
def branches(
    draw: st.DrawFn,
    *,
    name: str | None = None,
    main_ids: tuple[str, ...] = (),
    knobs: _Knobs = _ALL,
) -> Branch:
    """Branches whose legs chain in place and time, linked to main-line ids if given."""
    name = name if name is not None else draw(_TEXT)
    link = st.one_of(st.none(), st.sampled_from(main_ids)) if main_ids else st.none()
    return Branch(
        name,
        draw(_chain(f"{name}-", 3, knobs)),
        leaves_from=draw(link),
        rejoins_at=draw(link),
        description=draw(st.one_of(st.none(), _TEXT)),
        extras=draw(_extras_for(knobs)),
    )


@functools.cache
def rest_days() -> st.SearchStrategy[RestDay]:
    """Rest days, sometimes with a place and a source."""
    return st.builds(
        RestDay,
        date=st.dates(),
        place=st.one_of(st.none(), places()),
        note=st.one_of(st.none(), _TEXT),
        sources=st.lists(sources(), max_size=1),
    )


@st.composite
def relays(
    draw: st.DrawFn,
    *,
    max_legs: int = 6,
    max_branches: int = 2,
    with_zones: bool = True,
    with_offsets: bool = True,
    with_partial_times: bool = True,
    with_segments: bool = True,
    with_columns: bool = True,
    with_extras: bool = True,
    with_places: bool = True,
    with_branches: bool = True,
    with_claims: bool = True,
) -> Relay:
    """Relays whose main-line legs chain in place and time, with branches and claims.

    By default a relay may hold everything the model can: each ``with_*`` knob
    set to ``False`` leaves one thing out, so that a format's round-trip test
    generates only what the format can hold and checks
    ``assert_equivalent(r, fmt.loads(fmt.dumps(r)), keeps=fmt.keeps)``.

    Args:
        draw: Supplied by hypothesis.
        max_legs: The most legs on the main line.
        max_branches: The most branches.
        with_zones: Times and places in IANA zones; otherwise times at +00:00, no zone names.
        with_offsets: Path times with the UTC offsets they were given in.
        with_partial_times: Timed paths with some points lacking a time.
        with_segments: Paths broken into segments.
        with_columns: Per-point columns (``gpxtpx:hr``, ``gpx:sym``).
        with_extras: Extras on every class that has them.
        with_places: Places that no leg starts or ends at (waypoints).
        with_branches: Branches beside the main line.
        with_claims: Claims, sponsors, campaigns and sources.

    .. versionadded:: 0.1.0
    """
    knobs = _Knobs(
        with_zones,
        with_offsets,
        with_partial_times,
        with_segments,
        with_columns,
        with_extras,
        with_places,
        with_branches,
        with_claims,
    )
    main = draw(_chain("leg-", max_legs, knobs))
    main_ids = tuple(leg.id for leg in main if leg.id is not None)
    n_branches = draw(st.integers(0, max_branches)) if with_branches else 0
    branch_list = [
        draw(branches(name=f"branch-{b}", main_ids=main_ids, knobs=knobs))
        for b in range(n_branches)
    ]
    few = 2 if with_claims else 0
    return Relay(
        draw(_TEXT),
        draw(st.one_of(st.none(), _TEXT)),
        main,
        sponsors=draw(st.lists(sponsors(with_extras=with_extras), max_size=few)),
        campaigns=draw(st.lists(campaigns(), max_size=few)),
        branches=branch_list,
        claims=draw(st.lists(claims(with_extras=with_extras), max_size=2 * few)),
        rest_days=draw(
            st.lists(
                st.builds(
                    RestDay,
                    date=st.dates(),
                    place=st.one_of(st.none(), _places_for(knobs)),
                    note=st.one_of(st.none(), _TEXT),
                    sources=st.lists(
                        sources(with_extras=with_extras), max_size=1 if with_claims else 0
                    ),
                ),
                max_size=2,
            )
        ),
        timezone=draw(st.one_of(st.none(), st.sampled_from(TIMEZONES))) if with_zones else None,
        day_one=draw(st.one_of(st.none(), st.dates())),
        sources=draw(st.lists(sources(with_extras=with_extras), max_size=few)),
        description=draw(st.one_of(st.none(), _TEXT)),
        places=draw(st.lists(_places_for(knobs), max_size=3)) if with_places else (),
        extras=draw(_extras_for(knobs)),
    )


@functools.cache
def bounding_boxes() -> st.SearchStrategy[BoundingBox]:
    """Bounding boxes of generated paths: across the antimeridian, around the poles."""
    return paths().map(Path.bounds)


@functools.cache
def speeds() -> st.SearchStrategy[Speed]:
    """Speeds from standing still to escape velocity."""
    return st.builds(Speed, st.floats(0.0, 11_200.0, allow_nan=False))


@functools.cache
def stops() -> st.SearchStrategy[Stop]:
    """Planned stops, each with a duration so that every mode can be planned."""
    return st.builds(
        Stop,
        place=places(),
        mode=st.sampled_from(TransportMode),
        dwell=st.timedeltas(dt.timedelta(0), dt.timedelta(days=2)),
        flame=st.one_of(st.none(), st.sampled_from(FlameState)),
        duration=st.timedeltas(dt.timedelta(0), dt.timedelta(days=3)),
        speed_kmh=st.one_of(st.none(), st.floats(0.1, 1000.0)),
        id=st.one_of(st.none(), _TEXT),
    )


@st.composite
def relay_days(draw: st.DrawFn) -> RelayDay:
    """Days of generated relays, as :meth:`torchrelay.Relay.days` counts them."""
    days = draw(relays().map(Relay.days).filter(bool))
    return days[draw(st.integers(0, len(days) - 1))]  # not sampled_from: it copies every day


@st.composite
def whereabouts(draw: st.DrawFn) -> Whereabouts:
    """Where the flame of a generated relay was at an instant, before, during or after it."""
    relay = draw(relays().filter(lambda r: r.starts is not None))
    start, end = relay.starts, relay.ends
    assert start is not None
    assert end is not None
    offset = draw(st.floats(-86_400.0, (end - start).total_seconds() + 86_400.0))
    return relay.where(start.add(seconds=offset))


@st.composite
def _valid_leg(
    draw: st.DrawFn, origin: Place, departs: pendulum.DateTime, id: str, lit_from: FlameSource
) -> Leg:
    """A run of a few kilometres at a walking pace from *origin*, by named adults."""
    # Up to 0.03 degrees of latitude and longitude: at most about 4.7 km.
    dlat = draw(st.floats(-0.03, 0.03, allow_nan=False))
    dlon = draw(st.floats(-0.03, 0.03, allow_nan=False))
    here = origin.coordinate
    there = Coordinate(min(max(here.latitude + dlat, -60.0), 60.0), here.longitude + dlon)
    if abs(there.latitude) < 1e-6 and abs(there.longitude) < 1e-6:
        there = Coordinate(0.01, 0.01)
    destination = Place(f"{id} end", there, timezone=origin.timezone)
    arrives = departs.add(seconds=draw(st.integers(3600, 6 * 3600)))
    path = None
    if draw(st.booleans()):
        n = draw(st.integers(2, 8))
        fractions = [i / (n - 1) for i in range(n)]
        start, span = departs.timestamp(), arrives.timestamp() - departs.timestamp()
        path = Path.from_arrays(
            [here.latitude + f * (there.latitude - here.latitude) for f in fractions],
            # From the unwrapped longitude, so a step across the antimeridian stays short.
            [here.longitude + f * dlon for f in fractions],
            draw(st.lists(st.floats(0.0, 3000.0), min_size=n, max_size=n)),
            [start + f * span for f in fractions],
        )
    year = departs.year
    people = [
        Torchbearer(birth_year=draw(st.integers(year - 90, year - 15)), id=f"{id}-tb{j}")
        for j in range(draw(st.integers(1, 2)))
    ]
    return Leg(
        origin,
        destination,
        departs,
        arrives,
        draw(st.sampled_from([TransportMode.RUNNING, TransportMode.WALKING])),
        FlameState.LIT_TORCH,
        torchbearers=people,
        path=path,
        id=id,
        precision=draw(st.sampled_from(TimePrecision)),
        lit_from=lit_from,
    )


@st.composite
def valid_relays(draw: st.DrawFn, *, max_legs: int = 6) -> Relay:
    """Relays that break no validation rule: :func:`torchrelay.validate` finds no errors.

    The main line is lit from the sun and runs on foot, leg after leg, each
    starting where the last ended and at most a few hours later, at a walking
    pace, carried by adults; a branch may carry a copy of the flame in a lantern.
    Campaigns select no more than applied, and sponsors joined the relay after
    the Games.

    Args:
        draw: Supplied by hypothesis.
        max_legs: The most legs on the main line (at least one).

    .. versionadded:: 0.1.0
    """
    lat = draw(st.floats(-60.0, 60.0, allow_nan=False).filter(lambda x: abs(x) > 0.1))
    zone = draw(st.sampled_from(TIMEZONES))
    place = Place("Start", Coordinate(lat, draw(longitudes())), timezone=zone)
    departs = draw(instants(dt.datetime(1950, 1, 1), dt.datetime(2035, 1, 1))).in_tz(zone)
    main: list[Leg] = []
    for i in range(draw(st.integers(1, max_legs))):
        source = FlameSource.SUN if i == 0 else FlameSource.PREVIOUS
        leg = draw(_valid_leg(place, departs, f"leg-{i}", source))
        main.append(leg)
        place = leg.destination
        assert leg.arrives is not None
        departs = leg.arrives.add(seconds=draw(st.integers(0, 12 * 3600)))
    branch_list = []
    if draw(st.booleans()):
        first = main[0]
        assert first.departs is not None
        copy = draw(_valid_leg(first.origin, first.departs, "copy-0", FlameSource.LANTERN))
        last = main[-1].arrives
        assert copy.arrives is not None
        assert last is not None
        if copy.arrives <= last:
            # Carried in a lantern: a torch lit from the copy would burn beside the main torch.
            branch_list.append(Branch("copy", [attrs.evolve(copy, flame=FlameState.LANTERN)]))
    year = main[0].departs.year if main[0].departs is not None else 2000
    applications = draw(st.integers(1, 10**6))
    named = main[0].torchbearers[:1]
    return Relay(
        "A valid relay",
        "Games",
        main,
        sponsors=[
            Sponsor(
                "Sponsor",
                olympic_partner_since=year - 40,
                relay_partner_since=draw(st.integers(year - 40, year)),
            )
        ],
        campaigns=[
            Campaign(
                "Campaign",
                "Sponsor",
                applications=applications,
                selected=draw(st.integers(len(named), applications)),
                torchbearers=named,
            )
        ],
        branches=branch_list,
        timezone=zone,
    )


_CODES = st.from_regex(r"\A[A-Z]{2}[0-9]{3}\Z")
_JSON_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**9), 10**9), st.floats(allow_nan=False), _TEXT
)


def findings() -> st.SearchStrategy[Finding]:
    """Validation findings with any code, severity and location, and JSON-ready details."""
    locations = st.builds(
        Location,
        parts=st.one_of(
            st.just(()),
            st.tuples(st.just("legs"), st.integers(0, 999)),
            st.tuples(st.just("legs"), st.integers(0, 999), st.just("arrives")),
        ),
        branch=st.one_of(st.none(), _TEXT),
        leg=st.one_of(st.none(), st.integers(0, 1000)),
        leg_id=st.one_of(st.none(), _TEXT),
        field=st.one_of(st.none(), st.sampled_from(["departs", "arrives", "path", "flame"])),
        point=st.one_of(st.none(), st.integers(0, 10**6)),
        torchbearer=st.one_of(st.none(), _TEXT),
    )
    return st.builds(
        Finding,
        code=_CODES,
        severity=st.sampled_from(Severity),
        message=_TEXT,
        location=st.one_of(st.none(), locations),
        details=st.dictionaries(_TEXT, _JSON_SCALARS, max_size=3),
    )


def policies() -> st.SearchStrategy[Policy]:
    """Validation policies with thresholds anywhere in their allowed ranges."""
    first = st.dates(dt.date(1936, 1, 1), dt.date(2040, 1, 1))
    return st.builds(
        Policy,
        min_torchbearer_age=st.integers(0, 30),
        time_tolerance_s=st.floats(0.0, 86_400.0),
        max_time_gap_h=st.floats(0.0, 1000.0),
        declared_distance_tolerance=st.floats(0.0, 1.0),
        dates=st.one_of(
            st.none(),
            st.tuples(first, st.integers(0, 400)).map(
                lambda d: (d[0], d[0] + dt.timedelta(days=d[1]))
            ),
        ),
    )


def _no_findings(ctx: Context) -> list[Finding]:
    return []


def rules() -> st.SearchStrategy[Rule]:
    """Validation rules with any code and metadata, whose check finds nothing."""
    return st.builds(
        Rule,
        code=_CODES,
        title=_TEXT,
        severity=st.sampled_from(Severity),
        rationale=_TEXT,
        origin=st.sampled_from(Origin),
        check=st.just(_no_findings),
        reference=st.one_of(st.none(), st.just("https://example.org/rule")),
    )


@st.composite
def validation_reports(draw: st.DrawFn) -> ValidationReport:
    """Validation reports whose findings' codes are among the rules that ran."""
    found = draw(st.lists(findings(), max_size=4))
    codes = sorted({f.code for f in found} | set(draw(st.lists(_CODES, max_size=3))))
    return ValidationReport(
        found,
        rules=codes,
        relay=draw(st.one_of(st.none(), _TEXT)),
        titles={code: draw(_TEXT) for code in codes},
    )
