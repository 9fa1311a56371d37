"""GPX points read as rows: the same values and errors as reading them element by element."""

from __future__ import annotations

import datetime as dt
import math
import re
import warnings
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from torchrelay._columns import NO_OFFSET
from torchrelay.adapters import XMLLimits, gpx
from torchrelay.adapters._xml import Records, XMLEvents
from torchrelay.adapters._xmltime import parse_time, parse_times
from torchrelay.exceptions import LossWarning, ParseError

_NS = "http://www.topografix.com/GPX/1/1"
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


@st.composite
def _point(draw: st.DrawFn, seconds: int) -> str:
    """One point's XML: ele and time present or not, plain or with the oddities files have."""
    lat = draw(st.floats(-89.9, 89.9, allow_nan=False))
    lon = draw(st.floats(-180, 180, allow_nan=False, exclude_max=True))
    parts = [f'<trkpt lat="{lat!r}" lon="{lon!r}">']
    ele = draw(st.sampled_from(["", "<ele>12.5</ele>", "<ele> 7 </ele>", "<ele></ele>",
                                "<ele>1<!-- c -->2</ele>", "<ele><![CDATA[3.25]]></ele>",
                                "<ele>4<b/>9</ele>"]))  # fmt: skip
    suffix, shift = draw(st.sampled_from([("Z", 0), ("+04:00", 14400), ("-09:30", -34200)]))
    wall = dt.datetime.fromtimestamp(seconds + shift, dt.UTC).strftime("%Y-%m-%dT%H:%M:%S")
    time = draw(st.sampled_from(["", f"<time>{wall}{suffix}</time>", f"<time>{wall}.25{suffix}</time>",
                                 f"<time> {wall}{suffix}\n</time>", "<time> </time>"]))  # fmt: skip
    other = draw(st.sampled_from(["", "", "<sym>Flag</sym>",
                                  "<extensions><hr>71</hr></extensions>"]))  # fmt: skip
    children = [ele, time]
    if draw(st.booleans()):
        children.reverse()
    space = draw(st.sampled_from(["", "\n  "]))
    parts.extend(space + c for c in [*children, other] if c)
    parts.append(space + "</trkpt>")
    return "".join(parts)


