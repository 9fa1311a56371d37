"""The subcommands, built on click; their ``--help`` shows examples."""

from __future__ import annotations

import json
import sys
import warnings
from collections.abc import Callable
from typing import Any

import click

from .. import __version__
from ._shared import FOUND_ERRORS, OK, CommandError, State, read_relay
from ._summary import info, summarize

__all__ = ["torchrelay"]

_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _examples(*lines: str) -> str:
    # \b keeps click from re-flowing the examples into one paragraph.
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)


def _state() -> State:
    state = click.get_current_context().find_object(State)
    return state if state is not None else State()


def _out(text: str, code: int = OK) -> int:
    """Print *text* to standard output; the status is set first, for a closed pipe."""
    _state().code = code
    click.echo(text)
    return code


_from = click.option(
    "--from",
    "from_",
    metavar="FORMAT",
    help="The input's format, where its name and first bytes do not tell (see torchrelay formats).",
)
_encoding = click.option(
    "--encoding", metavar="NAME", help="The input's text encoding, for CSV (such as cp1251)."
)
_output = click.option(
    "--format",
    "output",
    type=click.Choice(["text", "json"]),
    metavar="[text|json]",
    default="text",
    show_default=True,
    help="How to print the result.",
)


def _reading(command: Callable[..., Any]) -> Callable[..., Any]:
    return _from(_encoding(command))


@click.group(
    context_settings=_SETTINGS,
    epilog=_examples(
        "torchrelay demo",
        "torchrelay info sochi.relay.json",
        "torchrelay validate --format json route.gpx | head -1",
        "torchrelay convert sochi.relay.json sochi.geojson",
    ),
)
@click.version_option(
    __version__, "--version", prog_name="torchrelay", message="%(prog)s %(version)s"
)
@click.option("--debug", is_flag=True, help="Show a traceback when something fails.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bars.")
@click.pass_context
def torchrelay(ctx: click.Context, *, debug: bool, quiet: bool) -> None:
    """Model, check and convert Olympic torch relays.

    Exit status: 0 when all is well, 1 when validation finds errors, 2 when
    the input or the arguments cannot be used.
    """
    state = ctx.ensure_object(State)
    state.debug, state.quiet = debug, quiet
    if ctx.invoked_subcommand:
        state.command = f"torchrelay {ctx.invoked_subcommand}"


def _builtin(name: str) -> Any:
    from .. import datasets

    if name == "demo":
        return datasets.demo_relay()
    if name not in datasets.names():
        known = ", ".join(datasets.names())
        msg = f"no built-in relay {name!r}: use one of {known}"
        raise CommandError(msg)
    return datasets.load(name)


@torchrelay.command(
    epilog=_examples("torchrelay demo", "torchrelay demo paris-2024", "torchrelay demo london-2012")
)
@click.argument("name", default="sochi-2014")
def demo(name: str) -> int:
    """Summarise the built-in relay NAME: sochi-2014 (the default), london-2012 or paris-2024."""
    return _out(summarize(_builtin(name)))


@torchrelay.command(
    name="info",
    epilog=_examples("torchrelay info sochi.relay.json", "torchrelay info --format json - < x.gpx"),
)
@click.argument("file")
@_reading
@_output
def info_command(file: str, from_: str | None, encoding: str | None, output: str) -> int:
    """Summarise the relay in FILE (- for standard input): dates, days, legs, distances."""
    relay = read_relay(file, from_, encoding, _state())
    if output == "json":
        return _out(json.dumps(info(relay), ensure_ascii=False, indent=2))
    return _out(summarize(relay))


def _codes(values: tuple[str, ...]) -> list[str] | None:
    codes = [code.strip() for value in values for code in value.split(",") if code.strip()]
    return codes or None


@torchrelay.command(
    epilog=_examples(
        "torchrelay validate sochi.relay.json",
        "torchrelay validate --select TR1,TR302 --min-severity warning route.gpx",
        "torchrelay validate --format json - < sochi.relay.json",
    )
)
@click.argument("file", required=False)
@_reading
@click.option("--select", multiple=True, metavar="CODES", help="Only these rules (TR1,TR302).")
@click.option("--ignore", multiple=True, metavar="CODES", help="Leave out these rules.")
@click.option(
    "--min-severity",
    type=click.Choice(["info", "warning", "error"]),
    metavar="[info|warning|error]",
    default="info",
    show_default=True,
    help="List findings of at least this severity (text output).",
)
@_output
@click.option("--json", "as_json", is_flag=True, help="The same as --format json.")
def validate(
    file: str | None,
    from_: str | None,
    encoding: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    min_severity: str,
    output: str,
    *,
    as_json: bool,
) -> int:
    """Check the relay in FILE against the rule catalogue (the built-in Sochi 2014 without FILE).

    Exits 1 when validation finds errors.
    """
    from ..validation import validate as check

    relay = _builtin("sochi-2014") if file is None else read_relay(file, from_, encoding, _state())
    report = check(relay, select=_codes(select), ignore=_codes(ignore))
    code = OK if report.ok else FOUND_ERRORS
    if as_json or output == "json":
        return _out(report.to_json(), code)
    return _out(report.to_text(min_severity=min_severity), code)


