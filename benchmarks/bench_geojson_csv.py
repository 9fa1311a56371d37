"""GeoJSON and CSV targets: a million-point timed path against the json and csv modules.

Run ``python benchmarks/bench_geojson_csv.py`` (``--quick`` for a smoke run).
Exits 1 if a target fails. Targets, each measured in the same run:

* GeoJSON ``dumps`` of a relay with one 1,000,000-point timed path takes at
  most 1.5 times ``json.dumps`` of the same document;
* GeoJSON ``loads`` of it takes at most 2 times ``json.loads`` of the same text;
* reading a 1,000,000-row points CSV takes at most 1.5 times a bare
  ``csv.reader`` loop that converts latitude and longitude with ``float`` and
  the time with ``datetime.fromisoformat``.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import sys

from _harness import Row, parse_args, parser, report, speed_row
from bench_native import big_path_relay

from torchrelay import Relay
from torchrelay.adapters import geojson


def csv_peer(text: str) -> int:
    """The peer: a bare csv.reader loop converting positions and times, nothing else."""
    rows = csv.reader(io.StringIO(text))
    header = next(rows)
    lat_at, lon_at, time_at = (
        header.index("latitude"),
        header.index("longitude"),
        header.index("time"),
    )
    n = 0
    for row in rows:
        float(row[lat_at])
        float(row[lon_at])
        dt.datetime.fromisoformat(row[time_at])
        n += 1
    return n


def geojson_rows(relay: Relay, repeat: int, points: int) -> list[Row]:
    text = geojson.dumps(relay)
    doc = json.loads(text)
    return [
        speed_row(
            f"GeoJSON dumps, {points:,} points vs json.dumps",
            lambda: geojson.dumps(relay),
            lambda: json.dumps(doc, ensure_ascii=False, allow_nan=False, separators=(",", ":")),
            repeat,
            1.5,
        ),
        speed_row(
            f"GeoJSON loads, {points:,} points vs json.loads",
            lambda: geojson.loads(text),
            lambda: json.loads(text),
            repeat,
            2.0,
        ),
    ]


def csv_rows(relay: Relay, repeat: int, points: int) -> list[Row]:
    from torchrelay.adapters import csv as relay_csv

    text = relay_csv.dumps(relay, layout="points")
    return [
        speed_row(
            f"points CSV loads, {points:,} rows vs csv.reader + float + fromisoformat",
            lambda: relay_csv.loads(text),
            lambda: csv_peer(text),
            repeat,
            1.5,
        )
    ]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(parser(__doc__ or "", points=1_000_000, repeat=3), argv)
    relay = big_path_relay(args.points)
    rows = geojson_rows(relay, args.repeat, args.points)
    with contextlib.suppress(ImportError):  # no CSV format in this checkout
        rows += csv_rows(relay, args.repeat, args.points)
    return report(rows, args)


if __name__ == "__main__":
    sys.exit(main())
