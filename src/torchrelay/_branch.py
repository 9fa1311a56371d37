"""A branch of a relay: legs that run apart from the main line, with their own name."""

from __future__ import annotations

from typing import Any

import attrs

from ._convert import nonempty_text, optional_id, optional_text, to_tuple
from ._extras import Extras, to_extras
from ._geometry import collection
from ._legs import Leg, tuple_of

__all__ = ["Branch", "branch_feature"]


@attrs.frozen
class Branch:
    """Legs that run apart from the main line, such as Sochi's special projects.

    A branch usually carries a copy of the flame, taken from the main line in a
    lantern, and may or may not bring it back.

    Args:
        name: A name unique in the relay, such as ``north-pole``.
        legs: The branch's legs, in order.
        leaves_from: The id of the main-line leg whose flame the branch takes,
            or ``None`` if it does not leave from the main line.
        rejoins_at: The id of the main-line leg where the branch's flame or
            torch comes back, or ``None`` if it does not.
        description: What the branch was, in a sentence.
        extras: What a format holds about the branch that the model has no
            field for, by namespaced key.

    .. versionadded:: 0.1.0
    """

    name: str = attrs.field(validator=nonempty_text)
    legs: tuple[Leg, ...] = attrs.field(converter=to_tuple, validator=tuple_of(Leg))
    leaves_from: str | None = attrs.field(default=None, validator=optional_id, kw_only=True)
    rejoins_at: str | None = attrs.field(default=None, validator=optional_id, kw_only=True)
    description: str | None = attrs.field(default=None, validator=optional_text, kw_only=True)
    extras: Extras = attrs.field(factory=Extras, converter=to_extras, kw_only=True)

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        """The branch as a GeoJSON-like FeatureCollection, a Feature a leg, naming the branch.

        .. versionadded:: 0.1.0
        """
        return collection([branch_feature(leg, self) for leg in self.legs])


def branch_feature(leg: Leg, branch: Branch | None) -> dict[str, Any]:
    """A leg's Feature with the name of its *branch* (``None``: the main line)."""
    feature = leg.__geo_interface__
    feature["properties"]["branch"] = None if branch is None else branch.name
    return feature