def _expected(text: str) -> tuple[list[float], list[float], list[float], list[str | None]]:
    """The points as an element-by-element reading gives them."""
    lats, lons, eles, times = [], [], [], []
    for point in ET.fromstring(text).iter(f"{{{_NS}}}trkpt"):
        lats.append(float(point.get("lat", "")))
        lons.append(float(point.get("lon", "")))
        ele, time = math.nan, None
        for child in point:
            if child.tag == f"{{{_NS}}}ele":
                ele = float((child.text or "").strip() or "nan")
            elif child.tag == f"{{{_NS}}}time":
                time = (child.text or "").strip() or None
        eles.append(ele)
        times.append(time)
    return lats, lons, eles, times


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.integers(0, 2_000_000_000), min_size=1, max_size=40, unique=True).flatmap(
        lambda stamps: st.tuples(*(_point(s) for s in sorted(stamps)))
    ),
    st.integers(1, 3),
)
def test_rows_read_what_elements_say(points: tuple[str, ...], segments: int) -> None:
    """Positions, elevations, times and offsets equal an element-by-element reading."""
    cut = max(1, len(points) // segments)
    body = "</trkseg><trkseg>".join(
        "".join(points[i : i + cut]) for i in range(0, len(points), cut)
    )
    text = f'<gpx xmlns="{_NS}" version="1.1" creator="t"><trk><trkseg>{body}</trkseg></trk></gpx>'
    lats, lons, eles, times = _expected(text)
    path = gpx.loads(text).legs[0].path
    assert path is not None
    assert path.latitudes.tolist() == lats
    assert path.longitudes.tolist() == lons
    altitudes = path.altitudes if path.altitudes is not None else np.full(len(lats), math.nan)
    assert np.array_equal(altitudes, eles, equal_nan=True)
    if all(t is None for t in times):
        assert path.times is None
    else:
        stamps, offsets, bad = parse_times(times)
        assert bad is None
        assert path.times is not None
        assert np.array_equal(path.times, stamps, equal_nan=True)
        if offsets is None:
            assert path.offsets is None
        else:
            assert path.offsets is not None
            assert path.offsets.tolist() == offsets.tolist()
    assert len(path.segment_starts) == len(range(0, len(points), cut)) - 1


def _track(points: str) -> str:
    return f'<gpx xmlns="{_NS}"><trk><trkseg>{points}</trkseg></trk></gpx>'


def test_a_point_inside_a_point_and_other_children_are_read_as_elements() -> None:
    """A point with more than ele and time is built, and its row still comes in order."""
    text = _track(
        '<trkpt lat="1" lon="2"><ele>3</ele><trkpt lat="4" lon="5"><ele>6</ele></trkpt>'
        '<ele>7</ele></trkpt><trkpt lat="8" lon="9"><ele>10<x/></ele><sym>s</sym></trkpt>'
    )
    with pytest.warns(LossWarning, match="GPX <trkpt> in a point"):
        path = gpx.loads(text).legs[0].path
    assert path is not None
    assert path.latitudes.tolist() == [4.0, 1.0, 8.0]
    assert path.altitudes is not None
    assert path.altitudes.tolist() == [6.0, 7.0, 10.0]
    assert path.columns["gpx:sym"].tolist() == [None, None, "s"]


@pytest.mark.parametrize(
    ("points", "message"),
    [
        ('<trkpt lat="1"/>', "<trkpt> has no lon attribute"),
        ('<trkpt lon="1"/>', "<trkpt> has no lat attribute"),
        ('<trkpt lat="1" lon="1e400"/>', "<trkpt> lon='1e400' is not a number from -180 to 180"),
        ('<trkpt lat="1" lon="2"><ele>x</ele></trkpt>', "<ele> 'x' is not a finite number"),
        ('<trkpt lat="1" lon="2"><ele>inf</ele></trkpt>', "<ele> 'inf' is not a finite number"),
        (
            '<trkpt lat="1" lon="2"><time>2013-10-07T08:00:00+25:00</time></trkpt>',
            "<time> '2013-10-07T08:00:00+25:00' is not a date and time",
        ),
    ],
)
def test_bad_rows_are_named_by_their_element(points: str, message: str) -> None:
    """A bad value in a row names its point's line and column, as an element would."""
    text = _track('<trkpt lat="0" lon="0"/>' + points)
    column = text.index(points) + 1
    with pytest.raises(ParseError, match=re.escape(f"line 1, column {column}: {message}")):
        gpx.loads(text)


def test_a_bad_point_comes_before_too_many_points() -> None:
    """Problems are reported in the order of the document, within a chunk too."""
    text = _track('<trkpt lat="91" lon="0"/>' + '<trkpt lat="1" lon="2"/>' * 5)
    with pytest.raises(ParseError, match="lat='91'"):
        gpx.loads(text, max_points=3)
    with pytest.raises(ParseError, match="more than 3 points"):
        gpx.loads(_track('<trkpt lat="1" lon="2"/>' * 5), max_points=3)


def test_a_bad_time_fails_its_track_not_the_one_before() -> None:
    """A bad time is reported when its track ends; the track before keeps its offsets."""
    good = '<trkpt lat="1" lon="2"><time>2013-10-07T08:00:00+04:00</time></trkpt>'
    bad = '<trkpt lat="1" lon="2"><time>noon</time></trkpt>'
    text = f'<gpx xmlns="{_NS}"><trk><trkseg>{good}</trkseg></trk><trk><trkseg>{bad}</trkseg></trk></gpx>'
    column = text.index(bad) + 1
    with pytest.raises(ParseError, match=f"line 1, column {column}: <time> 'noon'"):
        gpx.loads(text)
    first = gpx.loads(text.replace("noon", "2013-10-07T09:00:00Z")).legs[0].path
    assert first is not None
    assert first.offsets is not None
    assert first.offsets.tolist() == [4 * 3600]


def test_text_in_a_point_counts_against_max_token() -> None:
    """The text of a point and of its ele count as tokens, built or not."""
    for points in (
        f'<trkpt lat="1" lon="2">{" " * 60}<ele>1</ele></trkpt>',
        f'<trkpt lat="1" lon="2"><ele>{"1" * 60}</ele></trkpt>',
        f'<trkpt lat="1" lon="2">{" " * 60}<sym>x</sym></trkpt>',
    ):
        with pytest.raises(ParseError, match="max_token"):
            gpx.loads(_track(points), max_token=50)


def test_records_count_kinds_and_rows() -> None:
    """Records name each row's kind and how many of that kind came before it."""
    records = Records({"{u}a": "a", "b": "b"}, ("x",), {"{u}c": 0})
    assert records.width == 2
    text = '<r xmlns:u="u"><u:a x="1"><u:c>2</u:c></u:a><b/><u:a x="3"/><b x="4"><u:c>5<i/></u:c></b></r>'
    events = XMLEvents(text, XMLLimits(), None, records=records, report=frozenset({"b"}))
    seen, rows = [], []
    for what, element in events:
        if what == "records":
            rows.append(element.take())
        seen.append((what, getattr(element, "tag", None), events.mark))
    assert seen == [("records", None, 0), ("end", "b", 4)]
    assert rows == [(0, ["1", "2", None, None, "3", None, "4", "5"])]
    assert records.count == 4
    assert [records.kind_index(i) for i in range(4)] == [("a", 0), ("b", 0), ("a", 1), ("b", 1)]


@pytest.mark.parametrize(
    "texts",
    [
        ["2013-10-07T08:00:00Z", "2013-10-07T08:00:00+04:00"],
        ["2013-10-07T08:00:00Z", None],
        ["2013-10-07 08:00:00Z"],
        ["2013-02-29T08:00:00Z"],
        ["٢٠١٣-10-07T08:00:00Z"],
        ["2013-10-07T08:00:00+04-00"],
        ["2013-10-07T08:00:00*04:00"],
        ["0000-10-07T08:00:00+04:00"],
        ["2013-02-29T08:00:00+04:00"],
        ["2013-10-07T08:00:00+25:00"],
        ["2013-10-07T08:00:00-09:30", "2013-10-07T08:00:00+00:00", "2013-10-07T08:00:00-00:00"],
        ["2013-10-07T08:00:00.5Z", "2013-10-07T08:00:00.250+04:00"],
    ],
)
def test_times_in_bulk_read_as_one_by_one(texts: list[str | None]) -> None:
    """The bulk paths give what reading each time alone gives, and fall back on anything else."""
    stamps, offsets, bad = parse_times(texts)
    for i, text in enumerate(texts):
        if bad is not None and i >= bad:
            break
        if text is None:
            assert math.isnan(stamps[i])
            continue
        stamp, offset = parse_time(text)
        assert stamps[i] == stamp
        assert (offsets[i] if offsets is not None else NO_OFFSET) == offset
    if bad is not None:
        with pytest.raises(ValueError, match=r"not a date and time|not a valid UTC offset"):
            parse_time(str(texts[bad]))


def test_a_long_attribute_of_a_point_counts_against_max_token() -> None:
    """Attributes of points read as rows are tokens too."""
    with pytest.raises(ParseError, match="<trkpt> holds a text or attribute longer than 50"):
        gpx.loads(_track(f'<trkpt lat="1" lon="2" x="{"y" * 60}"/>'), max_token=50)


@pytest.mark.parametrize(
    ("attributes", "message"),
    [
        ('lat="north" lon="2"', "<wpt> lat='north' is not a number from -90 to 90"),
        ('lat="1"', "<wpt> has no lon attribute"),
    ],
)
def test_waypoints_are_checked_as_points_are(attributes: str, message: str) -> None:
    """A waypoint's position is checked with the same rule and message as a track point's."""
    with pytest.raises(ParseError, match=re.escape(message)):
        gpx.loads(f'<gpx xmlns="{_NS}"><wpt {attributes}/></gpx>')


@pytest.mark.parametrize("suffix", ["Z", "+04:00"])
def test_a_malformed_time_in_a_plain_column_is_refused_without_a_numpy_warning(
    suffix: str,
) -> None:
    """'02 02:54' has the width of a time: the bulk reader leaves it to the exact one, which names it."""
    points = "".join(
        f'<trkpt lat="55.7" lon="37.6"><time>2010-05-28T02{sep}02:5{i}{suffix}</time></trkpt>'
        for i, sep in enumerate([":", " ", ":"])
    )
    text = f'<gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>{points}</trkseg></trk></gpx>'
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ParseError, match="time"):
            gpx.loads(text)
