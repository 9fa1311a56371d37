"""Reading and writing relays: one module per format, and the registry that finds them.

:func:`torchrelay.load` and :func:`torchrelay.dump` choose a format by name, by
file name or by a document's first bytes. Every format is a :class:`Format`
of one shape, built in or from a plugin: ``loads`` and ``dumps`` work on text
or bytes and never touch a file, ``sniff`` recognises a document, and
``keeps`` says which :class:`Feature` of the model it holds, so that writing
reports each :class:`Loss`. Other packages add formats through the
``torchrelay.formats`` entry point group.

.. versionadded:: 0.1.0
"""

from . import csv, geojson, gpx, kml, kmz, native
from ._format import Feature, Format, Loss, warn_lost
from ._losses import losses
from ._registry import (
    dump,
    format_for,
    formats,
    get_format,
    load,
    register_format,
)
from ._xml import XMLLimits

register_format(native.FORMAT)
register_format(gpx.FORMAT)
register_format(geojson.FORMAT)
register_format(csv.FORMAT)
register_format(kml.FORMAT)
register_format(kmz.FORMAT)

__all__ = [
    "Feature",
    "Format",
    "Loss",
    "XMLLimits",
    "dump",
    "format_for",
    "formats",
    "get_format",
    "load",
    "losses",
    "register_format",
    "warn_lost",
]
