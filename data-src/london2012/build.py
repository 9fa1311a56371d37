"""Build the built-in London 2012 relay from the convoy's live-tracking log.

    python data-src/london2012/build.py [LOG]

reads ``gps-complete.txt`` (beside this file, a copy of the MIT-licensed log of
``commuterjoy/torch-relay``; see ``PROVENANCE.md``) and the sourced facts
written below, and writes ``src/torchrelay/datasets/london_2012.json.gz``: the
native format, compact, gzip-compressed with no timestamp in the header.

The log is a row every 2 minutes: ``time.xml, latitude, longitude, STATUS``.
Modelling and cleaning rules, stated once (``docs/london2012.rst`` repeats them):

- Times carry no zone. They are read as ``Europe/London`` (BST, UTC+1, all
  summer): an assumption, recorded in the relay's extras and description.
- Only ``RUNNING`` rows can be moving. ``WAITING`` and ``FINISHED`` rows are
  stationary (the overnight stop, the evening celebration) and delimit stretches.
- A *stretch* is a run of ``RUNNING`` rows of one local day in which no two
  consecutive ``RUNNING`` rows are more than ``PAUSE`` apart. Shorter
  interruptions by other statuses are feed glitches: they repeat an old
  position, so they are left out (``status_glitch``).
- Cleaning, in this order, counted per rule:
  ``null_island``: rows at ``0, 0`` (all ``WAITING``);
  ``stale_replay``: a ``RUNNING`` fix whose exact position was already kept
  earlier in the log, but not as the fix just before (the feed replayed an old
  answer: one position near Weymouth recurs 2,165 times from 13 to 25 Jul);
  ``duplicate``: a fix at exactly the position of the fix kept before it in its
  stretch (the vehicle standing, or the feed not updated; the first is kept);
  ``spike``: a fix reached from the fix before, and left for the fix after,
  faster than ``SPIKE_KMH``, where going straight from the one before to the
  one after is not (an out-and-back jump).
- The upstream README's outlier list is not applied as such: most of its
  positions are real (airports of the island flights, lunch stops), and one is
  Dublin, visited on 6 Jun 2012. What the rules above drop of them is reported.
- A stretch with fewer than two kept fixes does not move and is left out.
- Within a stretch, a step between kept fixes faster than ``JUMP_KMH`` and
  longer than ``JUMP_KM`` is a crossing the vehicle's GPS did not follow (the
  feed jumps from an airport to the next); consecutive fast steps are one
  crossing, keeping the fixes between as its path (the flight from Sumburgh to
  Stornoway is tracked). The stretch is split there and the crossing becomes a
  transfer leg, its mode from ``CROSSINGS`` where a source says which, else
  ``unknown``.
- Between consecutive moving legs more than ``GAP_KM`` apart, a transfer leg
  without path carries the flame in a lantern (overnight, or across water).
- Transfer legs without a tracked path have ``approximate`` times: the log
  bounds them by the fixes either side, not when the crossing happened.
- Moving legs are the relay convoy: torchbearers on foot, the flame in the
  convoy's vehicles between communities. The log cannot tell the two apart, so
  their mode is ``other`` and their flame a lit torch.
"""

from __future__ import annotations

import datetime as dt
import gzip
import pathlib
import sys
from collections import Counter
from zoneinfo import ZoneInfo

import numpy as np
from pyproj import Geod

import torchrelay
from torchrelay import (
    Claim,
    Coordinate,
    FlameState,
    Leg,
    Path,
    Place,
    Relay,
    Source,
    TimePrecision,
    TransportMode,
)
from torchrelay.adapters import native

HERE = pathlib.Path(__file__).parent
LOG = HERE / "gps-complete.txt"
TARGET = HERE.parents[1] / "src" / "torchrelay" / "datasets" / "london_2012.json.gz"

ZONE = "Europe/London"
PAUSE = dt.timedelta(minutes=30)
SPIKE_KMH = 150.0
JUMP_KMH = 150.0
JUMP_KM = 5.0
LONG_JUMP_KM = 60.0
GAP_KM = 2.0
BETWEEN_JUMPS = dt.timedelta(minutes=10)
FIRST_DAY = dt.date(2012, 5, 19)
LAST_DAY = dt.date(2012, 7, 27)

M = TransportMode
F = FlameState
_GEOD = Geod(ellps="WGS84")

# --- sources ---------------------------------------------------------------------------------

