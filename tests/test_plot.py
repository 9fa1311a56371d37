"""Pictures: the map, the timeline and the altitude profile, as files and as figures.

Every built-in relay in :mod:`torchrelay.datasets` is drawn (new datasets are
picked up as they are added); a synthetic Pacific route checks the map across
180 degrees.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.util
import io
import struct
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path as FilePath

import numpy as np
import pendulum
import pytest
from defusedxml import ElementTree
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure

import torchrelay
import torchrelay.datasets
from torchrelay import (
    AltitudeReference,
    Branch,
    Coordinate,
    FlameState,
    Leg,
    LegStatus,
    Path,
    Place,
    Relay,
    RestDay,
    TransportMode,
)
from torchrelay.exceptions import IsDirectoryError, NoSuchFileError, UnknownFormatError
from torchrelay.plot import altitude_profile, route_map, save, timeline
from torchrelay.plot._geometry import smallest_arc, to_window, unwrap

ROOT = FilePath(__file__).resolve().parents[1]
PICTURES: dict[str, Callable[[Relay], Figure]] = {
    "map": route_map,
    "timeline": timeline,
    "profile": altitude_profile,
}
SVG = "{http://www.w3.org/2000/svg}"


def builtin_relays() -> dict[str, Callable[[], Relay]]:
    """Every relay torchrelay.datasets offers by name, and the demo relay."""
    datasets = torchrelay.datasets
    found: dict[str, Callable[[], Relay]] = {"demo_relay": datasets.demo_relay}
    for name in datasets.names():
        found[name.replace("-", "_")] = functools.partial(datasets.load, name)
    return found


@functools.cache
def relay(name: str) -> Relay:
    return PACIFIC if name == "pacific" else builtin_relays()[name]()


@functools.cache
def picture(name: str, kind: str) -> Figure:
    return PICTURES[kind](relay(name))


@functools.cache
def rendered(name: str, kind: str, fmt: str) -> bytes:
    buffer = io.BytesIO()
    save(picture(name, kind), buffer, format=fmt)
    return buffer.getvalue()


def _place(name: str, lat: float, lon: float, zone: str, **more: object) -> Place:
    return Place(name, Coordinate(lat, lon, **more), timezone=zone)  # type: ignore[arg-type]


FIJI = _place("Suva", -18.1416, 178.4419, "Pacific/Fiji")
SAMOA = _place("Apia", -13.8333, -171.7667, "Pacific/Apia", altitude=2.0)
TONGA = _place("Nuku'alofa", -21.1394, -175.2049, "Pacific/Tongatapu")
TAHITI = _place("Papeete", -17.5516, -149.5585, "Pacific/Tahiti", altitude=5.0)


def _at(day: int, hour: int, zone: str = "Pacific/Fiji") -> pendulum.DateTime:
    return pendulum.datetime(2030, 7, day, hour, tz=zone)


def _pacific() -> Relay:
    """A made-up relay across 180°: Fiji, Samoa, Tahiti, with a cancelled stage and a branch."""
    track = Path.from_arrays(
        [-18.1416, -16.0, -13.8333],
        [178.4419, -179.5, -171.7667],
        [3.0, 11.0, 2.0],
        [_at(2, 7), _at(2, 9), _at(2, 11)],
        altitude_reference=AltitudeReference.ELLIPSOID,
    )
    legs = (
        Leg(FIJI, FIJI, _at(1, 8), _at(1, 12), TransportMode.RUNNING, FlameState.LIT_TORCH, id="suva"),
        Leg(FIJI, SAMOA, _at(2, 7), _at(2, 11), TransportMode.BOAT, FlameState.LANTERN, id="boat", path=track),
        Leg(SAMOA, TAHITI, _at(3, 22), _at(4, 3), TransportMode.PLANE, FlameState.LANTERN, id="night-flight"),
        Leg(TAHITI, TAHITI, _at(5, 9), _at(5, 11), TransportMode.CANICROSS, FlameState.LIT_TORCH,
            id="papeete", status=LegStatus.CANCELLED),
    )  # fmt: skip
    tonga = Branch(
        "tonga",
        [
            Leg(
                FIJI,
                TONGA,
                _at(1, 13),
                _at(1, 16),
                TransportMode.PLANE,
                FlameState.UNLIT,
                id="tonga",
            )
        ],
    )
    rest = RestDay(dt.date(2030, 7, 7), place=TAHITI)
    return Relay("Pacific test relay", None, legs, branches=(tonga,), rest_days=(rest,))


PACIFIC = _pacific()
RELAYS = [*builtin_relays(), "pacific"]


# -- files -------------------------------------------------------------------


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _svg_texts(data: bytes) -> list[str]:
    root = ElementTree.fromstring(data)
    assert root.tag == f"{SVG}svg"
    return ["".join(node.itertext()).strip() for node in root.iter(f"{SVG}text")]


@pytest.mark.parametrize("kind", PICTURES)
@pytest.mark.parametrize("name", RELAYS)
def test_pictures_are_valid_png_svg_and_pdf(name: str, kind: str) -> None:
    """Each picture of each relay writes a PNG of the figure's size, a parseable SVG and a PDF."""
    figure = picture(name, kind)
    width, height = _png_size(rendered(name, kind, "png"))
    assert (width, height) == tuple(round(v * 100) for v in figure.get_size_inches())
    assert width >= 600
    assert _svg_texts(rendered(name, kind, "svg"))
    pdf = rendered(name, kind, "pdf")
    assert pdf.startswith(b"%PDF-1.")
    assert pdf.rstrip().endswith(b"%%EOF")


