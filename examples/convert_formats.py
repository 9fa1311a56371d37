"""Convert the Sochi 2014 relay to GeoJSON, GPX and CSV, and say what each format lost.

Run: python examples/convert_formats.py [FOLDER]
"""

import pathlib
import sys
import tempfile
import warnings

import torchrelay
from torchrelay.datasets import sochi_2014

folder = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else pathlib.Path(tempfile.mkdtemp())
relay = sochi_2014()
print(f"writing into {folder}")
for name in ("sochi.relay.json", "sochi.geojson", "sochi.gpx", "sochi.csv"):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", torchrelay.exceptions.LossWarning)
        lost = torchrelay.dump(relay, folder / name, redact=True)
    kept = "everything" if not lost else "all but " + ", ".join(str(loss) for loss in lost)
    size = (folder / name).stat().st_size
    print(f"{name}: {size:,} bytes, kept {kept}")
    again = torchrelay.load(folder / name)
    print(f"  read back: {len(again.legs)} main-line legs, {len(again.branches)} branches")
