"""Geodesy on columns, and densification, against GeographicLib's pure-Python implementation."""

from __future__ import annotations

import math

import numpy as np
import pytest
from geographiclib.geodesic import Geodesic
from hypothesis import given, settings
from hypothesis import strategies as st

from torchrelay._geodesy import (
    bearings,
    densify,
    distances,
    line_length,
    point_at_distance,
    point_at_fraction,
)
from torchrelay.exceptions import InvalidValueError

WGS84 = Geodesic.WGS84


def _s12(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    result: float = WGS84.Inverse(lat1, lon1, lat2, lon2)["s12"]
    return result


def _chord_deviation(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """How far the middle of the straight lon/lat line lies from the geodesic's middle, in metres."""
    line = WGS84.InverseLine(lat1, lon1, lat2, lon2)
    mid = line.Position(line.s13 / 2.0)
    dlon = (lon2 - lon1 + 180.0) % 360.0 - 180.0
    return _s12(mid["lat2"], mid["lon2"], (lat1 + lat2) / 2.0, lon1 + dlon / 2.0)


def test_distances_and_line_length_match_geographiclib() -> None:
    """Bulk distances and a line's length agree with GeographicLib to a millimetre."""
    lat = np.array([55.7539, 43.5855, 64.7337, 64.5011])
    lon = np.array([37.6208, 39.7231, 177.5089, -165.4064])
    got = distances(lat[:-1], lon[:-1], lat[1:], lon[1:])
    expected = [_s12(lat[i], lon[i], lat[i + 1], lon[i + 1]) for i in range(3)]
    assert got == pytest.approx(expected, abs=1e-3)
    assert line_length(lat, lon) == pytest.approx(sum(expected), abs=1e-3)


def test_bearings_are_undefined_at_poles_and_between_equal_points() -> None:
    """A bearing from a pole, to a pole or between equal points is NaN; others match GeographicLib."""
    initial, final = bearings(
        [90.0, 10.0, 55.7539], [0.0, 10.0, 37.6208], [80.0, 10.0, 43.5855], [10.0, 10.0, 39.7231]
    )
    assert math.isnan(initial[0])
    assert not math.isnan(final[0])
    assert math.isnan(initial[1])
    assert math.isnan(final[1])
    oracle = WGS84.Inverse(55.7539, 37.6208, 43.5855, 39.7231)
    assert initial[2] == pytest.approx(oracle["azi1"] % 360.0, abs=1e-9)
    assert final[2] == pytest.approx(oracle["azi2"] % 360.0, abs=1e-9)


def test_points_along_a_line_lie_on_its_geodesic() -> None:
    """The point at a distance is that far along the geodesic; fractions clamp to the ends."""
    lat, lon = np.array([0.0, 0.0]), np.array([0.0, 2.0])
    p_lat, p_lon, segment, along = point_at_distance(lat, lon, 111_319.49)
    assert (segment, round(along, 4)) == (0, 0.5)
    assert _s12(0.0, 0.0, p_lat, p_lon) == pytest.approx(111_319.49, abs=1e-3)
    assert point_at_fraction(lat, lon, 1.0)[:2] == (0.0, 2.0)
    assert point_at_distance(lat, lon, 1e9)[:2] == (0.0, 2.0)


def test_densify_keeps_points_and_bounds_the_deviation() -> None:
    """Moscow to Khabarovsk: every given point kept, every piece within the tolerance."""
    lat, lon = np.array([55.7539, 48.4827]), np.array([37.6208, 135.0838])
    assert _chord_deviation(lat[0], lon[0], lat[1], lon[1]) > 100_000  # the undensified line
    out_lat, out_lon = densify(lat, lon, max_deviation_m=500.0)
    assert (out_lat[0], out_lon[0], out_lat[-1], out_lon[-1]) == (
        *lat[:1],
        *lon[:1],
        lat[1],
        lon[1],
    )
    for i in range(len(out_lat) - 1):
        assert _chord_deviation(out_lat[i], out_lon[i], out_lat[i + 1], out_lon[i + 1]) <= 500.0
    # The added points lie on the geodesic: no detour.
    total = sum(
        _s12(out_lat[i], out_lon[i], out_lat[i + 1], out_lon[i + 1])
        for i in range(len(out_lat) - 1)
    )
    assert total == pytest.approx(_s12(lat[0], lon[0], lat[1], lon[1]), abs=0.01)


def test_densify_crosses_the_antimeridian_the_short_way() -> None:
    """Anadyr to Nome stays near 180°, never passing through Europe's longitudes."""
    out_lat, out_lon = densify([64.7337, 64.5011], [177.5089, -165.4064], max_deviation_m=50.0)
    assert len(out_lat) > 2
    assert bool(np.all(np.abs(out_lon) > 160.0))
    assert bool(np.all((out_lon >= -180.0) & (out_lon < 180.0)))


def test_densify_leaves_short_or_degenerate_lines_alone() -> None:
    """One point, repeated points and a short street come back as they are."""
    for lat, lon in (([1.0], [2.0]), ([1.0, 1.0], [2.0, 2.0]), ([55.75, 55.751], [37.62, 37.621])):
        out_lat, out_lon = densify(lat, lon, max_deviation_m=1.0)
        assert out_lat.tolist() == lat
        assert out_lon.tolist() == lon


@pytest.mark.parametrize("bad", [0.0, -1.0, math.nan, math.inf, True, "5"])
def test_densify_refuses_a_tolerance_that_is_not_positive(bad: object) -> None:
    """The tolerance must be a positive finite number of metres, and says so."""
    with pytest.raises(
        InvalidValueError, match=r"^'max_deviation_m' must be a finite number above 0"
    ):
        densify([0.0, 1.0], [0.0, 1.0], max_deviation_m=bad)  # type: ignore[arg-type]


@settings(max_examples=40, deadline=None)
@given(
    st.floats(-80, 80),
    st.floats(-180, 179.9),
    st.floats(-80, 80),
    st.floats(-180, 179.9),
    st.sampled_from([100.0, 1_000.0, 20_000.0]),
)
def test_densified_pieces_stay_within_tolerance(
    lat1: float, lon1: float, lat2: float, lon2: float, tolerance: float
) -> None:
    """For any segment away from the poles, each densified piece is within the tolerance."""
    if _s12(lat1, lon1, lat2, lon2) > 19_000_000:  # near-antipodal: no unique geodesic
        return
    out_lat, out_lon = densify([lat1, lat2], [lon1, lon2], max_deviation_m=tolerance)
    for i in range(len(out_lat) - 1):
        deviation = _chord_deviation(out_lat[i], out_lon[i], out_lat[i + 1], out_lon[i + 1])
        assert deviation <= tolerance * 1.001 + 1e-6
