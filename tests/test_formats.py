"""One shape for every format: Format, the registry, telling the format, options and losses."""

from __future__ import annotations

import importlib
import io
import json
import pathlib
import sys
import textwrap
import warnings
from typing import IO, Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import torchrelay
from torchrelay import Relay
from torchrelay.adapters import (
    Feature,
    Format,
    Loss,
    _losses,
    _registry,
    format_for,
    formats,
    get_format,
    losses,
    native,
    register_format,
    warn_lost,
)
from torchrelay.datasets import demo_relay, sochi_2014
from torchrelay.exceptions import (
    ArgumentError,
    FormatExistsError,
    InvalidTypeError,
    InvalidValueError,
    IsDirectoryError,
    LossError,
    LossWarning,
    NoSuchFileError,
    PluginError,
    PluginWarning,
    TorchRelayError,
    UnknownFormatError,
    UnknownOptionError,
)
from torchrelay.testing import relays

BUILTIN = sorted(_registry._formats)  # the built-in formats, before any test registers one

TOY_HEADER = b"TOY\n"


def _toy_dumps(relay: Relay, *, redact: bool = False, shout: bool = False) -> str:
    text = native.dumps(attrs.evolve(relay, sponsors=(), campaigns=()), redact=redact)
    return TOY_HEADER.decode() + (text.upper() if shout else text)


def _toy_loads(data: str | bytes | IO[bytes], *, source: str | None = None) -> Relay:
    if not isinstance(data, str | bytes):
        data = data.read()
    raw = data.encode() if isinstance(data, str) else data
    return native.loads(raw.removeprefix(TOY_HEADER), source=source)


def toy_format(name: str = "toy", suffixes: tuple[str, ...] = (".toy",)) -> Format:
    """A text format that is native JSON after a TOY line, and drops sponsors and campaigns."""
    return Format(
        name=name,
        suffixes=suffixes,
        media_type="text/x-toy",
        binary=False,
        keeps=set(Feature) - {Feature.SPONSORS},
        sniff=lambda head: head.startswith(TOY_HEADER),
        loads=_toy_loads,
        dumps=_toy_dumps,
        write_options={"shout"},
    )


def _without_sponsors(relay: Relay) -> Relay:
    return attrs.evolve(relay, sponsors=(), campaigns=())


# -- The shape -------------------------------------------------------------------


def test_native_is_a_registered_format_that_keeps_every_feature() -> None:
    """Native is a Format in the registry, keeping every Feature, text, named *.relay.json."""
    fmt = get_format("native")
    assert fmt is native.FORMAT
    assert fmt in formats()
    assert fmt.keeps == frozenset(Feature)
    assert fmt.binary is False
    assert fmt.suffixes[0] == ".relay.json"
    assert fmt.media_type == "application/json"
    assert isinstance(fmt.dumps(demo_relay()), str)
    assert fmt.loads(fmt.dumps(demo_relay())) == demo_relay()


def test_the_feature_enum_names_what_the_issue_lists() -> None:
    """Feature has a member for each thing a format may keep or lose."""
    wanted = {
        "branches",
        "claims",
        "sponsors",
        "torchbearers",
        "places",
        "leg_status",
        "timezones",
        "offsets",
        "time_precision",
        "point_times",
        "altitudes",
        "segments",
        "columns",
        "extras",
        "flame",
    }
    assert wanted <= {f.value for f in Feature}


@pytest.mark.parametrize(
    ("changes", "error", "words"),
    [
        ({"name": "GPX"}, InvalidValueError, "lowercase identifier"),
        ({"name": ""}, InvalidValueError, "lowercase identifier"),
        ({"name": "my-format"}, InvalidValueError, "lowercase identifier"),
        ({"suffixes": ("toy",)}, InvalidValueError, "start with '.'"),
        ({"suffixes": ".toy"}, InvalidTypeError, "not a text"),
        ({"keeps": {"branches", "nonsense"}}, InvalidValueError, "not a Feature"),
        ({"media_type": "toy"}, InvalidValueError, "media type"),
        ({"binary": "no"}, InvalidTypeError, "True or False"),
        ({"loads": "not a function"}, InvalidTypeError, "'loads' must be a function"),
        ({"write_options": {"redact"}}, InvalidValueError, "other than source and redact"),
    ],
)
def test_format_refuses_a_meaningless_description(
    changes: dict[str, Any], error: type[Exception], words: str
) -> None:
    """A Format checks its fields when built, saying which one is wrong and how."""
    fields = attrs.asdict(toy_format(), recurse=False)
    fields.update(changes)
    with pytest.raises(error, match=words):
        Format(**fields)


