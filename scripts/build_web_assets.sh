#!/usr/bin/env bash
# Install the dashboard's third-party browser assets from the committed package-lock.json and copy the
# few files the pages use into src/ecer/web/static/vendor/ (git-ignored: third-party code is never committed).
#
#   echarts@6.1.0            dist/echarts.min.js      -> vendor/echarts.min.js
#   echarts@4.9.0 (echarts4) map/json/china.json      -> vendor/china.json  (34 provinces, adcode in "id")
#   swagger-ui-dist (pinned) swagger-ui-bundle.js/css -> vendor/swagger-ui/  (local /docs, no CDN)
#
# Usage: scripts/build_web_assets.sh        (run from anywhere; needs node + npm, no network at run time)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENDOR="$ROOT/src/ecer/web/static/vendor"
cd "$ROOT"

# --ignore-scripts: no install scripts run (swagger-ui-dist pulls @scarf/scarf, whose postinstall phones home).
export SCARF_ANALYTICS=false
if [ ! -d node_modules/echarts ] || [ ! -d node_modules/echarts4 ] || [ ! -d node_modules/swagger-ui-dist ] \
   || [ "${ECER_NPM_CI:-0}" = "1" ]; then
  npm ci --ignore-scripts --no-audit --no-fund
fi

mkdir -p "$VENDOR/swagger-ui"
cp node_modules/echarts/dist/echarts.min.js "$VENDOR/echarts.min.js"
cp node_modules/echarts/LICENSE "$VENDOR/LICENSE.echarts"
cp node_modules/echarts4/map/json/china.json "$VENDOR/china.json"
cp node_modules/swagger-ui-dist/swagger-ui-bundle.js "$VENDOR/swagger-ui/swagger-ui-bundle.js"
cp node_modules/swagger-ui-dist/swagger-ui.css "$VENDOR/swagger-ui/swagger-ui.css"
cp node_modules/swagger-ui-dist/favicon-32x32.png "$VENDOR/swagger-ui/favicon-32x32.png"
cp node_modules/swagger-ui-dist/LICENSE "$VENDOR/swagger-ui/LICENSE"

for f in echarts.min.js china.json swagger-ui/swagger-ui-bundle.js swagger-ui/swagger-ui.css; do
  test -s "$VENDOR/$f" || { echo "missing $VENDOR/$f" >&2; exit 1; }
done
echo "web assets ready in $VENDOR"