def test_the_sochi_map_svg_has_its_legend() -> None:
    """The map's SVG names the modes, the flame states and the marks, as text a reader finds."""
    texts = set(_svg_texts(rendered("sochi_2014", "map", "svg")))
    expected = {"Transport mode", "running", "reindeer sleigh", "icebreaker", "spacewalk",
                "plane", "lit torch", "lantern", "start", "finish", "special project",
                "north-pole", "baikal", "elbrus", "space", "Sochi 2014 Olympic Torch Relay"}  # fmt: skip
    assert expected <= texts


def test_the_timeline_and_profile_svgs_have_their_legends() -> None:
    """The timeline names flame states, media and rest days; the profile names each reference."""
    timeline_texts = set(_svg_texts(rendered("sochi_2014", "timeline", "svg")))
    assert {"lit torch", "lantern", "flare (under water)", "unlit", "by water", "by air",
            "by space", "rest day", "no legs (a gap)", "main line", "space",
            "hour (Europe/Moscow)"} <= timeline_texts  # fmt: skip
    profile_texts = set(_svg_texts(rendered("sochi_2014", "profile", "svg")))
    assert {"declared, above mean sea level", "declared, above the WGS84 ellipsoid",
            "declared, from the water surface"} <= profile_texts  # fmt: skip
    assert "cancelled" in set(_svg_texts(rendered("pacific", "map", "svg")))
    assert "measured, above the WGS84 ellipsoid" in set(
        _svg_texts(rendered("pacific", "profile", "svg"))
    )


@pytest.mark.parametrize("kind", PICTURES)
def test_two_runs_give_the_same_bytes(kind: str) -> None:
    """A figure drawn afresh writes the same SVG and PDF bytes, with no date and no random id."""
    again = PICTURES[kind](relay("sochi_2014"))
    for fmt in ("svg", "pdf"):
        buffer = io.BytesIO()
        save(again, buffer, format=fmt)
        assert buffer.getvalue() == rendered("sochi_2014", kind, fmt), fmt
    assert b"CreationDate" not in rendered("sochi_2014", kind, "pdf")
    assert b"<dc:date>" not in rendered("sochi_2014", kind, "svg")


