"""The `torchrelay validate` command: reports, JSON, exit codes and bad files."""

from __future__ import annotations

import io
import json
import pathlib
import sys

import attrs
import pytest

import torchrelay
from torchrelay.adapters import native
from torchrelay.cli import main
from torchrelay.datasets import demo_relay


def test_builtin_relay_validates_with_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    """Without a file the built-in Sochi relay is checked: no errors, so exit 0 and a summary line."""
    assert main(["validate", "--min-severity", "warning"]) == 0
    out = capsys.readouterr().out
    assert "Sochi 2014 Olympic Torch Relay: ok: 0 error(s)" in out
    assert "[info]" not in out


def test_json_report_with_selection(capsys: pytest.CaptureFixture[str]) -> None:
    """--json prints the versioned report; --select limits the rules run."""
    assert main(["validate", "--select", "TR103", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["version"] == 1
    assert report["rules"] == ["TR103"]
    assert {f["code"] for f in report["findings"]} == {"TR103"}


def test_errors_give_exit_1(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A relay with an error (a lit torch on a spacewalk) exits 1 and names the rule."""
    relay = demo_relay()
    leg = attrs.evolve(relay.legs[1], mode=torchrelay.TransportMode.SPACEWALK)
    path = tmp_path / "bad.relay.json"
    torchrelay.dump(attrs.evolve(relay, legs=(relay.legs[0], leg)), path)
    assert main(["validate", str(path), "--ignore", "TR2,TR6"]) == 1
    out = capsys.readouterr().out
    assert "[error]" in out
    assert ": not ok: " in out.splitlines()[-1]


def test_unreadable_file_gives_exit_2(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file that is not a relay exits 2 with the reader's problems on stderr, naming the file."""
    path = tmp_path / "broken.json"
    path.write_text('{"format": "torchrelay", "version": 2}', encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err
    assert "legs: is required" in err
    assert main(["validate", str(tmp_path / "missing.json")]) == 2


def test_unreadable_paths_and_formats_give_exit_2(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder, an unknown format or an unknown suffix with unknown bytes exits 2, saying why."""
    assert main(["validate", str(tmp_path)]) == 2
    assert "is a directory" in capsys.readouterr().err
    assert main(["validate", str(tmp_path / "x.relay.json"), "--from", "shapefile"]) == 2
    assert "--from shapefile: no such format" in capsys.readouterr().err
    odd = tmp_path / "route.xyz"
    odd.write_bytes(b"not a relay")
    assert main(["validate", str(odd)]) == 2
    assert "give --from FORMAT" in capsys.readouterr().err


def test_standard_input_is_read_and_sniffed(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`torchrelay validate -` reads standard input, which has no name, telling the format by its bytes."""

    class Stdin:
        buffer = io.BytesIO(native.dumps(demo_relay()).encode())

    monkeypatch.setattr(sys, "stdin", Stdin)
    assert main(["validate", "-", "--min-severity", "error"]) == 0
    assert demo_relay().name in capsys.readouterr().out
