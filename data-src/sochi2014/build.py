"""Build the built-in Sochi 2014 relay from the sourced tables beside this file.

    python data-src/sochi2014/build.py

reads ``route.csv`` (the main line, day by day), ``places.csv`` (coordinates
of sites the route table lacks and of the special projects), and the facts
written below with their sources, and writes
``src/torchrelay/datasets/sochi_2014.json`` in the native format.

Modelling rules, stated once (the docs repeat them):

- A day's stops are legs in the order the sources give. Where a stop is a new
  place, a transfer leg brings the flame there in a lantern; its mode is the
  plane, train or helicopter named for that stop, else ``unknown``. A stop
  marked ``transit`` (a station or airport passed through) has no stage.
- Each stop's stage is a run on foot by torchbearers, followed by a leg for
  each other mode the sources name for that stop (troika, reindeer sleigh...).
  A mode written ``mode@lantern:label`` is a leg with the flame in a lamp, and
  ``foot`` among the modes says where the run comes in that order.
- Sources give only the day, so every such leg has precision ``day``: a day's
  legs divide the hours from 06:00 to 22:00 *local time* evenly as
  placeholders, which the precision says, so each stage sits on its own local
  day (and rest days, counted in Moscow time, stay free of legs east of Moscow).
- Days without a stage in the sources have no legs; sourced days off are
  rest days.
"""

from __future__ import annotations

import csv
import datetime as dt
import pathlib
import sys
from collections import defaultdict

import attrs
import pendulum

import torchrelay
from torchrelay import (
    AltitudeReference,
    Branch,
    Campaign,
    Claim,
    Coordinate,
    Distance,
    FlameSource,
    FlameState,
    Leg,
    Place,
    Relay,
    RestDay,
    Source,
    Sponsor,
    TimePrecision,
    Torchbearer,
    TransportMode,
)
from torchrelay.adapters import native

HERE = pathlib.Path(__file__).parent
TARGET = HERE.parents[1] / "src" / "torchrelay" / "datasets" / "sochi_2014.json"

M = TransportMode
F = FlameState
DAY = TimePrecision.DAY
MSK = "Europe/Moscow"

# --- sources -------------------------------------------------------------------------------

