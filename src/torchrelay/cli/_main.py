"""Running the command: exit statuses, one-line errors, closed pipes and full disks.

Every failure the user can cause ends in one line on standard error that
names the file and the problem, and exit status 2; a traceback only with
``--debug``. A closed pipe (``torchrelay validate --format json x | head -1``)
ends quietly with the status the command would have had.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Sequence

import click

from ..exceptions import TorchRelayError
from ._commands import torchrelay
from ._shared import UNUSABLE, State

__all__ = ["main"]

_NO_ARGS: type[Exception] = getattr(click.exceptions, "NoArgsIsHelpError", click.UsageError)


def _silence_stdout() -> None:
    # Point the descriptor at /dev/null so the interpreter's final flush of
    # what is still buffered cannot fail again.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # pragma: no cover - stdout without a descriptor
        pass


def _flush() -> None:
    with contextlib.suppress(ValueError):  # stdout closed by the caller
        sys.stdout.flush()


def _say(prog: str, message: str) -> None:
    click.echo(f"{prog}: {message}", err=True)


def main(argv: Sequence[str] | None = None) -> int:  # noqa: PLR0911, PLR0912 (one status an outcome)
    """Run the command line with *argv* (default: ``sys.argv[1:]``); return the exit status.

    It never raises :class:`SystemExit`: the console script and
    ``python -m torchrelay`` pass the status on.

    .. versionadded:: 0.1.0
    """
    args = list(sys.argv[1:] if argv is None else argv)
    state = State(debug="--debug" in args)
    prog = "torchrelay"
    try:
        try:
            result = torchrelay.main(args=args, prog_name=prog, standalone_mode=False, obj=state)
            _flush()
        except click.exceptions.Exit as done:
            _flush()
            return int(done.exit_code)
        return int(result) if isinstance(result, int) else state.code
    except BrokenPipeError:
        _silence_stdout()
        return state.code
    except click.UsageError as error:
        if args == [] or isinstance(error, _NO_ARGS):
            click.echo(error.format_message(), err=True)  # the help, for a bare `torchrelay`
            return UNUSABLE
        command = error.ctx.command_path if error.ctx else prog
        _say(command, error.format_message())
        if error.ctx is not None:
            click.echo(f"Try '{command} --help' for help.", err=True)
        return UNUSABLE
    except click.ClickException as error:
        if state.debug:
            raise error.__context__ or error from None
        _say(state.command, error.format_message())
        return UNUSABLE
    except click.Abort:
        _say(prog, "interrupted")
        return 130
    except OSError as error:
        if state.debug:
            raise
        if error.errno == errno.ENOSPC:
            _silence_stdout()
            _say(state.command, "cannot write the output: the disk is full")
        else:
            where = f"{error.filename}: " if error.filename else ""
            _say(state.command, f"{where}{error.strerror or error}")
        return UNUSABLE
    except TorchRelayError as error:
        if state.debug:
            raise
        _say(state.command, " ".join(str(error).split()))
        return UNUSABLE
