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

from .._bounds import BoundingBox
from .._calendar import RelayDay, RestDay
from .._geo import Coordinate, Place
from .._legs import Leg, LegStatus
from .._modes import FlameSource, FlameState, TransportMode
from .._path import Path
from .._people import Campaign, Sponsor, Torchbearer
from .._planning import Stop
from .._relay import Branch, Relay
from .._time import TimePrecision
from .._units import Speed
from .._whereabouts import Whereabouts
from ._equivalent import assert_equivalent, project
from ._reports import findings, policies, rules, validation_reports
from ._values import (
    _ALL,
    _NO_ZONE,
    _TEXT,
    TIMEZONES,
    _extras_for,
    _Knobs,
    _paths_for,
    _places_for,
    altitudes,
    campaigns,
    claims,
    coordinates,
    distances,
    extras,
    instants,
    latitudes,
    longitudes,
    mode_infos,
    paths,
    places,
    relights,
    sources,
    sponsors,
    torchbearers,
)

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
