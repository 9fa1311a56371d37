"""What writing a relay in a format would drop: one counting function a feature, as a table.

:func:`losses` runs the counter of every feature a format does not keep. A
counter yields the location of each value it finds (``legs[3].torchbearers``);
the first becomes the :class:`~torchrelay.adapters.Loss`'s example.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sized
from typing import Any

import numpy as np
import pendulum

from .._columns import NO_OFFSET
from .._geo import AltitudeReference, Coordinate, Place
from .._legs import Leg, LegStatus
from .._modes import FlameSource, FlameState, TransportMode
from .._path import Path
from .._relay import Relay
from .._time import TimePrecision
from ._format import Feature, Loss

__all__ = ["COUNTERS", "losses"]

Counter = Callable[[Relay], Iterator[tuple[str, int]]]
"""Yields ``(location, how many values there)`` for each place a feature is used."""


def _legs(relay: Relay) -> Iterator[tuple[str, Leg]]:
    for i, leg in enumerate(relay.legs):
        yield f"legs[{i}]", leg
    for j, branch in enumerate(relay.branches):
        for i, leg in enumerate(branch.legs):
            yield f"branches[{j}].legs[{i}]", leg


def _places(relay: Relay) -> Iterator[tuple[str, Place]]:
    """Every distinct place at a leg's end, a rest day or in :attr:`Relay.places`, first use."""
    seen: set[Place] = set()
    ends = (
        (f"{where}.{end}", place)
        for where, leg in _legs(relay)
        for end, place in (("origin", leg.origin), ("destination", leg.destination))
    )
    rest = (
        (f"rest_days[{i}].place", day.place)
        for i, day in enumerate(relay.rest_days)
        if day.place is not None
    )
    known = ((f"places[{i}]", place) for i, place in enumerate(relay.places))
    for where, place in itertools.chain(ends, rest, known):
        if place not in seen:
            seen.add(place)
            yield where, place


def _paths(relay: Relay) -> Iterator[tuple[str, Path]]:
    for where, leg in _legs(relay):
        if leg.path is not None:
            yield f"{where}.path", leg.path


def _nonempty(where: str, values: Sized) -> Iterator[tuple[str, int]]:
    if len(values):
        yield where, len(values)


def _branches(relay: Relay) -> Iterator[tuple[str, int]]:
    for j in range(len(relay.branches)):
        yield f"branches[{j}]", 1


def _branch_details(relay: Relay) -> Iterator[tuple[str, int]]:
    for j, branch in enumerate(relay.branches):
        if not branch.legs:
            yield f"branches[{j}]", 1
        for name in ("leaves_from", "rejoins_at", "description"):
            if getattr(branch, name) is not None:
                yield f"branches[{j}].{name}", 1


def _claims(relay: Relay) -> Iterator[tuple[str, int]]:
    yield from _nonempty("claims", relay.claims)
    yield from _nonempty("sources", relay.sources)
    for where, leg in _legs(relay):
        yield from _nonempty(f"{where}.sources", leg.sources)
    for i, day in enumerate(relay.rest_days):
        yield from _nonempty(f"rest_days[{i}].sources", day.sources)


def _sponsors(relay: Relay) -> Iterator[tuple[str, int]]:
    yield from _nonempty("sponsors", relay.sponsors)
    yield from _nonempty("campaigns", relay.campaigns)


def _torchbearers(relay: Relay) -> Iterator[tuple[str, int]]:
    for where, leg in _legs(relay):
        yield from _nonempty(f"{where}.torchbearers", leg.torchbearers)
    for i, campaign in enumerate(relay.campaigns):
        yield from _nonempty(f"campaigns[{i}].torchbearers", campaign.torchbearers)


def _rest_days(relay: Relay) -> Iterator[tuple[str, int]]:
    for i in range(len(relay.rest_days)):
        yield f"rest_days[{i}]", 1


def _named(zone: str | None) -> bool:
    """Whether *zone* is a zone name a format could lose (UTC included), not a bare offset."""
    return bool(zone) and zone[0] not in "+-"  # type: ignore[index]


def _time_zone(value: pendulum.DateTime | None) -> str | None:
    return None if value is None else value.timezone_name


def _timezones(relay: Relay) -> Iterator[tuple[str, int]]:
    if _named(relay.timezone):
        yield "timezone", 1
    for where, place in _places(relay):
        if _named(place.timezone):
            yield f"{where}.timezone", 1
    for where, leg in _legs(relay):
        for name in ("departs", "arrives"):
            if _named(_time_zone(getattr(leg, name))):
                yield f"{where}.{name}", 1
        for i, relight in enumerate(leg.relights):
            if _named(_time_zone(relight.at)):
                yield f"{where}.relights[{i}].at", 1
    for where, path in _paths(relay):
        if _named(path.timezone):
            yield f"{where}.timezone", 1


def _time_precision(relay: Relay) -> Iterator[tuple[str, int]]:
    for where, leg in _legs(relay):
        if leg.precision is not TimePrecision.EXACT:
            yield f"{where}.precision", 1


def _point_times(relay: Relay) -> Iterator[tuple[str, int]]:
    for where, path in _paths(relay):
        if path.times is not None and (n := int(np.count_nonzero(~np.isnan(path.times)))):
            yield f"{where}.times", n


def _coordinate_altitude(where: str, coordinate: Coordinate) -> Iterator[tuple[str, int]]:
    if coordinate.altitude is not None:
        yield f"{where}.altitude", 1
    if coordinate.altitude_reference is not AltitudeReference.MEAN_SEA_LEVEL:
        yield f"{where}.altitude_reference", 1


