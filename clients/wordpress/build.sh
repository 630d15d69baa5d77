#!/usr/bin/env bash
# Assembles the WordPress plugin for installing: clients/wordpress/build.sh [OUT_DIR]
#
# Copies k2-trophy-builder/ to OUT_DIR (default: artifacts/wordpress) with the project's status client,
# clients/php/K2Status.php, in its lib/ folder, and zips it (k2-trophy-builder.zip) when zip is installed.
# Prints the plugin folder. The repository keeps one K2Status.php; the plugin gets a copy only here.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../../artifacts/wordpress}
mkdir -p "$out"
out=$(cd "$out" && pwd)
plugin="$out/k2-trophy-builder"

rm -rf "$plugin"
cp -R "$here/k2-trophy-builder" "$plugin"
rm -f "$plugin/lib/.gitignore"
cp "$here/../php/K2Status.php" "$plugin/lib/K2Status.php"

if command -v zip >/dev/null; then
    (cd "$out" && rm -f k2-trophy-builder.zip && zip -qr k2-trophy-builder.zip k2-trophy-builder)
fi
echo "$plugin"
