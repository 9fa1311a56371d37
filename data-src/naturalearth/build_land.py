"""Build the land outlines that torchrelay's maps draw, from Natural Earth 1:110m.

The source is the copy of Natural Earth's 1:110m countries that geopandas 0.14
ships as ``geopandas/datasets/naturalearth_lowres`` (Natural Earth is public
domain; geopandas removed the copy in 1.0). Get the wheel, then run this script
from the repository root::

    pip download --no-deps geopandas==0.14.4 -d /tmp/geopandas
    python data-src/naturalearth/build_land.py /tmp/geopandas/geopandas-0.14.4-py3-none-any.whl

It reads the shapefile straight from the wheel (no GDAL, no geopandas), keeps
the outer and inner rings of every country, rounds coordinates to 0.01 degree
(about 1 km, far finer than the 1:110m generalisation), drops the points that
rounding makes repeat, and writes ``src/torchrelay/plot/land_110m.npz``:

``lonlat``
    int16, shape (n, 2): longitude and latitude in hundredths of a degree.
``starts``
    int32: where each ring begins in ``lonlat``.

The output is written with fixed zip timestamps, so running the script twice
gives the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import struct
import sys
import zipfile
from pathlib import Path

import numpy as np

SHAPEFILE = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres.shp"
OUTPUT = Path(__file__).resolve().parents[2] / "src" / "torchrelay" / "plot" / "land_110m.npz"
_POLYGON = 5
_HEADER = 100


def rings(data: bytes) -> list[np.ndarray]:
    """Every ring of every polygon record in a shapefile's bytes, as (n, 2) lon/lat arrays."""
    found: list[np.ndarray] = []
    at = _HEADER
    while at < len(data):
        _number, words = struct.unpack(">ii", data[at : at + 8])
        content = data[at + 8 : at + 8 + 2 * words]
        at += 8 + 2 * words
        (shape_type,) = struct.unpack("<i", content[:4])
        if shape_type != _POLYGON:
            msg = f"shape type {shape_type} is not a polygon"
            raise ValueError(msg)
        n_parts, n_points = struct.unpack("<ii", content[36:44])
        parts = list(struct.unpack(f"<{n_parts}i", content[44 : 44 + 4 * n_parts]))
        offset = 44 + 4 * n_parts
        points = np.frombuffer(content, "<f8", 2 * n_points, offset).reshape(-1, 2)
        for start, stop in zip(parts, [*parts[1:], n_points], strict=True):
            found.append(points[start:stop])
    return found


def compact(ring: np.ndarray) -> np.ndarray:
    """A ring in hundredths of a degree, without the repeats that rounding makes."""
    scaled = np.round(ring * 100.0).astype(np.int16)
    keep = np.ones(len(scaled), dtype=bool)
    keep[1:] = np.any(scaled[1:] != scaled[:-1], axis=1)
    return scaled[keep]


def main(wheel: str) -> None:
    with zipfile.ZipFile(wheel) as archive:
        data = archive.read(SHAPEFILE)
    print(f"{SHAPEFILE}: {len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()}")
    kept = [r for r in (compact(ring) for ring in rings(data)) if len(r) >= 4]
    lonlat = np.concatenate(kept)
    starts = np.cumsum([0, *(len(r) for r in kept[:-1])]).astype(np.int32)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name, array in (("lonlat", lonlat), ("starts", starts)):
            member = io.BytesIO()
            np.lib.format.write_array(member, array, allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(info, member.getvalue())
    OUTPUT.write_bytes(buffer.getvalue())
    print(f"{OUTPUT.name}: {len(kept)} rings, {len(lonlat)} points, {OUTPUT.stat().st_size} bytes")


if __name__ == "__main__":
    main(sys.argv[1])