@torchrelay.command(
    epilog=_examples(
        "torchrelay convert sochi.relay.json sochi.geojson",
        "torchrelay convert --to gpx --redact sochi.relay.json - > sochi.gpx",
        "torchrelay convert --strict track.gpx track.kml",
    )
)
@click.argument("source", metavar="IN")
@click.argument("target", metavar="OUT")
@_reading
@click.option(
    "--to", "to", metavar="FORMAT", help="The output's format, where its name does not tell."
)
@click.option(
    "--redact", is_flag=True, help="Leave out personal data (torchbearers' names, authors)."
)
@click.option(
    "--strict", is_flag=True, help="Fail, writing nothing, if OUT's format would lose data."
)
def convert(
    source: str,
    target: str,
    from_: str | None,
    encoding: str | None,
    to: str | None,
    *,
    redact: bool,
    strict: bool,
) -> int:
    """Convert a relay from IN to OUT (- for standard input or output), saying what OUT lost."""
    from ..adapters import dump
    from ..exceptions import LossError, UnknownFormatError

    relay = read_relay(source, from_, encoding, _state())
    if target == "-" and to is None:
        msg = "writing to standard output needs --to FORMAT (see `torchrelay formats`)"
        raise CommandError(msg)
    stream: Any = sys.stdout.buffer if target == "-" else target
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            lost = dump(relay, stream, format=to, redact=redact, strict=strict)
    except UnknownFormatError as error:
        msg = f"{target}: cannot tell the format to write; give --to FORMAT ({error})"
        raise CommandError(msg) from None
    except LossError as error:
        said = " ".join(str(error).split())  # one line, as every failure of the command
        msg = f"{target}: not written, because --strict was given and {said}"
        raise CommandError(msg) from None
    for loss in lost:
        click.echo(f"torchrelay convert: {target} could not hold {loss}", err=True)
    return OK


@torchrelay.command(
    epilog=_examples(
        "torchrelay where sochi.relay.json --at 2013-10-19T12:00:00+04:00",
        "torchrelay where --format json sochi.relay.json --at 2014-02-07T16:00:00Z",
    )
)
@click.argument("file")
@_reading
@click.option(
    "--at", "at", required=True, metavar="INSTANT", help="An ISO 8601 time with its offset or Z."
)
@_output
def where(file: str, from_: str | None, encoding: str | None, at: str, output: str) -> int:
    """Say where the flame of the relay in FILE was at INSTANT: on which leg, in which state."""
    from ._where import parse_at, whereabouts

    instant = parse_at(at)
    relay = read_relay(file, from_, encoding, _state())
    found = whereabouts(relay, instant)
    if output == "json":
        return _out(json.dumps(found, ensure_ascii=False, indent=2))
    return _out("\n".join(f"{key}: {value}" for key, value in found.items() if value is not None))


@torchrelay.command(epilog=_examples("torchrelay formats", "torchrelay formats --format json"))
@_output
def formats(output: str) -> int:
    """List the formats that can be read and written, plugins included, and what each keeps."""
    from ..adapters import formats as registered

    rows: list[dict[str, Any]] = [
        {
            "name": f.name,
            "suffixes": list(f.suffixes),
            "media_type": f.media_type,
            "binary": f.binary,
            "keeps": sorted(feature.value for feature in f.keeps),
        }
        for f in registered()
    ]
    if output == "json":
        return _out(json.dumps(rows, indent=2))
    lines = [
        f"{r['name']}: {', '.join(r['suffixes'])} ({r['media_type']}); keeps {len(r['keeps'])} "
        f"features: {', '.join(r['keeps'])}"
        for r in rows
    ]
    return _out("\n".join(lines))


def _picture(name: str, function: str, what: str) -> None:
    @torchrelay.command(
        name=name,
        help=f"Draw {what} of the relay in FILE into OUT (.png, .svg or .pdf; - with --to).",
        epilog=_examples(
            f"torchrelay {name} sochi.relay.json -o {name}.png",
            f"torchrelay {name} --to svg route.gpx -o - > {name}.svg",
        ),
    )
    @click.argument("file")
    @_reading
    @click.option(
        "-o",
        "--output",
        "target",
        required=True,
        metavar="OUT",
        help="The picture's file (- for standard output).",
    )
    @click.option(
        "--to",
        "to",
        type=click.Choice(["png", "svg", "pdf"]),
        metavar="[png|svg|pdf]",
        help="The picture's format, where OUT's suffix does not tell (needed with -o -).",
    )
    def draw(
        file: str, from_: str | None, encoding: str | None, target: str, to: str | None
    ) -> int:
        from .. import plot  # matplotlib loads only for a picture

        relay = read_relay(file, from_, encoding, _state())
        if target == "-" and to is None:
            msg = "writing a picture to standard output needs --to png, svg or pdf"
            raise CommandError(msg)
        figure = getattr(plot, function)(relay)
        plot.save(figure, sys.stdout.buffer if target == "-" else target, format=to)
        return OK

    del draw


_picture("map", "route_map", "a map of the route, coloured by transport mode,")
_picture("timeline", "timeline", "a timeline by relay day and hour, one lane a branch,")
_picture("profile", "altitude_profile", "the altitude profile over the relay's time")
