"""torchrelay's GPX extension: what a relay means, in elements of its own namespace.

Written inside GPX ``<extensions>`` (the schema allows elements of any other
namespace there) and described by the shipped ``torchrelay-gpx-1.xsd``:

- ``tr:relay`` (in ``metadata/extensions``): the relay's name, games,
  description, zone and day one; its ``tr:extra``, its ``tr:native`` sponsors,
  campaigns, claims, rest days and sources, and its ``tr:branch`` list;
- ``tr:leg`` (in ``trk/extensions`` or ``rte/extensions``): the leg's id,
  name, mode, flame, precision, status, branch, times (RFC 9557), declared
  distance, its ``tr:origin`` and ``tr:destination`` places, ``tr:relight``,
  ``tr:path`` (altitude reference and zone), ``tr:extra``, and its
  ``tr:native`` torchbearers and sources;
- ``tr:place`` (in ``wpt/extensions``): a place's name, zone, region, country;
- ``tr:col`` (in point extensions): a per-point value of a column GPX has no
  element for;
- ``tr:extra``: one extra, its key in ``key`` and its JSON value as text;
- ``tr:native``: one field of a relay or leg, named by ``field``, its value
  as the native format writes it, JSON text (see :mod:`._gpx_native`).
"""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from .._geo import AltitudeReference, Coordinate, Place
from .._legs import Leg, Relight
from .._relay import Relay
from .._units import Distance, DistanceBasis
from ..exceptions import ParseError, Problem
from ._gpx_names import TR
from ._gpx_native import LEG_FIELDS, RELAY_FIELDS, read_native, write_native
from ._timetext import TimeTextError, format_instant, parse_instant
from ._xml import xml_escape
from ._xmltime import decimal

__all__ = [
    "LEG_FIELDS",
    "RELAY_FIELDS",
    "LegMeaning",
    "RelayMeaning",
    "read_leg_meaning",
    "read_native",
    "read_relay_meaning",
    "tr_place",
    "write_leg_meaning",
    "write_native",
    "write_place_meaning",
    "write_relay_meaning",
]

_Q = f"{{{TR}}}"


@attrs.define
class LegMeaning:
    """What ``tr:leg`` said: the leg's fields, its extras, its path's, its branch."""

    leg: dict[str, Any]
    extras: dict[str, Any]
    path: dict[str, Any]
    branch: str | None
    columns: dict[str, str] = attrs.Factory(dict)  # name -> "number" or "text"


@attrs.define
class RelayMeaning:
    """What ``tr:relay`` said: the relay's fields and its branches."""

    relay: dict[str, Any]
    branches: list[dict[str, Any]]


# -- Writing ---------------------------------------------------------------------


def _attrs(values: Mapping[str, object]) -> str:
    return "".join(
        f' {key}="{xml_escape(str(value))}"' for key, value in values.items() if value is not None
    )


def _extras(extras: Mapping[str, Any], skip: frozenset[str] = frozenset()) -> str:
    return "".join(
        f'<tr:extra key="{xml_escape(key)}">'
        f"{xml_escape(json.dumps(value, ensure_ascii=False, sort_keys=True))}</tr:extra>"
        for key, value in extras.items()
        if key not in skip
    )


def _place_attrs(place: Place, *, position: bool) -> dict[str, object]:
    c = place.coordinate
    values: dict[str, object] = {"name": place.name}
    if position:
        values.update(lat=decimal(c.latitude), lon=decimal(c.longitude))
        if c.altitude is not None:
            values["ele"] = decimal(c.altitude)
    if c.altitude_reference is not AltitudeReference.MEAN_SEA_LEVEL:
        values["altitude-reference"] = c.altitude_reference.value
    values.update(timezone=place.timezone, region=place.region, country=place.country)
    return values


def _place(tag: str, place: Place, *, position: bool) -> str:
    return f"<tr:{tag}{_attrs(_place_attrs(place, position=position))}>{_extras(place.extras)}</tr:{tag}>"  # noqa: E501


def write_place_meaning(place: Place) -> str:
    """``tr:place`` for a waypoint: what GPX's ``wpt`` cannot hold."""
    return _place("place", place, position=False)


def _time(value: dt.datetime | None) -> str | None:
    return None if value is None else format_instant(value)


