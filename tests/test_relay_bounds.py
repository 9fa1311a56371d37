"""A relay's extent holds what the flame travelled, and every box in the package agrees on 180°."""

from __future__ import annotations

import attrs
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from torchrelay import BoundingBox, Coordinate, Leg, LegStatus, Place, Relay
from torchrelay._bounds import boxes_hull
from torchrelay._geometry import merge_boxes
from torchrelay.datasets import paris_2024
from torchrelay.plot._geometry import smallest_arc

ANADYR = Coordinate(64.73, 177.51)
NOME = Coordinate(64.50, -165.41)
TAHITI = Coordinate(-17.53, -149.57)


def _leg(a: Coordinate, b: Coordinate, leg_id: str, status: str = "held") -> Leg:
    return Leg(
        Place(f"from {leg_id}", a), Place(f"to {leg_id}", b), None, None, "plane", "lantern",
        id=leg_id, status=status,
    )  # fmt: skip


def test_paris_extent_leaves_out_the_cancelled_stage() -> None:
    """Paris 2024 ran from Papeete east to Réunion; only the cancelled Nouméa stage crosses 180°."""
    relay = paris_2024()
    box = relay.bounds()
    assert box is not None
    assert (box.west, box.east, box.crosses_antimeridian) == (-149.56843, 55.4504, False)
    assert box.south == -20.88231  # Réunion: Nouméa (22.3°S) is left out
    planned = relay.bounds(include_cancelled=True)
    assert planned is not None
    assert (planned.west, planned.east, planned.south) == (166.44884, 55.4504, -22.27407)
    assert planned.crosses_antimeridian


def test_geojson_box_and_map_hold_every_leg_they_draw() -> None:
    """GeoJSON's bbox and the map's window draw the cancelled leg, so they hold it too."""
    relay = paris_2024()
    planned = relay.bounds(include_cancelled=True)
    assert planned is not None
    assert relay.__geo_interface__["bbox"] == planned.as_list()
    lons = [lon for _, leg in relay.all_legs() for lon in leg.__geo_interface__["bbox"][::2]]
    west, east = smallest_arc(lons)
    assert (west, east - 360.0) == (planned.west, planned.east)


def test_cancelled_and_planned_legs() -> None:
    """Planned legs count (a plan has an extent); a relay whose every leg was called off has none."""
    called_off = Relay("r", None, [_leg(ANADYR, NOME, "1", "cancelled")])
    assert called_off.bounds() is None
    assert called_off.bounds(include_cancelled=True) == called_off.legs[0].bounds()
    plan = Relay("r", None, [_leg(ANADYR, NOME, "1", "planned")])
    assert plan.bounds() == plan.legs[0].bounds()
    assert plan.legs[0].status is LegStatus.PLANNED


def test_a_relay_across_the_antimeridian_for_real() -> None:
    """Chukotka to Alaska and on to Tahiti: one box across 180°, the same in every view."""
    legs = [_leg(ANADYR, NOME, "1"), _leg(NOME, TAHITI, "2")]
    relay = Relay("pacific", None, legs)
    box = relay.bounds()
    assert box is not None
    assert box.crosses_antimeridian
    assert (box.west, box.east) == (177.51, -149.57)
    assert box.south == -17.53
    bbox = relay.__geo_interface__["bbox"]
    assert (bbox[0], bbox[2]) == (box.west, box.east)  # RFC 7946 §5.2: west > east
    assert bbox[3] == pytest.approx(box.north, abs=1e-3)  # chords of the densified geodesic
    west, east = smallest_arc([177.51, -165.41, -149.57])
    assert (west, east) == (177.51, 210.43)


_edges = st.floats(-180, 180, allow_nan=False)


@st.composite
def _boxes(draw: st.DrawFn) -> BoundingBox:
    south = draw(st.floats(-90, 90))
    return BoundingBox(draw(_edges), south, draw(_edges), draw(st.floats(south, 90)))


@settings(max_examples=80, deadline=None)
@given(st.lists(_boxes(), min_size=1, max_size=6))
def test_geojson_and_model_boxes_merge_alike(boxes: list[BoundingBox]) -> None:
    """Merging boxes as GeoJSON's writer does and as the model does gives one box."""
    model = boxes_hull(boxes)
    assert model is not None
    assert merge_boxes(b.as_list() for b in boxes) == model.as_list()
    for b in boxes:  # the hull holds each box's corners
        for lon in (b.west, b.east):
            assert model.contains(Coordinate(b.south, lon))


def test_the_hull_of_one_box_is_that_box() -> None:
    """A box that crosses 180° comes back as itself, not the whole world."""
    box = BoundingBox(170.0, 60.0, -165.0, 66.0)
    assert boxes_hull([box]) == box
    assert attrs.evolve(box).union(box) == box
    assert smallest_arc(np.array([])) == (-180.0, 180.0)
