"""A rule, where it comes from, and the context its check reads.

A rule is data (code, title, severity, rationale, origin) plus a check: a
function that reads a :class:`~torchrelay.validation.Context` and yields
:class:`~torchrelay.Finding` objects. The context reads what many rules need
from the relay's column view, built once a relay and shared with
:meth:`Relay.distance() <torchrelay.Relay.distance>`: every leg's times, ends
(:class:`Ends`, named columns) and distance by the one leg-distance rule, and
every path point in one set of numpy columns (:class:`Points`), with each
segment's geodesic length from a single GeographicLib call.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, NamedTuple

import attrs
import numpy as np
import numpy.typing as npt

from .._convert import Choice
from .._legs import Leg, LegStatus
from .._legtable import Ends, LegTable, Points, table_of
from .._modes import MODE_TABLE, Medium, ModeInfo
from .._relay import Branch, Relay
from .._time import TimePrecision
from ..exceptions import InvalidValueError, Location
from ._policy import Policy
from ._report import Finding, Severity

__all__ = ["BadPoints", "Context", "Ends", "LegRef", "Origin", "Points", "Rule"]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
_CODE = re.compile(r"[A-Z]+[0-9]{3}\Z")


class Origin(Choice):
    """Where a rule comes from.

    .. versionadded:: 0.1.0
    """

    CHARTER = "charter"
    """The Olympic Charter or the IOC's rules for the flame."""
    ORGANISERS = "organisers"
    """The organisers' practice, as their releases describe it."""
    PHYSICS = "physics"
    """What is physically possible."""
    DATA = "data"
    """The quality of the data: what a source or a device got wrong."""
    PLUGIN = "plugin"
    """A rule from another package or the user."""


def _check_code(instance: Any, attribute: attrs.Attribute[Any], value: str) -> None:
    if not isinstance(value, str) or not _CODE.match(value):
        msg = f"'code' must be capital letters then three digits, such as 'TR101' (got {value!r})"
        raise InvalidValueError(msg)


@attrs.frozen
class Rule:
    """A validation rule: what it checks, why, and the function that checks it.

    Args:
        code: A stable code: capital letters, then three digits (``TR101``).
            Built-in rules use ``TR``; pick another prefix for your own.
        title: What the rule reports, in a few words.
        severity: The severity of its findings where the evidence is firm.
        rationale: Why the rule exists and how it judges, for the docs.
        origin: Where the rule comes from.
        check: Reads a :class:`~torchrelay.validation.Context` and yields findings, made with
            :meth:`~torchrelay.validation.Context.finding`.
        reference: An address for the rule's source, if any.

    >>> from torchrelay.validation import Location, Origin, Rule, Severity, validate
    >>> from torchrelay.datasets import demo_relay
    >>> def no_name(ctx):
    ...     if not ctx.relay.description:
    ...         where = Location.at("description", field="description")
    ...         yield ctx.finding("no description", location=where)
    >>> rule = Rule("XY001", "Relay without description", Severity.INFO,
    ...             "Readers want a sentence about the relay.", Origin.PLUGIN, no_name)
    >>> [str(f) for f in validate(demo_relay(), select="XY", rules=[rule])]
    ['description: XY001 [info] no description']

    .. versionadded:: 0.1.0
    """

    code: str = attrs.field(validator=_check_code)
    title: str
    severity: Severity = attrs.field(converter=Severity)
    rationale: str
    origin: Origin = attrs.field(converter=Origin)
    check: Callable[[Context], Iterable[Finding]] = attrs.field(eq=False, repr=False)
    reference: str | None = attrs.field(default=None, kw_only=True)

    def matches(self, prefixes: Iterable[str]) -> bool:
        """Whether the code starts with any of *prefixes*.

        .. versionadded:: 0.1.0
        """
        return any(self.code.startswith(p) for p in prefixes)


