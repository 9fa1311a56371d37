"""Where was the Olympic flame at 18:40 Moscow time on 9 November 2013?

Run: python examples/where_was_the_flame.py
"""

import torchrelay
from torchrelay.datasets import sochi_2014

relay = sochi_2014()
at = torchrelay.local_datetime(2013, 11, 9, 18, 40, tz="Europe/Moscow")
found = relay.where(at)

print(f"At {at.isoformat()} ({at.in_tz('UTC').isoformat()}), relay day {found.day}:")
if found.leg is not None:
    print(f"  main line: {found.leg.name}, {found.flame.value if found.flame else 'no flame'}")
    if found.local_time is not None:
        print(f"  local time there: {found.local_time.isoformat()}")
for copy in found.elsewhere:
    leg = copy.leg
    if leg is not None:
        print(f"  branch {copy.branch}: {leg.name} ({leg.mode.value}, torch {leg.flame.value})")
