"""A relay: the main line of legs, its branches, its people and its published figures."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator, Sequence
from typing import Any

import attrs
import numpy as np
import pendulum

from ._bounds import BoundingBox, boxes_hull
from ._branch import Branch, branch_feature
from ._calendar import (
    Calendar,
    DayComparison,
    RelayDay,
    RestDay,
    calendar_of,
    compare_days,
    length_in_days,
    relay_days,
)
from ._claims import Claim, Source, claims_about
from ._convert import (
    nonempty_text,
    optional_date,
    optional_text,
    to_tuple,
)
from ._extras import Extras, to_extras
from ._geo import Place
from ._geometry import collection
from ._legs import Leg, LegStatus, tuple_of
from ._legtable import LegTable, table_of
from ._modes import TransportMode
from ._people import Campaign, Sponsor, Torchbearer
from ._time import optional_timezone, utc
from ._units import Distance, DistanceBasis, Speed
from ._whereabouts import Whereabouts
from ._whereabouts import where as _where
from .exceptions import InvalidValueError, NotFoundError, path_text

__all__ = ["Branch", "Relay"]


@attrs.frozen
class Relay:
    """A torch relay: the main line of legs, its branches, people and figures.

    Args:
        name: The relay's name, such as "Sochi 2014 Olympic Torch Relay".
        games: The Games it leads to, such as "XXII Olympic Winter Games, Sochi 2014";
            ``None`` where not known (an imported track).
        legs: The main line's legs, in order.
        sponsors: The relay's sponsors.
        campaigns: The sponsors' campaigns that chose torchbearers.
        branches: Named branches that run apart from the main line.
        claims: Published figures with their sources; several may disagree.
        rest_days: Days on which the relay did not travel.
        timezone: The reference zone in which relay days are counted.
        day_one: The date the relay calls day 1, in :attr:`timezone`.
        sources: Where the relay's data come from, with their licences.
        description: What the relay was, in a sentence or two.
        places: Places the relay knows that no leg starts or ends at: GPX
            waypoints, points of interest, planned stops; in order.
        extras: What a format holds about the relay that the model has no
            field for, by namespaced key.

    Raises:
        InvalidValueError: If two legs share an id, two branches share a name,
            or a branch refers to a main-line leg that does not exist.

    .. versionadded:: 0.1.0
    """

    name: str = attrs.field(validator=nonempty_text)
    games: str | None = attrs.field(validator=optional_text)
    legs: tuple[Leg, ...] = attrs.field(converter=to_tuple, validator=tuple_of(Leg))
    sponsors: tuple[Sponsor, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(Sponsor), kw_only=True
    )
    campaigns: tuple[Campaign, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(Campaign), kw_only=True
    )
    branches: tuple[Branch, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(Branch), kw_only=True
    )
    claims: tuple[Claim, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(Claim), kw_only=True
    )
    rest_days: tuple[RestDay, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(RestDay), kw_only=True
    )
    timezone: str | None = attrs.field(default=None, converter=optional_timezone, kw_only=True)
    day_one: dt.date | None = attrs.field(default=None, validator=optional_date, kw_only=True)
    sources: tuple[Source, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(Source), kw_only=True
    )
    description: str | None = attrs.field(default=None, validator=optional_text, kw_only=True)
    places: tuple[Place, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(Place), kw_only=True
    )
    extras: Extras = attrs.field(factory=Extras, converter=to_extras, kw_only=True)

    def __attrs_post_init__(self) -> None:
        seen: dict[str, str] = {}
        for where, leg in self._located_legs():
            if leg.id is None:
                continue
            if leg.id in seen:
                msg = f"leg id {leg.id!r} is used twice, by {seen[leg.id]} and {path_text(where)}"
                raise InvalidValueError(msg, path=(*where, "id"))
            seen[leg.id] = path_text(where)
        main_ids = {leg.id for leg in self.legs if leg.id is not None}
        names: set[str] = set()
        for b, branch in enumerate(self.branches):
            if branch.name in names:
                msg = f"branch name {branch.name!r} is used twice"
                raise InvalidValueError(msg, path=("branches", b, "name"))
            names.add(branch.name)
            for field in ("leaves_from", "rejoins_at"):
                ref = getattr(branch, field)
                if ref is not None and ref not in main_ids:
                    msg = (
                        f"branch {branch.name!r}: '{field}' names leg {ref!r}, "
                        "which is not on the main line"
                    )
                    raise InvalidValueError(msg, path=("branches", b, field))

    def _located_legs(self) -> Iterator[tuple[tuple[str | int, ...], Leg]]:
        for i, leg in enumerate(self.legs):
            yield ("legs", i), leg
        for b, branch in enumerate(self.branches):
            for i, leg in enumerate(branch.legs):
                yield ("branches", b, "legs", i), leg

    def all_legs(self) -> Iterator[tuple[Branch | None, Leg]]:
        """Every leg with its branch: the main line's (branch ``None``), then each branch's.

        .. versionadded:: 0.1.0
        """
        for leg in self.legs:
            yield None, leg
        for branch in self.branches:
            for leg in branch.legs:
                yield branch, leg

    def leg(self, id: str) -> Leg:
        """The leg with this id, on the main line or a branch.

        Raises:
            NotFoundError: If no leg has that id (a :class:`KeyError`).

        .. versionadded:: 0.1.0
        """
        for _, leg in self.all_legs():
            if leg.id == id:
                return leg
        msg = f"no leg of relay {self.name!r} has the id {id!r}"
        raise NotFoundError(msg)

    def branch(self, name: str) -> Branch:
        """The branch with this name.

        Raises:
            NotFoundError: If no branch has that name (a :class:`KeyError`).

        .. versionadded:: 0.1.0
        """
        for branch in self.branches:
            if branch.name == name:
                return branch
        known = ", ".join(repr(b.name) for b in self.branches) or "none"
        msg = f"relay {self.name!r} has no branch named {name!r} (its branches: {known})"
        raise NotFoundError(msg)

    def claims_about(self, figure: str) -> tuple[Claim, ...]:
        """The published claims about one figure, such as ``total_distance``.

        .. versionadded:: 0.1.0
        """
        return claims_about(self.claims, figure)

    @property
    def starts(self) -> pendulum.DateTime | None:
        """When the first scheduled leg of the relay (main line or branch) departs."""
        times = [leg.departs for _, leg in self.all_legs() if leg.departs is not None]
        return min(times, key=utc) if times else None

    @property
    def ends(self) -> pendulum.DateTime | None:
        """When the last scheduled leg of the relay (main line or branch) arrives."""
        times = [leg.arrives for _, leg in self.all_legs() if leg.arrives is not None]
        return max(times, key=utc) if times else None

    def regions(self) -> frozenset[str]:
        """The regions that the relay's places belong to, where known.

        .. versionadded:: 0.1.0
        """
        found: set[str] = set()
        for _, leg in self.all_legs():
            for place in (leg.origin, leg.destination):
                if place.region is not None:
                    found.add(place.region)
        return frozenset(found)

    def torchbearers(self) -> tuple[Torchbearer, ...]:
        """Every torchbearer named on any leg or campaign, each once, in order of first appearance.

        .. versionadded:: 0.1.0
        """
        on_legs = (tb for _, leg in self.all_legs() for tb in leg.torchbearers)
        in_campaigns = (tb for campaign in self.campaigns for tb in campaign.torchbearers)
        return tuple(dict.fromkeys(itertools.chain(on_legs, in_campaigns)))

    def _table(self) -> LegTable:
        """The relay's legs as columns, built once and shared with validation."""
        return table_of(self)

    def _calendar(self) -> Calendar:
        return calendar_of(self.name, self.timezone, self.day_one, self.legs)

    def distance(self, *, include_space: bool = False, branches: bool = True) -> Distance:
        """The relay's total distance: every leg's :meth:`Leg.distance`, summed.

        Space legs are left out unless *include_space*, so that an orbit does
        not swamp the distance on Earth; :meth:`space_distance` reports them.
        The result's :attr:`~Distance.basis` is :attr:`DistanceBasis.MIXED`
        where legs were measured differently.

        Args:
            include_space: Add the space legs' declared distances.
            branches: Count the branches' legs as well as the main line's.

        .. versionadded:: 0.1.0
        """
        return self._table().distance(branches=branches, include_space=include_space)

    def space_distance(self, *, branches: bool = True) -> Distance:
        """The declared distances of the space legs, reported apart from :meth:`distance`.

        .. versionadded:: 0.1.0
        """
        return self._table().distance(branches=branches, only_space=True)

    def distance_by_mode(
        self, *, include_space: bool = False, branches: bool = True
    ) -> dict[TransportMode, Distance]:
        """The distance travelled by each mode, in order of first use.

        .. versionadded:: 0.1.0
        """
        table = self._table()
        return table.distance_by(table.modes, branches=branches, include_space=include_space)

    def distance_by_day(
        self, *, include_space: bool = False, branches: bool = True
    ) -> dict[int, Distance]:
        """The distance travelled each relay day, a leg counting on the day it departs.

        Days are numbered as :meth:`day_number` does; days without legs are absent.

        .. versionadded:: 0.1.0
        """
        table = self._table()
        scheduled = ~np.isnan(table.departs)
        if not branches:
            scheduled &= table.main
        if not scheduled.any():
            return {}
        picked = [table.legs[i] for i in np.flatnonzero(scheduled).tolist()]
        numbers = iter(self._calendar().numbers(leg.departs for leg in picked))  # type: ignore[misc]
        days = [next(numbers) if s else 0 for s in scheduled.tolist()]
        return table.distance_by(
            days, branches=branches, include_space=include_space, mask=scheduled
        )

    def distance_by_region(
        self, *, include_space: bool = False, branches: bool = True
    ) -> dict[str | None, Distance]:
        """The distance travelled from each region, a leg counting for its origin's region.

        Legs from places without a region count under ``None``.

        .. versionadded:: 0.1.0
        """
        table = self._table()
        regions = [leg.origin.region for leg in table.legs]
        return table.distance_by(regions, branches=branches, include_space=include_space)

    def distance_by_basis(
        self, *, include_space: bool = False, branches: bool = True
    ) -> dict[DistanceBasis | None, Distance]:
        """The distance by how it was found (path, straight line, declared); ``None``: no basis.

        .. versionadded:: 0.1.0
        """
        table = self._table()
        return table.distance_by(table.bases, branches=branches, include_space=include_space)

    def distance_on_foot(self, *, branches: bool = True) -> Distance:
        """The distance carried by people under their own power (:attr:`TransportMode.on_foot`).

        .. versionadded:: 0.1.0
        """
        table = self._table()
        return table.distance(branches=branches, mask=table.on_foot)

    def distance_by_vehicle(self, *, branches: bool = True) -> Distance:
        """The distance carried by vehicles and animals on Earth: not on foot, not in space.

        .. versionadded:: 0.1.0
        """
        table = self._table()
        return table.distance(branches=branches, mask=~table.on_foot)

    def bounds(self, *, include_cancelled: bool = False) -> BoundingBox | None:
        """The smallest box around the legs the flame travelled, across 180° where shorter.

        Cancelled legs did not happen and are left out, unless
        *include_cancelled*: then the box holds every leg, as the relay's
        GeoJSON ``bbox`` and its map do, which draw the cancelled ones too.
        Planned legs count. ``None`` where no leg is left.

        .. versionchanged:: 0.1.0
           Cancelled legs are left out unless *include_cancelled*.

        .. versionadded:: 0.1.0
        """
        return boxes_hull(
            leg.bounds()
            for _, leg in self.all_legs()
            if include_cancelled or leg.status is not LegStatus.CANCELLED
        )

    def duration_by_mode(self, *, branches: bool = True) -> dict[TransportMode, dt.timedelta]:
        """The time spent travelling by each mode, over scheduled legs.

        .. versionadded:: 0.1.0
        """
        table = self._table()
        seconds = table.duration_by(table.modes, branches=branches)
        return {mode: dt.timedelta(seconds=value) for mode, value in seconds.items()}

    def speed(self, *, branches: bool = True) -> Speed | None:
        """The average speed while travelling: distance over time of the scheduled legs.

        Space legs are left out; waits between legs do not count as time.

        .. versionadded:: 0.1.0
        """
        table = self._table()
        return table.speed_by([None] * len(table), branches=branches).get(None)

    def speed_by_mode(self, *, branches: bool = True) -> dict[TransportMode, Speed]:
        """The average speed of each mode over its scheduled legs (space legs left out).

        .. versionadded:: 0.1.0
        """
        table = self._table()
        return table.speed_by(table.modes, branches=branches)

    def reference_timezone(self) -> str:
        """The zone relay days are counted in.

        :attr:`timezone`; else the zone of the first scheduled main-line leg's
        origin; else ``UTC``.

        .. versionadded:: 0.1.0
        """
        return self._calendar().zone_name

    def day_number(self, at: dt.datetime | dt.date) -> int:
        """The relay day of an instant, or of a date in :meth:`reference_timezone`.

        Day 1 is :attr:`day_one`, or where that is not given the date of the
        first main-line departure in the reference zone. The day before day 1
        is day 0.

        Raises:
            InvalidValueError: If the relay has no day one.
            NaiveDatetimeError: If *at* is a datetime without a zone.

        .. versionadded:: 0.1.0
        """
        return self._calendar().number(at)

    def days(self) -> Sequence[RelayDay]:
        """Every day from the relay's first to its last, rest days included, numbered.

        The first day is the earliest of :attr:`day_one`, any leg's departure
        and any rest day; the last is the latest of day one, any rest day and
        the day the last leg to arrive ends on, by the rule
        :meth:`length_in_days` uses: a leg's time is [departs, arrives), so a
        leg arriving at midnight ends on the day before. Days before day one
        (a flame lit in Greece) have numbers of 0 and below.

        The result is a read-only sequence that makes each day when asked
        for it: ``len``, indexing and slicing take constant time and memory,
        however many years lie between the first day and the last.
        Iterating it makes every day in turn. It compares equal to a tuple of
        the same days. An empty sequence for a relay without a day one.

        Raises:
            InvalidValueError: If a leg's time falls on a date outside years
                1 to 9999 in :meth:`reference_timezone`.

        .. versionchanged:: 0.1.0
           A lazy sequence rather than a tuple; a leg arriving at midnight
           no longer adds a day.

        .. versionadded:: 0.1.0
        """
        return relay_days(self._calendar(), (leg for _, leg in self.all_legs()), self.rest_days)

    def length_in_days(self) -> int | None:
        """The number of the last main-line day, counted from day 1 inclusive.

        ``None`` for a relay without times.

        .. versionadded:: 0.1.0
        """
        return length_in_days(self._calendar(), self.legs)

    def compare_days(self) -> tuple[DayComparison, ...]:
        """Published day figures beside the computed ones.

        Claims of figure ``days`` are compared with :meth:`length_in_days`;
        rest days with a :attr:`RestDay.day_number` with their computed number.

        .. versionadded:: 0.1.0
        """
        return compare_days(self._calendar(), self.legs, self.claims_about("days"), self.rest_days)

    def where(self, at: dt.datetime) -> Whereabouts:
        """Where the flame was at *at*, in what state, with its copies on branches.

        Args:
            at: A timezone-aware instant.

        Raises:
            NaiveDatetimeError: If *at* has no zone.

        .. versionadded:: 0.1.0
        """
        branches = [(b.name, b.legs) for b in self.branches]
        return _where(at, self._calendar(), self.legs, branches, self.rest_days)

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        """The relay as a GeoJSON-like FeatureCollection: a Feature a leg, then its places.

        Each leg's properties add ``branch``: ``None`` for the main line, or the
        branch's name. The :attr:`places` follow as Point features, and the
        collection has the box around everything (RFC 7946 §5.2).

        .. versionadded:: 0.1.0
        """
        legs = [branch_feature(leg, branch) for branch, leg in self.all_legs()]
        return collection(legs + [p.__geo_interface__ for p in self.places])
