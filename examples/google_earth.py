"""Export the Sochi 2014 relay to a KMZ that Google Earth opens, one colour a transport mode.

Run: python examples/google_earth.py [TARGET.kmz]

Without a target, the file goes into a new temporary folder. Open it in
Google Earth (File, Open): the main line is in the Document, each special
project (the North Pole, Elbrus, Lake Baikal, space) in a folder of its own,
and the time slider plays the relay day by day.
"""

import pathlib
import sys
import tempfile
import warnings
import zipfile

import torchrelay
from torchrelay.adapters import kmz
from torchrelay.datasets import sochi_2014

if len(sys.argv) > 1:
    target = pathlib.Path(sys.argv[1])
else:
    target = pathlib.Path(tempfile.mkdtemp()) / "sochi-2014.kmz"
relay = sochi_2014()
with warnings.catch_warnings():
    warnings.simplefilter("ignore", torchrelay.exceptions.LossWarning)
    lost = kmz.dump(relay, target, redact=True)
print(f"wrote {target} ({target.stat().st_size:,} bytes)")
print("not in the file: " + (", ".join(loss.feature.value for loss in lost) or "nothing"))
with zipfile.ZipFile(target) as archive:
    document = archive.read(kmz.DOCUMENT).decode("utf-8")
print(
    f"{document.count('<Placemark>')} placemarks, {document.count('<Folder>')} folders, "
    f"{document.count('<Style id=')} line styles, one a mode"
)
again = torchrelay.load(target)
print(f"read back: {len(again.legs)} main-line legs, {len(again.branches)} branches")
