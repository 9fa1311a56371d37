"""Mutation fuzz of the XML readers: whatever the bytes, only torchrelay's errors escape."""

from __future__ import annotations

import pathlib
import warnings

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from torchrelay.adapters import gpx
from torchrelay.datasets import demo_relay
from torchrelay.exceptions import LossWarning, TorchRelayError

_SHARED = pathlib.Path(__file__).resolve().parents[2] / "shared"
_SEEDS = [
    p.read_bytes()
    for folder in (_SHARED / "realdata" / "gpx", _SHARED / "badinput" / "xml")
    if folder.is_dir()
    for p in sorted(folder.iterdir())
    if p.stat().st_size < 64_000
] + [gpx.dumps(demo_relay()).encode("utf-8")]

_SNIPPETS = [
    b"<",
    b">",
    b"&",
    b"\x00",
    b"\xff",
    b"<!DOCTYPE x [<!ENTITY a 'b'>]>",
    b'lat="NaN"',
    b'lon="1e400"',
    b"<trkseg>",
    b"</trkpt>",
    b"<time>x</time>",
    b"<ele>inf</ele>",
    b'<tr:leg xmlns:tr="https://torchrelay.invalid/xmlns/gpx/1" mode="x" flame="y"/>',
    b'<tr:extra xmlns:tr="https://torchrelay.invalid/xmlns/gpx/1" key="a:b">{</tr:extra>',
]


@st.composite
def mutants(
    draw: st.DrawFn, seeds: list[bytes] | None = None, snippets: list[bytes] | None = None
) -> bytes:
    """One of *seeds* mutated one to four times: bytes deleted, inserted, replaced, or a snippet."""
    data = bytearray(draw(st.sampled_from(seeds or _SEEDS)))
    for _ in range(draw(st.integers(1, 4))):
        where = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["delete", "insert", "replace", "snippet"]))
        if action == "delete":
            del data[where : where + draw(st.integers(1, 40))]
        elif action == "insert":
            data[where:where] = draw(st.binary(min_size=1, max_size=8))
        elif action == "replace" and where < len(data):
            data[where] = draw(st.integers(0, 255))
        else:
            data[where:where] = draw(st.sampled_from(snippets or _SNIPPETS))
    return bytes(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutants())
def test_gpx_reader_raises_only_torchrelay_errors(data: bytes) -> None:
    """A mutated real file, hostile file or export reads, or raises a TorchRelayError."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LossWarning)
        try:
            gpx.loads(data, source="fuzz.gpx")
        except TorchRelayError as error:
            message = str(error)
        else:
            message = "read"
    assert message
