"""The format registry: formats that share a suffix, plugins, streams, targets and temporary files."""

from __future__ import annotations

import errno
import importlib
import io
import json
import os
import pathlib
import sys
import textwrap
from typing import IO, Any

import attrs
import pytest

import torchrelay
from torchrelay import Relay
from torchrelay.adapters import (
    Feature,
    Format,
    _files,
    _registry,
    format_for,
    formats,
    get_format,
    native,
    register_format,
)
from torchrelay.datasets import demo_relay
from torchrelay.exceptions import ArgumentError, PluginError, UnknownFormatError

HEADER = b"TOY\n"


def _toy_loads(data: str | bytes | IO[bytes], *, source: str | None = None) -> Relay:
    raw = data if isinstance(data, str | bytes) else data.read()
    raw = raw.encode() if isinstance(raw, str) else raw
    return native.loads(raw.removeprefix(HEADER), source=source)


def _toy_format(name: str, *, binary: bool = False) -> Format:
    """Native JSON after a TOY line, in a text or a binary format, sniffed by that line."""

    def dumps(relay: Relay, *, redact: bool = False) -> str | bytes:
        text = HEADER.decode() + native.dumps(relay, redact=redact)
        return text.encode() if binary else text

    return Format(
        name=name,
        suffixes=(".toy",),
        media_type="application/x-toy",
        binary=binary,
        keeps=frozenset(Feature),
        sniff=lambda head: head.startswith(HEADER),
        loads=_toy_loads,
        dumps=dumps,
    )


# -- Formats that share a suffix ------------------------------------------------------


def test_writing_a_suffix_two_formats_claim_needs_a_format() -> None:
    """Two formats claim .toy and neither is its default: writing asks for format=, naming both."""
    register_format(_toy_format("toy"))
    register_format(_toy_format("toy2"))
    with pytest.raises(UnknownFormatError) as caught:
        format_for("relay.toy")
    assert str(caught.value) == "'relay.toy' could be any of toy, toy2; pass format="


def test_reading_bytes_that_two_formats_sniff_needs_a_format() -> None:
    """Two formats that both recognise the first bytes are named; format= then decides."""
    register_format(_toy_format("toy"))
    register_format(_toy_format("toy2"))
    data = HEADER + native.dumps(demo_relay()).encode()
    with pytest.raises(UnknownFormatError) as caught:
        format_for("relay.toy", head=data)
    assert str(caught.value) == "'relay.toy' looks like each of toy, toy2; pass format="
    assert torchrelay.load(data, format="toy2") == demo_relay()


def test_a_binary_format_writes_its_bytes_as_they_are() -> None:
    """A binary format's dumps returns bytes, and exactly those bytes reach the stream."""
    register_format(_toy_format("btoy", binary=True))
    buffer = io.BytesIO()
    assert torchrelay.dump(demo_relay(), buffer, format="btoy") == ()
    assert buffer.getvalue() == HEADER + native.dumps(demo_relay()).encode()
    assert torchrelay.load(buffer.getvalue(), format="btoy") == demo_relay()


# -- Reading ------------------------------------------------------------------------------


def test_bytes_with_a_format_are_not_sniffed() -> None:
    """With format=, bytes no sniffer recognises are read by that format."""
    data = json.dumps({"version": 2, **json.loads(native.dumps(demo_relay()))}).encode()
    assert data.startswith(b'{"version"')
    assert torchrelay.load(data, format="native") == demo_relay()


class _Named(io.RawIOBase):
    """A stream with a name that cannot seek, like a named pipe."""

    def __init__(self, data: bytes, name: str) -> None:
        self._data = io.BytesIO(data)
        self.name = name

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        return self._data.readinto(buffer)


LONG = attrs.evolve(demo_relay(), description="A long description. " * 250)


def _late_marker() -> bytes:
    """A native document whose "format" key comes after the first bytes that are sniffed."""
    doc = json.loads(native.dumps(LONG))
    body = {k: v for k, v in doc.items() if k not in ("format", "version")}
    data = json.dumps({**body, "format": "torchrelay", "version": 2}).encode()
    assert data.index(b'"format"') > _registry.SNIFF_BYTES
    return data


def test_a_streams_name_tells_its_format_before_its_bytes() -> None:
    """A stream named *.relay.json is read as native even when its first bytes do not say so."""
    data = _late_marker()
    assert torchrelay.load(_Named(data, "relay.relay.json")) == LONG  # type: ignore[arg-type]
    with pytest.raises(UnknownFormatError, match="from its name or its first bytes"):
        torchrelay.load(_Named(data, "relay.data"))  # type: ignore[arg-type]


def test_a_stream_that_reads_text_is_refused() -> None:
    """A file-like object whose read() gives text is refused with a hint to open it with 'rb'."""

    class TextReader:
        def read(self, size: int = -1) -> str:
            return native.dumps(demo_relay())[: max(size, 0)]

    with pytest.raises(ArgumentError) as caught:
        torchrelay.load(TextReader())  # type: ignore[arg-type]
    assert str(caught.value) == "load() reads binary file objects; open the file with 'rb'"


