#!/usr/bin/env bash
# Page weight by content (issue M): writes the content corpus (k2-sample-generator corpus: photo, vector, gradient,
# glow, thumbnail and large members), renders each member with the seed-style baseline (convert-im6.q16, 2 at once)
# and with the product's renderer in-process (LocalRenderer, 2 workers) at effort default, max and fast, encodes the
# product's images as WebP lossless through Magick.NET, and prints a markdown section for bench/results.md.
# See bench/README.md.
#
#   bench/corpus.sh [--quick] [--no-build]
set -euo pipefail
every=1 build=1
for arg in "$@"; do
  case $arg in
    --quick) every=3 ;;
    --no-build) build=0 ;;
    *) echo "usage: bench/corpus.sh [--quick] [--no-build]" >&2; exit 2 ;;
  esac
done
repo=$(cd "$(dirname "$0")/.." && pwd)
work=${K2_BENCH_WORK:-/tmp/k2-bench}-corpus
build_log=$work.build.log tag=corpus
source "$repo/bench/lib.sh"

if [[ ! -x /usr/bin/convert-im6.q16 ]]; then
  log "installing imagemagick-6.q16 (the baseline)"
  apt-get install -y imagemagick-6.q16 >/dev/null || die "apt-get install imagemagick-6.q16 failed"
fi

harness=$repo/bench/Harness/bin/Release/net10.0/k2-bench.dll
generator=$repo/tools/SampleGenerator/bin/Release/net10.0/k2-sample-generator.dll
if ((build)); then
  build_release tools/SampleGenerator bench/Harness
fi

rm -rf "$work" && mkdir -p "$work"
log "writing the corpus to $work/corpus"
dotnet "$generator" corpus "$work/corpus" >/dev/null
load=$(cut -d' ' -f1-3 /proc/loadavg)
log "rendering: baseline every $every-th combination, the product every combination at each effort"
table=$(dotnet "$harness" corpus "$work/corpus" "$work/out" "$every") || die "k2-bench corpus failed"

cat <<MD
## Page weight by content (issue M)

Written by \`bench/corpus.sh$([[ $every == 1 ]] || echo " --quick")\` on $(date -u '+%Y-%m-%d %H:%M') UTC: $(nproc) cores, load average before $load,
commit $(git -C "$repo" rev-parse --short HEAD). Corpus from \`k2-sample-generator corpus\`: six 4-slot trophies, one per
kind of content. Baseline: one \`convert-im6.q16 ... -depth 8\` per image (quality 75: zlib 7, adaptive filters), 2 at
once. Product: \`LocalRenderer\` in one process, 2 workers, every image forced, at \`output.effort\` default, max and
fast (fast is the encoder before issue M). Pixels are identical at every effort (\`CorpusRoundTripTests\`).

$table
MD
