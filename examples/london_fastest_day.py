"""London 2012's fastest day, from the convoy's live GPS log: distance on the move per hour moving.

Run: python examples/london_fastest_day.py
"""

from collections import defaultdict

from torchrelay import TransportMode
from torchrelay.datasets import london_2012

relay = london_2012()
meters: dict[int, float] = defaultdict(float)
seconds: dict[int, float] = defaultdict(float)
for leg in relay.legs:
    if leg.path is None or leg.mode is not TransportMode.OTHER or leg.departs is None:
        continue  # only the stretches the log shows moving, with their tracks
    distance = leg.distance()
    duration = leg.duration()
    if distance is None or duration is None:
        continue
    day = relay.day_number(leg.departs)
    meters[day] += distance.meters
    seconds[day] += duration.total_seconds()

speeds = {day: meters[day] / seconds[day] * 3.6 for day in meters if seconds[day] > 0}
fastest = max(speeds, key=speeds.__getitem__)
print(f"{len(speeds)} days with moving stretches")
print(f"fastest: day {fastest}, {speeds[fastest]:.1f} km/h over {meters[fastest] / 1000:.1f} km")
slowest = min(speeds, key=speeds.__getitem__)
print(f"slowest: day {slowest}, {speeds[slowest]:.1f} km/h over {meters[slowest] / 1000:.1f} km")