def write_leg_meaning(leg: Leg, branch: str | None, native: frozenset[str]) -> str:
    """``tr:leg`` for a track or route; *native* names the extras GPX elements hold."""
    distance = leg.declared_distance
    values = {
        "id": leg.id,
        "name": leg.name,
        "mode": leg.mode.value,
        "flame": leg.flame.value,
        "lit-from": leg.lit_from.value,
        "precision": leg.precision.value,
        "status": leg.status.value,
        "branch": branch,
        "departs": _time(leg.departs),
        "arrives": _time(leg.arrives),
        "distance": None if distance is None else decimal(distance.meters),
        "distance-basis": None
        if distance is None or distance.basis is None
        else distance.basis.value,
    }
    parts = [f"<tr:leg{_attrs(values)}>"]
    parts.append(_place("origin", leg.origin, position=True))
    parts.append(_place("destination", leg.destination, position=True))
    for relight in leg.relights:
        parts.append(
            f"<tr:relight{_attrs({'source': relight.source.value, 'at': _time(relight.at), 'note': relight.note})}/>"  # noqa: E501
        )
    if leg.path is not None:
        path = leg.path
        ref = path.altitude_reference
        ref_text = None if ref is AltitudeReference.MEAN_SEA_LEVEL else ref.value
        parts.append(
            f"<tr:path{_attrs({'altitude-reference': ref_text, 'timezone': path.timezone})}>"
        )
        for name, column in path.columns.items():
            kind = "text" if column.dtype == object else "number"
            parts.append(f'<tr:column name="{xml_escape(name)}" type="{kind}"/>')
        parts.append("</tr:path>")
    parts.append(_extras(leg.extras, native))
    parts.append(write_native(leg))
    parts.append("</tr:leg>")
    return "".join(parts)


def write_relay_meaning(relay: Relay, native: frozenset[str]) -> str:
    """``tr:relay`` for the metadata: the relay's fields, branches and extras."""
    values = {
        "name": relay.name,
        "games": relay.games,
        "description": relay.description,
        "timezone": relay.timezone,
        "day-one": None if relay.day_one is None else relay.day_one.isoformat(),
    }
    parts = [f"<tr:relay{_attrs(values)}>", _extras(relay.extras, native), write_native(relay)]
    for branch in relay.branches:
        spec = {
            "name": branch.name,
            "leaves-from": branch.leaves_from,
            "rejoins-at": branch.rejoins_at,
            "description": branch.description,
        }
        parts.append(f"<tr:branch{_attrs(spec)}>{_extras(branch.extras)}</tr:branch>")
    parts.append("</tr:relay>")
    return "".join(parts)


# -- Reading ---------------------------------------------------------------------


class _BadError(Exception):
    pass


def _read_extras(element: ET.Element, into: dict[str, Any]) -> None:
    for child in element:
        if child.tag == f"{_Q}extra":
            key = child.get("key")
            try:
                into[str(key)] = json.loads(child.text or "")
            except ValueError:
                msg = f"tr:extra {key!r} does not hold JSON"
                raise _BadError(msg) from None


def _instant(text: str | None) -> Any:
    if text is None:
        return None
    try:
        return parse_instant(text)
    except TimeTextError as error:
        raise _BadError(str(error)) from None


def _read_place(element: ET.Element, coordinate: Coordinate | None = None) -> Place:
    get = element.get
    reference = get("altitude-reference") or "mean_sea_level"
    if coordinate is None:
        ele = get("ele")
        coordinate = Coordinate(
            float(get("lat", "nan")),
            float(get("lon", "nan")),
            altitude=None if ele is None else float(ele),
            altitude_reference=reference,
        )
    extras: dict[str, Any] = {}
    _read_extras(element, extras)
    return Place(
        get("name") or "",
        coordinate,
        timezone=get("timezone"),
        region=get("region"),
        country=get("country"),
        extras=extras,
    )


def tr_place(
    extensions: ET.Element, extras: dict[str, Any], prefixed: Callable[[str], str]
) -> dict[str, Any]:
    """A waypoint's extension: its ``tr:place`` fields (keyword arguments of Place) and extras."""
    found: dict[str, Any] = {}
    for child in extensions:
        if child.tag == f"{_Q}place":
            get = child.get
            found = {
                "timezone": get("timezone"),
                "region": get("region"),
                "country": get("country"),
            }
            if get("altitude-reference"):
                found["altitude_reference"] = get("altitude-reference")
            if get("name"):
                found["name"] = get("name")
            _read_extras(child, extras)
        else:
            _foreign(child, extras, prefixed)
    return found