def test_pacific_pictures_are_the_same_in_a_new_process(tmp_path: FilePath) -> None:
    """Another interpreter (another random seed, another clock) writes the very same files."""
    code = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(ROOT / "tests")!r})
        from test_plot import PACIFIC, PICTURES
        from torchrelay.plot import save
        for kind, draw in PICTURES.items():
            for fmt in ("svg", "pdf"):
                save(draw(PACIFIC), {str(tmp_path)!r} + f"/{{kind}}.{{fmt}}")
        """
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120, cwd=ROOT)
    for kind in PICTURES:
        for fmt in ("svg", "pdf"):
            assert (tmp_path / f"{kind}.{fmt}").read_bytes() == rendered("pacific", kind, fmt)


def test_the_readme_map_is_up_to_date() -> None:
    """docs/images/sochi-2014-map.png is what tools/make_readme_map.py draws now.

    If this fails after a change to the map or to the Sochi data, run
    ``python tools/make_readme_map.py`` and commit the new image.
    """
    spec = importlib.util.spec_from_file_location(
        "make_readme_map", ROOT / "tools" / "make_readme_map.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    committed = module.IMAGE.read_bytes()
    assert len(committed) <= 300_000
    assert module.render() == committed, "run python tools/make_readme_map.py and commit the image"


# -- save --------------------------------------------------------------------


def test_save_tells_the_format_from_the_suffix_and_refuses_others(tmp_path: FilePath) -> None:
    """A path's suffix picks the format; an unknown one, a folder or a missing folder is refused."""
    figure = picture("demo_relay", "map")
    save(figure, tmp_path / "map.SVG")
    assert (tmp_path / "map.SVG").read_bytes() == rendered("demo_relay", "map", "svg")
    with pytest.raises(
        UnknownFormatError, match=r"cannot write pictures as 'jpg': use one of pdf, png, svg"
    ):
        save(figure, tmp_path / "map.jpg")
    with pytest.raises(UnknownFormatError, match="no format"):
        save(figure, io.BytesIO())
    with pytest.raises(IsDirectoryError, match="is a folder"):
        save(figure, tmp_path, format="png")
    with pytest.raises(NoSuchFileError, match="does not exist"):
        save(figure, tmp_path / "nowhere" / "map.png")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.SVG"]


# -- the map -----------------------------------------------------------------


def _segments_x(figure: Figure) -> list[np.ndarray]:
    """The longitudes of every line and land ring drawn on the map, in drawing order."""
    axes = figure.axes[0]
    found = [np.asarray(line.get_xdata(), dtype=float) for line in axes.get_lines()]
    for collection in axes.collections:
        if isinstance(collection, PolyCollection):
            for path in collection.get_paths():
                vertices = path.vertices
                # Antarctica's ring runs along the pole's edge of the map, a
                # single point on the globe: leave out edges along latitude -90.
                keep = np.abs(vertices[:, 1]) < 89.99
                found.append(vertices[keep, 0])
    return found


@pytest.mark.parametrize("name", RELAYS)
def test_no_drawn_segment_spans_half_the_world(name: str) -> None:
    """No line or outline on the map steps more than 180° of longitude between two points."""
    widest = max(
        float(np.max(np.abs(np.diff(x)), initial=0.0)) for x in _segments_x(picture(name, "map"))
    )
    assert widest < 180.0


def test_the_pacific_route_is_drawn_in_one_piece_centred_on_its_arc() -> None:
    """The route across 180° is drawn east of 178°E as one line, on a window about 35° wide."""
    axes = picture("pacific", "map").axes[0]
    legs = [line for line in axes.get_lines() if line.get_gid() == "leg"]
    xs = np.concatenate([np.asarray(line.get_xdata(), dtype=float) for line in legs])
    assert xs.min() == pytest.approx(178.4419)
    assert xs.max() == pytest.approx(360 - 149.5585)
    west, east = axes.get_xlim()
    assert 170 < west < 178.4419
    assert 360 - 149.5585 < east < 220
    labels = [tick.get_text() for tick in axes.get_xticklabels()]
    assert "180°" in labels
    assert "170°W" in labels


def test_sochi_map_holds_the_chukotka_leg_and_the_pole() -> None:
    """Sochi's map reaches Anadyr (177.5°E) without wrapping and runs to the North Pole."""
    axes = picture("sochi_2014", "map").axes[0]
    ys = np.concatenate([np.asarray(line.get_ydata(), dtype=float) for line in axes.get_lines()])
    xs = np.concatenate([np.asarray(line.get_xdata(), dtype=float) for line in axes.get_lines()])
    assert xs.max() == pytest.approx(177.5015421)
    places = [end.coordinate.longitude for _, leg in relay("sochi_2014").all_legs() for end in (leg.origin, leg.destination)
              if not end.coordinate.at_pole]  # fmt: skip
    assert xs.min() == pytest.approx(min(places))
    assert ys.max() == 90.0
    # The line to the pole runs up its meridian, not along the top of the map.
    for line in axes.get_lines():
        y = np.asarray(line.get_ydata(), dtype=float)
        x = np.asarray(line.get_xdata(), dtype=float)
        if len(y) > 2 and y[-1] == 90.0:
            assert np.ptp(x[-5:]) < 1.0