def test_format_takes_features_by_value_and_is_frozen() -> None:
    """keeps may name features by value; it becomes a frozenset of Feature, and a Format is frozen."""
    fmt = attrs.evolve(toy_format(), keeps=["branches", Feature.CLAIMS])
    assert fmt.keeps == frozenset({Feature.BRANCHES, Feature.CLAIMS})
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        fmt.name = "other"  # type: ignore[misc]


def test_register_format_refuses_a_taken_name() -> None:
    """Registering a second format under a taken name is a FormatExistsError (a ValueError)."""
    register_format(toy_format())
    with pytest.raises(FormatExistsError, match="'toy' is registered already") as caught:
        register_format(toy_format())
    assert isinstance(caught.value, ValueError)
    replacement = toy_format(suffixes=(".toy2",))
    register_format(replacement, replace=True)
    assert get_format("toy") is replacement
    with pytest.raises(InvalidTypeError):
        register_format("toy")  # type: ignore[arg-type]


def test_unknown_format_names_the_known_ones() -> None:
    """Asking for a format nobody registered names the ones there are."""
    with pytest.raises(
        UnknownFormatError, match=r"unknown format 'shapefile'; known formats: (\w+, )*native"
    ):
        get_format("shapefile")


# -- Options -----------------------------------------------------------------------


def test_write_options_reach_the_writer(tmp_path: pathlib.Path) -> None:
    """dump passes a format's named options on: native's indent=2 indents the file."""
    target = tmp_path / "demo.relay.json"
    assert torchrelay.dump(demo_relay(), target, indent=2) == ()
    assert target.read_text(encoding="utf-8") == native.dumps(demo_relay(), indent=2)


def test_an_unknown_option_is_named_before_any_io(tmp_path: pathlib.Path) -> None:
    """An option the format does not take is an UnknownOptionError (a TypeError) that names it.

    Nothing is written, and load refuses it before looking for the file.
    """
    target = tmp_path / "demo.relay.json"
    with pytest.raises(
        UnknownOptionError, match=r"takes no option 'indnt'; its dump options: indent"
    ):
        torchrelay.dump(demo_relay(), target, indnt=2)
    assert not target.exists()
    with pytest.raises(
        UnknownOptionError, match=r"'indent'; its load options: max_bytes"
    ) as caught:
        torchrelay.load(tmp_path / "missing.relay.json", indent=2)
    assert isinstance(caught.value, TypeError)
    with pytest.raises(UnknownOptionError, match="'a', 'b'"):
        torchrelay.load(tmp_path / "missing.json", format="native", b=1, a=2)


# -- Telling the format ----------------------------------------------------------------


@pytest.mark.parametrize("name", ["x.relay.json", "x.torchrelay.json", "X.RELAY.JSON", "x.json"])
def test_native_suffixes_are_read_and_written(tmp_path: pathlib.Path, name: str) -> None:
    """*.relay.json is native, as are the older *.torchrelay.json and a bare *.json."""
    target = tmp_path / name
    torchrelay.dump(demo_relay(), target)
    assert torchrelay.load(target) == demo_relay()
    assert format_for(name) is native.FORMAT


def test_a_shared_suffix_is_told_apart_by_sniffing(tmp_path: pathlib.Path) -> None:
    """When two formats claim .json, reading sniffs the first bytes; writing a bare .json is native."""
    register_format(toy_format(suffixes=(".toy", ".json")))
    plain = tmp_path / "plain.json"
    torchrelay.dump(demo_relay(), plain)
    assert plain.read_bytes().startswith(b'{"format":"torchrelay"')
    assert torchrelay.load(plain) == demo_relay()
    toy = tmp_path / "toy.json"
    with pytest.warns(LossWarning):
        torchrelay.dump(demo_relay(), toy, format="toy")
    assert toy.read_bytes().startswith(TOY_HEADER)
    assert torchrelay.load(toy) == _without_sponsors(demo_relay())
    neither = tmp_path / "neither.json"
    neither.write_bytes(b"[1, 2, 3]")
    with pytest.raises(UnknownFormatError, match="first bytes; pass format="):
        torchrelay.load(neither)


