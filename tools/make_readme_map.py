"""Draw the README's map of the Sochi 2014 relay: ``docs/images/sochi-2014-map.png``.

Run from anywhere after changing the map or the Sochi data::

    python tools/make_readme_map.py

``tests/test_plot.py`` renders the map afresh and compares it byte for byte
with the committed file, so the README cannot show an outdated picture.
"""

from __future__ import annotations

import sys
from pathlib import Path

IMAGE = Path(__file__).resolve().parents[1] / "docs" / "images" / "sochi-2014-map.png"
DPI = 80.0


def render() -> bytes:
    """The README map's PNG bytes, drawn now."""
    import io

    from torchrelay.datasets import sochi_2014
    from torchrelay.plot import route_map, save

    buffer = io.BytesIO()
    save(route_map(sochi_2014()), buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def main() -> int:
    """Write the image and say where."""
    data = render()
    IMAGE.parent.mkdir(parents=True, exist_ok=True)
    IMAGE.write_bytes(data)
    print(f"wrote {IMAGE} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
