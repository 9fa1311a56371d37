"""Writing a relay as GPX 1.1 that the official schema accepts.

Every leg is a ``trk`` (its ``tr:leg`` extension says whether it was planned,
held or cancelled), each path segment a ``trkseg``; the relay's places are
waypoints. Coordinates and elevations are ``xsd:decimal`` text without an
exponent, longitudes in [-180, 180) as the model keeps them. Per-point columns
become the GPX element of that name (``gpx:sym``), Garmin's
``TrackPointExtension`` (``gpxtpx:hr``) or a ``tr:col``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from importlib.metadata import version
from typing import Any

import numpy as np

from .._columns import NO_OFFSET
from .._legs import Leg
from .._path import Path
from .._relay import Relay
from .._time import offset_text
from ._gpx_ext import write_leg_meaning, write_place_meaning, write_relay_meaning
from ._gpx_names import GARMIN_TPX, GPX11, NUMBER_CHILDREN, TEXT_CHILDREN, TR, WPT_ORDER
from ._xml import xml_escape
from ._xmltime import _fraction, decimal

__all__ = ["write_gpx"]

_GARMIN = ("atemp", "wtemp", "depth", "hr", "cad")
_RELAY_NATIVE = ("gpx:desc", "gpx:author", "gpx:email", "gpx:author-link", "gpx:keywords")
_LEG_NATIVE = ("gpx:cmt", "gpx:desc", "gpx:src", "gpx:type")
_FIX = frozenset({"none", "2d", "3d", "dgps", "pps"})


def _plain(value: object) -> bool:
    """Whether an extra is text that a GPX element gives back unchanged."""
    return isinstance(value, str) and value != "" and value == value.strip()


def _native(extras: Any, keys: tuple[str, ...]) -> frozenset[str]:
    found = {k for k in keys if k in extras and _plain(extras[k])}
    email = extras.get("gpx:email") if "gpx:email" in found else None
    if email is not None and (email.count("@") != 1 or not all(email.split("@"))):
        found.discard("gpx:email")
    return frozenset(found)


def _numbers(column: np.ndarray) -> list[str | None]:
    texts: list[str | None] = [None if v != v else repr(v) for v in column.tolist()]  # noqa: PLR0124
    return [t if t is None or "e" not in t else decimal(float(t)) for t in texts]


def _times(path: Path) -> list[str | None]:
    assert path.times is not None
    stamps = path.times
    timed = ~np.isnan(stamps)
    whole = np.floor(np.where(timed, stamps, 0.0))
    offsets = path.offsets
    given = offsets != NO_OFFSET if offsets is not None else np.zeros(len(stamps), dtype=bool)
    shift = np.where(given, offsets if offsets is not None else 0, 0)
    walls = np.datetime_as_string((whole + shift).astype(np.int64).astype("datetime64[s]"), "s")
    fractions = (stamps - whole).tolist()
    out: list[str | None] = []
    given_list = given.tolist()
    shift_list = shift.tolist()
    for wall, ok, fraction, has, off, stamp_i in zip(
        walls.tolist(),
        timed.tolist(),
        fractions,
        given_list,
        shift_list,
        stamps.tolist(),
        strict=True,
    ):
        if not ok:
            out.append(None)
            continue
        text = wall
        if fraction:
            text += _fraction(fraction, int(np.floor(stamp_i)))
        out.append(text + (offset_text(off) if has else "Z"))
    return out


def _column_kind(name: str, column: np.ndarray) -> tuple[str, str]:
    """Where a column goes: ``("gpx", child)``, ``("garmin", child)`` or ``("tr", type)``."""
    text = column.dtype == object
    prefix, _, local = name.partition(":")
    if prefix == "gpx" and text and local in TEXT_CHILDREN:
        values = [v for v in column.tolist() if v is not None]
        if local != "fix" or set(values) <= _FIX:
            return "gpx", local
    if prefix == "gpx" and not text and local in NUMBER_CHILDREN:
        finite = column[~np.isnan(column)]
        whole = bool((finite == np.round(finite)).all()) and bool((finite >= 0).all())
        limits = {"sat": whole, "dgpsid": whole and bool((finite <= 1023).all())}
        if local == "magvar":
            limits["magvar"] = bool(((finite >= 0) & (finite < 360)).all())
        if limits.get(local, True):
            return "gpx", local
    if prefix == "gpxtpx" and not text and local in _GARMIN:
        return "garmin", local
    return "tr", "text" if text else "number"


def _point_texts(path: Path) -> Iterator[str]:
    n = len(path)
    lats = _numbers(path.latitudes)
    lons = _numbers(path.longitudes)
    eles = _numbers(path.altitudes) if path.altitudes is not None else [None] * n
    times = _times(path) if path.times is not None else [None] * n
    native: dict[str, list[str | None]] = {}
    garmin: dict[str, list[str | None]] = {}
    own: list[tuple[str, list[str | None]]] = []
    for name, column in path.columns.items():
        kind, detail = _column_kind(name, column)
        values = (
            [None if v is None else xml_escape(v) for v in column.tolist()]
            if column.dtype == object
            else _numbers(column)
        )
        if kind == "gpx":
            native[detail] = values
        elif kind == "garmin":
            garmin[detail] = values
        else:
            head = f'<tr:col name="{xml_escape(name)}"' + (
                ' type="text">' if detail == "text" else ">"
            )
            own.append((head, values))
    order = [k for k in WPT_ORDER if k in native]
    garmin_order = [k for k in _GARMIN if k in garmin]
    starts = set(path.segment_starts)
    plain = not order and not garmin_order and not own
    for i in range(n):
        if i in starts:
            yield "</trkseg><trkseg>"
        parts = [f'<trkpt lat="{lats[i]}" lon="{lons[i]}">']
        if eles[i] is not None:
            parts.append(f"<ele>{eles[i]}</ele>")
        if times[i] is not None:
            parts.append(f"<time>{times[i]}</time>")
        if not plain:
            parts.extend(f"<{k}>{native[k][i]}</{k}>" for k in order if native[k][i] is not None)
            ext = [
                f"<gpxtpx:{k}>{garmin[k][i]}</gpxtpx:{k}>"
                for k in garmin_order
                if garmin[k][i] is not None
            ]
            mine = [f"{head}{values[i]}</tr:col>" for head, values in own if values[i] is not None]
            if ext or mine:
                parts.append("<extensions>")
                if ext:
                    parts.append("<gpxtpx:TrackPointExtension>")
                    parts.extend(ext)
                    parts.append("</gpxtpx:TrackPointExtension>")
                parts.extend(mine)
                parts.append("</extensions>")
        parts.append("</trkpt>")
        yield "".join(parts)


def _leg(leg: Leg, branch: str | None) -> Iterator[str]:
    yield "<trk>"
    if leg.name is not None and leg.name.strip():
        yield f"<name>{xml_escape(leg.name)}</name>"
    native = _native(leg.extras, _LEG_NATIVE)
    for key in _LEG_NATIVE:
        if key in native:
            yield f"<{key[4:]}>{xml_escape(leg.extras[key])}</{key[4:]}>"
    yield f"<extensions>{write_leg_meaning(leg, branch, native)}</extensions>"
    if leg.path is not None:
        yield "<trkseg>"
        yield from _point_texts(leg.path)
        yield "</trkseg>"
    yield "</trk>\n"


def _metadata(relay: Relay) -> Iterator[str]:
    extras = relay.extras
    native = _native(extras, _RELAY_NATIVE)
    yield f"<metadata><name>{xml_escape(relay.name)}</name>"
    if "gpx:desc" in native:
        yield f"<desc>{xml_escape(extras['gpx:desc'])}</desc>"
    author = [k for k in ("gpx:author", "gpx:email", "gpx:author-link") if k in native]
    if author:
        yield "<author>"
        if "gpx:author" in native:
            yield f"<name>{xml_escape(extras['gpx:author'])}</name>"
        if "gpx:email" in native:
            user, domain = extras["gpx:email"].split("@")
            yield f'<email id="{xml_escape(user)}" domain="{xml_escape(domain)}"/>'
        if "gpx:author-link" in native:
            yield f'<link href="{xml_escape(extras["gpx:author-link"])}"/>'
        yield "</author>"
    if "gpx:keywords" in native:
        yield f"<keywords>{xml_escape(extras['gpx:keywords'])}</keywords>"
    yield f"<extensions>{write_relay_meaning(relay, native)}</extensions></metadata>\n"


def _waypoints(relay: Relay) -> Iterator[str]:
    for place in relay.places:
        c = place.coordinate
        yield f'<wpt lat="{decimal(c.latitude)}" lon="{decimal(c.longitude)}">'
        if c.altitude is not None:
            yield f"<ele>{decimal(c.altitude)}</ele>"
        yield f"<name>{xml_escape(place.name)}</name>"
        yield f"<extensions>{write_place_meaning(place)}</extensions></wpt>\n"


@functools.cache
def _version() -> str:
    return version("torchrelay")


def write_gpx(relay: Relay) -> str:
    """The GPX 1.1 document of *relay*."""
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<gpx xmlns="{GPX11}" xmlns:tr="{TR}" xmlns:gpxtpx="{GARMIN_TPX}" '
        f'version="1.1" creator="torchrelay {_version()}">\n'
    )
    parts = [head, *_metadata(relay), *_waypoints(relay)]
    for leg in relay.legs:
        parts.extend(_leg(leg, None))
    for branch in relay.branches:
        for leg in branch.legs:
            parts.extend(_leg(leg, branch.name))
    parts.append("</gpx>\n")
    return "".join(parts)