LOG_SOURCE = Source(
    "https://github.com/commuterjoy/torch-relay/tree/536b1500569fe6e472629b497a6dc0de59458041",
    title="commuterjoy/torch-relay: the relay convoy's live position every 2 minutes (gps-complete.txt)",
    licence="MIT",
)
VISITS = Source(
    "https://github.com/philipjohn/Olympic-Torch-Route/blob/b44bd55f2a1bc2c9df2d1bbf4f8056325e867e9a/visits.json",
    title="philipjohn/Olympic-Torch-Route visits.json: the planned evening celebrations by day (facts only)",
)
WIKIPEDIA = Source(
    "https://en.wikipedia.org/wiki/2012_Summer_Olympics_torch_relay",
    title="Wikipedia: 2012 Summer Olympics torch relay",
    licence="CC BY-SA 4.0",
)
THESTAR = Source(
    "https://www.thestar.com.my/sport/other-sport/2012/05/19/ainslie-sets-the-torch-relay-on-the-road",
    title="Reuters (The Star): Ainslie sets the torch relay on the road",
    published=dt.date(2012, 5, 19),
)
LATIMES = Source(
    "http://graphics.latimes.com/towergraphic-la-sp-oly-torch/",
    title="Los Angeles Times: the London 2012 torch relay (graphic)",
)
IRISH_TIMES = Source(
    "https://irishtimes.com/news/dublin-to-host-olympic-torch-relay-1.888433",
    title="The Irish Times: Dublin to host Olympic torch relay",
)
JAGRAN = Source(
    "http://post.jagran.com/london-olympics-flame-bound-for-britain-1337362303",
    title="Reuters (Jagran Post): London Olympics flame bound for Britain",
    published=dt.date(2012, 5, 18),
)
GUARDIAN_FLIGHT = Source(
    "https://www.theguardian.com/sport/2012/may/18/olympic-torch-flight-uk",
    title="The Guardian: Olympic torch takes its seat for flight to UK",
    published=dt.date(2012, 5, 18),
)
GUARDIAN_DATA = Source(
    "https://www.theguardian.com/news/datablog/2012/may/21/olympic-torch-relay-data",
    title="The Guardian datablog: Olympic torch relay data",
    published=dt.date(2012, 5, 21),
)
REDIFF = Source(
    "http://www.rediff.com/sports/slide-show/slide-show-1-london-olympics-2012-ainslie-sets-torch-relay-on-road/20120519.htm?print=true",
    title="Rediff: Ainslie sets torch relay on road",
    published=dt.date(2012, 5, 19),
)
NEWSROUND = Source(
    "https://www.bbc.co.uk/newsround/15621544", title="BBC Newsround: 2012 Olympic torch relay"
)
COCA_COLA = Source(
    "https://www.coca-cola.co.uk/stories/coca-cola-and-the-olympic-torch-relay",
    title="Coca-Cola GB: Coca-Cola and the Olympic torch relay",
)
REUTERS_DUBLIN = Source(
    "http://uk.reuters.com/article/olympics-torch-dublin-idUKL3E7N84JX20111208",
    title="Reuters: Olympic torch to visit Dublin",
    published=dt.date(2011, 12, 8),
)
JOURNAL_DUBLIN = Source(
    "http://thescore.thejournal.ie/trailblazing-route-of-olympic-torch-relay-in-dublin-revealed-444954-May2012",
    title="TheJournal.ie: route of the Olympic torch relay in Dublin revealed",
)
TIMES_BELFAST = Source(
    "https://gamestartup.netlify.app/host-https-www.thetimes.co.uk/article/olympic-torch-alightsin-belfast-on-irish-tour-2xxzpl50d3h",
    title="The Times (mirror): Olympic torch alights in Belfast on Irish tour",
)
IOC_ISLE_OF_MAN = Source(
    "https://www.olympic.org/news/isle-of-man-and-northern-ireland-welcome-olympic-flame-as-london-2012-torch-relay-continues",
    title="IOC: Isle of Man and Northern Ireland welcome Olympic Flame",
)
BBC_CAIRNRYAN = Source(
    "https://feeds.bbci.co.uk/news/uk-scotland-south-scotland-18342691",
    title="BBC: London 2012: Olympic flame arrives in Scotland (by ferry, at Cairnryan)",
)
SHETLAND_TIMES = Source(
    "https://www.shetlandtimes.co.uk/2012/06/08/loganair-pilots-honoured-to-be-flying-olympic-flame-to-isles",
    title="The Shetland Times: Loganair pilots honoured to be flying Olympic flame to isles",
    published=dt.date(2012, 6, 8),
)
BBC_ISLES = Source(
    "https://feeds.bbci.co.uk/news/uk-18380194",
    title="BBC: Olympic torch relay: Flame welcomed in Scottish isles",
)
YORKSHIRE_POST = Source(
    "https://www.yorkshirepost.co.uk/news/olympic-flame-reaches-far-north-1898522",
    title="Yorkshire Post: Olympic flame reaches far north",
)
BBC_DAY24 = Source(
    "https://www.newssniffer.co.uk/articles/524187/diff/0/1",
    title="BBC (News Sniffer copy): Flame travels to Aberdeen in longest relay journey",
)
PRWEB_DAY24 = Source(
    "https://nextlondonolympics2012.blogspot.com/2012/06/olympic-flame-visit-callanish-stones.html",
    title="LOCOG release (PRWeb copy): Day 24, Stornoway to Aberdeen",
    published=dt.date(2012, 6, 11),
)
BBC_WIGHT = Source(
    "https://www.bbc.com/news/uk-18830768",
    title="BBC: Olympic torch: Ellen MacArthur carries flame in Cowes",
)
ECHO_WIGHT = Source(
    "http://www.dailyecho.co.uk/sport/9818040.Dame_Ellen_MacArthur_s_Olympic_torch_pride/?ref=rl",
    title="Daily Echo: Dame Ellen MacArthur's Olympic torch pride (two ferries)",
)
BBC_JERSEY = Source(
    "https://eng-news.ru/London-2012-Jersey-Olympic-torch-relay-route-revealed/",
    title="BBC (copy): London 2012: Jersey Olympic torch relay route revealed",
)
BBC_GUERNSEY = Source(
    "http://www.bbc.com/news/world-europe-guernsey-13431176",
    title="BBC: Guernsey to host 2012 Olympic torch relay",
)
CULTURE_NI = Source(
    "https://www.culturenorthernireland.org/article/4963/olympic-torch-relay-bound-for-northern-ireland",
    title="Culture Northern Ireland: Olympic Torch Relay bound for Northern Ireland",
)
STADIUM = Source(
    "https://sco.wikipedia.org/wiki/Lunnon_Stadium",
    title="Wikipedia (Scots): the London Stadium, its coordinates",
    licence="CC BY-SA 4.0",
)
HIGHLAND = Source(
    "https://sport.caithness.org/article/259",
    title="Highland Council (Caithness sport): Olympic flame is coming to John O'Groats",
)