def test_an_os_error_other_than_a_missing_file_passes_through(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A permission error while opening is the operating system's own error, unchanged."""
    target = tmp_path / "relay.relay.json"
    torchrelay.dump(demo_relay(), target)
    denied = PermissionError(errno.EACCES, "Permission denied", str(target))

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise denied

    monkeypatch.setattr(_files, "open", refuse, raising=False)
    with pytest.raises(PermissionError) as caught:
        torchrelay.load(target)
    assert caught.value is denied


# -- Writing ------------------------------------------------------------------------------


def test_dump_of_something_other_than_a_relay_names_what_it_got(tmp_path: pathlib.Path) -> None:
    """dump() of a dict says it writes a Relay, showing the start of what it got; nothing is written."""
    target = tmp_path / "x.relay.json"
    with pytest.raises(ArgumentError) as caught:
        torchrelay.dump({"name": "r"}, target)  # type: ignore[arg-type]
    assert str(caught.value) == "dump() writes a Relay (got dict: {'name': 'r'})"
    assert not target.exists()


def test_dump_to_something_that_cannot_be_written_names_its_type() -> None:
    """A target that is neither a path nor has write() is refused, naming its type."""
    with pytest.raises(ArgumentError) as caught:
        torchrelay.dump(demo_relay(), 42, format="native")  # type: ignore[arg-type]
    assert str(caught.value) == "dump() writes to a path or a binary file object (got int)"


def test_a_taken_temporary_name_is_passed_over(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When a temporary file's name is taken, dump picks another and leaves the other file alone."""
    target = tmp_path / "x.relay.json"
    taken = tmp_path / ".x.relay.json.aaaa.tmp"
    taken.write_text("someone else's", encoding="utf-8")
    names = iter(["aaaa", "bbbb"])
    monkeypatch.setattr(_files.secrets, "token_hex", lambda n: next(names))
    torchrelay.dump(demo_relay(), target)
    assert native.loads(target.read_bytes()) == demo_relay()
    assert taken.read_text(encoding="utf-8") == "someone else's"
    assert sorted(p.name for p in tmp_path.iterdir()) == [taken.name, target.name]


# -- Plugins ------------------------------------------------------------------------------


def _install(
    root: pathlib.Path,
    monkeypatch: pytest.MonkeyPatch,
    distributions: dict[str, dict[str, str]],
    modules: dict[str, str],
) -> None:
    """Put distributions with these entry points, and these modules, on sys.path, as pip would."""
    for dist, entries in distributions.items():
        info = root / f"{dist.replace('-', '_')}-1.0.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.0\n", encoding="utf-8"
        )
        lines = "".join(f"{name} = {value}\n" for name, value in entries.items())
        (info / "entry_points.txt").write_text(f"[torchrelay.formats]\n{lines}", encoding="utf-8")
    for name, source in modules.items():
        (root / f"{name}.py").write_text(textwrap.dedent(source), encoding="utf-8")
        monkeypatch.delitem(sys.modules, name, raising=False)
    monkeypatch.syspath_prepend(str(root))
    importlib.invalidate_caches()
    _registry._forget_plugins()


REENTRANT = '''
"""A plugin that asks for the formats while it is imported."""
from torchrelay.adapters import Feature, Format, formats, native

SEEN = [f.name for f in formats()]
FORMAT = Format(
    name="reentrant",
    suffixes=(".reentrant",),
    media_type="application/x-reentrant",
    binary=False,
    keeps=frozenset(Feature),
    sniff=lambda head: False,
    loads=native.loads,
    dumps=native.dumps,
)
'''


def test_a_plugin_that_asks_for_formats_while_loading_gets_those_so_far(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Asking for the formats from inside a plugin's import neither recurses nor waits forever."""
    _install(
        tmp_path,
        monkeypatch,
        {"reentrant-plugin": {"reentrant": "reentrant_plugin:FORMAT"}},
        {"reentrant_plugin": REENTRANT},
    )
    built_in = ["csv", "geojson", "gpx", "kml", "kmz", "native"]
    assert [f.name for f in formats()] == [*built_in, "reentrant"]
    assert built_in == sys.modules["reentrant_plugin"].SEEN


def test_an_entry_point_two_distributions_declare_is_tried_once(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same failing entry point from two distributions is imported once and reported once."""
    log = tmp_path / "imports.log"
    counted = f"""
        with open({str(log)!r}, "a", encoding="utf-8") as handle:
            handle.write("imported\\n")
        raise RuntimeError("the plugin is broken")
    """
    entry = {"counted": "counted_plugin:FORMAT"}
    _install(
        tmp_path,
        monkeypatch,
        {"counted-a": entry, "counted-b": entry},
        {"counted_plugin": counted},
    )
    with pytest.raises(PluginError, match="failed to load: RuntimeError: the plugin is broken"):
        get_format("counted")
    assert log.read_text(encoding="utf-8") == "imported\n"


def test_forgetting_plugins_drops_their_formats_until_they_are_found_again(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once its distribution is gone, a plugin's format is unknown; built-in formats stay."""
    _install(
        tmp_path,
        monkeypatch,
        {"reentrant-plugin": {"reentrant": "reentrant_plugin:FORMAT"}},
        {"reentrant_plugin": REENTRANT},
    )
    assert get_format("reentrant").name == "reentrant"
    monkeypatch.setattr(sys, "path", [p for p in sys.path if p != str(tmp_path)])
    importlib.invalidate_caches()
    _registry._forget_plugins()
    with pytest.raises(UnknownFormatError, match="unknown format 'reentrant'"):
        get_format("reentrant")
    assert get_format("native") is native.FORMAT
    assert os.fspath(tmp_path) not in sys.path
