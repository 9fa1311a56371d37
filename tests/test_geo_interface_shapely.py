"""`__geo_interface__` as shapely, a library nobody here wrote, reads it."""

from __future__ import annotations

import pytest

from torchrelay import Path
from torchrelay.datasets import sochi_2014

shapely_geometry = pytest.importorskip("shapely.geometry")


def test_shapely_reads_every_leg_of_sochi() -> None:
    """shapely builds a valid geometry from every leg: a LineString for a journey, a Point for a stage."""
    relay = sochi_2014()
    kinds = set()
    for _, leg in relay.all_legs():
        geometry = shapely_geometry.shape(leg)
        assert geometry.is_valid, leg.id
        kinds.add(geometry.geom_type)
        lon, lat = geometry.coords[0]
        assert (lat, lon) == (leg.origin.coordinate.latitude, leg.origin.coordinate.longitude)
        expected = (
            "Point"
            if leg.origin.coordinate.lonlat() == leg.destination.coordinate.lonlat()
            else "LineString"
        )
        assert geometry.geom_type == expected, leg.id
    assert kinds == {"Point", "LineString"}


def test_shapely_reads_a_path_and_a_relay() -> None:
    """A leg with a path gives its points; the relay's FeatureCollection gives one feature a leg."""
    relay = sochi_2014()
    leg = relay.legs[0]
    import attrs

    tracked = attrs.evolve(leg, path=Path.from_arrays([37.6, 37.7, 37.8], [21.6, 21.7, 21.8]))
    assert list(shapely_geometry.shape(tracked).coords) == [
        (21.6, 37.6),
        (21.7, 37.7),
        (21.8, 37.8),
    ]
    features = relay.__geo_interface__["features"]
    assert len(features) == len(relay.legs) + sum(len(b.legs) for b in relay.branches)
    assert all(shapely_geometry.shape(f["geometry"]).is_valid for f in features)