# --- the 70 days: the evening celebration, where the flame spent the night --------------------
# visits.json type 1 (the overnight celebration); the days it lacks from the sources named.
OVERNIGHT: dict[int, tuple[str, tuple[Source, ...]]] = {
    n: (city, (VISITS, WIKIPEDIA))
    for n, city in enumerate(
        (
            "Plymouth",
            "Exeter",
            "Taunton",
            "Bristol",
            "Cheltenham",
            "Worcester",
            "Cardiff",
            "Swansea",
            "Aberystwyth",
            "Bangor",
            "Chester",
            "Stoke-on-Trent",
            "Bolton",
            "Liverpool",
            "Belfast",
            "Portrush",
            "Derry~Londonderry",
            "Newry",
            "Belfast",
            "Cairnryan",
            "Glasgow",
            "Inverness",
            "Stornoway",
            "Aberdeen",
            "Dundee",
            "Edinburgh",
            "Alnwick",
            "Newcastle upon Tyne",
            "Durham",
            "Middlesbrough",
            "Hull",
            "York",
            "Carlisle",
            "Bowness-on-Windermere",
            "Blackpool",
            "Manchester",
            "Leeds",
            "Sheffield",
            "Cleethorpes",
            "Lincoln",
            "Nottingham",
            "Derby",
            "Birmingham",
            "Coventry",
            "Leicester",
            "Peterborough",
            "Norwich",
            "Ipswich",
            "Chelmsford",
            "Cambridge",
            "Luton",
            "Oxford",
            "Reading",
            "Salisbury",
            "Weymouth",
            "Bournemouth",
            "Southampton",
            "Portsmouth",
            "Brighton and Hove",
            "Hastings",
            "Dover",
            "Maidstone",
            "Guildford",
            "Waltham Forest",
            "Bexley",
            "Wandsworth",
            "Ealing",
            "Haringey",
            "Westminster",
            "Olympic Stadium",
        ),
        start=1,
    )
}
OVERNIGHT[14] = ("Liverpool", (VISITS,))
OVERNIGHT[15] = ("Belfast", (IOC_ISLE_OF_MAN, TIMES_BELFAST, CULTURE_NI))
OVERNIGHT[20] = ("Cairnryan", (BBC_CAIRNRYAN,))
OVERNIGHT[22] = ("Inverness", (VISITS, HIGHLAND))
OVERNIGHT[23] = ("Stornoway", (YORKSHIRE_POST,))
OVERNIGHT[57] = ("Southampton", (VISITS, BBC_WIGHT))
DUBLIN_DAY = dt.date(2012, 6, 6)

