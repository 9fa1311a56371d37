"""Comparing two relays on what a format keeps, with a readable first difference."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import attrs
import numpy as np
import pendulum

from .._branch import Branch
from .._calendar import RestDay
from .._extras import Extras
from .._geo import AltitudeReference, Coordinate, Place
from .._legs import Leg, LegStatus
from .._modes import FlameSource, FlameState, TransportMode
from .._path import Path
from .._people import Campaign
from .._relay import Relay
from .._time import TimePrecision, instant_key
from ..adapters import Feature

__all__ = ["assert_equivalent", "project"]

_NO_EXTRAS = Extras()


def _utc(value: pendulum.DateTime | None) -> pendulum.DateTime | None:
    return None if value is None else value.in_tz("UTC")


def _path(path: Path, drop: frozenset[Feature]) -> Path:
    changes: dict[str, Any] = {}
    if Feature.POINT_TIMES in drop:
        changes.update(times=None, offsets=None)
    if Feature.OFFSETS in drop:
        changes["offsets"] = None
    if Feature.TIMEZONES in drop:
        changes["timezone"] = None
    if Feature.ALTITUDES in drop:
        changes.update(altitudes=None, altitude_reference=AltitudeReference.MEAN_SEA_LEVEL)
    if Feature.SEGMENTS in drop:
        changes["segment_starts"] = ()
    if Feature.COLUMNS in drop and path.columns:
        changes["columns"] = Path.from_arrays([0.0], [0.0]).columns
    return attrs.evolve(path, **changes) if changes else path


def _place(place: Place, drop: frozenset[Feature]) -> Place:
    changes: dict[str, Any] = {}
    if Feature.TIMEZONES in drop:
        changes["timezone"] = None
    if Feature.ALTITUDES in drop:
        c = place.coordinate
        changes["coordinate"] = Coordinate(c.latitude, c.longitude)
    if Feature.EXTRAS in drop:
        changes["extras"] = _NO_EXTRAS
    return attrs.evolve(place, **changes) if changes else place


def _leg(leg: Leg, drop: frozenset[Feature]) -> Leg:
    changes: dict[str, Any] = {
        "origin": _place(leg.origin, drop),
        "destination": _place(leg.destination, drop),
    }
    if leg.path is not None:
        changes["path"] = None if Feature.PATHS in drop else _path(leg.path, drop)
    if Feature.TIMEZONES in drop:
        changes.update(departs=_utc(leg.departs), arrives=_utc(leg.arrives))
        changes["relights"] = tuple(
            attrs.evolve(r, at=_utc(r.at)) for r in changes.get("relights", leg.relights)
        )
    if Feature.FLAME in drop:
        changes.update(
            mode=TransportMode.UNKNOWN,
            flame=FlameState.UNKNOWN,
            lit_from=FlameSource.PREVIOUS,
            relights=(),
        )
    if Feature.TORCHBEARERS in drop:
        changes["torchbearers"] = ()
    elif Feature.EXTRAS in drop:
        changes["torchbearers"] = tuple(
            attrs.evolve(t, extras=_NO_EXTRAS) for t in leg.torchbearers
        )
    if Feature.CLAIMS in drop:
        changes["sources"] = ()
    elif Feature.EXTRAS in drop:
        changes["sources"] = tuple(attrs.evolve(s, extras=_NO_EXTRAS) for s in leg.sources)
    if Feature.TIME_PRECISION in drop:
        changes["precision"] = TimePrecision.EXACT
    if Feature.LEG_STATUS in drop:
        changes["status"] = LegStatus.HELD
    if Feature.EXTRAS in drop:
        changes["extras"] = _NO_EXTRAS
    return attrs.evolve(leg, **changes)


def project(relay: Relay, keeps: Iterable[Feature]) -> Relay:
    """*relay* with every feature outside *keeps* dropped, as a format that lacks it would.

    Times lose their zones (the instant stays), modes and flame states become
    unknown, statuses held, and so on: what a reader fills in where a format
    has nothing.

    .. versionadded:: 0.1.0
    """
    drop = frozenset(Feature) - frozenset(keeps)
    if not drop:
        return relay
    keep_details = Feature.BRANCH_DETAILS not in drop
    changes: dict[str, Any] = {
        "legs": tuple(_leg(leg, drop) for leg in relay.legs),
        "branches": ()
        if Feature.BRANCHES in drop
        else tuple(_branch(b, drop) for b in relay.branches if b.legs or keep_details),
        "places": () if Feature.PLACES in drop else tuple(_place(p, drop) for p in relay.places),
    }
    if Feature.REST_DAYS in drop:
        changes["rest_days"] = ()
    else:
        changes["rest_days"] = tuple(_rest_day(d, drop) for d in relay.rest_days)
    if Feature.CLAIMS in drop:
        changes.update(claims=(), sources=())
    elif Feature.EXTRAS in drop:
        changes["claims"] = tuple(
            attrs.evolve(c, source=attrs.evolve(c.source, extras=_NO_EXTRAS)) for c in relay.claims
        )
        changes["sources"] = tuple(attrs.evolve(s, extras=_NO_EXTRAS) for s in relay.sources)
    if Feature.SPONSORS in drop:
        changes.update(sponsors=(), campaigns=())
    else:
        if Feature.EXTRAS in drop:
            changes["sponsors"] = tuple(attrs.evolve(s, extras=_NO_EXTRAS) for s in relay.sponsors)
        changes["campaigns"] = tuple(_campaign(c, drop) for c in relay.campaigns)
    if Feature.TIMEZONES in drop:
        changes["timezone"] = None
    if Feature.EXTRAS in drop:
        changes["extras"] = _NO_EXTRAS
    return attrs.evolve(relay, **changes)


def _branch(branch: Branch, drop: frozenset[Feature]) -> Branch:
    changes: dict[str, Any] = {"legs": tuple(_leg(leg, drop) for leg in branch.legs)}
    if Feature.EXTRAS in drop:
        changes["extras"] = _NO_EXTRAS
    if Feature.BRANCH_DETAILS in drop:
        changes.update(leaves_from=None, rejoins_at=None, description=None)
    return attrs.evolve(branch, **changes)


def _rest_day(day: RestDay, drop: frozenset[Feature]) -> RestDay:
    sources = day.sources
    if Feature.CLAIMS in drop:
        sources = ()
    elif Feature.EXTRAS in drop:
        sources = tuple(attrs.evolve(s, extras=_NO_EXTRAS) for s in sources)
    return attrs.evolve(
        day, place=None if day.place is None else _place(day.place, drop), sources=sources
    )


def _campaign(campaign: Campaign, drop: frozenset[Feature]) -> Campaign:
    if Feature.TORCHBEARERS in drop:
        return attrs.evolve(campaign, torchbearers=())
    if Feature.EXTRAS in drop:
        people = tuple(attrs.evolve(t, extras=_NO_EXTRAS) for t in campaign.torchbearers)
        return attrs.evolve(campaign, torchbearers=people)
    return campaign


def _array_difference(where: str, a: Any, b: Any) -> Iterator[tuple[str, Any, Any]]:
    if a is None or b is None:
        if a is not b:
            yield where, a, b
        return
    if a.shape != b.shape or a.dtype != b.dtype:
        yield where, f"{a.dtype} x {len(a)}", f"{b.dtype} x {len(b)}"
        return
    if a.dtype == object:
        same = np.array([x == y for x, y in zip(a.tolist(), b.tolist(), strict=True)], dtype=bool)
    else:
        same = (a == b) | (np.isnan(a) & np.isnan(b)) if a.dtype.kind == "f" else a == b
    if not same.all():
        i = int(np.flatnonzero(~same)[0])
        yield (
            f"{where}[{i}]",
            a[i].item() if a.dtype != object else a[i],
            (b[i].item() if b.dtype != object else b[i]),
        )


def _path_differences(where: str, a: Path, b: Path) -> Iterator[tuple[str, Any, Any]]:
    for name in ("latitudes", "longitudes", "altitudes", "times", "offsets"):
        yield from _array_difference(f"{where}.{name}", getattr(a, name), getattr(b, name))
    for name in ("altitude_reference", "timezone", "segment_starts"):
        if getattr(a, name) != getattr(b, name):
            yield f"{where}.{name}", getattr(a, name), getattr(b, name)
    if a.columns.keys() != b.columns.keys():
        yield f"{where}.columns", sorted(a.columns), sorted(b.columns)
        return
    for name in a.columns:
        yield from _array_difference(f"{where}.columns[{name!r}]", a.columns[name], b.columns[name])


def _differences(where: str, a: Any, b: Any) -> Iterator[tuple[str, Any, Any]]:
    if type(a) is not type(b):
        yield where, a, b
        return
    if isinstance(a, pendulum.DateTime):
        if instant_key(a) != instant_key(b):
            yield where, a.isoformat(), b.isoformat()
        return
    if isinstance(a, Path):
        yield from _path_differences(where, a, b)
        return
    if isinstance(a, tuple):
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            yield from _differences(f"{where}[{i}]", x, y)
        if len(a) != len(b):
            yield f"{where} (length)", len(a), len(b)
        return
    if attrs.has(type(a)):
        for field in attrs.fields(type(a)):
            if field.eq is False:
                continue
            here = f"{where}.{field.name}" if where else field.name
            yield from _differences(here, getattr(a, field.name), getattr(b, field.name))
        return
    if a != b:
        yield where, a, b


def assert_equivalent(a: Relay, b: Relay, *, keeps: Iterable[Feature] = tuple(Feature)) -> None:
    """Assert that two relays hold the same data on the features in *keeps*.

    Both relays are projected onto *keeps* (:func:`project`), then compared
    field by field. The failure names the first location that differs and
    both values, such as ``legs[3].departs: '2013-10-07T12:00:00+04:00[Europe/Moscow]'
    != '2013-10-07T08:00:00+00:00[UTC]'``. A format's round-trip test reads::

        assert_equivalent(r, fmt.loads(fmt.dumps(r)), keeps=fmt.keeps)

    Args:
        a: The relay expected, usually the one written.
        b: The relay found, usually the one read back.
        keeps: The features to compare; by default all of them, which is ``==``.

    Raises:
        AssertionError: At the first difference, naming it.

    .. versionadded:: 0.1.0
    """
    keeps = frozenset(keeps)
    pa, pb = project(a, keeps), project(b, keeps)
    if pa == pb:
        return
    for where, x, y in _differences("", pa, pb):
        msg = f"relays differ at {where or '(relay)'}: {x!r} != {y!r}"
        raise AssertionError(msg)
    msg = "relays differ, but no field could be named"  # pragma: no cover - == and fields agree
    raise AssertionError(msg)