def test_inputs_without_a_name_are_sniffed() -> None:
    """Bytes, and file objects without a name (standard input, a pipe), are told by their first bytes.

    A stream that cannot seek is read through once: the reader still gets the whole document.
    """
    register_format(toy_format())
    data = native.dumps(sochi_2014()).encode()
    assert len(data) > 10 * _registry.SNIFF_BYTES
    assert torchrelay.load(data) == sochi_2014()
    assert torchrelay.load(io.BytesIO(data)) == sochi_2014()

    class Pipe:
        """A stream with read() only, returning short reads, like a pipe."""

        def __init__(self, data: bytes) -> None:
            self._data = data

        def read(self, size: int = -1) -> bytes:
            size = len(self._data) if size < 0 else min(size, 1000)
            chunk, self._data = self._data[:size], self._data[size:]
            return chunk

    assert torchrelay.load(Pipe(data)) == sochi_2014()  # type: ignore[arg-type]
    toy = _toy_dumps(demo_relay()).encode()
    assert torchrelay.load(Pipe(toy)) == _without_sponsors(demo_relay())  # type: ignore[arg-type]
    with pytest.raises(UnknownFormatError, match="an input without a name"):
        torchrelay.load(b"<svg/>")


def test_writing_to_a_file_object_without_a_name_needs_a_format() -> None:
    """dump to an unnamed binary stream needs format=; with it, the stream gets the document."""
    buffer = io.BytesIO()
    with pytest.raises(UnknownFormatError, match="pass format="):
        torchrelay.dump(demo_relay(), buffer)
    torchrelay.dump(demo_relay(), buffer, format="native")
    assert buffer.getvalue() == native.dumps(demo_relay()).encode()


# -- Errors that say what was meant ------------------------------------------------------


def test_load_of_a_document_text_says_to_use_loads() -> None:
    """load() given a document's text, not a path, says to use the format's loads."""
    text = native.dumps(demo_relay())
    with pytest.raises(
        ArgumentError,
        match=r"to read text use torchrelay\.adapters\.get_format\('native'\)\.loads\(text\)",
    ):
        torchrelay.load(text)
    with pytest.raises(ArgumentError, match="not the name of a file"):
        torchrelay.load("<gpx>\n</gpx>")


def test_load_of_a_text_mode_file_says_to_open_it_in_binary(tmp_path: pathlib.Path) -> None:
    """A file opened in text mode is refused with a hint to open it with 'rb'."""
    with pytest.raises(ArgumentError, match="open the file with 'rb'"):
        torchrelay.load(io.StringIO(native.dumps(demo_relay())))  # type: ignore[arg-type]
    with pytest.raises(ArgumentError, match="open the file with 'wb'"):
        torchrelay.dump(demo_relay(), io.StringIO(), format="native")  # type: ignore[arg-type]
    with pytest.raises(ArgumentError, match="a path or a binary file object"):
        torchrelay.load(42)  # type: ignore[arg-type]


def test_dump_with_swapped_arguments_says_so(tmp_path: pathlib.Path) -> None:
    """dump(target, relay) is an ArgumentError (a TypeError) showing the right order."""
    target = tmp_path / "x.relay.json"
    with pytest.raises(ArgumentError, match=r"dump\(relay, target\)") as caught:
        torchrelay.dump(target, demo_relay())  # type: ignore[arg-type]
    assert isinstance(caught.value, TypeError)
    with pytest.raises(ArgumentError, match="to write one use dump"):
        torchrelay.load(demo_relay())  # type: ignore[arg-type]
    assert not target.exists()