# Crossings a source names the mode of: (date, from, near, to, near, mode, sources). The
# positions only match a transfer found in the log to its source; the legs keep the log's.
Crossing = tuple[
    dt.date, str, tuple[float, float], str, tuple[float, float], TransportMode, tuple[Source, ...]
]
CROSSINGS: tuple[Crossing, ...] = (
    (
        dt.date(2012, 6, 2),
        "Liverpool John Lennon Airport",
        (53.33, -2.85),
        "Isle of Man Airport",
        (54.08, -4.62),
        M.PLANE,
        (IOC_ISLE_OF_MAN,),
    ),
    (
        dt.date(2012, 6, 2),
        "Isle of Man Airport",
        (54.08, -4.62),
        "Belfast",
        (54.62, -6.0),
        M.PLANE,
        (IOC_ISLE_OF_MAN, TIMES_BELFAST),
    ),
    (
        dt.date(2012, 6, 7),
        "Larne",
        (54.85, -5.80),
        "Cairnryan",
        (54.97, -5.03),
        M.SHIP,
        (BBC_CAIRNRYAN,),
    ),
    (
        dt.date(2012, 6, 10),
        "Inverness Airport",
        (57.54, -4.05),
        "Kirkwall Airport",
        (58.96, -2.9),
        M.PLANE,
        (SHETLAND_TIMES, YORKSHIRE_POST),
    ),
    (
        dt.date(2012, 6, 10),
        "Kirkwall Airport",
        (58.96, -2.9),
        "Sumburgh Airport",
        (59.88, -1.3),
        M.PLANE,
        (SHETLAND_TIMES, BBC_ISLES, YORKSHIRE_POST),
    ),
    (
        dt.date(2012, 6, 10),
        "Sumburgh Airport",
        (59.88, -1.3),
        "Stornoway Airport",
        (58.21, -6.33),
        M.PLANE,
        (YORKSHIRE_POST,),
    ),
    (
        dt.date(2012, 7, 14),
        "Lymington",
        (50.755, -1.53),
        "Yarmouth, Isle of Wight",
        (50.707, -1.50),
        M.SHIP,
        (BBC_WIGHT, ECHO_WIGHT),
    ),
    (
        dt.date(2012, 7, 14),
        "East Cowes",
        (50.762, -1.292),
        "Southampton",
        (50.895, -1.40),
        M.SHIP,
        (ECHO_WIGHT,),
    ),
    (
        dt.date(2012, 7, 15),
        "Guernsey",
        (49.45, -2.55),
        "Jersey",
        (49.2, -2.15),
        M.PLANE,
        (BBC_JERSEY,),
    ),
)
MATCH_KM = 40.0
PORT_KM = 3.0

# --- reading and cleaning ------------------------------------------------------------------


Row = tuple[dt.datetime, float, float, str]


def read_log(path: pathlib.Path = LOG) -> list[Row]:
    """The log's rows, times made aware in the assumed zone."""
    zone = ZoneInfo(ZONE)
    rows = []
    with open(path, encoding="ascii") as handle:
        for number, line in enumerate(handle, 1):
            parts = [p.strip() for p in line.split(",")]
            if len(parts) != 4 or not parts[0].endswith(".xml"):
                msg = f"{path}:{number}: expected 'time.xml, lat, lon, STATUS' (got {line!r})"
                raise ValueError(msg)
            when = dt.datetime.fromisoformat(parts[0][:-4]).replace(tzinfo=zone)
            rows.append((when, float(parts[1]), float(parts[2]), parts[3]))
    return rows


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    _, _, metres = _GEOD.inv(a[1], a[0], b[1], b[0])
    return float(metres) / 1000.0


def _kmh(a: Row, b: Row) -> float:
    hours = max((b[0] - a[0]).total_seconds(), 1.0) / 3600.0
    return _km((a[1], a[2]), (b[1], b[2])) / hours


