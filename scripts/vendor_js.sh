#!/usr/bin/env bash
# Rebuild src/blocwatch/report/vendor/ from the npm registry: the chart and
# graph libraries the offline report inlines.  Run by hand when upgrading;
# the vendored files are committed so the report never needs a network.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
dest="$here/src/blocwatch/report/vendor"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
declare -A files=(
  [cytoscape@3.34.4]=dist/cytoscape.min.js
  [vega@6.4.0]=build/vega.min.js
  [vega-lite@6.5.0]=build/vega-lite.min.js
  [vega-embed@7.3.0]=build/vega-embed.min.js
)
for pkg in "${!files[@]}"; do
  tgz=$(npm pack --silent "$pkg")
  mkdir -p "$pkg" && tar xzf "$tgz" -C "$pkg"
  cp "$pkg/package/${files[$pkg]}" "$dest/"
  cp "$pkg/package/LICENSE" "$dest/LICENSE.${pkg%@*}"
done
echo "vendored into $dest"
