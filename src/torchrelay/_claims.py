"""Published figures and where they come from.

Sources disagree: the Sochi 2014 relay was "about 65,000 km" in the organisers'
release and "56,000 km" in a news agency's. torchrelay keeps every claim with its
source instead of choosing one, so that users can see the disagreement.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from decimal import Decimal

import attrs

from ._convert import Choice, check_text, nonempty_text, of_type, optional_date, optional_text
from ._extras import Extras, to_extras
from ._units import (
    KMH_PER_MPS,
    METERS_PER_KM,
    METERS_PER_MILE,
    METERS_PER_NAUTICAL_MILE,
    MPS_PER_KNOT,
    SECONDS_PER_HOUR,
)
from .exceptions import InvalidTypeError, InvalidValueError

__all__ = ["Claim", "Disagreement", "Qualifier", "Source", "claims_about", "disagreements"]


@attrs.frozen
class Source:
    """Where a fact comes from.

    Args:
        url: The address of the page, document or dataset.
        title: What the source is called, as a reader would cite it.
        published: When the source was published, if known.
        accessed: When it was read, if known.
        licence: The licence under which facts or data were taken, if it matters
            (for example ``CC BY-SA 4.0`` for a Wikipedia table).
        extras: What a format holds about the source that the model has no
            field for, by namespaced key.

    >>> Source("https://olympics.com/en/news/x", title="IOC news").title
    'IOC news'

    .. versionadded:: 0.1.0
    """

    url: str = attrs.field(validator=nonempty_text)
    title: str | None = attrs.field(default=None, validator=optional_text, kw_only=True)
    published: dt.date | None = attrs.field(default=None, validator=optional_date, kw_only=True)
    accessed: dt.date | None = attrs.field(default=None, validator=optional_date, kw_only=True)
    licence: str | None = attrs.field(default=None, validator=optional_text, kw_only=True)
    extras: Extras = attrs.field(factory=Extras, converter=to_extras, kw_only=True)


def _to_value(value: object) -> float | str:
    if isinstance(value, str):
        if not value.strip():
            msg = "'value' must not be empty"
            raise InvalidValueError(msg)
        return check_text("value", value)
    if isinstance(value, bool) or not isinstance(value, int | float):
        msg = f"'value' must be a number or a text (got {value!r})"
        raise InvalidTypeError(msg)
    if isinstance(value, int):
        if not -(2**63) <= value < 2**63:
            msg = f"'value' must be within 64 bits (got an integer of {len(str(value))} digits)"
            raise InvalidValueError(msg)
        return value
    if not math.isfinite(value):
        msg = f"'value' must be finite (got {value!r})"
        raise InvalidValueError(msg)
    return value + 0.0


def _value_key(value: float | str) -> tuple[str, float | str]:
    # 65000 and 65000.0 are equal numbers but different data: they write differently.
    return (type(value).__name__, value)


class Qualifier(Choice):
    """How a published figure relates to the truth it describes.

    .. versionadded:: 0.1.0
    """

    EXACT = "exact"
    ABOUT = "about"
    MORE_THAN = "more_than"
    LESS_THAN = "less_than"


@attrs.frozen
class Claim:
    """One published figure about a relay, with its unit and source.

    Several claims may give the same :attr:`figure` different values; all are
    kept. :meth:`Relay.claims_about` finds them.

    Args:
        figure: What the number measures, a short snake_case key such as
            ``total_distance``, ``torchbearers``, ``regions`` or ``days``.
        value: The number as the source gives it, in the source's unit, or a
            text for figures that are not numbers (which shuttle carried a torch).
        unit: The unit, such as ``km``, ``mi``, ``kn`` or ``m``; ``None`` for counts.
        source: Where the figure was published.
        qualifier: How the source words it ("about 65,000", "more than 2,000");
            a :class:`Qualifier` or its value.
        note: Anything a reader needs to weigh the claim.

    >>> c = Claim("total_distance", 65_000, "km", Source("https://example.org"), qualifier="about")
    >>> c.qualifier
    <Qualifier.ABOUT: 'about'>

    .. versionadded:: 0.1.0
    """

    figure: str = attrs.field(validator=nonempty_text)
    value: float | str = attrs.field(converter=_to_value, eq=_value_key)
    unit: str | None = attrs.field(validator=optional_text)
    source: Source = attrs.field(validator=of_type(Source))
    qualifier: Qualifier = attrs.field(default=Qualifier.EXACT, converter=Qualifier, kw_only=True)
    note: str | None = attrs.field(default=None, validator=optional_text, kw_only=True)


def claims_about(claims: Iterable[Claim], figure: str) -> tuple[Claim, ...]:
    """The claims about one figure, in the order given.

    Args:
        claims: Claims to search, such as :attr:`Relay.claims`.
        figure: The figure's key, such as ``total_distance``.

    Returns:
        Every claim about that figure; empty if there is none.

    .. versionadded:: 0.1.0
    """
    return tuple(c for c in claims if c.figure == figure)


# Units that claims use, in a base unit per dimension; others compare only with their own.
_UNITS: dict[str, tuple[str, float]] = {
    "m": ("length", 1.0),
    "km": ("length", METERS_PER_KM),
    "mi": ("length", METERS_PER_MILE),
    "nmi": ("length", METERS_PER_NAUTICAL_MILE),
    "kn": ("speed", MPS_PER_KNOT),
    "km/h": ("speed", 1.0 / KMH_PER_MPS),
    "h": ("time", SECONDS_PER_HOUR),
    "min": ("time", 60.0),
    "s": ("time", 1.0),
}
_ABOUT = 0.1  # "about 65,000 km" allows 10 % either way


@attrs.frozen
class Disagreement:
    """Claims about one figure that cannot all be true.

    Attributes:
        figure: The figure's key, such as ``days``.
        claims: Every claim about the figure in the same dimension (lengths
            with lengths, counts with counts), in the order given.
        low: A claim whose range lies wholly below :attr:`high`'s.
        high: A claim that cannot be true together with :attr:`low`.

    .. versionadded:: 0.1.0
    """

    figure: str
    claims: tuple[Claim, ...]
    low: Claim
    high: Claim


def _last_place(value: float) -> float:
    # 56,000 is written to the thousand, 15.3 to the tenth, 123 to the unit.
    exponent = Decimal(repr(value)).normalize().as_tuple().exponent
    return 10.0 ** int(exponent) if isinstance(exponent, int) else 1.0


def _interval(claim: Claim, scale: float) -> tuple[float, float]:
    """The values the claim allows, from its lower bound up to (not to) its upper."""
    assert not isinstance(claim.value, str)
    value = float(claim.value) * scale
    if claim.qualifier is Qualifier.MORE_THAN:
        return (value, math.inf)
    if claim.qualifier is Qualifier.LESS_THAN:
        return (-math.inf, value)
    if claim.qualifier is Qualifier.ABOUT:
        spread = abs(value) * _ABOUT
    else:
        spread = _last_place(float(claim.value)) * scale / 2.0
    return (value - spread, value + spread)


def _text_key(claim: Claim) -> str:
    return str(claim.value).strip().casefold()


def _disagreeing(members: Sequence[tuple[Claim, float]]) -> tuple[Claim, Claim] | None:
    if isinstance(members[0][0].value, str):
        first = _text_key(members[0][0])
        other = next((c for c, _ in members if _text_key(c) != first), None)
        return None if other is None else (members[0][0], other)
    spans = [(_interval(claim, scale), claim) for claim, scale in members]
    high = max(spans, key=lambda span: span[0][0])
    low = min(spans, key=lambda span: span[0][1])
    return (low[1], high[1]) if high[0][0] >= low[0][1] else None


def disagreements(claims: Iterable[Claim]) -> tuple[Disagreement, ...]:
    """The figures whose claims cannot all be true, in the order they first appear.

    Units are converted (miles with kilometres, knots with km/h) and each
    claim's wording allowed for: an exact figure stands for what rounds to it
    at its last written digit (``56,000`` for 55,500 up to 56,500, ``123``
    for 122.5 up to 123.5), "about" allows 10 % either way, "more than" any
    larger value. Texts disagree when they differ beyond case and spaces.
    Claims in other dimensions (a distance in hours) are compared only with
    their own kind. This is the test of validation rule TR407 and of
    ``torchrelay demo``.

    >>> from torchrelay.datasets import sochi_2014
    >>> found = disagreements(sochi_2014().claims)
    >>> [(d.low.value, d.high.value) for d in found if d.figure == "days"]
    [(123, 124)]

    .. versionadded:: 0.1.0
    """
    groups: dict[tuple[str, str], list[tuple[Claim, float]]] = {}
    for claim in claims:
        if isinstance(claim.value, str):
            dimension, scale = "text", 1.0
        else:
            dimension, scale = _UNITS.get(claim.unit or "", (f"unit:{claim.unit}", 1.0))
        groups.setdefault((claim.figure, dimension), []).append((claim, scale))
    found = []
    for (figure, _), members in groups.items():
        pair = _disagreeing(members) if len(members) > 1 else None
        if pair is not None:
            found.append(Disagreement(figure, tuple(c for c, _ in members), *pair))
    return tuple(found)