def stretches(rows: list[Row], dropped: Counter[str]) -> list[list[Row]]:
    """The moving stretches, cleaned by the rules in the module docstring."""
    out: list[list[Row]] = []
    current: list[Row] = []
    last_running: Row | None = None
    glitches = 0
    seen: set[tuple[float, float]] = set()
    cells: dict[tuple[dt.date, int, int], dt.datetime] = {}
    for row in rows:
        if row[1] == 0.0 and row[2] == 0.0:
            dropped["null_island"] += 1
            continue
        if row[3] != "RUNNING":
            glitches += 1
            continue
        same_stretch = (
            last_running is not None
            and row[0].date() == last_running[0].date()
            and row[0] - last_running[0] <= PAUSE
        )
        if same_stretch:
            dropped["status_glitch"] += glitches
        elif last_running is not None:
            out.append(current)
            current = []
        glitches = 0
        last_running = row
        position = (row[1], row[2])
        if current and (current[-1][1], current[-1][2]) == position:
            current.append(row)  # a standstill: its first and last fixes are kept below
            continue
        cell = (row[0].date(), round(row[1] * 1e4), round(row[2] * 1e4))
        if position in seen:
            dropped["stale_replay"] += 1
            continue
        if cell in cells and row[0] - cells[cell] > PAUSE:
            dropped["stale_nearby"] += 1
            continue
        seen.add(position)
        cells.setdefault(cell, row[0])
        current.append(row)
    out.append(current)
    cleaned = []
    for stretch in out:
        kept = _without_spikes(_standstills(stretch, dropped), dropped)
        if len({(r[1], r[2]) for r in kept}) < 2:
            dropped["too_short"] += len(kept)
            continue
        cleaned.append(kept)
    return cleaned


def _standstills(stretch: list[Row], dropped: Counter[str]) -> list[Row]:
    """The stretch with each run of fixes at one position cut to its first and last."""
    kept: list[Row] = []
    for i, row in enumerate(stretch):
        here = (row[1], row[2])
        inside = (
            0 < i < len(stretch) - 1
            and (stretch[i - 1][1], stretch[i - 1][2]) == here
            and (stretch[i + 1][1], stretch[i + 1][2]) == here
        )
        if inside:
            dropped["duplicate"] += 1
            continue
        kept.append(row)
    return kept


def _without_spikes(stretch: list[Row], dropped: Counter[str]) -> list[Row]:
    """The stretch without out-and-back jumps: away faster than SPIKE_KMH, then back."""
    kept: list[Row] = []
    i = 0
    while i < len(stretch):
        row = stretch[i]
        j = i + 1
        while j < len(stretch) and (stretch[j][1], stretch[j][2]) == (row[1], row[2]):
            j += 1
        if kept and j < len(stretch):
            before, after = kept[-1], stretch[j]
            away = _km((before[1], before[2]), (row[1], row[2]))
            back = _km((before[1], before[2]), (after[1], after[2]))
            if _kmh(before, row) > SPIKE_KMH and away > 1.0 and back < away / 2:
                dropped["spike"] += j - i
                i = j
                continue
        kept.extend(stretch[i:j])
        i = j
    return kept


# --- legs ----------------------------------------------------------------------------------


def _country(lat: float, lon: float, date: dt.date) -> str:
    """The country of a fix: the Crown Dependencies by their boxes, Dublin on its day [D]."""
    if 54.0 <= lat <= 54.45 and -4.9 <= lon <= -4.3:
        return "IM"
    if 49.4 <= lat <= 49.55 and -2.7 <= lon <= -2.5:
        return "GG"
    if 49.15 <= lat <= 49.27 and -2.27 <= lon <= -2.0:
        return "JE"
    if date == DUBLIN_DAY and lat < 54.05 and lon < -6.0:
        return "IE"
    return "GB"


def _place(name: str, row: Row) -> Place:
    return Place(
        name,
        Coordinate(row[1], row[2]),
        timezone=ZONE,
        country=_country(row[1], row[2], row[0].date()),
    )


def _day(row: Row) -> int:
    return (row[0].date() - FIRST_DAY).days + 1


def _label(row: Row) -> str:
    return f"Day {_day(row)}, {row[0]:%H:%M}"


def _path(rows: list[Row]) -> Path:
    return Path.from_arrays(
        [r[1] for r in rows],
        [r[2] for r in rows],
        times=np.array([r[0].timestamp() for r in rows]),
        offsets=[int(r[0].utcoffset().total_seconds()) for r in rows],  # type: ignore[union-attr]
        timezone=ZONE,
    )


