"""The tutorial's relay (docs/tutorial.rst), built, validated and saved in one script.

A canicross start at Arkhangelskoye on 10 Oct 2013, the icebreaker to the
North Pole, the flare under Lake Baikal and the unlit torch on a spacewalk.

Run: python examples/tutorial_relay.py [OUT.relay.json]
"""

import datetime as dt
import pathlib
import sys
import tempfile

import torchrelay
from torchrelay import (
    AltitudeReference,
    Branch,
    Coordinate,
    FlameSource,
    FlameState,
    Leg,
    Place,
    Relay,
    Torchbearer,
    TransportMode,
    local_datetime,
)

MSK, IRK = "Europe/Moscow", "Asia/Irkutsk"


def at(zone: str, *when: int) -> dt.datetime:
    """A wall-clock time in *zone*, with the offset the zone had that day."""
    return local_datetime(*when, tz=zone)


def place(name: str, lat: float, lon: float, zone: str | None, **more: object) -> Place:
    """A place at a latitude and longitude, in a zone."""
    return Place(name, Coordinate(lat, lon, **more), timezone=zone)  # type: ignore[arg-type]


athens = place("Athens", 37.9364, 23.9445, "Europe/Athens")
vnukovo = place("Vnukovo airport", 55.5915, 37.2615, MSK)
museum = place("Arkhangelskoye museum", 55.7845, 37.2846, MSK)
gate = place("Arkhangelskoye, north gate", 55.7905, 37.2905, MSK)
murmansk = place("Murmansk", 68.9707, 33.075, MSK)
pole = place("North Pole", 90, 0, MSK)
irkutsk = place("Irkutsk", 52.2869, 104.305, IRK)
shore = place("Listvyanka", 51.8536, 104.8692, IRK)
under = place(
    "Lake Baikal, 13 m down", 51.8536, 104.8692, IRK,
    altitude=-13.0, altitude_reference=AltitudeReference.WATER_SURFACE,
)  # fmt: skip
baikonur = place("Baikonur Cosmodrome", 45.965, 63.305, "Asia/Almaty")
station = place(
    "International Space Station", 51.6, 0.0, None,
    altitude=418_000.0, altitude_reference=AltitudeReference.ELLIPSOID,
)  # fmt: skip

T, L, F, U = FlameState.LIT_TORCH, FlameState.LANTERN, FlameState.FLARE, FlameState.UNLIT
M = TransportMode
main_line = [
    Leg(athens, vnukovo, at("Europe/Athens", 2013, 10, 6, 9), at(MSK, 2013, 10, 6, 14, 15),
        M.PLANE, L, id="from-greece", lit_from=FlameSource.SUN),
    Leg(vnukovo, museum, at(MSK, 2013, 10, 10, 8), at(MSK, 2013, 10, 10, 9),
        M.CAR, L, id="to-the-museum"),
    Leg(museum, gate, at(MSK, 2013, 10, 10, 10), at(MSK, 2013, 10, 10, 10, 4),
        M.CANICROSS, T, id="canicross", lit_from=FlameSource.LANTERN,
        torchbearers=[Torchbearer(id="tb-1", campaign="Be Part of It!")]),
    Leg(gate, murmansk, at(MSK, 2013, 10, 14, 9), at(MSK, 2013, 10, 14, 11, 30),
        M.PLANE, L, id="to-murmansk"),
    Leg(murmansk, irkutsk, at(MSK, 2013, 11, 22, 20), at(IRK, 2013, 11, 23, 7),
        M.PLANE, L, id="to-irkutsk"),
    Leg(irkutsk, shore, at(IRK, 2013, 11, 23, 9), at(IRK, 2013, 11, 23, 10, 30),
        M.CAR, L, id="to-the-lake"),
    Leg(shore, shore, at(IRK, 2013, 11, 23, 14), at(IRK, 2013, 11, 23, 14, 30),
        M.RUNNING, T, id="listvyanka", lit_from=FlameSource.LANTERN,
        torchbearers=[Torchbearer(id="tb-2")]),
]  # fmt: skip
branches = [
    Branch("north-pole", [
        Leg(murmansk, pole, at(MSK, 2013, 10, 15, 17, 25), at(MSK, 2013, 10, 19, 12, 37),
            M.ICEBREAKER, L, id="to-the-pole"),
    ], leaves_from="to-murmansk"),
    Branch("baikal", [
        Leg(shore, under, at(IRK, 2013, 11, 23, 13), at(IRK, 2013, 11, 23, 13, 10),
            M.DIVING, F, id="baikal-dive"),
    ], leaves_from="to-the-lake"),
    Branch("space", [
        Leg(baikonur, station, at("UTC", 2013, 11, 7, 4, 14), at("UTC", 2013, 11, 7, 10, 27),
            M.SPACECRAFT, U, id="launch"),
        Leg(station, station, at("UTC", 2013, 11, 9, 14, 40), at("UTC", 2013, 11, 9, 15, 40),
            M.SPACEWALK, U, id="spacewalk"),
    ]),
]  # fmt: skip
relay = Relay(
    "A relay of my own",
    "XXII Olympic Winter Games",
    main_line,
    branches=branches,
    day_one=dt.date(2013, 10, 7),
)

report = torchrelay.validate(relay)
print(f"{relay.name}: {relay.length_in_days()} relay days, {relay.distance()} on Earth")
print(f"validation: {report.counts()}")
where = relay.where(at(MSK, 2013, 10, 10, 10, 2))
print(
    f"at 10:02 on 10 Oct the flame was {where.status.value} on {where.leg.id if where.leg else '-'}"
)
out = (
    pathlib.Path(sys.argv[1])
    if len(sys.argv) > 1
    else pathlib.Path(tempfile.mkdtemp()) / "mine.relay.json"
)
torchrelay.dump(relay, out)
assert torchrelay.load(out) == relay
print(f"saved to {out}")
