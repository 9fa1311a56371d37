"""Draw the Sochi 2014 relay's map, timeline and altitude profile (needs the plot extra).

Run: python examples/draw_pictures.py [FOLDER]
"""

import pathlib
import sys
import tempfile

from torchrelay import plot
from torchrelay.datasets import sochi_2014

folder = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else pathlib.Path(tempfile.mkdtemp())
relay = sochi_2014()
for name, draw in (
    ("sochi-map.png", plot.route_map),
    ("sochi-timeline.svg", plot.timeline),
    ("sochi-profile.pdf", plot.altitude_profile),
):
    plot.save(draw(relay), folder / name)
    print(f"wrote {folder / name} ({(folder / name).stat().st_size:,} bytes)")
