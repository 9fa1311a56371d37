"""Plan a day of a relay from typical speeds: 30 Dec 2013 in Tatarstan.

The places and their order come from the built-in Sochi data (Bolgar,
Sviyazhsk, Kazan); the times are estimates from each mode's cruising speed.

Run: python examples/plan_a_day.py
"""

import datetime as dt

import torchrelay
from torchrelay import Stop, TransportMode, plan_legs
from torchrelay.datasets import sochi_2014

places = {leg.destination.name: leg.destination for leg in sochi_2014().legs}
bolgar, sviyazhsk, kazan = places["Bolgar"], places["Sviyazhsk"], places["Kazan"]

legs = plan_legs(
    bolgar,
    torchrelay.local_datetime(2013, 12, 30, 9, tz="Europe/Moscow"),
    [
        Stop(sviyazhsk, TransportMode.TRAIN, dwell=dt.timedelta(hours=2)),
        Stop(kazan, TransportMode.BUS, dwell=dt.timedelta(minutes=30)),
        Stop(kazan, TransportMode.RUNNING, duration=dt.timedelta(hours=3)),
    ],
)
for leg in legs:
    assert leg.departs is not None
    assert leg.arrives is not None
    print(
        f"{leg.departs.strftime('%H:%M')}-{leg.arrives.strftime('%H:%M')} "
        f"{leg.origin.name} -> {leg.destination.name} by {leg.mode.value}, {leg.distance()}"
    )
print("planned legs are", legs[0].precision.value)
