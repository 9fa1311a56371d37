"""Realistic user code that must type-check under ``mypy --strict``.

It uses only the public API, the way a user's script would, so that a change
which makes the annotations less useful (an ``Any`` leaking out, a return type
too wide, a missing export) fails ``tests/test_typing_api.py``. It also runs as
a plain script, so the code is checked to work as well as to type-check.
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
import zoneinfo
from pathlib import Path as FilePath

import numpy as np
import numpy.typing as npt
import pendulum

import torchrelay
from torchrelay import (
    AltitudeReference,
    Branch,
    Claim,
    Coordinate,
    Distance,
    FlameState,
    Leg,
    Path,
    Place,
    Qualifier,
    Relay,
    Source,
    Torchbearer,
    TorchRelayError,
    TransportMode,
    local_datetime,
    redact,
)
from torchrelay.adapters import Feature, Format, Loss, get_format, losses
from torchrelay.exceptions import (
    InvalidValueError,
    LossError,
    NonExistentTimeError,
    TimeOrderError,
)


def build_relay() -> Relay:
    """A small relay built the way a user builds one."""
    moscow = Place(
        "Moscow",
        Coordinate(55.7539, 37.6208),
        timezone="Europe/Moscow",
        region="Moscow",
        country="RU",
    )
    kremlin = Place(
        "Kremlin",
        Coordinate(55.7520, 37.6175),
        timezone="Europe/Moscow",
        region="Moscow",
        country="RU",
    )
    murmansk = Place("Murmansk", Coordinate(68.97, 33.07), timezone="Europe/Moscow", country="RU")
    pole = Place(
        "North Pole",
        Coordinate(90.0, 0.0, altitude=0.0, altitude_reference=AltitudeReference.WATER_SURFACE),
    )

    # pendulum times
    day_one = Leg(
        moscow,
        kremlin,
        pendulum.datetime(2013, 10, 7, 12, tz="Europe/Moscow"),
        pendulum.datetime(2013, 10, 7, 14, tz="Europe/Moscow"),
        TransportMode.RUNNING,
        FlameState.LIT_TORCH,
        torchbearers=[Torchbearer(name="A. N. Other", birth_year=1999, id="tb-1")],
        path=Path.from_arrays(
            np.array([55.7539, 55.7530, 55.7520]),
            [37.6208, 37.6190, 37.6175],
            times=[
                dt.datetime(2013, 10, 7, 12, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Moscow")),
                dt.datetime(2013, 10, 7, 13, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Moscow")),
                dt.datetime(2013, 10, 7, 14, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Moscow")),
            ],
        ),
        id="day-001",
    )
    # stdlib times with a zone
    murmansk_zone = zoneinfo.ZoneInfo("Europe/Moscow")
    to_pole = Leg(
        murmansk,
        pole,
        dt.datetime(2013, 10, 15, 18, 0, tzinfo=murmansk_zone),
        dt.datetime(2013, 10, 19, 9, 0, tzinfo=murmansk_zone),
        TransportMode.ICEBREAKER,
        FlameState.LANTERN,
        declared_distance=Distance.from_nautical_miles(1395),
        id="pole-1",
    )
    release = Source("https://example.org/release", title="Organisers' release")
    return Relay(
        "A small relay",
        "XXII Olympic Winter Games, Sochi 2014",
        [day_one],
        branches=[Branch("north-pole", [to_pole], leaves_from="day-001")],
        claims=[
            Claim("total_distance", 65_000, "km", release, qualifier=Qualifier.ABOUT),
            Claim("total_distance", 56_000, "km", Source("https://example.org/agency")),
        ],
        timezone="Europe/Moscow",
    )


def report(relay: Relay) -> list[str]:
    """Read distances, durations and claims back, with the types a user relies on."""
    lines: list[str] = []
    total = Distance(0.0)
    for branch, leg in relay.all_legs():
        where: str = "main line" if branch is None else branch.name
        measured: Distance | None = None if leg.path is None else leg.path.length()
        if measured is not None:
            total = total + measured
        declared = leg.declared_distance
        km: float = declared.km if declared is not None else 0.0
        duration = leg.duration()
        hours: float | None = None if duration is None else duration.total_seconds() / 3600
        lines.append(f"{leg.id} ({where}): {km:.0f} km declared, {hours} h")
        if leg.path is not None:
            first: Coordinate = leg.path[0]
            lats: npt.NDArray[np.float64] = leg.path.latitudes
            start: pendulum.DateTime | None = leg.path.time_at(0)
            lines.append(f"  from {first.latitude:.4f} ({len(lats)} points, {start})")
    lines.append(f"measured: {total.km:.3f} km")
    for claim in relay.claims_about("total_distance"):
        value: float | str = claim.value
        lines.append(f"claim: {claim.qualifier.value} {value} {claim.unit or ''}")
    starts: pendulum.DateTime | None = relay.starts
    if starts is not None:
        lines.append(f"starts {starts.to_iso8601_string()}")
    people: tuple[Torchbearer, ...] = redact(relay).torchbearers()
    lines.append(f"{len(people)} torchbearers, names {[p.name for p in people]}")
    return lines


def mistakes() -> list[str]:
    """Catch the library's errors the ways a user would."""
    caught: list[str] = []
    try:
        Coordinate(91.0, 0.0)
    except InvalidValueError as error:
        caught.append(str(error))
    try:
        local_datetime(2000, 8, 27, 2, 30, tz="Australia/Sydney")
    except NonExistentTimeError as error:
        caught.append(str(error))
    moscow = Place("Moscow", Coordinate(55.75, 37.62), timezone="Europe/Moscow")
    try:
        Leg(
            moscow,
            moscow,
            local_datetime(2013, 10, 7, 14, tz="Europe/Moscow"),
            local_datetime(2013, 10, 7, 12, tz="Europe/Moscow"),
            TransportMode.RUNNING,
            FlameState.LIT_TORCH,
        )
    except TimeOrderError as error:
        caught.append(str(error))
    try:
        Place("Olympus Mons", Coordinate(18.65, -133.8), timezone="Mars/Olympus")
    except TorchRelayError as error:
        caught.append(str(error))
    return caught


def round_trip(relay: Relay) -> list[str]:
    """Write and read back through the registry, the way a user converts files."""
    lines: list[str] = []
    native: Format = get_format("native")
    everything: frozenset[Feature] = native.keeps
    lines.append(f"native keeps {len(everything)} features, {native.media_type}")
    with tempfile.TemporaryDirectory() as folder:
        target = FilePath(folder) / "small.relay.json"
        dropped: tuple[Loss, ...] = torchrelay.dump(relay, target, indent=2)
        back: Relay = torchrelay.load(target)
        lines.append(f"dropped {len(dropped)}, same: {back == relay}")
    buffer = io.BytesIO()
    torchrelay.dump(relay, buffer, format="native")
    lines.append(f"from bytes, same: {torchrelay.load(buffer.getvalue()) == relay}")
    for loss in losses(relay, {Feature.FLAME}):
        count: int = loss.count
        lines.append(f"a flame-only format loses {loss.feature.value}: {count}")
    try:
        torchrelay.dump(relay, io.BytesIO(), format="native", strict=True)
    except LossError as error:  # native keeps everything: never raised
        lines.append(str(error))
    return lines


def main() -> None:
    """Run it all, as a script."""
    relay = build_relay()
    for line in report(relay):
        print(line)
    for message in mistakes():
        print("refused:", message)
    for line in round_trip(relay):
        print(line)
    print("torchrelay", torchrelay.__version__)


if __name__ == "__main__":
    main()