def _split(stretch: list[Row]) -> list[tuple[str, list[Row]]]:
    """A stretch's pieces: ``("move", rows)`` on the ground, ``("cross", rows)`` across a jump."""
    pieces: list[tuple[str, list[Row]]] = []
    ground = [stretch[0]]
    i = 1
    while i < len(stretch):
        prev, row = stretch[i - 1], stretch[i]
        step = _km((prev[1], prev[2]), (row[1], row[2]))
        fast = step > LONG_JUMP_KM or (
            step > JUMP_KM and _kmh(_arrival(stretch, i - 1), row) > JUMP_KMH
        )
        if not fast:
            ground.append(row)
            i += 1
            continue
        crossing = [prev, row]
        i += 1
        while i < len(stretch) and _kmh(stretch[i - 1], stretch[i]) > JUMP_KMH:
            crossing.append(stretch[i])
            i += 1
        pieces.append(("move", ground))
        pieces.append(("cross", crossing))
        ground = [crossing[-1]]
    pieces.append(("move", ground))
    merged: list[tuple[str, list[Row]]] = []
    for kind, rows in pieces:
        if (
            kind == "cross"
            and len(merged) >= 2
            and merged[-2][0] == "cross"
            and rows[0][0] - merged[-1][1][0][0] <= BETWEEN_JUMPS
        ):
            between = merged.pop()[1]  # a short stretch between two jumps: one crossing
            merged[-1] = ("cross", merged[-1][1] + between[1:] + rows[1:])
            continue
        merged.append((kind, rows))
    return [(kind, rows) for kind, rows in merged if kind == "cross" or len(rows) >= 2]


def _ferries(
    stretch: list[Row], specs: tuple[Crossing, ...] = CROSSINGS
) -> list[tuple[str, list[Row]]]:
    """The stretch cut around each sourced ferry crossing the GPS followed over the water.

    The crossing runs from the last fix near the port of departure to the first
    fix near the port of arrival after it (within ``PORT_KM``); each crossing
    is looked for once.
    """
    for n, (date, _, near_a, _, near_b, mode, _) in enumerate(specs):
        if mode is not M.SHIP or stretch[0][0].date() != date:
            continue
        near = [_km((r[1], r[2]), near_a) <= PORT_KM for r in stretch]
        there = [_km((r[1], r[2]), near_b) <= PORT_KM for r in stretch]
        j = next((k for k in range(len(stretch)) if there[k] and any(near[:k])), None)
        if j is None:
            continue
        i = max(k for k in range(j) if near[k])
        rest = specs[n + 1 :]
        before, after = stretch[: i + 1], stretch[j:]
        head = _ferries(before, rest) if len(before) >= 2 else []
        tail = _ferries(after, rest) if len(after) >= 2 else []
        return [*head, ("ferry", stretch[i : j + 1]), *tail]
    return [("move", stretch)]


def _arrival(stretch: list[Row], i: int) -> Row:
    """The first fix of the standstill that fix *i* ends: when its position was first reported."""
    while i > 0 and (stretch[i - 1][1], stretch[i - 1][2]) == (stretch[i][1], stretch[i][2]):
        i -= 1
    return stretch[i]


def _crossing(a: Row, b: Row, *, ferry: bool) -> Crossing | None:
    """The sourced crossing from *a* to *b*: a ferry between its ports, else a flight."""
    radius = PORT_KM if ferry else MATCH_KM
    for spec in CROSSINGS:
        date, _, near_a, _, near_b, mode, _ = spec
        if (
            (mode is M.SHIP) == ferry
            and a[0].date() == date
            and _km((a[1], a[2]), near_a) <= radius
            and _km((b[1], b[2]), near_b) <= radius
        ):
            return spec
    return None


def _transfer(
    a: Row, b: Row, rows: list[Row] | None, number: int, *, ferry: bool = False
) -> tuple[Leg, str | None]:
    spec = _crossing(a, b, ferry=ferry)
    mode = M.UNKNOWN if spec is None else spec[5]
    sources = (LOG_SOURCE,) if spec is None else (*spec[6], LOG_SOURCE)
    origin_name = _label(a) if spec is None else spec[1]
    destination_name = _label(b) if spec is None else spec[3]
    overnight = a[0].date() != b[0].date()
    if overnight:
        origin_name = OVERNIGHT[_day(a)][0] if spec is None else origin_name
        what = "Overnight"
    else:
        what = "Crossing" if spec is not None else "Transfer"
    if _country(b[1], b[2], b[0].date()) == "IE" and _country(a[1], a[2], a[0].date()) != "IE":
        what, sources = f"{what} by road", (TIMES_BELFAST, *sources)  # mode not said: unknown
    tracked = rows is not None and len(rows) > 2
    leg = Leg(
        _place(origin_name, a),
        _place(destination_name, b),
        a[0],
        b[0],
        mode,
        F.LANTERN,
        path=_path(rows) if tracked and rows is not None else None,
        id=f"day{_day(b):02d}-{number:02d}-transfer",
        precision=TimePrecision.EXACT if tracked else TimePrecision.APPROXIMATE,
        name=f"Day {_day(b)}: {what} {origin_name} to {destination_name}, the flame in a lantern",
        sources=sources,
    )
    return leg, None if spec is None else spec[1] + " to " + spec[3]


