"""What a Format and a Loss refuse when they are built."""

from __future__ import annotations

from typing import Any

import pytest

from torchrelay.adapters import Feature, Format, Loss, native
from torchrelay.exceptions import InvalidTypeError, InvalidValueError


def _format(**changes: Any) -> Format:
    arguments: dict[str, Any] = {
        "name": "toy",
        "suffixes": (".toy",),
        "media_type": "text/x-toy",
        "binary": False,
        "keeps": frozenset(Feature),
        "sniff": lambda head: head.startswith(b"TOY"),
        "loads": native.loads,
        "dumps": native.dumps,
    }
    arguments.update(changes)
    return Format(**arguments)


def test_keeps_given_as_one_text_is_refused() -> None:
    """keeps="flame" would be a set of letters; it is refused by type, naming the text."""
    with pytest.raises(InvalidTypeError) as caught:
        _format(keeps="flame")
    assert str(caught.value) == "'keeps' must be a set of Feature, not a text (got 'flame')"
    assert _format(keeps=["flame"]).keeps == frozenset({Feature.FLAME})


@pytest.mark.parametrize("field", ["read_options", "write_options"])
def test_option_names_given_as_one_text_are_refused(field: str) -> None:
    """read_options="max_bytes" would be a set of letters; it is refused by type."""
    with pytest.raises(InvalidTypeError) as caught:
        _format(**{field: "max_bytes"})
    assert str(caught.value) == (
        "option names must be a set of names, not a text (got 'max_bytes')"
    )
    assert getattr(_format(**{field: ["max_bytes"]}), field) == frozenset({"max_bytes"})


@pytest.mark.parametrize("count", [0, -1, True, 1.0, "2"])
def test_a_loss_counts_at_least_one_value(count: object) -> None:
    """A loss of no values, of a boolean, a float or a text count is refused, showing the count."""
    with pytest.raises(InvalidValueError) as caught:
        Loss(Feature.FLAME, count, "legs[0].mode")  # type: ignore[arg-type]
    assert str(caught.value) == f"'count' must be a positive whole number (got {count!r})"


def test_a_loss_says_what_was_dropped_and_where() -> None:
    """A valid loss reads as its feature, its count and an example location."""
    assert str(Loss(Feature.FLAME, 2, "legs[0].mode")) == "flame: 2 values, such as legs[0].mode"
