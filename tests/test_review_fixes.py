"""What an independent review of model 2 and the format shape found, each pinned by a test."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path as FilePath

import numpy as np
import pytest

import torchrelay
from torchrelay import Campaign, Path, Relay, RestDay, Source, Torchbearer
from torchrelay.adapters import Feature, native
from torchrelay.adapters._losses import losses
from torchrelay.datasets import demo_relay
from torchrelay.exceptions import (
    ArgumentError,
    InvalidTypeError,
    InvalidValueError,
    IsDirectoryError,
    NoSuchFileError,
    ParseError,
)
from torchrelay.testing import project


def test_a_pipe_named_json_is_sniffed_and_read_whole(tmp_path: FilePath) -> None:
    """load() of a FIFO whose suffix does not decide reads on after sniffing its first bytes."""
    fifo = tmp_path / "relay.json"
    os.mkfifo(fifo)
    text = native.dumps(demo_relay()).encode()

    def feed() -> None:
        with open(fifo, "wb") as handle:
            handle.write(text)

    writer = threading.Thread(target=feed)
    writer.start()
    try:
        assert torchrelay.load(fifo) == demo_relay()
    finally:
        writer.join(timeout=10)


def test_dump_to_dev_stdout_writes_to_the_stream() -> None:
    """dump(relay, "/dev/stdout") writes into a pipe, and appends to a redirect, never replaces it."""
    code = textwrap.dedent(
        """
        import sys, torchrelay
        from torchrelay.datasets import demo_relay
        print("before", flush=True)
        torchrelay.dump(demo_relay(), "/dev/stdout", format="native")
        print("after", flush=True)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "before"
    assert lines[-1] == "after"
    assert native.loads(lines[1]) == demo_relay()


@pytest.mark.parametrize("indent", ["ab", True, -1, 1.5])
def test_indent_must_be_a_number_of_spaces(indent: object, tmp_path: FilePath) -> None:
    """A bad indent= is refused before anything is written, so no unreadable file is left."""
    target = tmp_path / "x.relay.json"
    with pytest.raises(InvalidTypeError, match="'indent' must be a whole number of spaces"):
        torchrelay.dump(demo_relay(), target, indent=indent)
    assert not target.exists()


@pytest.mark.parametrize("limit", ["1", 1.5, -1])
def test_max_bytes_must_be_a_number_of_bytes(limit: object) -> None:
    """A bad max_bytes= is refused as a type error of ours."""
    with pytest.raises(InvalidTypeError, match="'max_bytes' must be a whole number of bytes"):
        native.loads(b"{}", max_bytes=limit)  # type: ignore[arg-type]


def test_path_times_must_fall_in_the_calendar() -> None:
    """POSIX times beyond year 9999 are refused where built and where read, with the index."""
    with pytest.raises(InvalidValueError, match=r"'times\[1\]' must fall within the years 1"):
        Path.from_arrays([0.0, 0.0], [0.0, 1.0], times=[0.0, 1e17])
    relay = Relay("r", None, [], places=[])
    doc = json.loads(native.dumps(demo_relay()))
    doc["legs"][0]["path"] = {"latitudes": [0.0], "longitudes": [0.0], "times": [1e17]}
    with pytest.raises(ParseError, match=r"legs\[0\]\.path: 'times\[0\]' must fall within"):
        native.loads(json.dumps(doc))
    assert relay.places == ()


def test_a_repeated_key_is_found_even_where_a_clean_copy_was_read_first() -> None:
    """The reader's memo does not hand out a clean source for one with a repeated key."""
    doc = json.loads(native.dumps(demo_relay()))
    url = doc["legs"][0]["sources"][0]["url"]
    text = json.dumps(doc)
    dup = '{"url": "%s", "url": "%s"}' % (url, url)  # noqa: UP031
    first = text.index('"sources"', text.index('"legs"'))
    second = text.index('"sources"', first + 1)
    start = text.index("[", second) + 1
    end = text.index("}", start) + 1
    mutated = text[:start] + dup + text[end:]
    with pytest.raises(ParseError, match="duplicate key in one object"):
        native.loads(mutated)


def test_odd_paths_are_our_errors(tmp_path: FilePath) -> None:
    """A NUL in a path, a name too long, a symlink loop: each a TorchRelayError naming the path."""
    with pytest.raises(ArgumentError, match="NUL"):
        torchrelay.load("a\0b.relay.json")
    with pytest.raises(NoSuchFileError):
        torchrelay.load("x" * 5000 + ".relay.json")
    loop = tmp_path / "loop.relay.json"
    os.symlink(loop, loop)
    with pytest.raises(NoSuchFileError):
        torchrelay.load(loop)


def test_a_folder_as_target_is_said_before_the_format(tmp_path: FilePath) -> None:
    """dump(relay, folder) says it is a folder, not that the format cannot be told."""
    with pytest.raises(IsDirectoryError, match="is a folder"):
        torchrelay.dump(demo_relay(), tmp_path)


def test_losses_and_projection_agree_on_extras_in_campaigns_and_rest_days() -> None:
    """Extras on a campaign's torchbearer or a rest day's source count as a loss, and project drops them."""
    relay = Relay(
        "R",
        None,
        [],
        campaigns=[Campaign("C", "S", torchbearers=[Torchbearer(name="T", extras={"my:x": 1})])],
        rest_days=[
            RestDay(
                demo_relay().legs[0].departs.date(),  # type: ignore[union-attr]
                sources=[Source("https://example.org", extras={"my:y": 2})],
            )
        ],
    )
    keeps = frozenset(Feature) - {Feature.EXTRAS}
    found = losses(relay, keeps)
    assert [(loss.feature, loss.count) for loss in found] == [(Feature.EXTRAS, 2)]
    bare = project(relay, keeps)
    assert not bare.campaigns[0].torchbearers[0].extras
    assert not bare.rest_days[0].sources[0].extras


def test_a_utc_zone_name_counts_as_a_zone() -> None:
    """A relay or path zone of 'UTC' is a zone name a format may lose: losses() counts it."""
    relay = Relay("R", None, [], timezone="UTC")
    assert [loss.feature for loss in losses(relay, frozenset(Feature) - {Feature.TIMEZONES})] == [
        Feature.TIMEZONES
    ]


def test_a_text_column_stays_text_when_sliced_and_read_back() -> None:
    """A text column whose values in a slice are all None is still a text column."""
    path = Path.from_arrays(
        [0.0, 0.0, 0.0], [0.0, 1.0, 2.0], columns={"x:name": ["a", None, None]}, segment_starts=[1]
    )
    kinds = [s.columns["x:name"].dtype for s in path.segments()]
    assert kinds == [np.dtype(object), np.dtype(object)]
    relay = Relay("R", None, [], places=[])
    leg = demo_relay().legs[0]
    import attrs

    relay = attrs.evolve(relay, legs=(attrs.evolve(leg, path=path.segments()[1]),))
    back = native.loads(native.dumps(relay))
    assert back == relay
    assert back.legs[0].path.columns["x:name"].dtype == np.dtype(object)  # type: ignore[union-attr]
