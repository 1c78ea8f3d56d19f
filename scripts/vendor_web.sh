#!/usr/bin/env bash
# Re-vendor the dashboard's third-party files into src/eventcoder/web/static/ (docs/dashboard.md).
#
# The page works offline, so every library and the basemap are copied into the package: no
# CDN, no tile server. The exact versions are pinned in src/eventcoder/web/package.json and
# its package-lock.json (installed with `npm ci`, install scripts off); to upgrade, change a
# version there, run `npm install --package-lock-only --ignore-scripts` in that folder, run this
# script, update the versions in static/NOTICE.txt and commit the result.
#
#   bash scripts/vendor_web.sh            # needs node >= 20 and npm, and the boundaries below
#
# What it writes (and nothing else):
#   vendor/leaflet/       Leaflet (BSD-2-Clause): leaflet.js, leaflet.css, images/, LICENSE
#   vendor/supercluster/  supercluster (ISC) with kdbush (ISC) bundled in its UMD build
#   vendor/chartjs/       Chart.js (MIT) with @kurkle/color (MIT) bundled: chart.umd.min.js
#   basemap/countries-110m.geojson  Natural Earth 1:110m countries (public domain), from npm
#       world-atlas's TopoJSON, converted with topojson-client's topo2geo, rounded to 0.01 deg
#   basemap/admin1.geojson  first-level units of Iraq, Syria and their neighbours from
#       geoBoundaries (CC BY 4.0), $EVENTCODER_SHARED_DATA/boundaries (default
#       ../shared/data/boundaries beside the checkout), simplified with mapshaper (topology
#       kept, so neighbours share their borders) and rounded to 0.001 deg
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
WEB="$REPO/src/eventcoder/web"
STATIC="$WEB/static"
BOUNDARIES="${EVENTCODER_SHARED_DATA:-$REPO/../shared/data}/boundaries"
ADMIN1_COUNTRIES="IRQ SYR IRN TUR JOR SAU KWT LBN ISR"
SIMPLIFY="10%"

[ -d "$BOUNDARIES" ] || { echo "no boundaries at $BOUNDARIES (set EVENTCODER_SHARED_DATA)" >&2; exit 1; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cp "$WEB/package.json" "$WEB/package-lock.json" "$WORK/"
(cd "$WORK" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
NM="$WORK/node_modules"

rm -rf "$STATIC/vendor" "$STATIC/basemap"
mkdir -p "$STATIC/vendor/leaflet" "$STATIC/vendor/supercluster" "$STATIC/vendor/chartjs" \
         "$STATIC/basemap"

cp "$NM/leaflet/dist/leaflet.js" "$NM/leaflet/dist/leaflet.css" "$NM/leaflet/LICENSE" \
   "$STATIC/vendor/leaflet/"
cp -r "$NM/leaflet/dist/images" "$STATIC/vendor/leaflet/"
cp "$NM/supercluster/dist/supercluster.min.js" "$NM/supercluster/LICENSE" \
   "$STATIC/vendor/supercluster/"
# the UMD build bundles kdbush: its licence goes along (supercluster's own copy of kdbush, or
# the hoisted one)
KDBUSH="$NM/supercluster/node_modules/kdbush"
[ -d "$KDBUSH" ] || KDBUSH="$NM/kdbush"
cp "$KDBUSH/LICENSE" "$STATIC/vendor/supercluster/LICENSE-kdbush"
cp "$NM/chart.js/dist/chart.umd.min.js" "$NM/chart.js/LICENSE.md" "$STATIC/vendor/chartjs/"
# ... which bundles @kurkle/color (MIT)
cp "$NM/@kurkle/color/LICENSE.md" "$STATIC/vendor/chartjs/LICENSE-kurkle-color.md"

# world countries: TopoJSON -> GeoJSON (topojson-client), then only the name, rounded
"$NM/.bin/topo2geo" -i "$NM/world-atlas/countries-110m.json" \
   "countries=$WORK/countries.geojson"
"$NM/.bin/mapshaper" -quiet -i "$WORK/countries.geojson" \
   -filter-fields name -o "$STATIC/basemap/countries-110m.geojson" precision=0.01 format=geojson
cp "$NM/world-atlas/LICENSE" "$STATIC/basemap/LICENSE-world-atlas"

# admin-1: one layer of every country's units, with iso3 and name
inputs=()
for c in $ADMIN1_COUNTRIES; do inputs+=("$BOUNDARIES/$c.geojson"); done
"$NM/.bin/mapshaper" -quiet -i "${inputs[@]}" combine-files \
   -each 'iso3=this.layer_name' -merge-layers force -filter-fields iso3,shapeName \
   -rename-fields name=shapeName -simplify "$SIMPLIFY" keep-shapes planar \
   -o "$STATIC/basemap/admin1.geojson" precision=0.001 format=geojson

echo "vendored (versions from package-lock.json):"
node -e '
const lock = require(process.argv[1]).packages;
for (const [k, v] of Object.entries(lock)) if (k.split("node_modules/").length === 2 && !v.dev)
  console.log("  " + k.replace("node_modules/", "") + " " + v.version + " (" + v.license + ")");
' "$WORK/package-lock.json"
du -ab "$STATIC/vendor" "$STATIC/basemap" | sort -k2 | awk '{printf "  %8d  %s\n", $1, $2}' \
  | sed "s#$STATIC/##"
