"""What every subcommand shares: the global options, the exit statuses, its own error, and reading.

The relay a subcommand was given is a path or ``-``, read with a progress bar
on a terminal; errors are said in the command's words (``--from``, not
``format=``) and name the file.
"""

from __future__ import annotations

import os
import sys
import warnings
from typing import Any

import click

from .._relay import Relay
from ..exceptions import (
    FileError,
    LossWarning,
    ParseError,
    TorchRelayError,
    UnknownFormatError,
    UnknownOptionError,
)

__all__ = ["FOUND_ERRORS", "OK", "UNUSABLE", "CommandError", "State", "read_relay"]

#: The exit statuses, as the command's help explains them.
OK, FOUND_ERRORS, UNUSABLE = 0, 1, 2


class CommandError(click.ClickException):
    """A problem with the input or the arguments, said in the command's own words."""

    exit_code = UNUSABLE


class State:
    """What the global options asked for, and the status the command will exit with."""

    def __init__(self, *, debug: bool = False, quiet: bool = False) -> None:
        self.debug = debug
        self.quiet = quiet
        self.code = OK
        self.command = "torchrelay"

    def colour(self, stream: object) -> bool:
        """Whether to colour *stream*: only a terminal, and never with ``NO_COLOR``."""
        isatty = getattr(stream, "isatty", None)
        return not os.environ.get("NO_COLOR") and bool(isatty and isatty())

    def progress(self) -> bool:
        """Whether to show a progress bar: on a terminal, unless ``--quiet``."""
        return not self.quiet and self.colour(sys.stderr)


#: Files smaller than this load too fast for a progress bar to help.
PROGRESS_BYTES = 4 << 20
_SHOWN_PROBLEMS = 5


class _Counting:
    """A binary file that moves a progress bar as it is read."""

    def __init__(self, raw: Any, advance: Any) -> None:
        self._raw = raw
        self._advance = advance

    def read(self, size: int = -1) -> bytes:
        data: bytes = self._raw.read(size)
        self._advance(len(data))
        return data

    def readinto(self, buffer: Any) -> int:
        count: int = self._raw.readinto(buffer) or 0
        self._advance(count)
        return count

    def __getattr__(self, name: str) -> Any:
        return getattr(self._raw, name)


def _problems(error: ParseError) -> str:
    shown = "; ".join(str(p) for p in error.problems[:_SHOWN_PROBLEMS])
    more = len(error.problems) - _SHOWN_PROBLEMS
    if len(error.problems) == 1:
        return shown
    tail = f"; and {more} more" if more > 0 else ""
    return f"{len(error.problems)} problems: {shown}{tail}"


def _known() -> str:
    from ..adapters import formats

    return ", ".join(f.name for f in formats())


def _load(source: Any, fmt: str | None, options: dict[str, Any], state: State, size: int) -> Relay:
    from ..adapters import format_for, load

    if isinstance(source, str) and state.progress() and size >= PROGRESS_BYTES:
        with open(source, "rb") as raw:
            name = fmt or format_for(source, head=raw.read(4096)).name
            raw.seek(0)
            with click.progressbar(length=size, label=f"reading {source}", file=None) as bar:
                stream = _Counting(raw, bar.update)
                return load(stream, format=name, **options)  # type: ignore[arg-type, unused-ignore]
    return load(source, format=fmt, **options)


def read_relay(file: str, fmt: str | None, encoding: str | None, state: State) -> Relay:
    """The relay in *file* (``-``: standard input) in format *fmt*, or the format its name says.

    What the reader read but could not keep (its ``LossWarning`` warnings) is
    said on standard error, a line each, in the command's words.

    Raises:
        CommandError: As :func:`_read_relay`.
    """
    label = "standard input" if file == "-" else file
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", LossWarning)
        relay = _read_relay(file, fmt, encoding, state)
    for warning in caught:
        if issubclass(warning.category, LossWarning):
            text = str(warning.message)
            said = text if text.startswith((label, "<stdin>")) else f"{label}: {text}"
            click.echo(f"torchrelay: {said}", err=True)
        else:  # pragma: no cover - readers warn of nothing else
            warnings.warn_explicit(
                warning.message, warning.category, warning.filename, warning.lineno
            )
    return relay


def _read_relay(file: str, fmt: str | None, encoding: str | None, state: State) -> Relay:
    """The relay in *file* (``-``: standard input) in format *fmt*, or the format its name says.

    Raises:
        CommandError: For a missing file, a folder, an unknown format, an
            option the format does not take, or a file that cannot be read.
    """
    options: dict[str, Any] = {} if encoding is None else {"encoding": encoding}
    label = "standard input" if file == "-" else file
    try:
        if fmt is not None:
            from ..adapters import get_format

            get_format(fmt)
        if file == "-":
            return _load(sys.stdin.buffer, fmt, options, state, 0)
        if os.path.isdir(file):
            msg = f"{file}: is a directory, not a relay file"
            raise CommandError(msg)
        if not os.path.exists(file):
            msg = f"{file}: no such file"
            raise CommandError(msg)
        return _load(file, fmt, options, state, os.path.getsize(file))
    except UnknownFormatError:
        if fmt is not None:
            msg = f"--from {fmt}: no such format (known: {_known()})"
        else:
            msg = f"{label}: cannot tell its format; give --from FORMAT (known: {_known()})"
        raise CommandError(msg) from None
    except UnknownOptionError:
        msg = f"{label}: --encoding is not an option of this file's format (only CSV takes it)"
        raise CommandError(msg) from None
    except ParseError as error:
        head = "" if error.source else f"{label}: "
        source = f"{error.source}: " if error.source else ""
        raise CommandError(f"{head}{source}{_problems(error)}") from None
    except FileError as error:
        raise CommandError(str(error)) from None
    except TorchRelayError as error:
        raise CommandError(f"{label}: {error}") from None
    except OSError as error:
        raise CommandError(f"{label}: {error.strerror or error}") from None