RELEASE = Source(
    "http://torchrelay.arch.articul.ru/torchrelay.sochi2014.com/en/"
    "news-the-sochi-2014-olympic-torch-concludes-its-record-breaking-journey-across-russia.html",
    title="Sochi 2014: the Olympic torch concludes its record-breaking journey (closing release)",
)
WIKIPEDIA = Source(
    "https://en.wikipedia.org/wiki/2014_Winter_Olympics_torch_relay",
    title="Wikipedia: 2014 Winter Olympics torch relay",
    licence="CC BY-SA 3.0",
)
WIKIPEDIA_DIFF = Source(
    "https://talk.dob.jp/enwiki/w/index.php?diff=prev&oldid=716517376&title=2014_Winter_Olympics_torch_relay",
    title="Wikipedia: 2014 Winter Olympics torch relay, route table (revision 716517376)",
    licence="CC BY-SA 3.0",
)
HFLABS = Source(
    "https://github.com/hflabs/city",
    title="hflabs, Города России (city.csv): city coordinates",
    licence="CC BY-SA 4.0",
)
SEED = Source(
    "urn:x-torchrelay:seed-article",
    title=(
        "Coca-Cola press article on the torch's first spacewalk, 7 Nov 2013 "
        "(the article torchrelay grew from; its address is not recorded)"
    ),
    published=dt.date(2013, 11, 7),
)
RIA_PLAN = Source(
    "http://en.ria.ru/sports/20121007/176463705.html", title="RIA Novosti, 7 Oct 2012"
)
SOCHI_AIRPORT = Source(
    "https://sochi-airport.com/news/olympics-2014/146-sochi-2014-sets-the-record-as-the-longest-olympic-torch-relay1b83.html",
    title="Sochi airport news: the longest Olympic torch relay",
)
SPUTNIK_TUNDRA = Source(
    "https://sputnikglobe.com/20131103/Sochi-2014-Olympic-Flame-Taken-to-Tundra-184498591.html",
    title="Sputnik: Sochi 2014 Olympic flame taken to tundra",
    published=dt.date(2013, 11, 3),
)
NBC = Source(
    "https://www.nbcsports.com/olympics/news/flame-watch-sochis-record-breaking-torch-relay",
    title="NBC Sports: Flame watch",
)
LATIMES = Source(
    "https://arstechnica.netblogpro.com/sports/sportsnow/la-sp-sn-sochi-olympic-torch-lake-baikal-20131123,0,1499071.story",
    title="Los Angeles Times (mirror): Sochi Olympic torch at Lake Baikal",
    published=dt.date(2013, 11, 23),
)
ISPORT = Source(
    "https://www.isportconnect.com/sochi-2014-torch-relay-to-be-longest-in-winter-olympic-history/",
    title="iSportConnect: longest relay in Winter Olympic history",
)
OTTAWA = Source(
    "http://www.ottawasun.com/2012/10/07/sochi-unveils-record-torch-relay-for-2014-games",
    title="Ottawa Sun, 7 Oct 2012",
)
IOC_ELBRUS = Source(
    "https://www.olympic.org/news/olympic-flame-reaches-europe-s-highest-point",
    title="IOC: Olympic flame reaches Europe's highest point",
)
RT_ELBRUS = Source(
    "http://2014.rt.com/torch-relay/olympic-torch-relay-elbrus/", title="RT Sochi 2014: Elbrus"
)
RT_ELBRUS_NEWS = Source(
    "https://rt.com/news/olympic-torch-mount-elbrus-511", title="RT news: torch on Mount Elbrus"
)
PEAKWARE = Source("https://www.peakware.com/peaks.php?pk=1059", title="Peakware: Elbrus")
PORTNEWS = Source("https://en.portnews.ru/news/169082", title="PortNews: flame to the North Pole")
ROSATOM = Source(
    "https://rosatomnewsletter.com/2013/11/12/with-olympic-speed",
    title="Rosatom newsletter: With Olympic speed",
    published=dt.date(2013, 11, 12),
)
BASHNY = Source("https://bashny.net/t/en/87476", title="Bashny: 50 Let Pobedy to the Pole")
BARENTS = Source(
    "http://barentsobserver.com/en/arctic/2013/10/faster-higher-stronger-and-first-28-10",
    title="Barents Observer: Faster, higher, stronger and first",
)
JOOMAG = Source(
    "https://view.joomag.com/arctic-yearbook-2014/0329972001414484578?page=457",
    title="Arctic Yearbook 2014",
)
ATR_PETROZAVODSK = Source(
    "http://aroundtherings.com/site/A__44784/Title__Torch-Relay-Update----Petrozavodsk-Awaits-the-Flame/292/Articles",
    title="Around the Rings: Petrozavodsk awaits the flame",
)
NORD_NEWS = Source(
    "https://nord-news.ru/news/2013/10/14/?newsid=55019", title="Nord-News, 14 Oct 2013"
)
IOC_SPACE = Source(
    "https://olympics.com/en/news/sochi-2014-olympic-torch-makes-historic-space-walk",
    title="IOC: Sochi 2014 Olympic torch makes historic space walk",
)
RUSSIANSPACE = Source(
    "http://russianspacenews.com/olympic-torch-goes-on-first-ever-spacewalk/",
    title="Russian Space News: Olympic torch goes on first-ever spacewalk",
)
REDORBIT = Source(
    "http://www.redorbit.com/news/space/1112996194/olympic-torch-flame-spacewalk-internationalk-space-station-iss-110613/",
    title="redOrbit: Olympic torch spacewalk",
)
SPACEFACTS = Source(
    "http://spacefacts.info/mission/english/soyuz-tma-09m.htm", title="Spacefacts: Soyuz TMA-09M"
)
TELEPORT = Source(
    "https://teleport2001.ru/teleport2001-ru/2013-11-06/36232-olimpiyskiy-ogon-na-mks-dostavit-raketa-s-simvolikoy-sochi-2014.html",
    title="Teleport 2001: the flame on the ISS",
)
IOC_BAIKAL = Source(
    "https://olympics.com/en/news/olympic-flame-carried-underwater-in-world-s-deepest-lake",
    title="IOC: Olympic flame carried underwater in world's deepest lake",
)
RT_BAIKAL = Source(
    "https://rt.com/news/olympic-torch-baikal-dive-188/amp", title="RT: Olympic torch Baikal dive"
)
IRK_AIF = Source("https://irk.aif.ru/society/1026770", title="AiF Irkutsk: the flame for Baikal")
COKE_1928 = Source(
    "https://www.coca-cola.com/ke/en/about-us/faq/how-long-has-the-coca-cola-company-been-a-sponsor-of-the-olympic",
    title="Coca-Cola: how long has the company been an Olympic sponsor",
)
IOC_CAMPAIGN = Source(
    "http://www.olympic.org/news/media-resources?articlenewsgroup=-1&articleid=217887",
    title="IOC news: Coca-Cola torchbearer programme (28 Nov 2013)",
    published=dt.date(2013, 11, 28),
)
MOSCOW_TIMES = Source(
    "http://www.themoscowtimes.com/cocacola2014/stories-of-the-torchbearers-of-the-sochi-2014-olympic-torch-relay-from-coca_cola.html",
    title="The Moscow Times: stories of the torchbearers (Coca-Cola)",
)
STREAM24 = Source(
    "http://stream24.ilsole24ore.com/video/attualita/partita-da-mosca-la-staffetta-della-torcia-olimpica-la-pi249-lunga/20131007_video_16523032",
    title="Il Sole 24 Ore: relay leaves Moscow",
)
LA_1996 = Source(
    "https://www.latimes.com/archives/la-xpm-1996-07-08-mn-22243-story.html",
    title="Los Angeles Times (AP), 8 Jul 1996",
    published=dt.date(1996, 7, 8),
)
HIGHER_GROUND = Source(
    "https://highergroundtimes.com/higher-ground/2013/nov/7/olympic-torch-blasts-into-space-as-prelude-to-russ",
    title="AP, 7 Nov 2013: Olympic torch blasts into space",
    published=dt.date(2013, 11, 7),
)
NASA_PHOTO = Source(
    "http://www.v-like-vintage.net/en/photo_details/109508_photo_STS-78+crew+holds+up+Olympic/",
    title="NASA KSC photo KSC-96PC-0816: STS-78 crew holds up Olympic torch",
)
GREEK_ROUTE = Source(
    "https://wikiblah.com/wiki/2014-winter-olympics-torch-relay",
    title="2014 Winter Olympics torch relay, Greek route (Wikipedia-derived)",
    licence="CC BY-SA 3.0",
)
GREEK_FIGURES = Source(
    "https://en.ria.ru/sport/20131003183919973-Sochi-2014-Torch-Relay-to-Bring-Downtown-Moscow-to-a-Standstill/",
    title="RIA Novosti, 3 Oct 2013",
)
HANDOVER = Source("https://samaratoday.ru/news/139427", title="Samara Today: handover in Athens")
FLIGHT = Source(
    "https://tyzhden.ua/olimpijskyj-vohon-peredaly-rosii/",
    title="Tyzhden: the Olympic flame handed over to Russia",
)
BIKERS = Source(
    "https://enovosti.info/index.php/vest/47990-olimpijski-plamen-leti-iz-atine-u-moskvu",
    title="eNovosti: the Olympic flame flies from Athens to Moscow",
)

