"""Writing a relay as one KML 2.2 Document that the OGC and ``gx`` schemas accept.

The Document holds, in the order the schema's sequence wants them: the
relay's name, ``atom:author`` where the relay has one (personal data),
description, one ``Style`` per transport mode used, ``ExtendedData`` with
``tr:relay``, a ``Schema`` per timed path with columns, then one Placemark a
leg of the main line, a ``Folder`` a branch with its legs' Placemarks, and a
Point Placemark a place of the relay's gazetteer.

A leg's Placemark: name, ``TimeSpan``, ``styleUrl`` to its mode's style,
``ExtendedData`` with one ``Data`` a field of
:data:`~torchrelay.adapters._kml_names.DATA_FIELDS` and the lossless
``tr:leg``, then its geometry (see :mod:`._kml_write_geometry`).
"""

from __future__ import annotations

import colorsys
import datetime as dt
import functools
from collections.abc import Iterator
from typing import Any

from .._geo import Place
from .._legs import Leg
from .._modes import TransportMode
from .._relay import Relay
from .._time import TimePrecision
from ._gpx_ext import write_leg_meaning, write_place_meaning, write_relay_meaning
from ._gpx_native import write_native
from ._gpx_write import _version
from ._kml_names import ATOM, DATA_FIELDS, GX, KML22, TR
from ._kml_write_geometry import (
    column_schema,
    geodesic_geometry,
    path_geometry,
    point_geometry,
    timed,
)
from ._timetext import format_instant
from ._xml import xml_escape

__all__ = ["AUTHOR_KEYS", "mode_colour", "write_kml"]

AUTHOR_KEYS = (
    ("kml:atom:author", "name"),
    ("kml:atom:author:uri", "uri"),
    ("kml:atom:author:email", "email"),
)
"""The relay extras written as the Document's ``atom:author`` children (personal data)."""

_LINE_WIDTH = 4

# GDAL's LIBKML driver takes a Document's Schemas as its layers' fields, and
# then lists no Data field it does not declare: the leg fields are declared.
_FIELDS_SCHEMA = (
    '<Schema name="leg" id="leg-fields">'
    + "".join(f'<SimpleField type="string" name="{name}"/>' for name in DATA_FIELDS)
    + "</Schema>\n"
)


@functools.cache
def mode_colour(mode: TransportMode) -> str:
    """A mode's line colour as KML ``aabbggrr`` text: opaque, a hue of its own for each mode.

    Hues step by the golden angle through the modes in their declared order,
    so that modes listed near each other (running, canicross) still differ.
    """
    index = list(TransportMode).index(mode)
    hue = (index * 0.618033988749895) % 1.0
    red, green, blue = colorsys.hsv_to_rgb(hue, 0.85, 0.95)
    return "ff" + "".join(f"{round(c * 255):02x}" for c in (blue, green, red))


def _style_id(mode: TransportMode) -> str:
    return f"mode-{mode.value.replace('_', '-')}"


def _styles(relay: Relay) -> Iterator[str]:
    used = {leg.mode for _, leg in relay.all_legs()}
    for mode in TransportMode:
        if mode in used:
            yield (
                f'<Style id="{_style_id(mode)}"><LineStyle><color>{mode_colour(mode)}</color>'
                f"<width>{_LINE_WIDTH}</width></LineStyle></Style>\n"
            )


def _time_text(value: dt.datetime, precision: TimePrecision) -> str:
    """A leg's time as KML ``dateTimeType``: a date where only the day is known."""
    if precision is TimePrecision.DAY:
        return value.date().isoformat()
    offset = value.utcoffset()
    if offset is not None and (offset.seconds % 60 or offset.microseconds):
        return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat() + "Z"
    return value.isoformat()


def _time_span(leg: Leg) -> str:
    if leg.departs is None and leg.arrives is None:
        return ""
    parts = ["<TimeSpan>"]
    if leg.departs is not None:
        parts.append(f"<begin>{_time_text(leg.departs, leg.precision)}</begin>")
    if leg.arrives is not None:
        parts.append(f"<end>{_time_text(leg.arrives, leg.precision)}</end>")
    parts.append("</TimeSpan>")
    return "".join(parts)


