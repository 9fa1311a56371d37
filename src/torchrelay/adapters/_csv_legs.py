"""Reading the legs layout of CSV: a row a leg, each problem named by its line and column."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from .._claims import Source
from .._geo import Coordinate, Place
from .._legs import Leg, Relight
from .._modes import FlameSource, FlameState, TransportMode
from .._people import Torchbearer
from .._relay import Branch, Relay
from .._units import Distance
from ..exceptions import InvalidValueError, Location, ParseError, Problem, TorchRelayError
from ._engine import Invalid, Reader, parse_json
from ._geojson_codec import codec
from ._timetext import TimeTextError, parse_instant

__all__ = ["LEG_COLUMNS", "RELIGHTS", "Problems", "Trim", "legs_relay"]

_END = ("latitude", "longitude", "zone", "region", "country")
LEG_COLUMNS = (
    "order",
    "branch",
    "id",
    "name",
    "status",
    "origin",
    *(f"origin_{c}" for c in _END),
    "destination",
    *(f"destination_{c}" for c in _END),
    "departs",
    "arrives",
    "precision",
    "mode",
    "flame",
    "lit_from",
    "relights",
    "declared_distance_m",
    "torchbearers",
    "sources",
)
"""The columns of the legs layout, in order.

.. versionadded:: 0.1.0
"""

_NUMBERS = frozenset({"origin_latitude", "origin_longitude", "destination_latitude"}) | {
    "destination_longitude",
    "declared_distance_m",
}


class Problems:
    """Problems found so far, each at its line and field: the header's name and its column."""

    def __init__(self, header: Sequence[str] = ()) -> None:
        self.problems: list[Problem] = []
        self._columns = {name: i + 1 for i, name in reversed(list(enumerate(header)))}

    def add(self, line: int, field: str | None, message: str) -> None:
        column = None if field is None else self._columns.get(field)
        self.problems.append(Problem(Location(line=line, column=column, field=field), message))


RELIGHTS = codec.kind(tuple[Relight, ...])


def _relights(value: str) -> tuple[Relight, ...]:
    """A relights cell: the native format's JSON of the leg's relights."""
    reader = Reader()
    try:
        found: tuple[Relight, ...] = RELIGHTS.read(parse_json(value), (), reader)
    except Invalid:
        raise InvalidValueError("; ".join(str(p) for p in reader.problems)) from None
    return found


def _number(value: str, *, comma: bool) -> float:
    return float(value.replace(",", ".") if comma else value)


def _leg(
    cells: dict[str, str], line: int, places: dict[Any, Place], problems: Problems, *, comma: bool
) -> Leg | None:
    def get(name: str, build: Callable[[str], Any]) -> Any:
        value = cells.get(name, "")
        try:
            return build(value) if value else None
        except (TorchRelayError, TimeTextError, ValueError) as error:
            problems.add(line, name, str(error))
            raise

    try:
        ends = []
        for end in ("origin", "destination"):
            key = tuple(
                cells.get(f"{end}{suffix}", "") for suffix in ("", *(f"_{c}" for c in _END))
            )
            if key not in places:
                lat = get(f"{end}_latitude", lambda v: _number(v, comma=comma))
                lon = get(f"{end}_longitude", lambda v: _number(v, comma=comma))
                if lat is None or lon is None:
                    problems.add(
                        line, f"{end}_latitude", "a place needs its latitude and longitude"
                    )
                    return None
                coordinate = Coordinate(lat, lon)

                def place(v: str, c: Coordinate = coordinate, k: Sequence[str] = key) -> Place:
                    return Place(
                        v, c, timezone=k[3] or None, region=k[4] or None, country=k[5] or None
                    )

                places[key] = get(end, place)
            ends.append(places[key])
        declared = get("declared_distance_m", lambda v: Distance(_number(v, comma=comma)))
        return Leg(
            ends[0],
            ends[1],
            get("departs", parse_instant),
            get("arrives", parse_instant),
            get("mode", TransportMode) or TransportMode.UNKNOWN,
            get("flame", FlameState) or FlameState.UNKNOWN,
            id=cells.get("id") or None,
            name=cells.get("name") or None,
            status=cells.get("status") or "held",
            lit_from=get("lit_from", FlameSource) or FlameSource.PREVIOUS,
            relights=get("relights", _relights) or (),
            precision=cells.get("precision") or "exact",
            declared_distance=declared,
            torchbearers=[Torchbearer(id=p) for p in cells.get("torchbearers", "").split(";") if p],
            sources=[Source(u) for u in cells.get("sources", "").split()],
        )
    except (TorchRelayError, TimeTextError, ValueError) as error:
        if not problems.problems or problems.problems[-1].location.line != line:
            problems.add(line, None, str(error))
        return None


def legs_relay(
    header: list[str], reader: Any, name: str, unescape: Callable[[str], str], *, comma: bool
) -> Relay:
    problems = Problems(header)
    main: list[Leg] = []
    branches: dict[str, list[Leg]] = {}
    lines: dict[str | None, list[int]] = {None: []}  # the line of each leg, by its branch
    places: dict[Any, Place] = {}
    line = reader.line_num + 1
    for row in reader:
        if len(row) != len(header):
            problems.add(line, None, f"has {len(row)} fields; the header has {len(header)}")
        else:
            cells = {
                k: (v if k in _NUMBERS else unescape(v)) for k, v in zip(header, row, strict=True)
            }
            leg = _leg(cells, line, places, problems, comma=comma)
            if leg is not None:
                branch = cells.get("branch") or None
                (branches.setdefault(branch, []) if branch else main).append(leg)
                lines.setdefault(branch, []).append(line)
        line = reader.line_num + 1
    if problems.problems:
        raise ParseError(problems.problems)
    try:
        return Relay(name, None, main, branches=[Branch(b, legs) for b, legs in branches.items()])
    except TorchRelayError as error:
        raise ParseError([Problem(_where(getattr(error, "path", ()), lines), str(error))]) from None


def _where(path: tuple[str | int, ...], lines: dict[str | None, list[int]]) -> Location:
    """The line and field of the leg a relay's error names by its path, such as ``legs[3].id``."""
    names = [b for b in lines if b is not None]
    if len(path) == 3 and path[0] == "legs" and isinstance(path[1], int):
        line = lines[None][path[1]]
    elif len(path) == 5 and path[0] == "branches" and isinstance(path[1], int):
        line = lines[names[path[1]]][int(path[3])]
    else:  # pragma: no cover - a CSV of legs has no other relay-wide mistake
        return Location()
    return Location(line=line, field=str(path[-1]))


class Trim:
    """A csv.reader that drops the marker column's cell of each row."""

    def __init__(self, reader: Any, marked: bool) -> None:  # noqa: FBT001
        self._reader, self._marked = reader, marked

    @property
    def line_num(self) -> int:
        return int(self._reader.line_num)

    def __iter__(self) -> Trim:
        return self

    def __next__(self) -> list[str]:
        row: list[str] = next(self._reader)
        return row[:-1] if self._marked else row