def test_folders_and_missing_files_are_named(tmp_path: pathlib.Path) -> None:
    """A folder, a missing file and a missing target folder each get an error naming the path.

    The errors are TorchRelayErrors and also the builtin OSErrors code already catches.
    """
    with pytest.raises(IsDirectoryError, match="is a folder") as caught:
        torchrelay.load(tmp_path, format="native")
    assert isinstance(caught.value, IsADirectoryError)
    with pytest.raises(IsDirectoryError, match="is a folder; dump"):
        torchrelay.dump(demo_relay(), tmp_path, format="native")
    missing = tmp_path / "missing.relay.json"
    with pytest.raises(NoSuchFileError, match="no such file") as caught_missing:
        torchrelay.load(missing)
    assert isinstance(caught_missing.value, FileNotFoundError)
    assert caught_missing.value.filename == str(missing)
    nowhere = tmp_path / "no" / "such" / "folder" / "x.relay.json"
    with pytest.raises(NoSuchFileError, match=r"the folder .*folder does not exist"):
        torchrelay.dump(demo_relay(), nowhere)


# -- Losses, both ways -----------------------------------------------------------------


def test_every_feature_has_a_counter() -> None:
    """The loss table counts every Feature, so a new feature cannot be lost silently."""
    assert set(_losses.COUNTERS) == set(Feature)


def test_losses_name_feature_count_and_example() -> None:
    """losses() reports each feature the format does not keep, with a count and a location."""
    found = {loss.feature: loss for loss in losses(sochi_2014(), set())}
    assert found[Feature.BRANCHES] == Loss(Feature.BRANCHES, 4, "branches[0]")
    assert found[Feature.REST_DAYS].count == len(sochi_2014().rest_days)
    torchbearers = found[Feature.TORCHBEARERS]
    assert torchbearers.example.endswith(".torchbearers")
    assert torchbearers.count == sum(
        len(leg.torchbearers) for _, leg in sochi_2014().all_legs()
    ) + sum(len(c.torchbearers) for c in sochi_2014().campaigns)
    assert Feature.PLACES not in found  # today's model has no gazetteer
    assert losses(sochi_2014(), frozenset(Feature)) == ()


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(relays())
def test_a_format_that_keeps_everything_loses_nothing(relay: Relay) -> None:
    """For any relay, nothing is lost to a format keeping every feature, and each loss is real."""
    assert losses(relay, set(Feature)) == ()
    for loss in losses(relay, set()):
        assert loss.count >= 1
        assert loss.example


def test_dump_reports_and_warns_what_it_dropped(tmp_path: pathlib.Path) -> None:
    """dump returns each Loss and warns LossWarning, pointing at the caller, when it drops data."""
    register_format(toy_format())
    target = tmp_path / "demo.toy"
    with pytest.warns(LossWarning, match=r"sponsors: 2 values, such as sponsors") as caught:
        dropped = torchrelay.dump(demo_relay(), target)
    assert caught[0].filename == __file__
    assert dropped == (Loss(Feature.SPONSORS, 2, "sponsors"),)
    assert torchrelay.load(target) == _without_sponsors(demo_relay())
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert torchrelay.dump(_without_sponsors(demo_relay()), target) == ()


def test_strict_dump_raises_and_writes_nothing(tmp_path: pathlib.Path) -> None:
    """With strict=True a lossy dump raises LossError listing the losses and leaves files alone."""
    register_format(toy_format())
    new = tmp_path / "new.toy"
    with pytest.raises(LossError, match="sponsors: 2 values") as caught:
        torchrelay.dump(demo_relay(), new, strict=True)
    assert isinstance(caught.value, TorchRelayError)
    assert caught.value.losses == (Loss(Feature.SPONSORS, 2, "sponsors"),)
    assert caught.value.format == "toy"
    assert list(tmp_path.iterdir()) == []
    old = tmp_path / "old.toy"
    old.write_bytes(b"old")
    buffer = io.BytesIO()
    with pytest.raises(LossError):
        torchrelay.dump(demo_relay(), old, strict=True)
    with pytest.raises(LossError):
        torchrelay.dump(demo_relay(), buffer, format="toy", strict=True)
    assert old.read_bytes() == b"old"
    assert buffer.getvalue() == b""
    assert torchrelay.dump(demo_relay(), tmp_path / "x.relay.json", strict=True) == ()


