"""Summarise the Sochi 2014 relay: its dates, days, distances by mode and its branches.

Run: python examples/sochi_summary.py
"""

import torchrelay
from torchrelay.datasets import sochi_2014

relay = sochi_2014()
zone = relay.reference_timezone()
assert relay.starts is not None
assert relay.ends is not None
print(relay.name)
print(f"  from {relay.starts.in_tz(zone).isoformat()} to {relay.ends.in_tz(zone).isoformat()}")
print(f"  {relay.length_in_days()} relay days, {len(relay.regions())} regions")
print(f"  {relay.distance()} on Earth, {relay.space_distance()} declared in space")
for mode, distance in sorted(relay.distance_by_mode().items(), key=lambda kv: -kv[1].meters)[:5]:
    print(f"    {mode.value}: {distance}")
for branch in relay.branches:
    print(f"  branch {branch.name}: {len(branch.legs)} legs")
report = torchrelay.validate(relay)
print(f"  validation: {report.counts()}")