@attrs.frozen
class LegRef:
    """A leg with where it sits: its line and index, for locations and messages.

    Args:
        position: The leg's position among all legs (main line first, then
            branches): its row in every column of the
            :class:`~torchrelay.validation.Context`.
        line: 0 for the main line, 1 + the branch's index for a branch.
        index: The leg's index in its line.
        leg: The leg.
        branch: Its branch, or ``None`` on the main line.

    .. versionadded:: 0.1.0
    """

    position: int
    line: int
    index: int
    leg: Leg
    branch: Branch | None

    @property
    def cancelled(self) -> bool:
        """Whether the leg was called off (:attr:`~torchrelay.LegStatus.CANCELLED`)."""
        return self.leg.status is LegStatus.CANCELLED

    @property
    def prefix(self) -> str:
        """The leg's path in the relay, such as ``branches[1].legs[0]``."""
        if self.branch is None:
            return f"legs[{self.index}]"
        return f"branches[{self.line - 1}].legs[{self.index}]"

    def location(
        self, *, field: str | None = None, point: int | None = None, torchbearer: str | None = None
    ) -> Location:
        """The location of the leg, or of one of its fields or path points.

        .. versionadded:: 0.1.0
        """
        parts: tuple[str | int, ...] = ("legs", self.index)
        if self.branch is not None:
            parts = ("branches", self.line - 1, *parts)
        if point is not None:
            parts += ("path", point)
        elif field is not None:
            parts += (field,)
        return Location(
            parts=parts,
            branch=None if self.branch is None else self.branch.name,
            leg=self.index,
            leg_id=self.leg.id,
            field=field if point is None else "path",
            point=point,
            torchbearer=torchbearer,
        )

    def describe(self) -> str:
        """The leg in words: its index, line, id and places.

        .. versionadded:: 0.1.0
        """
        where = "" if self.branch is None else f" of branch {self.branch.name!r}"
        ident = "" if self.leg.id is None else f" {self.leg.id!r}"
        a, b = self.leg.origin.name, self.leg.destination.name
        places = a if a == b else f"{a} → {b}"
        return f"leg {self.index}{where}{ident} ({places})"


_PRECISE = (TimePrecision.EXACT, TimePrecision.MINUTE)


class BadPoints(NamedTuple):
    """A leg's run of bad path points, as :meth:`Context.first_bad_points` yields them.

    .. versionadded:: 0.1.0
    """

    position: int
    """The leg's position among all legs (:attr:`LegRef.position`)."""
    point: int
    """The index of its first bad point in its path."""
    total: int
    """How many of its points are bad."""