def test_map_lines_are_coloured_by_mode_and_styled_by_flame() -> None:
    """A lantern leg is dashed and a lit-torch leg solid, each in its mode's colour."""
    from torchrelay.plot._style import mode_colour

    axes = picture("pacific", "map").axes[0]
    legs = [
        line for line in axes.get_lines() if line.get_gid() == "leg" and len(line.get_xdata()) > 1
    ]
    boat = next(line for line in legs if line.get_color() == mode_colour(TransportMode.BOAT))
    assert boat.get_linestyle() == "--"
    plane_unlit = next(
        line
        for line in legs
        if line.get_color() == mode_colour(TransportMode.PLANE) and line.get_linestyle() == ":"
    )
    assert plane_unlit.get_linewidth() < boat.get_linewidth()  # a branch is drawn thinner
    legend = [t.get_text() for t in picture("pacific", "map").legends[0].get_texts()]
    assert legend == ["running", "canicross", "plane", "boat"]  # in TransportMode's order


def test_map_without_land_draws_only_the_graticule() -> None:
    """land=False leaves out the outlines."""
    figure = route_map(relay("demo_relay"), land=False, title="Moscow")
    assert not figure.axes[0].collections
    assert figure.axes[0].get_title() == "Moscow"


@settings(max_examples=60)
@given(st.lists(st.floats(-180, 179.999), min_size=1, max_size=30))
def test_smallest_arc_holds_every_longitude(lons: list[float]) -> None:
    """The arc holds every longitude, and is no wider than the gap it leaves out allows."""
    west, east = smallest_arc(lons)
    assert -180 <= west < 180
    assert west <= east < west + 360
    for lon in lons:
        east_of_west = (lon - west) % 360
        assert east_of_west <= (east - west) + 1e-9 or east_of_west >= 360 - 1e-9
    ordered = sorted(x % 360 for x in lons)
    widest_gap = max(b - a for a, b in zip(ordered, [*ordered[1:], ordered[0] + 360], strict=True))
    assert east - west == pytest.approx(360 - widest_gap, abs=1e-9)


@settings(max_examples=60)
@given(st.lists(st.floats(-180, 179.999), min_size=2, max_size=30), st.floats(-180, 540))
def test_unwrapped_lines_never_jump_half_the_world(lons: list[float], centre: float) -> None:
    """Unwrapping and moving into a window keeps every step below 180°, and the points the same."""
    line = to_window(unwrap(np.array(lons)), centre)
    assert float(np.max(np.abs(np.diff(line)))) <= 180.0 + 1e-9
    assert np.allclose(np.mod(line, 360), np.mod(lons, 360)) or np.allclose(
        np.mod(line + 180, 360), np.mod(np.array(lons) + 180, 360)
    )
    middle = (line.min() + line.max()) / 2
    assert centre - 180 <= middle < centre + 180 + 1e-9


# -- the timeline ------------------------------------------------------------


def _bars(axes: object) -> list[tuple[float, float, float]]:
    """(row, start hour, end hour) of each bar in a lane."""
    found = []
    for collection in axes.collections:  # type: ignore[attr-defined]
        if collection.get_gid() == "legs":
            for path in collection.get_paths():
                xs, ys = path.vertices[:, 0], path.vertices[:, 1]
                found.append(
                    (round(float(ys.min() + ys.max()) / 2, 6), float(xs.min()), float(xs.max()))
                )
    return sorted(found)


def test_timeline_has_one_lane_for_the_main_line_and_each_branch() -> None:
    """Sochi's timeline shows the main line and its four special projects, day one at the top."""
    figure = picture("sochi_2014", "timeline")
    assert [a.get_title() for a in figure.axes] == [
        "main line",
        "north-pole",
        "elbrus",
        "baikal",
        "space",
    ]
    days = relay("sochi_2014").days()
    bottom, top = figure.axes[0].get_ylim()
    assert (bottom, top) == (len(days) - 0.5, -0.5)
    assert figure.axes[0].get_yticklabels()[0].get_text().startswith(f"day {days[0].number} ·")
    notes = [t.get_text() for t in figure.axes[0].texts]
    assert notes.count("rest day") == len(relay("sochi_2014").rest_days)


