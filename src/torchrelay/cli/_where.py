"""``torchrelay where``: the flame's whereabouts at an instant, as printable fields."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .._relay import Relay
from ._shared import CommandError

__all__ = ["parse_at", "whereabouts"]


def parse_at(text: str) -> dt.datetime:
    """The instant ``--at`` names: ISO 8601 with an offset or ``Z``.

    Raises:
        CommandError: For text that is not such a time, or a time without an offset.
    """
    try:
        instant = dt.datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        msg = f"--at {text!r}: not a time; give one such as 2013-10-19T12:00:00+04:00"
        raise CommandError(msg) from None
    if instant.utcoffset() is None:
        msg = f"--at {text!r}: give the time's offset or Z, such as {text}+04:00"
        raise CommandError(msg)
    return instant


def whereabouts(relay: Relay, instant: dt.datetime) -> dict[str, Any]:
    """Where the flame was at *instant*, as JSON-ready fields (``None`` where unknown).

    .. versionadded:: 0.1.0
    """
    found = relay.where(instant)
    leg = found.leg
    position = found.position
    return {
        "at": found.at.isoformat(),
        "status": found.status.value,
        "leg": None if leg is None else (leg.id or f"{leg.origin.name} → {leg.destination.name}"),
        "branch": found.branch,
        "flame": None if found.flame is None else found.flame.value,
        "mode": None if leg is None or found.flame is None else leg.mode.value,
        "position": None if position is None else [position.latitude, position.longitude],
        "fraction": found.fraction,
        "local_time": None if found.local_time is None else found.local_time.isoformat(),
        "day": found.day,
        "next_leg": None if found.next_leg is None else found.next_leg.id,
        "elsewhere": [w.branch for w in found.elsewhere] or None,
    }
