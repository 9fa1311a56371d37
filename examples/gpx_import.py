"""Import a GPX track from a watch, clean it up and turn it into a leg of a relay.

The track has a duplicate point and no mode or flame, as watch exports do;
validation says what is missing, and the script fixes it.

Run: python examples/gpx_import.py
"""

import attrs
import numpy as np

import torchrelay
from torchrelay import FlameSource, FlameState, Path, Relay, Torchbearer, TransportMode

GPX = b"""<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="a watch" xmlns="http://www.topografix.com/GPX/1/1">
  <trk><name>Canicross at Arkhangelskoye</name><trkseg>
    <trkpt lat="55.7845" lon="37.2846"><ele>140</ele><time>2013-10-10T06:00:00Z</time></trkpt>
    <trkpt lat="55.7845" lon="37.2846"><ele>140</ele><time>2013-10-10T06:00:05Z</time></trkpt>
    <trkpt lat="55.7870" lon="37.2870"><ele>142</ele><time>2013-10-10T06:01:30Z</time></trkpt>
    <trkpt lat="55.7905" lon="37.2905"><ele>145</ele><time>2013-10-10T06:04:00Z</time></trkpt>
  </trkseg></trk>
</gpx>"""

track = torchrelay.load(GPX)
print("as imported:", sorted({f.code for f in torchrelay.validate(track)}))
leg = track.legs[0]
path = leg.path
assert path is not None
# Drop a point that repeats the one before (a watch standing still).
moved = np.ones(len(path), dtype=bool)
moved[1:] = (np.diff(path.latitudes) != 0) | (np.diff(path.longitudes) != 0)
keep = np.flatnonzero(moved)
clean = Path.from_arrays(
    path.latitudes[keep],
    path.longitudes[keep],
    None if path.altitudes is None else path.altitudes[keep],
    None if path.times is None else path.times[keep],
    timezone="Europe/Moscow",
)
leg = attrs.evolve(
    leg,
    path=clean,
    mode=TransportMode.CANICROSS,
    flame=FlameState.LIT_TORCH,
    lit_from=FlameSource.LANTERN,
    torchbearers=[Torchbearer(id="tb-1")],
    id="canicross",
)
relay = Relay("Canicross", None, [leg])
print(f"cleaned: {len(path)} -> {len(clean)} points, {leg.distance()}, {leg.speed()}")
# TR203 remains, rightly: the torch was lit from a lantern this one-leg relay does not hold.
print("after:", sorted({f.code for f in torchrelay.validate(relay)}))