def build_legs(rows: list[Row]) -> tuple[list[Leg], Counter[str], list[str]]:
    dropped: Counter[str] = Counter()
    moves: list[tuple[str, list[Row]]] = []
    for stretch in stretches(rows, dropped):
        for kind, piece in _ferries(stretch):
            moves.extend(_split(piece) if kind == "move" else [(kind, piece)])
    legs: list[Leg] = []
    matched: list[str] = []
    numbers: Counter[int] = Counter()
    previous: Row | None = None
    for kind, piece in moves:
        day = _day(piece[0])
        if kind in ("cross", "ferry"):
            numbers[day] += 1
            leg, spec = _transfer(piece[0], piece[-1], piece, numbers[day], ferry=kind == "ferry")
            legs.append(leg)
            matched.extend([spec] if spec else [])
            previous = piece[-1]
            continue
        first, last = piece[0], piece[-1]
        if previous is not None and _km((previous[1], previous[2]), (first[1], first[2])) > GAP_KM:
            numbers[day] += 1
            leg, spec = _transfer(previous, first, None, numbers[day])
            legs.append(leg)
            matched.extend([spec] if spec else [])
        numbers[day] += 1
        is_start = previous is None or previous[0].date() != first[0].date()
        origin = "Land's End" if previous is None else _label(first)
        if is_start and previous is not None:
            origin = f"Day {day} start: {OVERNIGHT[day - 1][0]}"
        is_end = last[0].date() != _next_date(moves, piece)
        destination = OVERNIGHT[day][0] if is_end else _label(last)
        if is_end and day == len(OVERNIGHT):
            destination = "Tower Bridge"  # the log's last fix: it does not reach the stadium
        sources = (LOG_SOURCE, *OVERNIGHT[day][1]) if is_end else (LOG_SOURCE,)
        if first[0].date() == DUBLIN_DAY and any(
            _country(r[1], r[2], DUBLIN_DAY) == "IE" for r in piece
        ):
            sources = (*sources, REUTERS_DUBLIN, JOURNAL_DUBLIN)
        legs.append(
            Leg(
                _place(origin, first),
                _place(destination, last),
                first[0],
                last[0],
                M.OTHER,
                F.LIT_TORCH,
                path=_path(piece),
                id=f"day{day:02d}-{numbers[day]:02d}",
                name=f"Day {day}: the relay convoy, {first[0]:%H:%M} to {last[0]:%H:%M}",
                sources=sources,
                extras={"london2012:status": "RUNNING", "london2012:day": day},
            )
        )
        previous = last
    assert previous is not None
    legs.append(_finale(previous))
    return legs, dropped, matched


def _finale(last: Row) -> Leg:
    """Tower Bridge to the Olympic Stadium on 27 Jul: the log stops; only the day is sourced."""
    stadium = Place(
        "Olympic Stadium",
        Coordinate(51.53861, -0.01639),
        timezone=ZONE,
        region="London",
        country="GB",
    )
    end_of_day = dt.datetime.combine(LAST_DAY + dt.timedelta(days=1), dt.time(), ZoneInfo(ZONE))
    return Leg(
        _place("Tower Bridge", last),
        stadium,
        last[0],
        end_of_day,
        M.UNKNOWN,
        F.UNKNOWN,
        id="day70-finale",
        precision=TimePrecision.DAY,
        name="Day 70: Tower Bridge to the Olympic Stadium and the cauldron, after the log ends",
        sources=(WIKIPEDIA, LATIMES, STADIUM),
    )


def _next_date(moves: list[tuple[str, list[Row]]], piece: list[Row]) -> dt.date | None:
    index = next(i for i, (_, rows) in enumerate(moves) if rows is piece)
    return None if index + 1 == len(moves) else moves[index + 1][1][0][0].date()


# --- the relay ------------------------------------------------------------------------------


