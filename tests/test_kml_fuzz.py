"""Mutation fuzz of the KML reader: whatever the bytes, only torchrelay's errors escape.

Seeds are the real KML files, the hostile XML files and our own exports
(a small relay with a timed track and per-point columns, and the demo
relay); each example mutates one of them a few times, by bytes or by
KML-shaped snippets, with the GPX fuzz's strategy.
"""

from __future__ import annotations

import pathlib
import warnings

import numpy as np
from hypothesis import HealthCheck, given, settings

from test_xml_fuzz import mutants
from torchrelay import Coordinate, FlameState, Leg, Path, Place, Relay, TransportMode
from torchrelay.adapters._kml_read import read_kml
from torchrelay.adapters._xml import XMLLimits
from torchrelay.datasets import demo_relay
from torchrelay.exceptions import LossWarning, TorchRelayError

_SHARED = pathlib.Path(__file__).resolve().parents[2] / "shared"


def _exports() -> list[bytes]:
    """Our own KML: the demo relay and a timed track with columns, when the writer is here."""
    try:
        from torchrelay.adapters import kml
    except ImportError:  # pragma: no cover - the writer lands beside the reader
        return []
    path = Path.from_arrays(
        [55.75, 55.76, 55.77],
        [37.62, 37.63, 37.64],
        [150.0, np.nan, 152.5],
        [1_381_132_800.0, 1_381_132_860.5, 1_381_132_920.0],
        offsets=[14400, 14400, 14400],
        segment_starts=[2],
        columns={"gpxtpx:hr": [120.0, np.nan, 125.0], "tr:note": ["a", None, "007"]},
    )
    moscow = Place("Moscow", Coordinate(55.75, 37.62), timezone="Europe/Moscow")
    leg = Leg(moscow, moscow, None, None, TransportMode.RUNNING, FlameState.LIT_TORCH, path=path)
    relays = [Relay("fuzz", None, [leg], places=[moscow]), demo_relay()]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LossWarning)
        return [kml.dumps(r).encode("utf-8") for r in relays]


_SEEDS = [
    p.read_bytes()
    for folder in (_SHARED / "realdata" / "kml", _SHARED / "badinput" / "xml")
    if folder.is_dir()
    for p in sorted(folder.iterdir())
    if p.stat().st_size < 64_000
] + _exports()

_SNIPPETS = [
    b"<",
    b">",
    b"&",
    b"\x00",
    b"\xff",
    b",",
    b" ",
    b"<!DOCTYPE x [<!ENTITY a 'b'>]>",
    b"<coordinates>1,2 3,x</coordinates>",
    b"<coordinates>181,91</coordinates>",
    b"<Point><coordinates>1,2,nan</coordinates></Point>",
    b"<when>2013-13-40T00:00:00Z</when>",
    b"<when>0725</when>",
    b"<TimeSpan><begin>2014</begin><end>2013</end></TimeSpan>",
    b'<gx:coord xmlns:gx="http://www.google.com/kml/ext/2.2">1 2 inf</gx:coord>',
    b'<gx:Track xmlns:gx="http://www.google.com/kml/ext/2.2"><when>2013-10-07T12:00:00Z</when></gx:Track>',
    b'<gx:value xmlns:gx="http://www.google.com/kml/ext/2.2">x</gx:value>',
    b"<MultiGeometry><Polygon/><Model><Location><longitude>x</longitude></Location></Model></MultiGeometry>",
    b"<Folder><name>f</name></Folder>",
    b'<tr:leg xmlns:tr="https://torchrelay.invalid/xmlns/gpx/1" mode="x" flame="y"/>',
    b'<tr:extra xmlns:tr="https://torchrelay.invalid/xmlns/gpx/1" key="a:b">{</tr:extra>',
    b'<tr:path xmlns:tr="https://torchrelay.invalid/xmlns/gpx/1" timezone="Mars/Base"/>',
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutants(_SEEDS, _SNIPPETS))
def test_kml_reader_raises_only_torchrelay_errors(data: bytes) -> None:
    """A mutated real file, hostile file or export reads, or raises a TorchRelayError."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LossWarning)
        try:
            relay = read_kml(data, source="fuzz.kml", limits=XMLLimits())
        except TorchRelayError as error:
            message = str(error)
        else:
            message = relay.name
    assert message


def test_the_seeds_hold_our_exports_and_real_files() -> None:
    """The fuzz starts from real files and from what torchrelay writes, so it can reach the reader."""
    assert any(b"<gx:Track>" in seed and b"tr:leg" in seed for seed in _SEEDS)
    assert len(_SEEDS) > 10