def test_timeline_bars_sit_on_their_day_and_hours_in_the_reference_zone() -> None:
    """Bars start and end at the local hours of the reference zone, split at midnight."""
    figure = picture("pacific", "timeline")
    assert relay("pacific").reference_timezone() == "Pacific/Fiji"
    main, branch = figure.axes
    # Rows from 1 July (Fiji time): the run 08-12, the boat 07-11 on 2 July, the
    # night flight 22-03 split at midnight, the cancelled run on 5 July.
    assert _bars(main) == [
        (0.0, 8.0, 12.0),
        (1.0, 7.0, 11.0),
        (2.0, 22.0, 24.0),
        (3.0, 0.0, 3.0),
        (4.0, 9.0, 11.0),
    ]
    assert _bars(branch) == [(0.0, 13.0, 16.0)]
    cancelled = [c for c in main.collections if c.get_gid() == "legs" and len(c.get_paths()) == 1
                 and tuple(c.get_edgecolor()[0][:3]) != (0x22 / 255,) * 3]  # fmt: skip
    assert len(cancelled) == 1


# -- the profile -------------------------------------------------------------


def test_profile_shows_the_dive_the_summit_and_the_orbit_on_one_symlog_axis() -> None:
    """Baikal at -13 m, Elbrus at 5,642 m and the orbit at 350 km are all inside the axis."""
    axes = picture("sochi_2014", "profile").axes[0]
    assert axes.get_yscale() == "symlog"
    heights = {
        float(y)
        for line in axes.get_lines()
        if line.get_gid() == "declared"
        for y in line.get_ydata()
    }
    assert {-13.0, 5642.0, 418_000.0} <= heights
    low, high = axes.get_ylim()
    assert low < -13.0
    assert high > 418_000.0
    names = sorted(text.get_text() for text in axes.texts)
    assert any(n.startswith("Elbrus West Summit\n5,642 m above mean sea level") for n in names)
    assert any(
        n.startswith("Lake Baikal, 13 m under the surface") and "-13 m from the water surface" in n
        for n in names
    )
    assert any("418 km above the WGS84 ellipsoid" in n for n in names)


def test_profile_tells_declared_from_measured() -> None:
    """A path's altitudes are a measured line; places' altitudes are declared marks."""
    axes = picture("pacific", "profile").axes[0]
    measured = [line for line in axes.get_lines() if line.get_gid() == "measured"]
    assert len(measured) == 1
    assert list(measured[0].get_ydata()) == [3.0, 11.0, 2.0]
    declared = sorted(
        float(y)
        for line in axes.get_lines()
        if line.get_gid() == "declared"
        for y in line.get_ydata()
    )
    assert declared == [2.0, 2.0, 5.0, 5.0, 5.0]


def test_profile_of_a_relay_without_altitudes_says_so() -> None:
    """The demo relay has no altitudes: the profile says so instead of drawing an empty axis."""
    texts = [t.get_text() for t in picture("demo_relay", "profile").axes[0].texts]
    assert texts == ["no altitudes in this relay"]


# -- the dependency ----------------------------------------------------------


def test_plot_is_a_lazy_public_submodule() -> None:
    """torchrelay.plot is reached from the package; `import torchrelay` leaves it alone.

    It is public but not in __all__, so that ``from torchrelay import *`` needs no matplotlib.
    """
    import torchrelay.plot

    assert "plot" not in torchrelay.__all__
    assert "plot" in dir(torchrelay)
    assert torchrelay.plot is sys.modules["torchrelay.plot"]
    code = "import sys, torchrelay; a = 'matplotlib' in sys.modules; torchrelay.plot; print(a, 'matplotlib' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.split() == ["False", "True"]


def test_without_matplotlib_the_error_names_the_extra() -> None:
    """Where matplotlib is missing, importing torchrelay.plot raises MissingDependencyError."""
    code = textwrap.dedent(
        """
        import sys

        class Block:
            def find_spec(self, name, path=None, target=None):
                if name == "matplotlib" or name.startswith("matplotlib."):
                    raise ImportError("no matplotlib here")
                return None

        sys.meta_path.insert(0, Block())
        import torchrelay
        for attempt in ("import", "attribute"):
            try:
                if attempt == "import":
                    import torchrelay.plot
                else:
                    torchrelay.plot
            except Exception as error:
                print(type(error).__name__, isinstance(error, ImportError), error)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    line = (
        "MissingDependencyError True torchrelay.plot needs matplotlib: "
        "pip install 'torchrelay[plot]' (from a checkout: pip install -e '.[plot]')"
    )
    assert result.stdout.splitlines() == [line, line]
