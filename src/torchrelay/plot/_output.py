"""Writing a figure so that the same picture gives the same bytes.

matplotlib stamps a creation date into SVG and PDF files and derives SVG
element ids from a random salt; :func:`save` turns both off, writes text in
SVG as text (so the legend can be searched and read), and always renders with
the non-interactive Agg, SVG and PDF backends, never on a screen.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import matplotlib as mpl
from matplotlib.figure import Figure

from ..adapters._files import check_writable, write_atomically
from ..exceptions import UnknownFormatError

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

__all__ = ["FORMATS", "freeze_layout", "save"]

FORMATS = ("pdf", "png", "svg")
"""The picture formats :func:`save` writes."""

_NO_DATES: dict[str, dict[str, Any]] = {
    "png": {},
    "svg": {"Date": None},
    "pdf": {"CreationDate": None, "ModDate": None},
}
_RC: dict[RcKeyType, Any] = {
    "svg.hashsalt": "torchrelay",
    "svg.fonttype": "none",
    "path.simplify": True,
}


def freeze_layout(figure: Figure) -> Figure:
    """Lay a figure out once and keep that layout, so that every save draws the same picture.

    matplotlib's constrained layout moves the axes a little on each draw until
    it settles, so the first file written from a figure would differ from the
    second. The pictures are laid out here, when they are made, and then keep
    their places.
    """
    figure.draw_without_rendering()
    figure.set_layout_engine("none")
    return figure


def save(
    figure: Figure,
    target: str | os.PathLike[str] | IO[bytes],
    *,
    format: str | None = None,
    dpi: float = 100.0,
) -> None:
    """Write a figure as PNG, SVG or PDF, with no dates or random ids in the file.

    Two calls with the same figure write the same bytes, so pictures can be
    compared in tests and kept in version control. ``figure.savefig`` works
    too, but stamps the date into SVG and PDF files. A path is written
    whole or not at all: the picture is drawn first, then written in one go.

    Args:
        figure: A figure from :func:`route_map`, :func:`timeline` or
            :func:`altitude_profile` (or any matplotlib figure).
        target: A path, or a binary file open for writing.
        format: ``png``, ``svg`` or ``pdf``; by default the path's suffix.
        dpi: Dots per inch, for PNG.

    Raises:
        UnknownFormatError: If the format is not one of those, or cannot be
            told from the target.
        IsDirectoryError: If the path is a folder.
        NoSuchFileError: If the folder to write into does not exist.

    .. versionadded:: 0.1.0
    """
    if format is None:
        suffix = Path(target).suffix if isinstance(target, (str, os.PathLike)) else ""
        format = suffix.removeprefix(".").lower()
    if format not in FORMATS:
        shown = f"{format!r}" if format else "no format (the target has no suffix)"
        msg = f"cannot write pictures as {shown}: use one of {', '.join(FORMATS)}"
        raise UnknownFormatError(msg)
    if isinstance(target, (str, os.PathLike)):
        path = os.fspath(target)
        check_writable(path, writer="save()", example=f"map.{format}")
        buffer = io.BytesIO()
        _render(figure, buffer, format, dpi)
        write_atomically(path, buffer.getvalue())
    else:
        _render(figure, target, format, dpi)


def _render(figure: Figure, target: IO[bytes], format: str, dpi: float) -> None:
    with mpl.rc_context(_RC):
        figure.savefig(target, format=format, dpi=dpi, metadata=_NO_DATES[format])