def claims() -> list[Claim]:
    c = Claim
    return [
        c("days", 70, None, WIKIPEDIA),
        c("days", 70, None, JAGRAN),
        c("start_date", "2012-05-19", None, WIKIPEDIA, note="Land's End"),
        c("end_date", "2012-07-27", None, WIKIPEDIA, note="The Olympic Stadium, Stratford"),
        c("total_distance", 8_000, "mi", JAGRAN, note="'the torch's 8,000 mile journey'"),
        c("total_distance", 8_000, "mi", NEWSROUND, qualifier="about"),
        c(
            "total_distance",
            12_800,
            "km",
            WIKIPEDIA,
            qualifier="about",
            note="'8,000 miles (12,800 km)'",
        ),
        c("torchbearers", 8_000, None, JAGRAN),
        c("torchbearers", 8_000, None, WIKIPEDIA, qualifier="about"),
        c("communities", 1_019, None, THESTAR, note="Cities, towns, villages and landmarks"),
        c(
            "communities",
            1_019,
            None,
            GUARDIAN_FLIGHT,
            note="Cities, towns, villages and landmarks",
        ),
        c("communities", 1_021, None, LATIMES),
        c("communities", 1_018, None, IRISH_TIMES),
        c("evening_celebrations", 66, None, WIKIPEDIA),
        c("future_flames_torchbearers", 1_300, None, COCA_COLA, note="Coca-Cola's Future Flames"),
        c(
            "lanterns",
            4,
            None,
            GUARDIAN_DATA,
            qualifier="less_than",
            note="'up to four other iterations' of the flame in lanterns beside the one on show",
        ),
        c("first_torchbearer_distance", 300, "m", REDIFF, note="The first bearer, at Land's End"),
        c("dublin_visit_date", "2012-06-06", None, REUTERS_DUBLIN),
        c("dublin_visit_duration", 6, "h", JOURNAL_DUBLIN, qualifier="about"),
        c(
            "day24_distance",
            138.42,
            "mi",
            PRWEB_DAY24,
            note="Stornoway to Aberdeen, the organisers' figure",
        ),
        c(
            "day24_distance",
            400,
            "mi",
            BBC_DAY24,
            qualifier="more_than",
            note="Stornoway to Aberdeen, the longest day",
        ),
    ]


def build(log: pathlib.Path = LOG) -> tuple[Relay, dict[str, int], list[str]]:
    rows = read_log(log)
    legs, dropped, matched = build_legs(rows)
    days = [
        {
            "day": n,
            "date": (FIRST_DAY + dt.timedelta(days=n - 1)).isoformat(),
            "overnight": city,
            "sources": [s.url for s in sources],
        }
        for n, (city, sources) in sorted(OVERNIGHT.items())
    ]
    assumption = (
        "The log's times carry no zone; they are read as Europe/London (BST, UTC+1), as the "
        "first fix, 07:39 on 19 May near Land's End, fits the morning start. An assumption, "
        "not a source."
    )
    relay = Relay(
        "London 2012 Olympic Torch Relay",
        "Games of the XXX Olympiad, London 2012",
        legs,
        claims=claims(),
        timezone=ZONE,
        day_one=FIRST_DAY,
        sources=(LOG_SOURCE, VISITS, WIKIPEDIA, GUARDIAN_FLIGHT),
        description=(
            "The UK relay, Land's End, 19 May 2012, to London, 27 Jul 2012, 70 days, as the relay "
            "convoy's live-tracking feed logged it every 2 minutes: every stretch it moved, with "
            "the fixes that survive cleaning, flights and ferries to the islands, and the visit "
            "to Dublin on 6 Jun. " + assumption
        ),
        extras={
            "london2012:zone_assumption": assumption,
            "london2012:days": days,
            "london2012:cleaning": {
                "pause_minutes": int(PAUSE.total_seconds() // 60),
                "spike_kmh": SPIKE_KMH,
                "jump_kmh": JUMP_KMH,
                "jump_km": JUMP_KM,
                "gap_km": GAP_KM,
                "rows": len(rows),
                "dropped": dict(sorted(dropped.items())),
            },
        },
    )
    return relay, dict(sorted(dropped.items())), matched


def document(relay: Relay) -> bytes:
    """The shipped bytes: compact native JSON, gzip without a timestamp or file name."""
    return gzip.compress(native.dumps(relay).encode("utf-8"), compresslevel=9, mtime=0)


if __name__ == "__main__":
    relay, dropped, matched = build(pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else LOG)
    TARGET.write_bytes(document(relay))
    points = sum(len(leg.path) for leg in relay.legs if leg.path is not None)
    print(
        f"wrote {TARGET}: {len(relay.legs)} legs, {points} path points, {TARGET.stat().st_size} bytes"
    )
    print(f"dropped: {dropped}")
    print(f"crossings matched to a source: {matched}")
    assert native.loads(gzip.decompress(TARGET.read_bytes())) == relay
    report = torchrelay.validate(relay)
    print(Counter((f.severity.value, f.code) for f in report.findings))
