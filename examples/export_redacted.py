"""Write the Sochi relay without personal data, read it back, and compare.

Run: python examples/export_redacted.py
"""

import pathlib
import tempfile

import torchrelay
from torchrelay.datasets import sochi_2014

relay = sochi_2014()
with tempfile.TemporaryDirectory() as folder:
    target = pathlib.Path(folder) / "sochi.relay.json"
    torchrelay.dump(relay, target, redact=True)
    back = torchrelay.load(target)
    size = target.stat().st_size

same = back == torchrelay.redact(relay)
print(f"wrote {size:,} bytes; the same relay apart from personal data: {same}")
print("torchbearers after redaction:", [(tb.id, tb.name) for tb in back.torchbearers()])
