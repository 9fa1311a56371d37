"""A small relay built in code: the first day of Sochi 2014 in Moscow."""

from __future__ import annotations

from .._claims import Claim, Source
from .._geo import Coordinate, Place
from .._legs import Leg
from .._modes import FlameSource, FlameState, TransportMode
from .._people import Campaign, Sponsor
from .._relay import Relay
from .._time import TimePrecision, local_datetime

_RELEASE = Source(
    "http://torchrelay.arch.articul.ru/torchrelay.sochi2014.com/en/"
    "news-the-sochi-2014-olympic-torch-concludes-its-record-breaking-journey-across-russia.html",
    title="Sochi 2014 organising committee: closing release of the torch relay",
)


def demo_relay() -> Relay:
    """Two legs of the Sochi 2014 relay's first days, built in code.

    .. versionadded:: 0.1.0
    """
    moscow = Place(
        "Moscow",
        Coordinate(55.7539, 37.6208),
        timezone="Europe/Moscow",
        region="Moscow",
        country="RU",
    )
    vnukovo = Place(
        "Vnukovo Airport",
        Coordinate(55.5915, 37.2615),
        timezone="Europe/Moscow",
        region="Moscow",
        country="RU",
    )
    athens = Place(
        "Athens",
        Coordinate(37.9838, 23.7275),
        timezone="Europe/Athens",
        region="Attica",
        country="GR",
    )
    flight = Leg(
        athens,
        vnukovo,
        local_datetime(2013, 10, 6, tz="Europe/Athens"),
        local_datetime(2013, 10, 6, 23, 59, tz="Europe/Moscow"),
        TransportMode.PLANE,
        FlameState.LANTERN,
        id="flight-to-moscow",
        precision=TimePrecision.DAY,
        lit_from=FlameSource.CAULDRON,
        sources=(_RELEASE,),
    )
    day_one = Leg(
        moscow,
        moscow,
        local_datetime(2013, 10, 7, tz="Europe/Moscow"),
        local_datetime(2013, 10, 7, 23, 59, tz="Europe/Moscow"),
        TransportMode.RUNNING,
        FlameState.LIT_TORCH,
        id="day-001",
        precision=TimePrecision.DAY,
        sources=(_RELEASE,),
    )
    coke = Sponsor("The Coca-Cola Company", olympic_partner_since=1928, relay_partner_since=1992)
    return Relay(
        "Sochi 2014 Olympic Torch Relay (first days)",
        "XXII Olympic Winter Games, Sochi 2014",
        [flight, day_one],
        sponsors=[coke],
        campaigns=[
            Campaign(
                "Coca-Cola torchbearer campaign 2013",
                coke.name,
                applications=65_000,
                votes=14_000_000,
                selected=2_000,
            )
        ],
        claims=[
            Claim("torchbearers", 14_000, None, _RELEASE),
            Claim("distance_on_foot", 2_615, "km", _RELEASE),
        ],
        timezone="Europe/Moscow",
    )