def _data(leg: Leg, branch: str | None) -> str:
    values: dict[str, str | None] = {
        "id": leg.id,
        "mode": leg.mode.value,
        "flame": leg.flame.value,
        "status": leg.status.value,
        "precision": leg.precision.value,
        "branch": branch,
        "departs": None if leg.departs is None else format_instant(leg.departs),
        "arrives": None if leg.arrives is None else format_instant(leg.arrives),
    }
    return "".join(
        f'<Data name="{key}"><value>{xml_escape(text)}</value></Data>'
        for key in DATA_FIELDS
        if (text := values[key]) is not None
    )


def _leg_name(leg: Leg) -> str:
    if leg.name is not None and leg.name.strip():
        return leg.name
    return f"{leg.origin.name} \u2192 {leg.destination.name}"


def _placemark(leg: Leg, branch: str | None, schema_id: str | None) -> str:
    path = leg.path
    geometry = geodesic_geometry(leg) if path is None else path_geometry(path, schema_id)
    # A LineString has no times and no columns: a path timed only in part, or
    # untimed with columns, goes whole into the extension beside the line.
    whole = ""
    if path is not None and not timed(path) and (path.times is not None or path.columns):
        whole = write_native(leg, fields=("path",))
    return (
        f"<Placemark><name>{xml_escape(_leg_name(leg))}</name>{_time_span(leg)}"
        f"<styleUrl>#{_style_id(leg.mode)}</styleUrl>"
        f"<ExtendedData>{_data(leg, branch)}{write_leg_meaning(leg, branch, frozenset())}"
        f"{whole}</ExtendedData>{geometry}</Placemark>\n"
    )


def _place(place: Place) -> str:
    return (
        f"<Placemark><name>{xml_escape(place.name)}</name>"
        f"<ExtendedData>{write_place_meaning(place)}</ExtendedData>"
        f"{point_geometry(place.coordinate)}</Placemark>\n"
    )


def _author(extras: Any) -> str:
    children = [
        f"<atom:{child}>{xml_escape(extras[key])}</atom:{child}>"
        for key, child in AUTHOR_KEYS
        if isinstance(extras.get(key), str)
        and extras[key].strip()
        and (child != "email" or "@" in extras[key])
    ]
    return f"<atom:author>{''.join(children)}</atom:author>" if children else ""


def _schema_ids(relay: Relay) -> dict[int, str]:
    """The Schema id of each leg (by position in :meth:`Relay.all_legs`) whose track has columns."""
    return {
        k: f"columns-{k}"
        for k, (_, leg) in enumerate(relay.all_legs())
        if leg.path is not None and leg.path.columns and timed(leg.path)
    }


def write_kml(relay: Relay) -> str:
    """The KML 2.2 document of *relay*."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<kml xmlns="{KML22}" xmlns:gx="{GX}" xmlns:atom="{ATOM}" xmlns:tr="{TR}">\n'
        f"<Document><name>{xml_escape(relay.name)}</name>",
        _author(relay.extras),
    ]
    if relay.description is not None and relay.description.strip():
        parts.append(f"<description>{xml_escape(relay.description)}</description>")
    parts.append("\n")
    parts.extend(_styles(relay))
    parts.append(
        f"<ExtendedData>{write_relay_meaning(relay, frozenset())}</ExtendedData>\n"
        f"<!-- written by torchrelay {_version()} -->\n"
    )
    schemas = _schema_ids(relay)
    legs = list(relay.all_legs())
    if legs:
        parts.append(_FIELDS_SCHEMA)
    for k, schema_id in schemas.items():
        path = legs[k][1].path
        assert path is not None
        parts.append(column_schema(schema_id, path))
    k = 0
    for leg in relay.legs:
        parts.append(_placemark(leg, None, schemas.get(k)))
        k += 1
    for branch in relay.branches:
        parts.append(f"<Folder><name>{xml_escape(branch.name)}</name>\n")
        for leg in branch.legs:
            parts.append(_placemark(leg, branch.name, schemas.get(k)))
            k += 1
        parts.append("</Folder>\n")
    parts.extend(_place(place) for place in relay.places)
    parts.append("</Document>\n</kml>\n")
    return "".join(parts)