def _altitudes(relay: Relay) -> Iterator[tuple[str, int]]:
    for where, place in _places(relay):
        yield from _coordinate_altitude(f"{where}.coordinate", place.coordinate)
    for where, path in _paths(relay):
        if path.altitudes is not None and (n := int(np.count_nonzero(~np.isnan(path.altitudes)))):
            yield f"{where}.altitudes", n
        if path.altitude_reference is not AltitudeReference.MEAN_SEA_LEVEL:
            yield f"{where}.altitude_reference", 1


def _flame(relay: Relay) -> Iterator[tuple[str, int]]:
    for where, leg in _legs(relay):
        if leg.mode is not TransportMode.UNKNOWN:
            yield f"{where}.mode", 1
        if leg.flame is not FlameState.UNKNOWN:
            yield f"{where}.flame", 1
        if leg.lit_from is not FlameSource.PREVIOUS:
            yield f"{where}.lit_from", 1
        yield from _nonempty(f"{where}.relights", leg.relights)


def _places_gazetteer(relay: Relay) -> Iterator[tuple[str, int]]:
    yield from _nonempty("places", relay.places)


def _leg_status(relay: Relay) -> Iterator[tuple[str, int]]:
    for where, leg in _legs(relay):
        if leg.status is not LegStatus.HELD:
            yield f"{where}.status", 1


def _offsets(relay: Relay) -> Iterator[tuple[str, int]]:
    for where, path in _paths(relay):
        if path.offsets is not None:
            n = int(np.count_nonzero(path.offsets != NO_OFFSET))
            if n:
                yield f"{where}.offsets", n


def _tracks(relay: Relay) -> Iterator[tuple[str, int]]:
    for where, _path in _paths(relay):
        yield f"{where}", 1


def _segments(relay: Relay) -> Iterator[tuple[str, int]]:
    for where, path in _paths(relay):
        if path.segment_starts:
            yield f"{where}.segment_starts", len(path.segment_starts)


def _columns(relay: Relay) -> Iterator[tuple[str, int]]:
    for where, path in _paths(relay):
        for name in path.columns:
            yield f"{where}.columns[{name!r}]", 1


def _extras_of(where: str, obj: Any) -> Iterator[tuple[str, int]]:
    extras: Mapping[str, Any] = obj.extras
    yield from _nonempty(f"{where}.extras" if where else "extras", extras)


def _extras(relay: Relay) -> Iterator[tuple[str, int]]:
    holders: Iterable[tuple[str, object]] = itertools.chain(
        [("", relay)],
        ((f"branches[{j}]", branch) for j, branch in enumerate(relay.branches)),
        _legs(relay),
        _places(relay),
        ((f"sources[{i}]", source) for i, source in enumerate(relay.sources)),
        ((f"claims[{i}].source", claim.source) for i, claim in enumerate(relay.claims)),
        ((f"sponsors[{i}]", sponsor) for i, sponsor in enumerate(relay.sponsors)),
        (
            (f"{where}.torchbearers[{i}]", person)
            for where, leg in _legs(relay)
            for i, person in enumerate(leg.torchbearers)
        ),
        (
            (f"{where}.sources[{i}]", source)
            for where, leg in _legs(relay)
            for i, source in enumerate(leg.sources)
        ),
        (
            (f"campaigns[{c}].torchbearers[{i}]", person)
            for c, campaign in enumerate(relay.campaigns)
            for i, person in enumerate(campaign.torchbearers)
        ),
        (
            (f"rest_days[{d}].sources[{i}]", source)
            for d, day in enumerate(relay.rest_days)
            for i, source in enumerate(day.sources)
        ),
    )
    for where, obj in holders:
        yield from _extras_of(where, obj)


COUNTERS: Mapping[Feature, Counter] = {
    Feature.BRANCHES: _branches,
    Feature.BRANCH_DETAILS: _branch_details,
    Feature.CLAIMS: _claims,
    Feature.SPONSORS: _sponsors,
    Feature.TORCHBEARERS: _torchbearers,
    Feature.PLACES: _places_gazetteer,
    Feature.LEG_STATUS: _leg_status,
    Feature.REST_DAYS: _rest_days,
    Feature.TIMEZONES: _timezones,
    Feature.OFFSETS: _offsets,
    Feature.TIME_PRECISION: _time_precision,
    Feature.POINT_TIMES: _point_times,
    Feature.ALTITUDES: _altitudes,
    Feature.SEGMENTS: _segments,
    Feature.PATHS: _tracks,
    Feature.COLUMNS: _columns,
    Feature.EXTRAS: _extras,
    Feature.FLAME: _flame,
}
"""The counting function of every :class:`~torchrelay.adapters.Feature`."""


def losses(relay: Relay, keeps: Iterable[Feature]) -> tuple[Loss, ...]:
    """What writing *relay* in a format that keeps only *keeps* would drop.

    Args:
        relay: The relay to write.
        keeps: The features the format keeps, such as a
            :attr:`Format.keeps <torchrelay.adapters.Format.keeps>`.

    Returns:
        One :class:`Loss` for each feature the relay uses and the format does
        not keep, in the order of :class:`Feature`; empty if nothing is lost.

    >>> from torchrelay.datasets import demo_relay
    >>> [str(loss) for loss in losses(demo_relay(), set(Feature) - {Feature.FLAME})]
    ['flame: 5 values, such as legs[0].mode']

    .. versionadded:: 0.1.0
    """
    kept = frozenset(keeps)
    found: list[Loss] = []
    for feature in Feature:
        if feature in kept:
            continue
        count, example = 0, ""
        for where, n in COUNTERS[feature](relay):
            if not count:
                example = where or "relay"
            count += n
        if count:
            found.append(Loss(feature, count, example))
    return tuple(found)
