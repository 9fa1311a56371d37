"""A bounded mutation fuzz of the GeoJSON reader: whatever it is given, only TorchRelayError escapes.

Seeds are the real files in ``../shared/realdata/geojson`` and our own exports
(made at test time). Mutations are made on the parsed tree (replace a value,
drop a key, duplicate an element) and on the bytes (flip, cut, repeat, insert
a hostile token). What the reader accepts must write back and read again.
"""

from __future__ import annotations

import json
import warnings
from typing import Any

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import shared_files
from torchrelay import Relay
from torchrelay.adapters import geojson
from torchrelay.datasets import demo_relay, sochi_2014
from torchrelay.exceptions import TorchRelayError


def _seeds() -> list[bytes]:
    sochi = sochi_2014()
    small = attrs.evolve(sochi, legs=sochi.legs[:12], branches=sochi.branches[:1])
    ours = [geojson.dumps(r).encode() for r in (demo_relay(), small)]
    return ours + [p.read_bytes() for p in shared_files("realdata", "geojson")]


SEEDS = _seeds()
HOSTILE = [
    None,
    True,
    -1,
    0,
    1e308,
    -91.5,
    200.0,
    "",
    "x",
    "2013-13-45T99:00",
    [],
    {},
    [[]],
    [1],
    {"type": "Point"},
]
TOKENS = [
    b"NaN",
    b"Infinity",
    b"9" * 5000,
    b"[" * 2000,
    b'"\\ud800"',
    b"\x00",
    b"\xff\xfe",
    b'{"a":1,"a":2}',
]


def _nodes(value: Any, where: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [where]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _nodes(v, (*where, k))
    elif isinstance(value, list):
        for i, v in enumerate(value[:8]):
            out += _nodes(v, (*where, i))
    return out


def _mutate_tree(doc: Any, data: st.DataObject) -> bytes:
    nodes = _nodes(doc)[1:]
    if not nodes:
        return json.dumps(doc).encode()
    where = data.draw(st.sampled_from(nodes))
    parent = doc
    for key in where[:-1]:
        parent = parent[key]
    action = data.draw(st.sampled_from(["replace", "delete", "duplicate"]))
    key = where[-1]
    if action == "replace":
        parent[key] = data.draw(st.sampled_from(HOSTILE))
    elif action == "delete":
        del parent[key]
    elif isinstance(parent, list):
        parent.insert(key, parent[key])
    else:
        parent[f"{key}_copy"] = parent[key]
    return json.dumps(doc).encode()


def _mutate_bytes(seed: bytes, data: st.DataObject) -> bytes:
    at = data.draw(st.integers(0, max(len(seed) - 1, 0)))
    action = data.draw(st.sampled_from(["flip", "cut", "repeat", "insert"]))
    if action == "flip":
        return seed[:at] + bytes([seed[at] ^ data.draw(st.integers(1, 255))]) + seed[at + 1 :]
    if action == "cut":
        return seed[:at] + seed[at + data.draw(st.integers(1, 64)) :]
    if action == "repeat":
        return seed[:at] + seed[at : at + 64] * 2 + seed[at + 64 :]
    return seed[:at] + data.draw(st.sampled_from(TOKENS)) + seed[at:]


def _read(data: bytes) -> Relay | None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return geojson.loads(data)
        except TorchRelayError:
            return None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_only_torchrelay_errors_escape(data: st.DataObject) -> None:
    """A mutated document is read or refused with a TorchRelayError; what is read writes back."""
    seed = data.draw(st.sampled_from(SEEDS))
    if data.draw(st.booleans()):
        mutated = _mutate_bytes(seed, data)
    else:
        mutated = _mutate_tree(json.loads(seed.decode("utf-8-sig")), data)
    relay = _read(mutated)
    if relay is not None:
        assert _read(geojson.dumps(relay).encode()) == relay
