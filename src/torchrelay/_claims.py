"""Published figures and where they come from.

Sources disagree: the Sochi 2014 relay was "about 65,000 km" in the organisers'
release and "56,000 km" in a news agency's. torchrelay keeps every claim with its
source instead of choosing one, so that users can see the disagreement.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable

import attrs

from ._convert import Choice, check_text, nonempty_text, of_type, optional_date, optional_text
from ._extras import Extras, to_extras
from .exceptions import InvalidTypeError, InvalidValueError

__all__ = ["Claim", "Qualifier", "Source", "claims_about"]


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
