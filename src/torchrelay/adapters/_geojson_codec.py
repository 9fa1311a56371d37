"""What the GeoJSON reader and writer share: the profile's names and the native codec they reuse.

GeoJSON properties hold the model's values as the native format writes them
(places, torchbearers, sources, claims), through the same engine. Paths are
the exception: their positions are the geometry, so the reader builds them
itself and hands the engine finished :class:`~torchrelay.Path` objects, as
it does finished legs and places when it assembles the relay.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .._claims import Source
from .._geo import Place
from .._legs import Leg
from .._path import Path
from ._engine import Codec, Kind, Reader, Where, _ClassKind
from ._pathcolumns import _write_path as write_path
from ._pathcolumns import path_kind as _path_kind

__all__ = ["MEMBER", "PROFILE", "VERSION", "codec", "write_path"]

MEMBER = "torchrelay"
"""The FeatureCollection's foreign member that holds the relay's own fields."""

PROFILE = "torchrelay-geojson"
"""The ``profile`` named in :data:`MEMBER`, which marks a file as torchrelay's own."""

VERSION = 1
"""The version of the profile this torchrelay writes and reads."""


def _given(cls: type, normal: Callable[[Codec], Kind] | None = None) -> Callable[[Codec], Kind]:
    """A kind that takes an already built *cls* as it is, and reads anything else as usual."""

    def override(codec: Codec) -> Kind:
        usual = normal(codec) if normal is not None else _ClassKind(codec, cls).as_kind()

        def read(value: Any, where: Where, reader: Reader) -> Any:
            return value if isinstance(value, cls) else usual.read(value, where, reader)

        return Kind(usual.write, read, usual.schema)

    return override


codec = Codec(
    memo=frozenset({Place, Source}),
    overrides={Path: _given(Path, _path_kind), Leg: _given(Leg), Place: _given(Place)},
)
"""The native format's codec, with finished paths, legs and places passed through."""
