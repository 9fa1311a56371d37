"""Draw the pictures the docs show, with torchrelay itself, when the docs are built.

On ``builder-inited`` the Sochi 2014 map, timeline and altitude profile are
drawn with :mod:`torchrelay.plot` into ``docs/_generated/`` (ignored by git),
where :doc:`pictures` finds them. So the pictures in the docs are always the
ones the code draws now. The doctest builder does not show images and skips
the drawing.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.typing import ExtensionMetadata

__all__ = ["PICTURES", "draw_pictures", "setup"]

logger = logging.getLogger(__name__)

#: File name in ``docs/_generated`` and the torchrelay.plot function that draws it.
PICTURES = {
    "sochi-2014-map.png": "route_map",
    "sochi-2014-timeline.png": "timeline",
    "sochi-2014-profile.png": "altitude_profile",
}


def draw_pictures(folder: Path) -> list[Path]:
    """Draw every picture of :data:`PICTURES` into *folder*; return the files written."""
    from torchrelay import plot
    from torchrelay.datasets import sochi_2014

    folder.mkdir(parents=True, exist_ok=True)
    relay = sochi_2014()
    written = []
    for name, function in PICTURES.items():
        path = folder / name
        plot.save(getattr(plot, function)(relay), path, dpi=90)
        written.append(path)
    return written


def _on_builder_inited(app: Sphinx) -> None:
    if app.builder.name in {"doctest", "linkcheck"}:
        return
    written = draw_pictures(Path(app.srcdir) / "_generated")
    logger.info("torchrelay_pictures: drew %s", ", ".join(p.name for p in written))


def setup(app: Sphinx) -> ExtensionMetadata:
    """Draw the pictures before the pages are read."""
    app.connect("builder-inited", _on_builder_inited)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