def _foreign(element: ET.Element, extras: dict[str, Any], prefixed: Callable[[str], str]) -> None:
    """Keep another namespace's extension leaves as text extras (``ext:aaa``)."""
    for leaf in element.iter():
        if len(leaf) == 0 and leaf.text and leaf.text.strip():
            extras[prefixed(leaf.tag)] = leaf.text.strip()


def read_leg_meaning(
    extensions: ET.Element,
    extras: dict[str, Any],
    prefixed: Callable[[str], str],
    source: str | None,
) -> LegMeaning | None:
    """A track's or route's ``tr:leg``, if it has one; other extensions go into *extras*."""
    found = None
    for child in extensions:
        if child.tag != f"{_Q}leg":
            _foreign(child, extras, prefixed)
            continue
        try:
            found = _leg(child)
        except (_BadError, ValueError) as error:
            raise ParseError([Problem("tr:leg", str(error))], source) from None
        found.leg.update(read_native(child, Leg, "tr:leg", source))
    return found


def _leg(element: ET.Element) -> LegMeaning:
    get = element.get
    leg: dict[str, Any] = {
        "departs": _instant(get("departs")),
        "arrives": _instant(get("arrives")),
        "mode": get("mode") or "unknown",
        "flame": get("flame") or "unknown",
        "lit_from": get("lit-from") or "previous",
        "precision": get("precision") or "exact",
        "status": get("status") or "held",
        "id": get("id"),
    }
    if get("name") is not None:
        leg["name"] = get("name")
    if get("distance") is not None:
        basis = get("distance-basis")
        leg["declared_distance"] = Distance(
            float(get("distance", "")), basis=None if basis is None else DistanceBasis(basis)
        )
    relights = []
    path: dict[str, Any] = {}
    columns: dict[str, str] = {}
    extras: dict[str, Any] = {}
    for child in element:
        tag = child.tag
        if tag == f"{_Q}origin":
            leg["origin"] = _read_place(child)
        elif tag == f"{_Q}destination":
            leg["destination"] = _read_place(child)
        elif tag == f"{_Q}relight":
            relights.append(
                Relight(
                    child.get("source", ""), at=_instant(child.get("at")), note=child.get("note")
                )
            )
        elif tag == f"{_Q}path":
            path = {
                "altitude_reference": AltitudeReference(
                    child.get("altitude-reference") or "mean_sea_level"
                ),
                "timezone": child.get("timezone"),
            }
            for column in child:
                if column.tag == f"{_Q}column" and column.get("name"):
                    columns[str(column.get("name"))] = column.get("type") or "number"
    if "origin" not in leg or "destination" not in leg:
        msg = "tr:leg needs a tr:origin and a tr:destination"
        raise _BadError(msg)
    leg["relights"] = relights
    _read_extras(element, extras)
    return LegMeaning(leg, extras, path, get("branch"), columns)


def read_relay_meaning(
    extensions: ET.Element,
    extras: dict[str, Any],
    prefixed: Callable[[str], str],
    source: str | None,
) -> RelayMeaning | None:
    """The metadata's ``tr:relay``, if any; other extensions go into *extras*."""
    found = None
    for child in extensions:
        if child.tag != f"{_Q}relay":
            _foreign(child, extras, prefixed)
            continue
        get = child.get
        relay: dict[str, Any] = {"games": get("games"), "description": get("description")}
        relay["timezone"] = get("timezone")
        try:
            day = get("day-one")
            relay["day_one"] = None if day is None else dt.date.fromisoformat(day)
            own: dict[str, Any] = {}
            _read_extras(child, own)
            relay["extras"] = own
            branches = []
            for item in child:
                if item.tag == f"{_Q}branch":
                    spec: dict[str, Any] = {
                        "name": item.get("name", ""),
                        "leaves_from": item.get("leaves-from"),
                        "rejoins_at": item.get("rejoins-at"),
                        "description": item.get("description"),
                    }
                    branch_extras: dict[str, Any] = {}
                    _read_extras(item, branch_extras)
                    spec["extras"] = branch_extras
                    branches.append(spec)
        except (_BadError, ValueError) as error:
            raise ParseError([Problem("tr:relay", str(error))], source) from None
        if get("name") is not None:
            relay["name"] = get("name")
        relay.update(read_native(child, Relay, "tr:relay", source))
        found = RelayMeaning(relay, branches)
    return found
