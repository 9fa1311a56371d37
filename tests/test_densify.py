"""Densified geodesics, checked against GeographicLib (a library nobody here wrote)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from torchrelay._geodesy import densify
from torchrelay.exceptions import InvalidValueError

geodesic = pytest.importorskip("geographiclib.geodesic").Geodesic.WGS84

latitudes = st.floats(-89.0, 89.0)
longitudes = st.floats(-180.0, 179.999)


def _on_the_geodesic(
    lat1: float, lon1: float, lat2: float, lon2: float, lat: float, lon: float
) -> float:
    """How far, in metres, a point is off the geodesic between two others: the detour through it."""
    total = geodesic.Inverse(lat1, lon1, lat2, lon2)["s12"]
    via = (
        geodesic.Inverse(lat1, lon1, lat, lon)["s12"]
        + geodesic.Inverse(lat, lon, lat2, lon2)["s12"]
    )
    return float(via - total)


def _chord_midpoint(lat1: float, lon1: float, lat2: float, lon2: float) -> tuple[float, float]:
    lon2u = lon1 + ((lon2 - lon1 + 180.0) % 360.0 - 180.0)
    return (lat1 + lat2) / 2.0, ((lon1 + lon2u) / 2.0 + 180.0) % 360.0 - 180.0


@settings(max_examples=25, deadline=None)
@given(latitudes, longitudes, latitudes, longitudes)
def test_points_lie_on_the_geodesic_and_chords_stay_close(
    lat1: float, lon1: float, lat2: float, lon2: float
) -> None:
    """Every added point is on the geodesic, the ends are kept, and chord midpoints are within tolerance."""
    if geodesic.Inverse(lat1, lon1, lat2, lon2)["s12"] > 19_000_000:
        return  # near-antipodal: the geodesic is not unique
    lat, lon = densify(np.array([lat1, lat2]), np.array([lon1, lon2]), max_deviation_m=1000.0)
    assert (lat[0], lon[0], lat[-1], lon[-1]) == (lat1, lon1, lat2, lon2)
    assert np.all((lon >= -180.0) & (lon < 180.0))
    for la, lo in zip(lat[1:-1:7], lon[1:-1:7], strict=True):
        assert _on_the_geodesic(lat1, lon1, lat2, lon2, la, lo) < 0.01
    for i in range(0, len(lat) - 1, 5):
        mid = _chord_midpoint(lat[i], lon[i], lat[i + 1], lon[i + 1])
        s = geodesic.Inverse(lat[i], lon[i], lat[i + 1], lon[i + 1])
        half = geodesic.Direct(lat[i], lon[i], s["azi1"], s["s12"] / 2)
        assert geodesic.Inverse(*mid, half["lat2"], half["lon2"])["s12"] <= 1000.0


def test_a_short_segment_is_left_alone_and_a_long_flight_is_not() -> None:
    """Moscow to Vnukovo needs no point; Moscow to Khabarovsk needs many, along the great circle."""
    lat, _ = densify(
        np.array([55.7539, 55.5915]), np.array([37.6208, 37.2615]), max_deviation_m=100.0
    )
    assert len(lat) == 2
    lat, _lon = densify(
        np.array([55.7539, 48.4827]), np.array([37.6208, 135.0838]), max_deviation_m=100.0
    )
    assert len(lat) > 16
    assert lat.max() > 60.0


def test_bad_arguments_are_refused() -> None:
    """A tolerance must be positive and the columns of one length."""
    with pytest.raises(InvalidValueError, match="max_deviation_m"):
        densify(np.array([0.0, 1.0]), np.array([0.0, 1.0]), max_deviation_m=0.0)
    with pytest.raises(InvalidValueError, match="of one length"):
        densify(np.array([0.0, 1.0]), np.array([0.0]), max_deviation_m=1.0)