class Context:
    """What a rule's check reads: the relay, the policy, and bulk facts computed once.

    Properties are computed on first use and kept for the other rules of the
    same :func:`~torchrelay.validate` call.

    Args:
        relay: The relay under validation.
        policy: The thresholds to judge by.

    .. versionadded:: 0.1.0
    """

    def __init__(self, relay: Relay, policy: Policy) -> None:
        self.relay = relay
        self.policy = policy
        self.rule: Rule | None = None

    @functools.cached_property
    def _table(self) -> LegTable:
        """The relay's legs as columns: the view ``Relay.distance()`` sums, shared with it."""
        return table_of(self.relay)

    def first_bad_points(self, bad: npt.NDArray[np.bool_]) -> Iterator[BadPoints]:
        """Each leg with a bad point of :attr:`points`: its position, first bad point, and count."""
        if not bad.any():
            return
        owner = self.point_owner
        where = np.flatnonzero(bad)
        legs, first = np.unique(owner[where], return_index=True)
        counts = np.bincount(owner[where], minlength=len(self.legs))
        for k, i in zip(legs.tolist(), where[first].tolist(), strict=True):
            yield BadPoints(k, int(i - self.points.starts[k]), int(counts[k]))

    def firmness(self, *refs: LegRef) -> tuple[Severity | None, str]:
        """For a finding drawn from these legs' times: the severity to use and a note.

        Placeholder times (day or approximate precision) are not evidence, so
        such findings become information and say why.
        """
        if all(bool(self.precise[ref.position]) for ref in refs):
            return None, ""
        return Severity.INFO, " (placeholder times: not evidence, so information only)"

    def finding(
        self,
        message: str,
        *,
        location: Location | None = None,
        severity: Severity | None = None,
        **details: Any,
    ) -> Finding:
        """A finding of the rule that is running, with its severity unless lowered.

        Args:
            message: What is wrong, naming the leg, person or field.
            location: Where.
            severity: A different severity, where the evidence is weaker.
            details: Machine-readable figures, JSON-ready.

        .. versionadded:: 0.1.0
        """
        if self.rule is None:
            msg = "Context.finding() is for use inside a rule's check"
            raise InvalidValueError(msg)
        return Finding(
            self.rule.code,
            severity or self.rule.severity,
            message,
            location=location,
            details=details,
        )

    # -- Legs and lines -----------------------------------------------------------

    @functools.cached_property
    def lines(self) -> tuple[tuple[LegRef, ...], ...]:
        """The main line's legs, then each branch's, as tuples of :class:`LegRef`."""
        out: list[tuple[LegRef, ...]] = []
        position = 0
        lines: list[tuple[Branch | None, tuple[Leg, ...]]] = [(None, self.relay.legs)]
        lines += [(b, b.legs) for b in self.relay.branches]
        for n, (branch, legs) in enumerate(lines):
            refs = []
            for i, leg in enumerate(legs):
                refs.append(LegRef(position, n, i, leg, branch))
                position += 1
            out.append(tuple(refs))
        return tuple(out)

    @functools.cached_property
    def legs(self) -> tuple[LegRef, ...]:
        """Every leg, main line first, in the order of :attr:`lines`."""
        return tuple(ref for line in self.lines for ref in line)

    @functools.cached_property
    def infos(self) -> tuple[ModeInfo, ...]:
        """Each leg's row of :data:`~torchrelay.MODE_TABLE`, looked up once."""
        table = MODE_TABLE
        return tuple(table[r.leg.mode] for r in self.legs)

    @functools.cached_property
    def media(self) -> tuple[Medium, ...]:
        """Each leg's medium."""
        return self._table.media

    @functools.cached_property
    def in_space(self) -> BoolArray:
        """Whether each leg is in space (:attr:`~torchrelay.TransportMode.in_space`)."""
        return self._table.in_space

    @functools.cached_property
    def burning(self) -> BoolArray:
        """Whether each leg carries a burning flame (a torch, lantern, flare or cauldron).

        A cancelled leg carries none: it did not run.
        """
        return self._table.burning

    @functools.cached_property
    def held_before(self) -> tuple[LegRef | None, ...]:
        """For each leg (by position), the last leg held before it in its line, or ``None``."""
        out: list[LegRef | None] = [None] * len(self.legs)
        for line in self.lines:
            last: LegRef | None = None
            for ref in line:
                out[ref.position] = last
                if not ref.cancelled:
                    last = ref
        return tuple(out)

    @functools.cached_property
    def held_lines(self) -> tuple[tuple[LegRef, ...], ...]:
        """:attr:`lines` without their cancelled legs: what continuity and custody judge."""
        return tuple(tuple(r for r in line if not r.cancelled) for line in self.lines)

    @functools.cached_property
    def ends(self) -> Ends:
        """Each leg's first and last point: of its path, else its origin and destination."""
        return self._table.ends

    @functools.cached_property
    def places(self) -> Ends:
        """Each leg's origin and destination, as the same named columns as :attr:`ends`."""
        return self._table.places

    @functools.cached_property
    def main_by_id(self) -> dict[str, LegRef]:
        """The main line's legs by id."""
        return {r.leg.id: r for r in self.lines[0] if r.leg.id is not None}

    def pairs(self) -> Iterator[tuple[LegRef, LegRef]]:
        """Each leg with the one before it in the same line.

        .. versionadded:: 0.1.0
        """
        for line in self.held_lines:
            yield from itertools.pairwise(line)

    @functools.cached_property
    def departs(self) -> FloatArray:
        """Each leg's departure in POSIX seconds; NaN for unscheduled legs."""
        return self._table.departs

    @functools.cached_property
    def arrives(self) -> FloatArray:
        """Each leg's arrival in POSIX seconds; NaN for unscheduled legs."""
        return self._table.arrives

    @functools.cached_property
    def precise(self) -> BoolArray:
        """Whether each leg's times are evidence: precision exact or minute.

        Times of precision ``day`` or ``approximate`` are placeholders; rules
        that compute speeds or overlaps from them skip or lower their findings.
        """
        return np.array([r.leg.precision in _PRECISE for r in self.legs], dtype=np.bool_)

    # -- Points ---------------------------------------------------------------------

    @functools.cached_property
    def points(self) -> Points:
        """Every path point of every leg in one set of columns."""
        return self._table.points

    @functools.cached_property
    def point_owner(self) -> npt.NDArray[np.intp]:
        """The leg (its position in :attr:`legs`) that each point of :attr:`points` belongs to."""
        return self.points.owner()

    @functools.cached_property
    def ground_meters(self) -> FloatArray:
        """Each leg's length on the ground: along its path, else origin to destination.

        The figure of :meth:`~torchrelay.Leg.measured_distance`, by the same rule.
        """
        return self._table.ground_meters

    @functools.cached_property
    def on_path(self) -> BoolArray:
        """Whether each leg's ground length was measured along its path (two points or more)."""
        return self._table.on_path

    @functools.cached_property
    def distance_meters(self) -> FloatArray:
        """Each leg's :meth:`~torchrelay.Leg.distance` in metres; NaN where it has none.

        Space legs count their declared distance, as :meth:`~torchrelay.Leg.distance` does.
        """
        return self._table.distance_meters
