"""torchrelay: a typed model of Olympic torch relays.

Relays, legs, places, flames and torchbearers, with geodesy on WGS84, time
zones as they were on the date, validation that explains itself, and route
formats.
"""

from importlib.metadata import version as _version

from ._claims import Claim, Qualifier, Source
from ._geo import AltitudeReference, Coordinate, Distance, Place, normalize_longitude
from ._legs import Leg, Relight
from ._modes import MODE_TABLE, FlameSource, FlameState, Medium, ModeInfo, TransportMode
from ._path import Path
from ._people import PERSONAL, Campaign, Sponsor, Torchbearer, is_personal
from ._relay import Branch, Relay, RestDay, redact
from ._time import TimePrecision, check_timezone, local_datetime
from .exceptions import TorchRelayError

__version__ = _version("torchrelay")

__all__ = [
    "MODE_TABLE",
    "PERSONAL",
    "AltitudeReference",
    "Branch",
    "Campaign",
    "Claim",
    "Coordinate",
    "Distance",
    "FlameSource",
    "FlameState",
    "Leg",
    "Medium",
    "ModeInfo",
    "Path",
    "Place",
    "Qualifier",
    "Relay",
    "Relight",
    "RestDay",
    "Source",
    "Sponsor",
    "TimePrecision",
    "TorchRelayError",
    "Torchbearer",
    "TransportMode",
    "__version__",
    "check_timezone",
    "is_personal",
    "local_datetime",
    "normalize_longitude",
    "redact",
]