IOC_POLE = Source(
    "https://olympics.com/en/news/olympic-flame-reaches-the-north-pole",
    title="IOC: Olympic flame reaches the North Pole",
)
ROSATOM_CA = Source(
    "https://rosatom-centralasia.com/en/press-centre/highlights/the-sochi-2014-olympic-torch-lights-up-the-north-pole-23/",
    title="Rosatom Central Asia: the Sochi 2014 Olympic torch lights up the North Pole",
)
INSIDE_GAMES_POLE = Source(
    "https://web5.insidethegames.biz/articles/1016659/sochi-2014-olympic-flame-continues-russian-journey-after-being-lit-at-north-pole-for-first-time",
    title="insidethegames, 25 Oct 2013: flame lit at the North Pole for the first time",
    published=dt.date(2013, 10, 25),
)
MOSCOWIKI = Source(
    "http://m.moscowiki.ru/",
    title=(
        "Moscowiki news, 8 Oct 2013: '10 октября олимпийский огонь пройдёт по четырём "
        "городам Московской области'"
    ),
    published=dt.date(2013, 10, 8),
)
BIHARPRABHA = Source(
    "http://news.biharprabha.com/2013/11/sochi-2014-olympic-torch-carried-under-the-river/",
    title="Biharprabha News: Sochi 2014 Olympic torch carried under the river",
)
BTPP38 = Source(
    "https://btpp38.ru/students/studencheskaya-zhizn/fotoalbom/estafeta-olimpiyskogo-ognya/",
    title="BTPP Irkutsk: the Olympic torch relay (photo album)",
)
AFP_BAIKAL = Source(
    "https://funandxplore.blogspot.com/2013/11/olympic-flame-plunges-into-russias-lake.html",
    title="AFP (mirror): Olympic flame plunges into Russia's Lake Baikal",
)
ANADOLU_BAIKAL = Source(
    "https://www.worldbulletin.net/asia-pacific/olympic-flame-plunges-into-worlds-deepest-lake-h123586.html",
    title="Anadolu (World Bulletin): Olympic flame plunges into world's deepest lake",
)
IOC_RELAY = Source(
    "https://www.olympic.org/sochi-2014-torch-relay", title="IOC: Sochi 2014 torch relay"
)
GHANAMMA = Source(
    "https://www.ghanamma.com/2014/02/02/sochi-olympics-olympic-flame-lit-on-mount-elbrus/",
    title="Ghanamma, 2 Feb 2014: Olympic flame lit on Mount Elbrus",
    published=dt.date(2014, 2, 2),
)
RIMA = Source(
    "https://rima.media/document/2014-02-01-polit-819104-v-orgkomitete-sochi-2014-otchitalis-o-podniatii-fakela-na-el",
    title="RIMA, 1 Feb 2014: the organisers report on the torch on Elbrus",
    published=dt.date(2014, 2, 1),
)
ATR_RESTS = Source(
    "https://infobae.com/aroundtherings/articles/2021/07/12/torch-relay-update-flame-rests",
    title="Around the Rings (mirror): Torch relay update, the flame rests",
)
WRESTDAG = Source(
    "https://wrestdag.ru/news/zagalav-abdulbekov-otkroet-estafetu-olimpiyskogo-ognya-v-makhachkale",
    title="Wrestdag: Zagalav Abdulbekov to open the relay in Dagestan",
)
M24 = Source(
    "https://www.m24.ru/articles/Olimpiada-2014/10102013/27434",
    title="M24, 10 Oct 2013: the relay in Moscow and Moscow Oblast",
    published=dt.date(2013, 10, 10),
)

_SOURCE_CACHE: dict[str, Source] = {}


def _row_sources(text: str) -> tuple[Source, ...]:
    out = []
    for raw in text.split(" | "):
        part = raw.strip()
        if not part:
            continue
        if part.startswith("coords:"):
            out.append(HFLABS)
            continue
        if part.startswith("Wikipedia"):
            out.append(WIKIPEDIA_DIFF)
            continue
        url = part.split(" ")[0]
        out.append(_SOURCE_CACHE.setdefault(url, Source(url)))
    return tuple(dict.fromkeys(out))


# --- places ----------------------------------------------------------------------------------


