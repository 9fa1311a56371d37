"""A CSV of legs keeps branches by name, and its loss report says what of them it drops."""

from __future__ import annotations

import io
import warnings

import attrs
import pytest

import torchrelay
from torchrelay import Branch, Relay
from torchrelay.adapters import Feature, Loss, losses
from torchrelay.adapters import csv as relay_csv
from torchrelay.datasets import demo_relay, sochi_2014
from torchrelay.exceptions import LossError, LossWarning
from torchrelay.testing import assert_equivalent

# What a CSV has no place for at the relay level, as the reader fills it in.
RELAY_FIELDS = ("name", "games", "timezone", "day_one", "description")


def _back(relay: Relay) -> Relay:
    again = relay_csv.loads(relay_csv.dumps(relay))
    return attrs.evolve(again, **{f: getattr(relay, f) for f in RELAY_FIELDS})


def _branchy() -> Relay:
    relay = demo_relay()
    first, second = relay.legs[0], relay.legs[1]
    return attrs.evolve(
        relay,
        branches=[
            Branch("pole", [attrs.evolve(second, id="pole-1")], leaves_from=first.id),
            Branch("lake", [attrs.evolve(second, id="lake-1"), attrs.evolve(second, id="lake-2")]),
        ],
    )


def test_branches_are_kept_and_compared() -> None:
    """Branch names and their legs come back, so the round trip compares them on CSV's keeps."""
    assert Feature.BRANCHES in relay_csv.FORMAT.keeps
    assert Feature.BRANCH_DETAILS not in relay_csv.FORMAT.keeps
    relay = _branchy()
    back = _back(relay)
    assert [(b.name, [leg.id for leg in b.legs]) for b in back.branches] == [
        ("pole", ["pole-1"]),
        ("lake", ["lake-1", "lake-2"]),
    ]
    assert_equivalent(relay, back, keeps=relay_csv.FORMAT.keeps)
    renamed = attrs.evolve(
        back, branches=[attrs.evolve(back.branches[0], name="x"), back.branches[1]]
    )
    with pytest.raises(AssertionError, match=r"branches\[0\]\.name: 'pole' != 'x'"):
        assert_equivalent(relay, renamed, keeps=relay_csv.FORMAT.keeps)


def test_the_report_names_the_details_not_the_branches() -> None:
    """Sochi's four branches are kept; their descriptions and one link are what the CSV drops."""
    buffer = io.BytesIO()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        found = torchrelay.dump(sochi_2014(), buffer, format="csv")
    kinds = {loss.feature for loss in found}
    assert Feature.BRANCHES not in kinds
    assert Loss(Feature.BRANCH_DETAILS, 5, "branches[0].description") in found
    text = "\n".join(str(w.message) for w in caught if w.category is LossWarning)
    assert "branch_details: 5 values, such as branches[0].description" in text
    assert "branches: " not in text


def test_links_and_empty_branches_are_reported_and_refused_when_strict() -> None:
    """A branch's links, and a branch without legs, have no place in a CSV of legs."""
    relay = _branchy()
    relay = attrs.evolve(relay, branches=[*relay.branches, Branch("empty", [])])
    found = losses(relay, relay_csv.FORMAT.keeps)
    assert Loss(Feature.BRANCH_DETAILS, 2, "branches[0].leaves_from") in found
    back = _back(relay)
    assert [b.name for b in back.branches] == ["pole", "lake"]  # the empty branch is gone
    assert_equivalent(relay, back, keeps=relay_csv.FORMAT.keeps)
    with pytest.raises(LossError, match="branch_details"):
        torchrelay.dump(relay, io.BytesIO(), format="csv", strict=True)


def test_formats_that_keep_the_details_report_nothing_of_them() -> None:
    """GPX and native keep branch links and descriptions: nothing of them is reported."""
    relay = _branchy()
    for name in ("gpx", "native", "geojson"):
        keeps = torchrelay.adapters.get_format(name).keeps
        assert Feature.BRANCH_DETAILS in keeps, name
        assert not [loss for loss in losses(relay, keeps) if "branch" in loss.feature.value]