def test_redacted_personal_data_is_not_a_loss(tmp_path: pathlib.Path) -> None:
    """Losses are counted on what redact=True leaves: torchbearers without names still count."""
    relay = sochi_2014()
    keeps = set(Feature) - {Feature.TORCHBEARERS}
    assert losses(torchrelay.redact(relay), keeps) == losses(relay, keeps)


def _reader_that_loses(data: str | bytes | IO[bytes], *, source: str | None = None) -> Relay:
    warn_lost("KML NetworkLink", 2, "line 7", source=source)
    return _toy_loads(data, source=source)


def test_load_warns_about_what_a_reader_could_not_keep(tmp_path: pathlib.Path) -> None:
    """A reader's warn_lost is a LossWarning naming the file and pointing at the caller of load."""
    register_format(attrs.evolve(toy_format(), loads=_reader_that_loses))
    target = tmp_path / "demo.toy"
    target.write_text(_toy_dumps(demo_relay()), encoding="utf-8")
    with pytest.warns(
        LossWarning, match=r"demo.toy: read but not kept: KML NetworkLink \(2, such as line 7\)"
    ) as caught:
        relay = torchrelay.load(target)
    assert relay == _without_sponsors(demo_relay())
    assert caught[0].filename == __file__
    with pytest.warns(LossWarning) as direct:
        get_format("toy").loads(target.read_bytes())
    assert direct[0].filename == __file__


def test_a_format_must_return_its_kind_of_document(tmp_path: pathlib.Path) -> None:
    """A binary format's dumps must return bytes and a text one's str; anything else is refused."""
    register_format(attrs.evolve(toy_format(), binary=True))
    with pytest.raises(InvalidTypeError, match="binary, so its dumps must return bytes"):
        torchrelay.dump(_without_sponsors(demo_relay()), tmp_path / "x.toy")
    assert not (tmp_path / "x.toy").exists()


# -- Plugins -------------------------------------------------------------------------


PLUGIN = '''
"""A plugin format for the test: native JSON after a TOY line."""
from torchrelay.adapters import Feature, Format, native

def _loads(data, *, source=None):
    if not isinstance(data, (str, bytes)):
        data = data.read()
    if isinstance(data, str):
        data = data.encode()
    return native.loads(data.removeprefix(b"TOY\\n"), source=source)

def _dumps(relay, *, redact=False):
    return "TOY\\n" + native.dumps(relay, redact=redact)

FORMAT = Format(
    name="toyfmt",
    suffixes=(".toy",),
    media_type="text/x-toy",
    binary=False,
    keeps=frozenset(Feature),
    sniff=lambda head: head.startswith(b"TOY\\n"),
    loads=_loads,
    dumps=_dumps,
)
'''


def _install_plugin(
    root: pathlib.Path,
    monkeypatch: pytest.MonkeyPatch,
    entries: dict[str, str],
    modules: dict[str, str],
) -> None:
    """Put a distribution with these entry points and modules on sys.path, as pip would."""
    info = root / "toy_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: toy-plugin\nVersion: 1.0\n", encoding="utf-8"
    )
    lines = "".join(f"{name} = {value}\n" for name, value in entries.items())
    (info / "entry_points.txt").write_text(f"[torchrelay.formats]\n{lines}", encoding="utf-8")
    for name, source in modules.items():
        (root / f"{name}.py").write_text(textwrap.dedent(source), encoding="utf-8")
        monkeypatch.delitem(sys.modules, name, raising=False)
    monkeypatch.syspath_prepend(str(root))
    importlib.invalidate_caches()
    _registry._forget_plugins()


