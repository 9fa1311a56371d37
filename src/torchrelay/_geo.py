"""Coordinates and places on the WGS84 ellipsoid.

Distances between them come from :mod:`torchrelay._geodesy`, in bulk; the one
exception is :func:`geodesic_meters`, which asks geopy and is the only place
that imports it. geopy takes about 100 ms to import (it loads every geocoder),
so it is imported by that function, on first call, and its objects never leave it.
"""

from __future__ import annotations

import math
import re
from typing import Any

import attrs

from ._convert import Choice, finite_number, nonempty_text, of_type, optional_text
from ._extras import Extras, to_extras
from ._geometry import place_feature, position
from ._time import optional_timezone
from ._units import Distance, DistanceBasis
from .exceptions import InvalidValueError

__all__ = [
    "AltitudeReference",
    "Coordinate",
    "Place",
    "geodesic_meters",
    "normalize_longitude",
]


class AltitudeReference(Choice):
    """What an altitude is measured from.

    Sources mean different things by "altitude", and the difference is large:
    the geoid (mean sea level) lies up to about 100 m above or below the WGS84
    ellipsoid. torchrelay keeps the reference with every altitude and never
    converts between references, which would need a geoid model.

    .. versionadded:: 0.1.0
    """

    MEAN_SEA_LEVEL = "mean_sea_level"
    """Above mean sea level, as maps and summits are given (Elbrus: 5,642 m)."""
    ELLIPSOID = "ellipsoid"
    """Above the WGS84 ellipsoid, as GPS receivers and GeoJSON give heights."""
    WATER_SURFACE = "water_surface"
    """Relative to the surface of a body of water: negative is a depth (Baikal: -13 m)."""
    GROUND = "ground"
    """Above the ground below, as KML's ``relativeToGround``."""


def normalize_longitude(longitude: float) -> float:
    """Bring a longitude into [-180, 180).

    >>> normalize_longitude(180.0), normalize_longitude(190.0), normalize_longitude(-180.0)
    (-180.0, -170.0, -180.0)

    .. versionadded:: 0.1.0
    """
    if -180.0 <= longitude < 180.0:
        return longitude
    wrapped = math.fmod(longitude + 180.0, 360.0)
    if wrapped < 0.0:
        wrapped += 360.0
    result = wrapped - 180.0
    # fmod can round a value just below 180 up to it.
    return -180.0 if result >= 180.0 else result


def _to_latitude(value: float) -> float:
    value = finite_number("latitude", value)
    if not -90.0 <= value <= 90.0:
        msg = f"'latitude' must be between -90 and 90 degrees (got {value!r})"
        raise InvalidValueError(msg)
    return value


def _to_longitude(value: float) -> float:
    return normalize_longitude(finite_number("longitude", value))


def _to_altitude(value: float | None) -> float | None:
    return None if value is None else finite_number("altitude", value)


