"""A path's columns: what each check refuses, by class and message, and how Columns compare."""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

import numpy as np
import pytest

from torchrelay import Path
from torchrelay._columns import Columns
from torchrelay.exceptions import InvalidTypeError, InvalidValueError

PLUS_1 = dt.timezone(dt.timedelta(hours=1))
PLUS_2 = dt.timezone(dt.timedelta(hours=2))
MINUS_1 = dt.timezone(dt.timedelta(hours=-1))


def _two_points(**kwargs: Any) -> Path:
    return Path.from_arrays([0.0, 0.0], [0.0, 1.0], **kwargs)


def test_an_array_of_texts_is_a_type_error_said_once() -> None:
    """A numpy array of texts as latitudes is an InvalidTypeError naming its dtype, not wrapped twice."""
    with pytest.raises(InvalidTypeError) as caught:
        Path.from_arrays(np.array(["55.7", "55.8"]), [37.6, 37.7])
    assert str(caught.value) == "'latitudes' must be numbers (got an array of <U4)"


def test_an_offset_array_must_hold_whole_seconds() -> None:
    """Offsets as a float array are refused by type before anything is read from them."""
    with pytest.raises(InvalidTypeError, match=re.escape("(got an array of float64)")) as caught:
        _two_points(times=[0.0, 60.0], offsets=np.array([0.0, 3600.0]))
    assert str(caught.value).startswith("'offsets' must be whole seconds")
    # The same values as integers are fine, and kept.
    path = _two_points(times=[0.0, 60.0], offsets=np.array([0, 3600]))
    assert path.offsets is not None
    assert path.offsets.tolist() == [0, 3600]


@pytest.mark.parametrize(("bad", "shown"), [(1.5, "1.5"), (True, "True"), ("3600", "'3600'")])
def test_each_offset_must_be_whole_seconds_or_none(bad: object, shown: str) -> None:
    """A listed offset that is a float, a boolean or a text is named by its index and value."""
    with pytest.raises(InvalidTypeError) as caught:
        _two_points(times=[0.0, 60.0], offsets=[None, bad])
    assert str(caught.value) == f"'offsets[1]' must be whole seconds or None (got {shown})"


def test_offsets_must_be_one_a_point() -> None:
    """An offset column shorter than the path is refused, with both lengths."""
    with pytest.raises(InvalidValueError) as caught:
        _two_points(times=[0.0, 60.0], offsets=[3600])
    assert str(caught.value) == "'offsets' has 1 values but 'latitudes' has 2"


def test_an_offset_with_a_fraction_of_a_second_is_refused() -> None:
    """A datetime whose zone's offset has microseconds is refused at its index."""
    odd = dt.timezone(dt.timedelta(hours=1, microseconds=500_000))
    with pytest.raises(InvalidValueError) as caught:
        _two_points(
            times=[dt.datetime(2013, 10, 7, tzinfo=odd), dt.datetime(2013, 10, 7, 1, tzinfo=odd)]
        )
    assert str(caught.value) == (
        "'times[0]' has an offset with a fraction of a second (1:00:00.500000)"
    )


@pytest.mark.parametrize(
    ("times", "index"),
    [
        # One fixed zone for both times: the bulk path.
        ([dt.datetime(2013, 10, 7, tzinfo=PLUS_1), dt.datetime(1, 1, 1, 0, 30, tzinfo=PLUS_1)], 1),
        # Two zones: the point-by-point path.
        ([dt.datetime(1, 1, 1, 0, 30, tzinfo=PLUS_1), dt.datetime(2013, 10, 7, tzinfo=PLUS_2)], 0),
        # Past the end of year 9999 in UTC.
        (
            [
                dt.datetime(2013, 10, 7, tzinfo=PLUS_2),
                dt.datetime(9999, 12, 31, 23, 30, tzinfo=MINUS_1),
            ],
            1,
        ),
    ],
)
def test_datetimes_outside_years_1_to_9999_in_utc_are_refused(
    times: list[dt.datetime], index: int
) -> None:
    """A time in year 1 at +01:00 is in year 0 in UTC: refused at its index, as a number would be.

    Before the fix such a path was built, and then neither ``time_at`` nor a
    native round trip could give the time back.
    """
    with pytest.raises(InvalidValueError) as caught:
        _two_points(times=times)
    assert str(caught.value) == (
        f"'times[{index}]' {times[index].isoformat()} is out of range: "
        "its instant in UTC must fall within the years 1 to 9999"
    )


def test_the_first_and_last_instants_in_range_are_kept() -> None:
    """The edges themselves, 0001-01-01T00:00Z and 9999-12-31T23:59:59Z, are valid times."""
    first = dt.datetime(1, 1, 1, 1, tzinfo=PLUS_1)
    last = dt.datetime(9999, 12, 31, 22, 59, 59, tzinfo=MINUS_1)
    path = _two_points(times=[first, last])
    assert path.time_at(0) == first
    assert path.time_at(1) == last


def test_a_column_value_must_be_a_number_a_text_or_none() -> None:
    """A list inside a number column is named by column, index and value."""
    with pytest.raises(InvalidTypeError) as caught:
        _two_points(columns={"gpxtpx:hr": [120.0, [121]]})
    assert str(caught.value) == (
        "'columns['gpxtpx:hr'][1]' must be a number, a text or None (got [121])"
    )


def test_columns_must_be_a_mapping() -> None:
    """Columns given as a list of pairs are refused by type."""
    with pytest.raises(InvalidTypeError) as caught:
        _two_points(columns=[("gpxtpx:hr", [120.0, 121.0])])
    assert str(caught.value) == "'columns' must be a mapping (got list)"


def test_columns_compare_by_kind_and_value_and_only_with_columns() -> None:
    """NaN equals NaN; a text column never equals a number column; a dict is not Columns."""
    values = {"gpxtpx:hr": [120.0, math.nan], "gpx:name": ["start", None]}
    a = Columns(columns=values, length=2)
    assert a == Columns(columns=values, length=2)
    assert a != Columns(columns={**values, "gpxtpx:hr": ["120", None]}, length=2)
    assert a != Columns(columns={**values, "gpxtpx:hr": [120.0, 121.0]}, length=2)
    assert a.__eq__(dict(a)) is NotImplemented
    assert a != dict(a)


def test_columns_repr_names_each_column_and_its_kind() -> None:
    """The repr lists the columns in key order, each as number or text, without the values."""
    columns = Columns(columns={"gpxtpx:hr": [120.0], "gpx:name": ["start"]}, length=1)
    assert repr(columns) == "Columns({gpx:name: text, gpxtpx:hr: number})"
    assert repr(Columns()) == "Columns({})"
