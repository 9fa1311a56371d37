"""KML target: a million-point ``gx:Track`` read into a relay, against a bare safe loop.

Run ``python benchmarks/bench_kml.py`` (``--quick`` for a smoke run with
100,000 points). Exits 1 if a target fails. The peer is measured in the same
run, on the same file:

* reading into a relay takes at most 1.5 times the baseline, a bare loop over
  ``defusedxml.ElementTree.iterparse(forbid_dtd=True)`` that splits each
  ``gx:coord`` with ``str.split`` and converts its three numbers with
  ``float``, reads each ``when`` with ``datetime.fromisoformat``, and clears
  each element (the limit for a safe stdlib reader);
* two tracks are timed: times in UTC (``...Z``) and times with an offset
  (``...+04:00``, as torchrelay writes a Sochi leg), since they convert by
  different numpy paths;
* peak traced memory (``tracemalloc``) of reading against the baseline's is
  shown for information.
"""

from __future__ import annotations

import datetime as dt
import io
import sys

import numpy as np
from _harness import Row, parse_args, parser, peak_mb, report, speed_row
from defusedxml import ElementTree as SafeElementTree

from torchrelay.adapters._kml_read import read_kml
from torchrelay.adapters._xml import XMLLimits

_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2" '
    'xmlns:gx="http://www.google.com/kml/ext/2.2"><Document><name>big track</name>'
    "<Placemark><name>Moscow</name><gx:Track>\n"
)


def big_track(points: int, offset: dt.timedelta) -> bytes:
    """A GPS-like gx:Track around Moscow: a ``when`` and a ``gx:coord`` a point, one a second."""
    rng = np.random.default_rng(2014)
    lats = np.round(np.clip(55.75 + np.cumsum(rng.normal(0, 1e-4, points)), -90, 90), 7)
    lons = np.round(37.62 + np.cumsum(rng.normal(0, 1e-4, points)), 7)
    alts = np.round(150 + np.cumsum(rng.normal(0, 0.1, points)), 1)
    zone = dt.timezone(offset)
    start = dt.datetime(2013, 10, 7, 12, tzinfo=zone)
    suffix = "Z" if not offset else ""
    whens = [
        (start + dt.timedelta(seconds=i)).replace(tzinfo=None if suffix else zone).isoformat()
        for i in range(points)
    ]
    parts = [_HEAD]
    parts.extend(f"<when>{w}{suffix}</when>\n" for w in whens)
    parts.extend(
        f"<gx:coord>{lon} {lat} {alt}</gx:coord>\n"
        for lon, lat, alt in zip(lons.tolist(), lats.tolist(), alts.tolist(), strict=True)
    )
    parts.append("</gx:Track></Placemark></Document></kml>\n")
    return "".join(parts).encode("utf-8")


def baseline(data: bytes) -> int:
    """The bare safe loop: iterparse, str.split, float, fromisoformat, clear."""
    count = 0
    when = None
    for _, element in SafeElementTree.iterparse(io.BytesIO(data), forbid_dtd=True):
        tag = element.tag
        if tag.endswith("}coord"):
            lon, lat, alt = (element.text or "").split()
            float(lon), float(lat), float(alt)
            count += 1
            element.clear()
        elif tag.endswith("}when"):
            when = dt.datetime.fromisoformat(element.text or "")
            element.clear()
    assert when is not None
    return count


def ours(data: bytes) -> int:
    """Read into a relay, as ``kml.loads`` does."""
    relay = read_kml(io.BytesIO(data), source=None, limits=XMLLimits())
    path = relay.legs[0].path
    assert path is not None
    assert path.times is not None
    return len(path)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(parser(__doc__ or "", points=1_000_000, repeat=3), argv)
    rows: list[Row] = []
    for label, offset in (("Z", dt.timedelta(0)), ("+04:00", dt.timedelta(hours=4))):
        data = big_track(args.points, offset)
        assert ours(data) == baseline(data) == args.points
        rows.append(
            speed_row(
                f"KML gx:Track, {args.points:,} points, times {label}, vs bare defusedxml loop",
                lambda data=data: ours(data),  # type: ignore[misc]
                lambda data=data: baseline(data),  # type: ignore[misc]
                args.repeat,
                1.5,
            )
        )
    rows.append(
        Row(
            "KML gx:Track read, peak memory vs the bare loop",
            peak_mb(lambda: ours(data)),
            peak_mb(lambda: baseline(data)),
            "MB",
        )
    )
    return report(rows, args, points=args.points)


if __name__ == "__main__":
    sys.exit(main())