@attrs.frozen
class Coordinate:
    """A point on or near the Earth, in WGS84 degrees, with an optional altitude.

    Latitude comes first, as people say it; :meth:`from_lonlat` takes GeoJSON's
    order. Longitudes are brought into [-180, 180), and at the poles, where
    longitude means nothing, it is set to 0 so that every coordinate of one pole
    is equal.

    Args:
        latitude: Degrees north, from -90 to 90.
        longitude: Degrees east; any finite value, normalised into [-180, 180).
        altitude: Metres above (negative: below) the :attr:`altitude_reference`.
        altitude_reference: What :attr:`altitude` is measured from.

    Raises:
        InvalidValueError: For a latitude outside [-90, 90], NaN or infinity.

    >>> Coordinate(55.7539, 37.6208)
    Coordinate(latitude=55.7539, longitude=37.6208, altitude=None, altitude_reference=<AltitudeReference.MEAN_SEA_LEVEL: 'mean_sea_level'>)
    >>> Coordinate(90, 45) == Coordinate(90, -120)
    True
    >>> Coordinate(0, 180).longitude
    -180.0

    .. versionadded:: 0.1.0
    """  # noqa: E501

    latitude: float = attrs.field(converter=_to_latitude)
    longitude: float = attrs.field(converter=_to_longitude)
    altitude: float | None = attrs.field(default=None, converter=_to_altitude, kw_only=True)
    altitude_reference: AltitudeReference = attrs.field(
        default=AltitudeReference.MEAN_SEA_LEVEL, converter=AltitudeReference, kw_only=True
    )

    def __attrs_post_init__(self) -> None:
        if abs(self.latitude) == 90.0 and self.longitude != 0.0:
            object.__setattr__(self, "longitude", 0.0)

    @classmethod
    def from_lonlat(
        cls,
        lon: float,
        lat: float,
        alt: float | None = None,
        *,
        altitude_reference: AltitudeReference = AltitudeReference.MEAN_SEA_LEVEL,
    ) -> Coordinate:
        """Build a coordinate from longitude first, as GeoJSON and KML order them.

        >>> Coordinate.from_lonlat(37.6208, 55.7539).latitude
        55.7539

        .. versionadded:: 0.1.0
        """
        return cls(lat, lon, altitude=alt, altitude_reference=altitude_reference)

    @property
    def at_pole(self) -> bool:
        """Whether this is the North or the South Pole."""
        return abs(self.latitude) == 90.0

    def lonlat(self) -> tuple[float, float]:
        """Longitude and latitude, in GeoJSON's order, without altitude."""
        return (self.longitude, self.latitude)

    def distance_to(self, other: Coordinate) -> Distance:
        """The geodesic distance along the WGS84 ellipsoid, ignoring altitude.

        >>> moscow, sochi = Coordinate(55.7539, 37.6208), Coordinate(43.5855, 39.7231)
        >>> round(moscow.distance_to(sochi).km)
        1362

        .. versionadded:: 0.1.0
        """
        return Distance(geodesic_meters(self, other), basis=DistanceBasis.STRAIGHT_LINE)

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        """The coordinate as a GeoJSON Point, for shapely and friends.

        The altitude is the position's third element only where it is a height
        above the WGS84 ellipsoid, as RFC 7946 §4 defines it.

        >>> Coordinate(64.7337, 177.5089).__geo_interface__
        {'type': 'Point', 'coordinates': (177.5089, 64.7337)}

        .. versionadded:: 0.1.0
        """
        return position(self.latitude, self.longitude, self.altitude, self.altitude_reference.value)


def geodesic_meters(a: Coordinate, b: Coordinate) -> float:
    """The geodesic distance between two coordinates on WGS84, in metres.

    Uses geopy (GeographicLib's algorithm). Altitudes are ignored: this is the
    horizontal component of any climb or dive.

    .. versionadded:: 0.1.0
    """
    from geopy.distance import geodesic  # slow to import: see the module docstring

    result: float = geodesic((a.latitude, a.longitude), (b.latitude, b.longitude)).meters
    return result


_COUNTRY = re.compile(r"[A-Z]{2}\Z")


def _check_country(
    instance: Any, attribute: attrs.Attribute[str | None], value: str | None
) -> None:
    if value is not None and not _COUNTRY.match(value):
        msg = f"'country' must be an ISO 3166-1 alpha-2 code such as 'RU' (got {value!r})"
        raise InvalidValueError(msg)


@attrs.frozen
class Place:
    """A named place on a relay's route.

    Args:
        name: What the place is called, in the source's language and script.
        coordinate: Where it is.
        timezone: Its IANA time zone name, checked; ``None`` where not known
            (imports without one). Local times are shown in this zone as it was
            on the date.
        region: The region it belongs to (for Sochi 2014: the federal subject).
        country: Its ISO 3166-1 alpha-2 country code, such as ``RU``.
        extras: What a format holds about the place that the model has no
            field for, by namespaced key (:class:`~torchrelay.Extras`).

    Raises:
        UnknownTimezoneError: If *timezone* is not an IANA zone.
        InvalidValueError: For an empty name or a malformed country code.

    >>> anadyr = Coordinate(64.7337, 177.5089)
    >>> Place("Anadyr", anadyr, timezone="Asia/Anadyr", country="RU").timezone
    'Asia/Anadyr'

    .. versionadded:: 0.1.0
    """

    name: str = attrs.field(validator=nonempty_text)
    coordinate: Coordinate = attrs.field(validator=of_type(Coordinate))
    timezone: str | None = attrs.field(default=None, converter=optional_timezone, kw_only=True)
    region: str | None = attrs.field(default=None, validator=optional_text, kw_only=True)
    country: str | None = attrs.field(default=None, validator=_check_country, kw_only=True)
    extras: Extras = attrs.field(factory=Extras, converter=to_extras, kw_only=True)

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        """The place as a GeoJSON Feature: a Point, with its name, zone, region and country.

        .. versionadded:: 0.1.0
        """
        c, names = self.coordinate, ("name", "timezone", "region", "country")
        properties = {name: getattr(self, name) for name in names}
        return place_feature(
            c.latitude, c.longitude, c.altitude, c.altitude_reference.value, properties
        )