def _read_places() -> dict[str, tuple[Coordinate, Source]]:
    found = {}
    with open(HERE / "places.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if not row["latitude"]:
                continue
            alt = float(row["altitude_m"]) if row["altitude_m"] else None
            coordinate = Coordinate(float(row["latitude"]), float(row["longitude"]), altitude=alt)
            found[row["place"]] = (
                coordinate,
                Source(row["source"], title=f"Coordinates of {row['place']}"),
            )
    return found


EXTRA = _read_places()


def site(
    name: str, zone: str, region: str | None, country: str = "RU", *, label: str | None = None
) -> Place:
    coordinate, _ = EXTRA[name]
    return Place(label or name, coordinate, timezone=zone, region=region, country=country)


def site_source(name: str) -> Source:
    return EXTRA[name][1]


# --- the main line ----------------------------------------------------------------------------

TRANSFER_MODES = {"plane": M.PLANE, "train": M.TRAIN, "helicopter": M.HELICOPTER}
TRANSIT = "transit"
FOOT = "foot"
DAY_STARTS_H = 6
DAY_ENDS_H = 22
STAGE_MODES = {
    "foot": M.RUNNING,
    "car": M.CAR,
    "boat": M.BOAT,
    "ship": M.SHIP,
    "reindeer_sleigh": M.REINDEER_SLEIGH,
    "troika": M.TROIKA,
    "dog_sled": M.DOG_SLED,
    "snowmobile": M.SNOWMOBILE,
    "roller_skis": M.ROLLER_SKIS,
    "skis": M.SKIS,
    "bicycle": M.BICYCLE,
    "jetpack": M.JETPACK,
    "canicross": M.CANICROSS,
    "horse": M.HORSE,
    "cable_car": M.CABLE_CAR,
    "funicular": M.FUNICULAR,
    "balloon": M.BALLOON,
    "other": M.OTHER,
}
DAYS_OFF = {
    "2013-12-04": "day off before Novosibirsk",
    "2013-12-05": "day off before Novosibirsk",
    "2013-12-10": "day off before Tyumen",
    "2014-01-01": (
        "New Year holiday: no stage; where the flame was is not confirmed "
        "(a page published before the day guessed Kazan)"
    ),
}


def _route_rows() -> list[dict[str, str]]:
    with open(HERE / "route.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _route_place(row: dict[str, str]) -> tuple[Place, tuple[Source, ...]] | None:
    name = row["place"]
    sources = _row_sources(row["source"])
    if row["latitude"]:
        coordinate = Coordinate(float(row["latitude"]), float(row["longitude"]))
    elif name in EXTRA:
        coordinate = EXTRA[name][0]
        sources = (*[s for s in sources if s is not HFLABS], EXTRA[name][1])
    else:
        return None
    return Place(
        name, coordinate, timezone=row["timezone"], region=row["region"], country="RU"
    ), sources


BAIKAL_DAY = "2013-11-23"


Planned = tuple[Place, Place, TransportMode, FlameState, str, tuple[Source, ...]]


def _rest_day(row: dict[str, str]) -> RestDay | None:
    """The rest day a row records, if it is one: Kirov, or a day off that sources name."""
    date = dt.date.fromisoformat(row["date"])
    if "rest day" in row["notes"]:
        place = _route_place(row)
        note = "Rest day: the relay stayed in Kirov for Russian Orthodox Christmas"
        return RestDay(
            date,
            place=None if place is None else place[0],
            note=note,
            sources=(WIKIPEDIA_DIFF,),
            day_number=92,
        )
    if not row["place"] and row["date"] in DAYS_OFF:
        return RestDay(
            date, place=None, note=DAYS_OFF[row["date"]], sources=_row_sources(row["source"])
        )
    return None


def _stage_token(token: str) -> tuple[TransportMode, FlameState, str | None]:
    """A stage mode from the route table: ``mode``, or ``mode@lantern:label`` for a lamp."""
    head, _, label = token.partition(":")
    key, _, held = head.partition("@")
    flame = F.LANTERN if held == "lantern" else F.LIT_TORCH
    return STAGE_MODES[key], flame, label or None


def _plan_stop(
    row: dict[str, str], place: Place, sources: tuple[Source, ...], previous: Place
) -> list[Planned]:
    """A stop's legs: the transfer to it if it is a new place, the run on foot, then each other mode."""
    modes = [m for m in row["modes"].split(";") if m]
    planned: list[Planned] = []
    if place.name != previous.name:
        transfer = next((TRANSFER_MODES[m] for m in modes if m in TRANSFER_MODES), M.UNKNOWN)
        planned.append((previous, place, transfer, F.LANTERN, f"To {place.name}", sources))
    if TRANSIT in modes:
        return planned
    stage = [m for m in modes if m not in TRANSFER_MODES and m != FOOT]
    at = modes.index(FOOT) if FOOT in modes else 0
    before = [m for m in modes[:at] if m in stage]
    after = [m for m in stage if m not in before]
    run = (place, place, M.RUNNING, F.LIT_TORCH, f"{place.name}: the relay on foot", sources)
    for group in (before, None, after):
        if group is None:
            planned.append(run)
            continue
        for token in group:
            mode, flame, label = _stage_token(token)
            if mode is M.RUNNING:
                continue
            name = f"{place.name}: {label or 'by ' + mode.value.replace('_', ' ')}"
            planned.append((place, place, mode, flame, name, sources))
    return planned


def _local(date: str, zone: str, seconds: float) -> pendulum.DateTime:
    """A placeholder time: *seconds* after local midnight of *date* in *zone*."""
    return pendulum.datetime(*map(int, date.split("-")), tz=zone).add(seconds=seconds)


def _slots(count: int) -> list[float]:
    """The placeholder boundaries of a day's *count* legs, in seconds after local midnight."""
    start, end = DAY_STARTS_H * 3600, DAY_ENDS_H * 3600
    step = (end - start) // count
    return [start + n * step for n in range(count)] + [end]


def _day_legs(day: int, date: str, planned: list[Planned]) -> list[Leg]:
    """The day's legs, dividing its local daytime evenly: placeholders, as their precision says.

    Each boundary between two legs is a local time at the place where the
    flame is then, so every stage falls on its own local day.
    """
    slots = _slots(len(planned))
    legs = []
    for n, (origin, destination, mode, flame, name, sources) in enumerate(planned):
        relit = flame is F.LIT_TORCH and n > 0 and planned[n - 1][3] is F.LANTERN
        legs.append(
            Leg(
                origin,
                destination,
                _local(date, origin.timezone or MSK, slots[n]),
                _local(date, destination.timezone or MSK, slots[n + 1]),
                mode,
                flame,
                id=f"day{day:03d}-{n + 1}",
                precision=DAY,
                lit_from=FlameSource.LANTERN if relit else FlameSource.PREVIOUS,
                name=f"Day {day}: {name}",
                sources=sources,
            )
        )
    return legs


def main_line(omitted: list[str]) -> tuple[list[Leg], list[RestDay]]:
    """The legs of the main line in Russia, day by day, and its rest days."""
    by_day: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in _route_rows():
        by_day[row["date"]].append(row)
    legs: list[Leg] = []
    rest: list[RestDay] = []
    previous: Place = RED_SQUARE
    for date in sorted(by_day):
        rows = by_day[date]
        day = int(rows[0]["day"])
        planned: list[Planned] = []
        for row in rows:
            rest_day = _rest_day(row)
            if rest_day is not None:
                rest.append(rest_day)
            if rest_day is not None or not row["place"] or date == BAIKAL_DAY:
                continue  # the Baikal special project is a branch
            found = _route_place(row)
            if found is None:
                omitted.append(f"day {day} ({date}): {row['place']}: no sourced coordinates")
                continue
            planned.extend(_plan_stop(row, *found, previous))
            previous = found[0]
        if planned:
            legs.extend(_day_legs(day, date, planned))
    return legs, rest


RED_SQUARE = site("Red Square", MSK, "Moscow")


def greece() -> list[Leg]:
    olympia = site("Olympia", "Europe/Athens", None, "GR")
    stadium = site("Panathenaic Stadium", "Europe/Athens", None, "GR")
    vnukovo = site("Vnukovo Airport", MSK, "Moscow")
    athens_day = lambda d: pendulum.datetime(2013, *d, tz="Europe/Athens")  # noqa: E731
    evening = lambda h, m=0: pendulum.datetime(2013, 10, 6, h, m, tz=MSK)  # noqa: E731
    return [
        Leg(
            olympia,
            olympia,
            athens_day((9, 29)),
            athens_day((9, 29)).add(hours=12),
            M.RUNNING,
            F.LIT_TORCH,
            id="greece-olympia",
            precision=DAY,
            lit_from=FlameSource.SUN,
            name="Lighting at Olympia, and the first torchbearers",
            sources=(WIKIPEDIA, site_source("Olympia")),
        ),
        Leg(
            olympia,
            stadium,
            athens_day((9, 29)).add(hours=12),
            athens_day((10, 5)),
            M.OTHER,
            F.LIT_TORCH,
            declared_distance=Distance.from_km(2_000),
            id="greece-relay",
            precision=DAY,
            name="The Greek relay, on foot and by car, Olympia to Athens",
            sources=(RELEASE, GREEK_ROUTE, GREEK_FIGURES),
        ),
        Leg(
            stadium,
            stadium,
            athens_day((10, 5)),
            athens_day((10, 6)),
            M.WALKING,
            F.CAULDRON,
            id="greece-handover",
            precision=DAY,
            name="Handover to the Sochi 2014 delegation at the Panathenaic Stadium",
            sources=(HANDOVER, site_source("Panathenaic Stadium")),
        ),
        Leg(
            stadium,
            vnukovo,
            athens_day((10, 6)),
            evening(14, 15),
            M.PLANE,
            F.LANTERN,
            id="flight-to-moscow",
            precision=TimePrecision.APPROXIMATE,
            lit_from=FlameSource.CAULDRON,
            name=(
                "Charter flight Athens to Moscow Vnukovo-3, the flame in a lantern (arrival "
                "expected at 14:15; no source gives the departure: its time is a placeholder)"
            ),
            sources=(RELEASE, FLIGHT),
        ),
        Leg(
            vnukovo,
            RED_SQUARE,
            evening(14, 15),
            evening(18),
            M.OTHER,
            F.LANTERN,
            id="vnukovo-red-square",
            precision=TimePrecision.APPROXIMATE,
            name=(
                "Escorted by motorcyclists from Vnukovo to Red Square (arrival in the evening: "
                "its time is a placeholder)"
            ),
            sources=(BIKERS, RELEASE),
        ),
        Leg(
            RED_SQUARE,
            RED_SQUARE,
            evening(18),
            evening(20),
            M.OTHER,
            F.CAULDRON,
            id="red-square-ceremony",
            precision=TimePrecision.APPROXIMATE,
            lit_from=FlameSource.LANTERN,
            name=(
                "Welcome ceremony on Red Square: President Putin lights a cauldron "
                "(in the evening: times are placeholders)"
            ),
            sources=(RELEASE, MOSCOWIKI),
        ),
        Leg(
            RED_SQUARE,
            RED_SQUARE,
            evening(20),
            evening(22),
            M.RUNNING,
            F.LIT_TORCH,
            id="kremlin-run",
            precision=TimePrecision.APPROXIMATE,
            lit_from=FlameSource.CAULDRON,
            name=(
                "Ten torchbearers through the Kremlin and the Alexander Garden "
                "(times are placeholders)"
            ),
            sources=(RELEASE, MOSCOWIKI),
        ),
    ]


def north_pole() -> Branch:
    murmansk = site("Murmansk", MSK, "Murmansk Oblast")
    pole = Place(
        "North Pole", Coordinate(90.0, 0.0, altitude=0.0), timezone=MSK, region=None, country=None
    )
    return Branch(
        "north-pole",
        [
            Leg(
                murmansk,
                pole,
                pendulum.datetime(2013, 10, 15, 17, 25, tz=MSK),
                pendulum.datetime(2013, 10, 19, 12, 37, tz=MSK),
                M.ICEBREAKER,
                F.LANTERN,
                declared_distance=Distance.from_nautical_miles(1_395),
                id="north-pole-voyage",
                precision=TimePrecision.MINUTE,
                lit_from=FlameSource.LANTERN,
                name="Nuclear icebreaker 50 Let Pobedy, Murmansk to the North Pole, the flame in a lantern",
                sources=(PORTNEWS, ROSATOM, BASHNY, NORD_NEWS),
            ),
            Leg(
                pole,
                pole,
                # Overnight 19-20 Oct, begun once Yaroslavl's last torchbearer had run: it
                # starts where Yaroslavl's placeholder day ends and ends before Vologda's.
                _local("2013-10-19", MSK, DAY_ENDS_H * 3600),
                _local("2013-10-20", MSK, DAY_STARTS_H * 3600),
                M.RUNNING,
                F.LIT_TORCH,
                id="north-pole-relay",
                precision=TimePrecision.APPROXIMATE,
                lit_from=FlameSource.LANTERN,
                name=(
                    "Relay on the ice at the Pole overnight 19-20 Oct, the torch lit from the "
                    "lantern; cauldron at the Pole (no source gives the hours: placeholders)"
                ),
                sources=(ROSATOM, ROSATOM_CA, IOC_POLE, ATR_PETROZAVODSK, WIKIPEDIA, JOOMAG),
            ),
        ],
        description=(
            "A copy of the flame in a lantern sailed from Murmansk to the North Pole; the Pole "
            "relay ran overnight 19-20 Oct, after Yaroslavl's last torchbearer, as the flame "
            "may burn in one place at a time."
        ),
    )


def elbrus() -> Branch:
    summit = site("Elbrus West Summit", MSK, "Kabardino-Balkar Republic")
    return Branch(
        "elbrus",
        [
            Leg(
                summit,
                summit,
                pendulum.datetime(2013, 10, 22, tz=MSK),
                pendulum.datetime(2013, 10, 23, tz=MSK),
                M.CLIMBING,
                F.CAULDRON,
                id="elbrus-summit",
                precision=TimePrecision.APPROXIMATE,
                lit_from=FlameSource.LANTERN,
                name=(
                    "The flame carried up in a lantern; a cauldron lit on the western summit, "
                    "5,642 m (date disputed: 22 Oct per RT, 25 Oct, or 'end of October')"
                ),
                sources=(
                    RT_ELBRUS,
                    IOC_ELBRUS,
                    RT_ELBRUS_NEWS,
                    RIMA,
                    PEAKWARE,
                    site_source("Elbrus West Summit"),
                ),
            )
        ],
        description="The flame in a lantern to the western summit of Elbrus, announced on 1 Feb 2014.",
    )


def baikal() -> Branch:
    shore = site("Listvyanka (Lake Baikal)", "Asia/Irkutsk", "Irkutsk Oblast", label="Listvyanka")
    taltsy = site("Taltsy Museum (Angara)", "Asia/Irkutsk", "Irkutsk Oblast")
    c = shore.coordinate
    # No source publishes where on the lake the boat and the dive were ("near the source of
    # the Angara, not far from the shore"): Listvyanka's coordinates stand in for both.
    dive = Place(
        "Lake Baikal, 13 m under the surface (Listvyanka's coordinates stand in)",
        Coordinate(
            c.latitude,
            c.longitude,
            altitude=-13.0,
            altitude_reference=AltitudeReference.WATER_SURFACE,
        ),
        timezone="Asia/Irkutsk",
        region="Irkutsk Oblast",
        country="RU",
    )
    boat = Place(
        "Lake Baikal, on the surface (Listvyanka's coordinates stand in)",
        Coordinate(
            c.latitude,
            c.longitude,
            altitude=0.0,
            altitude_reference=AltitudeReference.WATER_SURFACE,
        ),
        timezone="Asia/Irkutsk",
        region="Irkutsk Oblast",
        country="RU",
    )
    sources = (IOC_BAIKAL, RT_BAIKAL, IRK_AIF, site_source("Listvyanka (Lake Baikal)"))
    plan = [
        (
            taltsy,
            taltsy,
            M.RUNNING,
            F.LIT_TORCH,
            FlameSource.LANTERN,
            "Stage at the Taltsy museum, nine torchbearers",
            (IOC_BAIKAL, BIHARPRABHA, BTPP38, site_source("Taltsy Museum (Angara)")),
        ),
        (
            taltsy,
            boat,
            M.BOAT,
            F.LIT_TORCH,
            FlameSource.PREVIOUS,
            "By boat from the Taltsy pier along the Angara onto the lake",
            (IOC_BAIKAL, BIHARPRABHA, RT_BAIKAL),
        ),
        (
            boat,
            dive,
            M.DIVING,
            F.FLARE,
            FlameSource.PREVIOUS,
            "Divers carry a flare that burns under water, 13 m down",
            sources,
        ),
        (dive, boat, M.DIVING, F.FLARE, FlameSource.PREVIOUS, "Back to the surface", sources),
        (
            boat,
            shore,
            M.JETPACK,
            F.LIT_TORCH,
            FlameSource.PREVIOUS,
            "By water jetpack to the shore at Listvyanka",
            sources,
        ),
    ]
    slots = _slots(len(plan))
    legs = [
        Leg(
            a,
            b,
            _local(BAIKAL_DAY, "Asia/Irkutsk", slots[i]),
            _local(BAIKAL_DAY, "Asia/Irkutsk", slots[i + 1]),
            mode,
            flame,
            id=f"baikal-{i + 1}",
            precision=DAY,
            lit_from=lit,
            name=name,
            sources=leg_sources,
        )
        for i, (a, b, mode, flame, lit, name, leg_sources) in enumerate(plan)
    ]
    return Branch(
        "baikal",
        legs,
        description=(
            "Torches lit from a lantern at the Taltsy museum and carried by boat down the Angara "
            "onto the lake; a flare carried 13 m under the surface of Lake Baikal."
        ),
    )


def space(final_leg: str) -> Branch:
    baikonur = site("Baikonur Cosmodrome", "Asia/Qyzylorda", None, "KZ")
    b = baikonur.coordinate
    iss = Place(
        "International Space Station (launch site's coordinates stand in for the orbit)",
        Coordinate(
            b.latitude,
            b.longitude,
            # Spacefacts gives the orbit as 417-419 km; its middle stands in.
            altitude=418_000.0,
            altitude_reference=AltitudeReference.ELLIPSOID,
        ),
        timezone="Europe/Moscow",
        region=None,
        country=None,
    )
    landing = site("Soyuz TMA-09M landing site", "Asia/Qyzylorda", None, "KZ")
    return Branch(
        "space",
        [
            Leg(
                baikonur,
                iss,
                pendulum.datetime(2013, 11, 7, 4, 14, tz="UTC").in_tz("Asia/Qyzylorda"),
                pendulum.datetime(2013, 11, 7, 10, 14, tz="UTC").in_tz(MSK),
                M.SPACECRAFT,
                F.UNLIT,
                id="space-launch",
                precision=TimePrecision.APPROXIMATE,
                lit_from=FlameSource.UNKNOWN,
                name="Soyuz TMA-11M from Baikonur to the ISS (about 6 hours), the torch unlit",
                sources=(IOC_SPACE, REDORBIT, TELEPORT, site_source("Baikonur Cosmodrome")),
            ),
            Leg(
                iss,
                iss,
                pendulum.datetime(2013, 11, 9, 18, 40, tz=MSK),
                pendulum.datetime(2013, 11, 9, 19, 40, tz=MSK),
                M.SPACEWALK,
                F.UNLIT,
                id="space-walk",
                precision=TimePrecision.APPROXIMATE,
                lit_from=FlameSource.UNKNOWN,
                name=(
                    "Spacewalk from the Pirs airlock with the unlit torch (Kotov and Ryazansky; "
                    "start 18:40 Moscow time, 'more than an hour': the end is a placeholder)"
                ),
                sources=(IOC_SPACE, RUSSIANSPACE),
            ),
            Leg(
                iss,
                landing,
                pendulum.datetime(2013, 11, 11, tz="Asia/Qyzylorda").in_tz(MSK),
                pendulum.datetime(2013, 11, 12, tz="Asia/Qyzylorda"),
                M.SPACECRAFT,
                F.UNLIT,
                id="space-return",
                precision=DAY,
                lit_from=FlameSource.UNKNOWN,
                name="Return on Soyuz TMA-09M with Fyodor Yurchikhin",
                sources=(TELEPORT, SPACEFACTS),
            ),
        ],
        rejoins_at=final_leg,
        description="The torch, unlit, went to the ISS and on a spacewalk; the same torch later lit the cauldron.",
    )


def claims() -> list[Claim]:
    c = Claim
    return [
        c("days", 123, None, RELEASE),
        c("days", 123, None, WIKIPEDIA, note="The article's text"),
        c(
            "days",
            124,
            None,
            WIKIPEDIA_DIFF,
            note=(
                "Derived, not stated: the route table numbers 6 Jan 2014 as day 92, "
                "which counts 7 Oct 2013 as day 1"
            ),
        ),
        c("rest_day_number", 92, None, WIKIPEDIA_DIFF, note="6 Jan 2014, Kirov"),
        c(
            "total_distance",
            65_000,
            "km",
            RELEASE,
            qualifier="about",
            note="by car, plane and train",
        ),
        c(
            "total_distance",
            65_000,
            "km",
            RIA_PLAN,
            qualifier="about",
            note="the plan, a year before",
        ),
        c(
            "total_distance",
            40_000,
            "km",
            SOCHI_AIRPORT,
            qualifier="more_than",
            note="the length of the equator",
        ),
        c("total_distance", 56_000, "km", SPUTNIK_TUNDRA),
        c("total_distance", 40_000, "mi", NBC, qualifier="more_than"),
        c("total_distance", 39_000, "mi", LATIMES),
        c("total_distance", 38_525, "mi", ATR_RESTS),
        c(
            "total_distance",
            8_000,
            "mi",
            WIKIPEDIA,
            note="Infobox '65,000 km (8,000 miles)': a unit error; 65,000 km is 40,389 mi",
        ),
        c("distance_on_foot", 2_615, "km", RELEASE),
        c("torchbearers", 14_000, None, RELEASE),
        c("torchbearers", 15_000, None, WIKIPEDIA, qualifier="about"),
        c("volunteers", 30_000, None, OTTAWA, qualifier="about"),
        c("regions", 83, None, RIA_PLAN, note="All 83 federal subjects of 2013"),
        c("regions", 83, None, RELEASE),
        c("moscow_days", 3, None, M24, note="7-9 Oct 2013"),
        c("moscow_days", 2, None, GREEK_FIGURES),
        c("settlements", 2_900, None, ISPORT, note="The plan: towns and settlements"),
        c("settlements", 135, None, RELEASE, note="Towns visited, per the closing release"),
        c("settlements", 136, None, WRESTDAG, note="Cities, per regional press"),
        c(
            "settlements",
            2_000,
            None,
            SOCHI_AIRPORT,
            qualifier="about",
            note="An early quote: locations",
        ),
        c(
            "flame_extinguished",
            44,
            None,
            WIKIPEDIA,
            qualifier="more_than",
            note="About 3 %; once relit by a guard with a lighter",
        ),
        c("greek_leg_distance", 2_000, "km", RELEASE, qualifier="about"),
        c("greek_torchbearers", 250, None, RELEASE),
        c("greek_towns", 33, None, GREEK_FIGURES),
        c("icebreaker_speed", 15.3, "kn", BASHNY, note="Agrees with 1,395 nmi in 91 h 12 min"),
        c(
            "icebreaker_speed",
            15.6,
            "kn",
            BARENTS,
            note="Does not agree with 1,395 nmi in 91 h 12 min",
        ),
        c("north_pole_voyage_distance", 1_395, "nmi", BASHNY),
        c("north_pole_voyage_duration", 91.2, "h", ROSATOM, note="91 h 12 min"),
        c(
            "north_pole_arrival_date",
            "2013-10-19",
            None,
            BASHNY,
            note="The icebreaker's arrival at the Pole, 12:37 Moscow time; not the relay",
        ),
        c(
            "north_pole_relay_date",
            "overnight 19-20 Oct 2013",
            None,
            ROSATOM_CA,
            note="After the last torchbearer in Yaroslavl: the flame burns in one place at a time",
        ),
        c(
            "north_pole_relay_date",
            "2013-10-25",
            None,
            INSIDE_GAMES_POLE,
            note="The report's date: the organisers announced the Pole relay on 25 Oct",
        ),
        c("north_pole_relay_date", "2013-10-20", None, WIKIPEDIA),
        c("north_pole_relay_date", "2013-10-20", None, ATR_PETROZAVODSK, note="'on Sunday'"),
        c("north_pole_relay_date", "2013-10-21", None, JOOMAG),
        c("baikal_dive_depth", 13, "m", IOC_BAIKAL),
        c("baikal_dive_depth", 15, "m", RT_BAIKAL),
        c("baikal_lake_depth", 1_642, "m", AFP_BAIKAL),
        c("baikal_lake_depth", 1_642, "m", ANADOLU_BAIKAL),
        c("baikal_jetpack_height", 10, "m", IOC_BAIKAL),
        c("baikal_lake_depth", 1_600, "m", RT_BAIKAL, qualifier="about"),
        c("elbrus_altitude", 5_642, "m", IOC_ELBRUS, note="Western summit, above sea level"),
        c("elbrus_altitude", 5_652, "m", IOC_RELAY, note="Where the cauldron was lit"),
        c("elbrus_climb_date", "2013-10-22", None, RT_ELBRUS),
        c("elbrus_climb_date", "end of October 2013", None, IOC_ELBRUS),
        c(
            "elbrus_climb_date",
            "2013-10-25",
            None,
            RT_ELBRUS_NEWS,
            note="Date of a handout photograph",
        ),
        c(
            "elbrus_climb_date",
            "2014-02-01",
            None,
            GHANAMMA,
            note="'Lit this Saturday', in a report of 2 Feb 2014; the organisers announced it then",
        ),
        c(
            "iss_altitude",
            350,
            "km",
            RUSSIANSPACE,
            qualifier="about",
            note="As television commentators said; unverified",
        ),
        c(
            "iss_altitude",
            417,
            "km",
            SPACEFACTS,
            note="The lower end of the orbit given, 417-419 km",
        ),
        c(
            "iss_altitude",
            419,
            "km",
            SPACEFACTS,
            note="The upper end of the orbit given, 417-419 km",
        ),
        c("space_launch_date", "2013-11-07", None, IOC_SPACE, note="Moscow and Baikonur time"),
        c("space_launch_date", "2013-11-06", None, REDORBIT, note="23:14 EST: the same instant"),
        c(
            "torch_in_space_1996_shuttle",
            "Atlantis",
            None,
            HIGHER_GROUND,
            note="Also the seed article",
        ),
        c(
            "torch_in_space_1996_shuttle",
            "Columbia (STS-78)",
            None,
            LA_1996,
            note="Contemporary report",
        ),
        c("torch_in_space_1996_shuttle", "Columbia (STS-78)", None, NASA_PHOTO),
    ]


def build() -> tuple[Relay, list[str]]:
    omitted: list[str] = []
    legs, rest = main_line(omitted)
    legs = greece() + legs
    final_leg = legs[-1].id
    assert final_leg is not None
    coke = Sponsor("The Coca-Cola Company", olympic_partner_since=1928, relay_partner_since=1992)
    campaign_name = "Coca-Cola Sochi 2014 torchbearer campaign"
    featured = [
        Torchbearer(
            name="Dmitry Gladun", hometown="Vladivostok", campaign=campaign_name, id="tb-campaign-1"
        ),
        Torchbearer(
            name="Anastasia Pluzhnikova",
            hometown="Nizhny Novgorod",
            campaign=campaign_name,
            id="tb-campaign-2",
        ),
        Torchbearer(
            name="Yury Pyankov", hometown="Moscow", campaign=campaign_name, id="tb-campaign-3"
        ),
    ]
    # The one leg the seed article places a featured torchbearer on (the facts file allows it):
    # the canicross start at Arkhangelskoye on 10 Oct. Nothing else about the person is kept.
    arkhangelskoye = site("Arkhangelskoye", MSK, "Moscow Oblast")
    for i, leg in enumerate(legs):
        if leg.destination.name == "Arkhangelskoye" and leg.mode is M.RUNNING:
            # The canicross is part of that stage: it takes the second half of its placeholder time.
            assert leg.departs is not None
            assert leg.arrives is not None
            middle = leg.departs + (leg.arrives - leg.departs) / 2
            legs[i] = attrs.evolve(leg, arrives=middle)
            legs.insert(
                i + 1,
                Leg(
                    arkhangelskoye,
                    arkhangelskoye,
                    middle,
                    leg.arrives,
                    M.CANICROSS,
                    F.LIT_TORCH,
                    torchbearers=[featured[2]],
                    id="day004-canicross",
                    precision=DAY,
                    name="Day 4: Arkhangelskoye: canicross",
                    sources=(SEED,),
                ),
            )
            break
    relay = Relay(
        "Sochi 2014 Olympic Torch Relay",
        "XXII Olympic Winter Games, Sochi 2014",
        legs,
        sponsors=[coke],
        campaigns=[
            Campaign(
                campaign_name,
                coke.name,
                applications=65_000,
                votes=14_000_000,
                selected=2_000,
                torchbearers=featured,
            )
        ],
        branches=[north_pole(), elbrus(), baikal(), space(final_leg)],
        claims=[
            *claims(),
            Claim("olympic_partner_since", 1928, "year", COKE_1928, note="The Coca-Cola Company"),
            Claim("relay_partner_since", 1992, "year", COKE_1928, note="The Coca-Cola Company"),
            Claim("campaign_applications", 65_000, None, SEED, qualifier="more_than"),
            Claim("campaign_applications", 65_000, None, MOSCOW_TIMES, qualifier="about"),
            Claim("campaign_votes", 14_000_000, None, SEED),
            Claim("campaign_selected", 2_000, None, IOC_CAMPAIGN, qualifier="more_than"),
        ],
        rest_days=rest,
        timezone=MSK,
        day_one=dt.date(2013, 10, 7),
        sources=(WIKIPEDIA, WIKIPEDIA_DIFF, HFLABS, RELEASE, STREAM24),
        description=(
            "Moscow, 7 Oct 2013, to the Fisht Stadium in Sochi, 7 Feb 2014, through all 83 regions "
            "of Russia, after the lighting at Olympia on 29 Sep 2013; with four special projects: "
            "the North Pole, Elbrus, Lake Baikal and space."
        ),
    )
    return relay, omitted


if __name__ == "__main__":
    relay, omitted = build()
    TARGET.write_text(native.dumps(relay, indent=1), encoding="utf-8")
    print(
        f"wrote {TARGET}: {len(relay.legs)} main-line legs, {sum(len(b.legs) for b in relay.branches)} on branches"
    )
    for line in omitted:
        print(f"omitted: {line}", file=sys.stderr)
    assert torchrelay.load(TARGET) == relay
