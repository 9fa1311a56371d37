"""torchrelay: a typed model of Olympic torch relays.

Relays, legs, places, flames and torchbearers, with geodesy on WGS84, time
zones as they were on the date, validation that explains itself, and route
formats.
"""

from importlib.metadata import version as _version

from ._bounds import BoundingBox, bounding_box
from ._claims import Claim, Qualifier, Source
from ._columns import NO_OFFSET, Columns
from ._extras import Extras
from ._geo import (
    AltitudeReference,
    Coordinate,
    Distance,
    DistanceBasis,
    Place,
    normalize_longitude,
)
from ._legs import Leg, LegStatus, Relight
from ._measure import Bearing, Displacement, bearing, displacement
from ._modes import MODE_TABLE, FlameSource, FlameState, Medium, ModeInfo, TransportMode
from ._path import Path
from ._people import PERSONAL, Campaign, Sponsor, Torchbearer, is_personal
from ._planning import CRUISING_SPEEDS_KMH, Stop, plan_legs
from ._relay import Branch, Relay, RestDay, redact
from ._time import TimePrecision, check_timezone, local_datetime, same_instant
from ._timeline import DayComparison, DayStatus, RelayDay, Speed, Whereabouts, WhereStatus
from .adapters import dump, load
from .exceptions import TorchRelayError
from .validation import Finding, Policy, Rule, Severity, ValidationReport, validate

__version__ = _version("torchrelay")

__all__ = [
    "CRUISING_SPEEDS_KMH",
    "MODE_TABLE",
    "NO_OFFSET",
    "PERSONAL",
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
    "bearing",
    "bounding_box",
    "check_timezone",
    "displacement",
    "dump",
    "is_personal",
    "load",
    "local_datetime",
    "normalize_longitude",
    "plan_legs",
    "redact",
    "same_instant",
    "validate",
]