def test_a_plugin_format_is_used_through_load_and_dump(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Format named by a torchrelay.formats entry point works with load, dump and the registry."""
    site = tmp_path / "site"
    site.mkdir()
    _install_plugin(site, monkeypatch, {"toyfmt": "toy_plugin:FORMAT"}, {"toy_plugin": PLUGIN})
    assert {"native", "toyfmt"} <= {f.name for f in formats()}
    target = tmp_path / "demo.toy"
    assert torchrelay.dump(demo_relay(), target) == ()
    assert target.read_bytes().startswith(TOY_HEADER)
    assert torchrelay.load(target) == demo_relay()
    assert torchrelay.load(target.read_bytes()) == demo_relay()
    assert get_format("toyfmt").name == "toyfmt"


def test_a_broken_plugin_is_reported_by_name_and_breaks_nothing_else(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plugin that fails to import, or names something other than a Format, is reported by name.

    Asking for it raises PluginError with the original error chained; formats() warns
    PluginWarning; a file nobody can read mentions it; the other formats keep working.
    """
    site = tmp_path / "site"
    site.mkdir()
    _install_plugin(
        site,
        monkeypatch,
        {"broken": "broken_plugin:FORMAT", "notaformat": "odd_plugin:FORMAT"},
        {
            "broken_plugin": "raise RuntimeError('the plugin is broken')\n",
            "odd_plugin": "FORMAT = 42\n",
        },
    )
    with pytest.raises(
        PluginError,
        match=r"'broken' \(broken_plugin:FORMAT\) failed to load: RuntimeError: the plugin is broken",
    ) as caught:
        get_format("broken")
    assert isinstance(caught.value.__cause__, RuntimeError)
    with pytest.raises(
        PluginError, match=r"'notaformat' .* is a int, not a torchrelay\.adapters\.Format"
    ):
        get_format("notaformat")
    with pytest.raises(PluginError, match="broken"):
        torchrelay.load(tmp_path / "x.json", format="broken")
    with pytest.warns(PluginWarning) as caught_warnings:
        names = [f.name for f in formats()]
    assert "native" in names
    assert "broken" not in names
    assert len(caught_warnings) == 2
    assert "broken" in str(caught_warnings[0].message)
    with pytest.raises(UnknownFormatError, match=r"'broken'.*failed to load"):
        torchrelay.dump(demo_relay(), tmp_path / "x.toy")
    target = tmp_path / "x.relay.json"
    torchrelay.dump(demo_relay(), target)
    assert torchrelay.load(target) == demo_relay()


def test_a_plugin_cannot_take_a_builtin_name(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plugin whose format is named like a built-in one is reported, and the built-in stays."""
    site = tmp_path / "site"
    site.mkdir()
    source = PLUGIN.replace('name="toyfmt"', 'name="native"')
    _install_plugin(site, monkeypatch, {"toyfmt": "toy_plugin:FORMAT"}, {"toy_plugin": source})
    with pytest.raises(PluginError, match="'native' is registered already"):
        get_format("toyfmt")
    assert get_format("native") is native.FORMAT


def test_the_json_sniffer_reads_the_header_only() -> None:
    """Native's sniff accepts a native header (with a BOM or spaces) and refuses other JSON."""
    sniff = native.FORMAT.sniff
    assert sniff(b'{"format":"torchrelay","version":1')
    assert sniff(b'\xef\xbb\xbf\n  { "$schema": "x", "format" : "torchrelay"')
    assert not sniff(b'{"type":"FeatureCollection","features":[]}')
    assert not sniff(json.dumps(["format", "torchrelay"]).encode())


def test_docs_tables_are_generated_from_the_registry() -> None:
    """docs/formats.rst renders every registered format and its keeps, so the page cannot drift."""
    docs = pathlib.Path(__file__).resolve().parents[1] / "docs"
    pytest.importorskip("sphinx")
    sys.path.insert(0, str(docs / "_ext"))
    try:
        import torchrelay_formats
    finally:
        sys.path.remove(str(docs / "_ext"))
    register_format(toy_format())
    table = "\n".join(torchrelay_formats.format_table_rst())
    assert "``native``" in table
    assert "``toy``" in table
    assert "``text/x-toy``" in table
    features = torchrelay_formats.feature_table_rst()
    sponsors = features.index("   * - :attr:`~torchrelay.adapters.Feature.SPONSORS`")
    cells = ["     - kept" if Feature.SPONSORS in f.keeps else "     - lost" for f in formats()]
    assert features[sponsors + 1 : sponsors + 1 + len(cells)] == cells
    assert "     - kept" in cells  # native
    assert "     - lost" in cells  # toy
    page = (docs / "formats.rst").read_text(encoding="utf-8")
    assert ".. format-table::" in page
    assert ".. format-features::" in page
    assert "*.relay.json" in page
