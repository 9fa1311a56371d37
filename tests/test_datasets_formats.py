"""Every built-in relay goes through every registered format and comes back on what it keeps."""

from __future__ import annotations

import warnings

import attrs
import pytest

from torchrelay import datasets
from torchrelay.adapters import Format, formats
from torchrelay.exceptions import LossWarning
from torchrelay.testing import assert_equivalent

# A CSV of legs has no place for the relay's own fields (docs/csv.rst).
RELAY_FIELDS = ("name", "games", "timezone", "day_one", "description")


@pytest.mark.parametrize("name", datasets.names())
@pytest.mark.parametrize("fmt", formats(), ids=lambda f: f.name)
def test_every_dataset_round_trips_through_every_format(name: str, fmt: Format) -> None:
    """A dataset written in a format and read back is equivalent on the format's keeps."""
    relay = datasets.load(name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LossWarning)
        again = fmt.loads(fmt.dumps(relay))
    if fmt.name == "csv":
        again = attrs.evolve(again, **{f: getattr(relay, f) for f in RELAY_FIELDS})
    assert_equivalent(relay, again, keeps=fmt.keeps)


def test_the_walk_sees_the_datasets_and_the_formats() -> None:
    """Three relays and at least the six built-in formats, so the test above is not vacuous."""
    assert set(datasets.names()) == {"london-2012", "paris-2024", "sochi-2014"}
    assert {"csv", "geojson", "gpx", "kml", "kmz", "native"} <= {f.name for f in formats()}
