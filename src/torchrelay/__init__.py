"""torchrelay: a typed model of Olympic torch relays.

Relays, legs, places, flames and torchbearers, with geodesy on WGS84, time
zones as they were on the date, validation that explains itself, and route
formats.
"""

import importlib as _importlib
import typing as _typing

from ._bounds import BoundingBox, bounding_box
from ._branch import Branch
from ._calendar import DayComparison, DayStatus, RelayDay, RestDay
from ._claims import Claim, Disagreement, Qualifier, Source, disagreements
from ._columns import NO_OFFSET, Columns
from ._extras import PERSONAL_EXTRAS, Extras, is_personal_key
from ._geo import AltitudeReference, Coordinate, Place, normalize_longitude
from ._legs import Leg, LegStatus, Relight
from ._measure import Bearing, Displacement, bearing, displacement
from ._modes import MODE_TABLE, FlameSource, FlameState, Medium, ModeInfo, TransportMode
from ._path import Path
from ._people import PERSONAL, Campaign, Sponsor, Torchbearer, is_personal
from ._planning import CRUISING_SPEEDS_KMH, Stop, plan_legs
from ._redact import redact
from ._relay import Relay
from ._time import TimePrecision, check_timezone, local_datetime, same_instant
from ._units import Distance, DistanceBasis, Speed
from ._whereabouts import Whereabouts, WhereStatus
from .exceptions import TorchRelayError

if _typing.TYPE_CHECKING:
    # Loaded on first use by __getattr__ below; imported here for type checkers.
    from . import adapters, datasets, exceptions, validation
    from . import plot as plot  # public, but not in __all__: see _NEEDS_EXTRA
    from . import testing as testing
    from .adapters import dump, load
    from .validation import Finding, Policy, Rule, Severity, ValidationReport, validate

    __version__: str

# Formats, validation rules, datasets, pictures (matplotlib) and hypothesis
# strategies cost time to import and most scripts use few of them: they load on
# first use (PEP 562).
_SUBMODULES = frozenset({"adapters", "datasets", "exceptions", "plot", "testing", "validation"})
_LAZY = {
    "dump": "adapters",
    "load": "adapters",
    "Finding": "validation",
    "Policy": "validation",
    "Rule": "validation",
    "Severity": "validation",
    "ValidationReport": "validation",
    "validate": "validation",
}


def __getattr__(name: str) -> _typing.Any:
    if name == "__version__":
        # importlib.metadata costs a fifth of the import; most scripts never ask.
        from importlib.metadata import version

        value: _typing.Any = version("torchrelay")
    elif name in _SUBMODULES:
        value = _importlib.import_module(f"{__name__}.{name}")
    elif name in _LAZY:
        value = getattr(_importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    else:
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__, *_NEEDS_EXTRA})


# Public submodules that need an extra (matplotlib, hypothesis): reached as
# ``torchrelay.plot`` and ``torchrelay.testing``, but left out of __all__ so that
# ``from torchrelay import *`` works on a plain install, without the extras.
_NEEDS_EXTRA = ("plot", "testing")


__all__ = [
    "CRUISING_SPEEDS_KMH",
    "MODE_TABLE",
    "NO_OFFSET",
    "PERSONAL",
    "PERSONAL_EXTRAS",
    "AltitudeReference",
    "Bearing",
    "BoundingBox",
    "Branch",
    "Campaign",
    "Claim",
    "Columns",
    "Coordinate",
    "DayComparison",
    "DayStatus",
    "Disagreement",
    "Displacement",
    "Distance",
    "DistanceBasis",
    "Extras",
    "Finding",
    "FlameSource",
    "FlameState",
    "Leg",
    "LegStatus",
    "Medium",
    "ModeInfo",
    "Path",
    "Place",
    "Policy",
    "Qualifier",
    "Relay",
    "RelayDay",
    "Relight",
    "RestDay",
    "Rule",
    "Severity",
    "Source",
    "Speed",
    "Sponsor",
    "Stop",
    "TimePrecision",
    "TorchRelayError",
    "Torchbearer",
    "TransportMode",
    "ValidationReport",
    "WhereStatus",
    "Whereabouts",
    "__version__",
    "adapters",
    "bearing",
    "bounding_box",
    "check_timezone",
    "datasets",
    "disagreements",
    "displacement",
    "dump",
    "exceptions",
    "is_personal",
    "is_personal_key",
    "load",
    "local_datetime",
    "normalize_longitude",
    "plan_legs",
    "redact",
    "same_instant",
    "validate",
    "validation",
]
