"""Torchbearers, sponsors and the campaigns that chose torchbearers.

Torchbearers are private people, some of them minors. Every field that holds
personal data is marked with :data:`PERSONAL` in its attrs metadata, so that one
function, :func:`torchrelay.redact`, can leave them out of any export.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from ._convert import nonempty_text, optional_id, optional_text, to_tuple, tuple_of
from ._extras import Extras, to_extras
from .exceptions import InvalidValueError

__all__ = ["PERSONAL", "PSEUDONYM", "Campaign", "Sponsor", "Torchbearer", "is_personal"]

PERSONAL = "torchrelay.personal"
"""The attrs metadata key that marks a field as personal data.

.. versionadded:: 0.1.0
"""


PSEUDONYM = "torchrelay.pseudonym"
"""The attrs metadata key that marks an identifier derived from a person.

Its value is the prefix of the pseudonyms :func:`torchrelay.redact` gives
such identifiers: ``tb`` for :attr:`Torchbearer.id`, so ``tb-1``, ``tb-2``...
"""


def is_personal(field: attrs.Attribute[Any]) -> bool:
    """Whether an attrs field is marked as personal data.

    >>> [f.name for f in attrs.fields(Torchbearer) if is_personal(f)]
    ['name', 'birth_year', 'age', 'hometown', 'story', 'extras']

    .. versionadded:: 0.1.0
    """
    return bool(field.metadata.get(PERSONAL, False))


def _personal(**kwargs: Any) -> Any:
    return attrs.field(metadata={PERSONAL: True}, **kwargs)


def _count(instance: Any, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        msg = f"'{attribute.name}' must be a whole number, not negative (got {value!r})"
        raise InvalidValueError(msg)
    if value >= 2**63:
        msg = f"'{attribute.name}' must be within 64 bits (got {len(str(value))} digits)"
        raise InvalidValueError(msg)


def _year(instance: Any, attribute: attrs.Attribute[Any], value: int | None) -> None:
    _count(instance, attribute, value)
    if value is not None and not 1800 <= value <= 2200:
        msg = f"'{attribute.name}' must be a year between 1800 and 2200 (got {value!r})"
        raise InvalidValueError(msg)


def _age(instance: Any, attribute: attrs.Attribute[Any], value: int | None) -> None:
    _count(instance, attribute, value)
    if value is not None and value > 130:
        msg = f"'age' must be at most 130 years (got {value!r})"
        raise InvalidValueError(msg)


@attrs.frozen
class Torchbearer:
    """A person who carried the flame.

    Every field but :attr:`id` and :attr:`campaign` is personal data, extras
    included; a redacted torchbearer keeps only those two, so that counts and
    campaign figures survive redaction. The id may spell a name, so
    redaction replaces it with a pseudonym (``tb-1``, ``tb-2``...).

    Args:
        name: The person's name, as published.
        birth_year: Year of birth, if published.
        age: Age in years on the day they carried the flame, if published
            instead of a birth year.
        hometown: Where they come from.
        story: Why they were chosen, in a sentence or two.
        campaign: The name of the :class:`Campaign` that nominated them.
        id: A stable identifier, so legs and findings can refer to a person
            without naming them.
        extras: What a format holds about the person that the model has no
            field for, by namespaced key.

    .. versionadded:: 0.1.0
    """

    name: str | None = _personal(default=None, validator=optional_text, kw_only=True)
    birth_year: int | None = _personal(default=None, validator=_year, kw_only=True)
    age: int | None = _personal(default=None, validator=_age, kw_only=True)
    hometown: str | None = _personal(default=None, validator=optional_text, kw_only=True)
    story: str | None = _personal(default=None, validator=optional_text, kw_only=True)
    campaign: str | None = attrs.field(default=None, validator=optional_text, kw_only=True)
    id: str | None = attrs.field(
        default=None, validator=optional_id, metadata={PSEUDONYM: "tb"}, kw_only=True
    )
    extras: Extras = attrs.field(
        factory=Extras, converter=to_extras, kw_only=True, metadata={PERSONAL: True}
    )

    def age_on(self, day: dt.date) -> int | None:
        """The person's age on *day*, as far as it can be known.

        With only a birth year, the age on the day is uncertain by one year;
        this gives the lower bound, which is what a minimum-age rule needs.

        >>> Torchbearer(name="A. N. Other", birth_year=1999).age_on(dt.date(2013, 10, 7))
        13

        .. versionadded:: 0.1.0
        """
        if self.birth_year is not None:
            return day.year - self.birth_year - 1
        return self.age


@attrs.frozen
class Sponsor:
    """A company that sponsors the Games or the relay.

    Args:
        name: The company's name.
        olympic_partner_since: The year its Olympic partnership began
            (Coca-Cola: 1928).
        relay_partner_since: The year it began to sponsor torch relays
            (Coca-Cola: 1992).
        extras: What a format holds about the sponsor that the model has no
            field for, by namespaced key.

    .. versionadded:: 0.1.0
    """

    name: str = attrs.field(validator=nonempty_text)
    olympic_partner_since: int | None = attrs.field(default=None, validator=_year, kw_only=True)
    relay_partner_since: int | None = attrs.field(default=None, validator=_year, kw_only=True)
    extras: Extras = attrs.field(factory=Extras, converter=to_extras, kw_only=True)


@attrs.frozen
class Campaign:
    """A sponsor's campaign that chose torchbearers.

    Args:
        name: The campaign's name.
        sponsor: The name of the :class:`Sponsor` that ran it.
        applications: How many people applied.
        votes: How many votes the public cast.
        selected: How many torchbearers it chose.
        torchbearers: Torchbearers it chose whom the sponsor named in public.

    .. versionadded:: 0.1.0
    """

    name: str = attrs.field(validator=nonempty_text)
    sponsor: str = attrs.field(validator=nonempty_text)
    applications: int | None = attrs.field(default=None, validator=_count, kw_only=True)
    votes: int | None = attrs.field(default=None, validator=_count, kw_only=True)
    selected: int | None = attrs.field(default=None, validator=_count, kw_only=True)
    torchbearers: tuple[Torchbearer, ...] = attrs.field(
        default=(), converter=to_tuple, validator=tuple_of(Torchbearer), kw_only=True
    )
