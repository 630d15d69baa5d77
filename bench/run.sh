#!/usr/bin/env bash
# Side-by-side benchmark: the old one-ImageMagick-process-per-image way, a NetVips peer, the renderer's tight loop
# and the full pipeline (`k2 render`, and two `k2orleans-silo` daemons on one host), on the same spec in one run.
# Builds the programs, then `k2-bench run` (bench/Harness/Suite) measures them and writes bench/results.md.
# See bench/README.md.
#
#   bench/run.sh [--quick|--full] [--no-build]
set -euo pipefail
build=1
for arg in "$@"; do
  case "$arg" in
    --quick | --full) ;;
    --no-build) build=0 ;;
    *) echo "usage: bench/run.sh [--quick|--full] [--no-build]" >&2; exit 2 ;;
  esac
done
repo=$(cd "$(dirname "$0")/.." && pwd)
work=${K2_BENCH_WORK:-/tmp/k2-bench}
published=${K2_BENCH_BIN:-$work.bin} build_log=$work.build.log tag=bench
source "$repo/bench/lib.sh"
if ((build)); then
  build_release tools/SampleGenerator bench/Harness
  publish_release src/Cli:k2 src/Silo:k2orleans-silo bench/RendererLoop:renderer-loop bench/NetVipsPeer:netvips-peer
fi
harness=$repo/bench/Harness/bin/Release/net10.0/k2-bench.dll
[[ -f $harness ]] || die "$harness is missing; run without --no-build"
exec dotnet "$harness" run "$@"
