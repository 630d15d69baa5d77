#!/usr/bin/env bash
# On-request images (issue J): one warm k2orleans-silo's image endpoint under CLIENTS closed-loop HTTP clients asking
# for every bench-900 image once (all distinct keys): uncached with the strip cache cold, cached (files present),
# uncached with the strip cache warm, with one client, and uncached again while a 3,600-image build of another trophy
# runs on the same silo; then, in one process without HTTP, CPU per image of the batch renderer next to single renders
# in a shuffled order (renderer-loop on-request). Prints a markdown section for bench/results.md. See bench/README.md.
#
#   bench/images.sh [--no-build]
set -euo pipefail
build=1
[[ ${1:-} == --no-build ]] && build=0
repo=$(cd "$(dirname "$0")/.." && pwd)
work=${K2_BENCH_WORK:-/tmp/k2-bench}-images
published=${K2_BENCH_BIN:-/tmp/k2-bench.bin}
clients=${K2_BENCH_CLIENTS:-16}
cores=$(nproc)
tick=$(getconf CLK_TCK)
build_log=$work.build.log tag=images
source "$repo/bench/lib.sh"
ab_requests=${K2_BENCH_AB_REQUESTS:-30000}

# ApacheBench, a served load tool in C, for the cached files: the harness's clients cost as much CPU as the silo's answer.
if ! command -v ab >/dev/null; then
  log "installing apache2-utils (ApacheBench)"
  apt-get install -y apache2-utils >/dev/null || die "apt-get install apache2-utils failed"
fi

harness=$repo/bench/Harness/bin/Release/net10.0/k2-bench.dll
generator=$repo/tools/SampleGenerator/bin/Release/net10.0/k2-sample-generator.dll
loop=$repo/bench/RendererLoop/bin/Release/net10.0/renderer-loop.dll
k2=$published/k2/k2.dll
silo=$published/k2orleans-silo/k2orleans-silo.dll
if ((build)); then
  build_release tools/SampleGenerator bench/Harness bench/RendererLoop
  publish_release src/Cli:k2 src/Silo:k2orleans-silo
fi

# A run stopped hard may have left its file system mounted there.
mountpoint -q "$work" 2>/dev/null && { umount "$work" || die "$work is still mounted"; }
rm -rf "$work" && mkdir -p "$work"
# The silo writes every image to a file system of its own: by default (as root, with mkfs.ext4) a fresh ext4 made with
# mkfs.ext4's defaults, journal included, on a loop device, as a shop's server has. This machine's root file system is
# an ext4 without a journal, where creating a file soon after many were deleted can cost the creating process a scan of
# the deleted inodes (the kernel's recently_deleted check, only made without a journal): 20 % of the silo's samples in
# one profiled uncached run, which deletes and re-creates 900 files, and nothing to see in another, as it depends on
# what the file system deleted in the minutes before. K2_BENCH_FS=dir keeps the work folder where it is.
mounted=0
if [[ ${K2_BENCH_FS:-loop} == loop ]] && ((EUID == 0)) && command -v mkfs.ext4 >/dev/null; then
  rm -f "$work.ext4" && truncate -s 4G "$work.ext4" && mkfs.ext4 -q -F "$work.ext4" && mount -o loop "$work.ext4" "$work" || die "cannot mount a loop ext4 on $work"
  mounted=1
  filesystem="a fresh ext4 (mkfs.ext4 defaults, with its journal) on a loop device"
else
  filesystem="the work folder's own file system ($(findmnt -n -o FSTYPE -T "$work"), $(findmnt -n -o OPTIONS -T "$work" | cut -c1-40)...)"
fi
pid=
cleanup() {
  [[ -n $pid ]] && { kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
  if ((mounted)); then umount "$work" && rm -f "$work.ext4"; fi
}
trap cleanup EXIT
mkdir -p "$work/silo"
dotnet "$generator" bench "$work/specs" >/dev/null
spec=$work/specs/bench-900/trophy.json
wide=$work/specs/bench-3600.json
dotnet "$harness" variant "$spec" "$wide" 'base*4' >/dev/null
sed -i 's/"slug": *"bench-900"/"slug": "bench-3600"/' "$wide"
# The on-request path's warm-up twin: another slug and quality 76 (the same PNG settings as 75, but another spec
# fingerprint), so none of its strips serves bench-900 and the uncached run starts with an empty strip cache.
twin=$work/specs/bench-900/twin.json
sed -e 's/"slug": *"bench-900"/"slug": "bench-twin"/' -e 's/"quality": *75/"quality": 76/' "$spec" >"$twin"
grep -q '"quality": 76' "$twin" || die "the twin spec's quality was not changed"
read -r silo_port gateway_port status_port images_port <<<"$(dotnet "$harness" free-ports 4)"
export K2__Cluster__GatewayPort=$gateway_port K2__StatusBridge__TcpEndpoint=127.0.0.1:$status_port K2__Cluster__ClusterId="k2-images-$$"

log "starting the silo: $cores render threads plus 1 interactive, images on 127.0.0.1:$images_port"
(cd "$work/silo" && exec env K2__Cluster__Mode=Localhost K2__Storage__Provider=Memory \
  K2__Cluster__SiloPort="$silo_port" K2__Dashboard__Enabled=false K2__Metrics__Endpoint=off K2__WordPress__Enabled=false K2__Logging__Syslog=false \
  K2__Rendering__MaxConcurrentRenders="$cores" K2__Rendering__OutputRoots__0="$work" K2__Rendering__AssetRoots__0="$work" \
  K2__Images__Endpoint="127.0.0.1:$images_port" K2__Images__PermitsPerSecond=1000000 K2__Images__Burst=1000000 K2__Images__MaxPendingRenders=1024 \
  dotnet "$silo" >"$work/silo.out" 2>&1) &
pid=$!
for _ in $(seq 120); do
  dotnet "$k2" status >/dev/null 2>&1 && break
  kill -0 $pid 2>/dev/null || { cat "$work/silo.out" >&2; die "the silo exited"; }
  sleep 1
done
cpu() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
ms_per() { awk -v a="$1" -v b="$2" -v n="$3" -v t="$tick" 'BEGIN { printf "%.1f", (b - a) * 1000 / t / n }'; }
field() { grep -o "$1=[0-9.]*" <<<"$2" | cut -d= -f2; }
build() { # spec: submit, watch to the end; prints the job id
  local job
  job=$(dotnet "$k2" submit "$1" --out "$work/out" | head -1)
  dotnet "$k2" watch "$job" >"$work/watch-$job.out" 2>&1 || die "job $job did not complete"
  echo "$job"
}
load() { dotnet "$harness" http-load "http://127.0.0.1:$images_port/images/${2:-bench-900}" "${3:-$spec}" "${1:-$clients}" || die "some requests failed"; }

log "warming up: building bench-900 (900 images) through the batch renderer"
c0=$(cpu); build "$spec" >/dev/null; c1=$(cpu)
batch_cpu=$(ms_per "$c0" "$c1" 900)
mean_bytes() { find "$1" -name '*.png' -printf '%s\n' | awk '{ s += $1; n++ } END { printf "%.0f", s / n }'; }
batch_bytes=$(mean_bytes "$work/out/bench-900")

wait_quiet() { # until the silo uses under 0.1 CPU s in 2 s: the runtime's background JIT of the last run done
  local deadline=$((SECONDS + 300)) before after
  while :; do
    before=$(cpu); sleep 2; after=$(cpu)
    (((after - before) * 10 < tick)) && return
    ((SECONDS < deadline)) || die "the silo still used $(((after - before) * 1000 / tick)) CPU ms in 2 s after 300 s"
  done
}
measure_ab() { # name clients key: ApacheBench with keep-alive, ab_requests requests of one bench-900 file; sets row_ and cpu_
  local c0 c1 out csv=$work/ab-$1.csv
  wait_quiet
  c0=$(cpu)
  out=$(ab -q -k -c "$2" -n "$ab_requests" -e "$csv" "http://127.0.0.1:$images_port/images/bench-900/$3") || die "ab failed: $out"
  c1=$(cpu)
  local complete failed non2xx keepalive
  complete=$(awk '/^Complete requests:/ { print $3 }' <<<"$out")
  failed=$(awk '/^Failed requests:/ { print $3 }' <<<"$out")
  non2xx=$(awk '/^Non-2xx responses:/ { print $3 }' <<<"$out")
  keepalive=$(awk '/^Keep-Alive requests:/ { print $3 }' <<<"$out")
  ((complete == ab_requests && failed == 0 && ${non2xx:-0} == 0)) || die "ab: $complete complete, $failed failed, ${non2xx:-0} not 2xx"
  ((keepalive == ab_requests)) || die "ab: only $keepalive of $ab_requests requests on kept-alive connections"
  printf -v "row_$1" 'requests=%s ok=%s wall_s=%s rps=%s p50_ms=%s p99_ms=%s mean_ms=%s max_ms=%s' "$complete" "$complete" \
    "$(awk '/^Time taken for tests:/ { printf "%.2f", $5 }' <<<"$out")" "$(awk '/^Requests per second:/ { printf "%.0f", $4 }' <<<"$out")" \
    "$(awk -F, '$1 == 50 { printf "%.2f", $2 }' "$csv")" "$(awk -F, '$1 == 99 { printf "%.2f", $2 }' "$csv")" \
    "$(awk '/^Time per request:/ && /\(mean\)$/ { printf "%.2f", $4; exit }' <<<"$out")" "$(awk -F, '$1 == 100 { printf "%.1f", $2 }' "$csv")"
  printf -v "cpu_$1" '%s' "$(ms_per "$c0" "$c1" "$ab_requests")"
  local row=row_$1 cpu_row=cpu_$1
  log "$1: ${!row}, silo CPU ${!cpu_row} ms per request"
}
measure() { # name clients [trace]: the load on bench-900 from a quiet silo; sets row_<name> and cpu_<name> (ms per request)
  local c0 c1 out
  wait_quiet
  c0=$(cpu)
  out=$(dotnet "$harness" http-load "http://127.0.0.1:$images_port/images/bench-900" "$spec" "$2" ${3:+"$3"}) || die "some requests failed"
  c1=$(cpu)
  printf -v "row_$1" '%s' "$out"
  printf -v "cpu_$1" '%s' "$(ms_per "$c0" "$c1" 900)"
  log "$1: $out, silo CPU $(ms_per "$c0" "$c1" 900) ms per request"
}

# A warm silo: the runtime compiles a hot method again twice (instrumented, then optimised) after the precompiled code,
# each step after 30 calls and a pause, so one pass over the on-request path leaves it half compiled. The twin trophy
# (whose strips cannot serve bench-900) is asked for uncached and cached in rounds, until the silo is quiet after one.
rounds=${K2_BENCH_WARM_ROUNDS:-4}
log "warming up the on-request path: $rounds rounds over the twin trophy, uncached then cached"
build "$twin" >/dev/null
for round in $(seq "$rounds"); do
  rm -rf "$work/out/bench-twin"
  c0=$(cpu); twin_uncached=$(load "$clients" bench-twin "$twin"); c1=$(cpu)
  twin_cached=$(load "$clients" bench-twin "$twin"); c2=$(cpu)
  # ApacheBench's requests (HTTP/1.0 with keep-alive) take a few paths of their own through the server.
  twin_key=$(find "$work/out/bench-twin" -name '*.png' -printf '%P\n' | grep -v / | sort | awk 'NR == 1')
  ab -q -k -c "$clients" -n $((ab_requests / 4)) "http://127.0.0.1:$images_port/images/bench-twin/$twin_key" >/dev/null || die "ab on the twin failed"
  log "twin round $round: uncached p50 $(field p50_ms "$twin_uncached") p99 $(field p99_ms "$twin_uncached") ms, $(ms_per "$c0" "$c1" 900) CPU ms/request; cached p50 $(field p50_ms "$twin_cached") ms, $(ms_per "$c1" "$c2" 900) CPU ms/request"
done

log "uncached, strip cache cold: every bench-900 image deleted, none ever asked for; $clients clients ask for each once"
rm -rf "$work/out/bench-900"
measure cold "$clients" "$work/trace-cold.txt"
request_bytes=$(mean_bytes "$work/out/bench-900")
log "cached: the same again, files now present"
measure cached "$clients"
one_key=$(find "$work/out/bench-900" -name '*.png' -printf '%P\n' | grep -v / | sort | awk 'NR == 1')
log "cached, ApacheBench: $clients clients, $ab_requests requests of $one_key"
measure_ab cached_ab "$clients" "$one_key"
log "uncached, strip cache warm: the images deleted again; the silo has served them before"
rm -rf "$work/out/bench-900"
measure warm "$clients" "$work/trace-warm.txt"
# The first requests of the cold run draw the strips every later image reuses: the slowest of them and when they ran.
cold_first=$(awk '$1 < 250 { n++; if ($2 > m) m = $2 } END { printf "%d requests, the slowest %.0f ms", n, m }' "$work/trace-cold.txt")
cold_rest=$(awk '$1 >= 250 { print $2 }' "$work/trace-cold.txt" | sort -n | awk '{ v[NR] = $1 } END { i = int(NR * 0.99 + 0.999); printf "p99 %.1f ms over the other %d", v[i], NR }')
# Kept beside the work folder, which may be a file system unmounted at the end.
cp "$work/trace-cold.txt" "$work/trace-warm.txt" "$(dirname "$work")/" && log "traces: $(dirname "$work")/trace-cold.txt, trace-warm.txt"

log "one client: the render's own latency, without queueing behind other clients"
rm -rf "$work/out/bench-900"
measure single 1
measure single_cached 1

log "during a build: bench-900 deleted again, a 3,600-image bench-3600 build started, then the same load"
rm -rf "$work/out/bench-900"
wait_quiet
job=$(dotnet "$k2" submit "$wide" --out "$work/out" | head -1)
row_during=$(load) || die "some requests failed"
state=$(dotnet "$k2" status "$job" --json | grep -o '"status":"[a-z]*"' | head -1 | cut -d'"' -f4)
done_at_end=$(dotnet "$k2" status "$job" --json | grep -o '"done":[0-9]*' | head -1 | cut -d: -f2)
log "$row_during (build $state, $done_at_end images done when the load ended)"
dotnet "$k2" watch "$job" >"$work/watch-during.out" 2>&1 || die "the build did not complete"
build_line=$(tail -1 "$work/watch-during.out")
log "build: $build_line"
status_line=$(dotnet "$k2" status | grep 'on request' | sed 's/^ *//')
kill -TERM $pid 2>/dev/null || true; wait $pid 2>/dev/null || true
pid=

log "renderer-loop on-request: CPU per image in one process, no HTTP"
loop_lines=$(dotnet "$loop" on-request "$spec" --out "$work/loop") || die "renderer-loop on-request failed"
log "$loop_lines"

cat <<EOF_MD
## On-request images (issue J)

Written by \`bench/images.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'): $cores cores, load average before $(cut -d' ' -f1-3 /proc/loadavg),
commit $(git -C "$repo" rev-parse --short HEAD). One \`k2orleans-silo\` (ReadyToRun publish), \`Rendering:MaxConcurrentRenders\`=$cores plus
\`Rendering:InteractiveRenderThreads\`=1, its images on $filesystem. Warmed by a bench-900 build, then $rounds rounds
over a twin trophy (uncached, then cached, then one cached file under ApacheBench) whose strips cannot serve bench-900; every run starts once the silo is quiet
(under 0.1 CPU s in 2 s). $clients closed-loop clients (\`k2-bench http-load\`) ask for every bench-900 image (500x800, 4
layers) once, in a shuffled order: all keys distinct. Latency is request sent to last byte read.

| run ($clients clients unless said) | requests | 200 | wall s | req/s | p50 ms | p99 ms | mean ms | max ms | silo CPU ms/request |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
$(for row in "uncached, strip cache cold (bench-900 never asked for):cold" "cached files:cached" "cached file, ApacheBench:cached_ab" "uncached, strip cache warm (asked for before, files deleted):warm" "uncached, during a 3,600-image build:during" "1 client, uncached:single" "1 client, cached:single_cached"; do
  name=${row%%:*} var=row_${row#*:} cpu_var=cpu_${row#*:}
  r=${!var}
  echo "| $name | $(field requests "$r") | $(field ok "$r") | $(field wall_s "$r") | $(field rps "$r") | $(field p50_ms "$r") | $(field p99_ms "$r") | $(field mean_ms "$r") | $(field max_ms "$r") | ${!cpu_var:--} |"
done)

The ApacheBench row: \`ab -k -c $clients -n $ab_requests\` on one cached bench-900 file ($one_key), every request on a
kept-alive connection. ab, in C, spends less of the two cores than the harness's .NET clients, which share them with the
silo: the cached row above measures the harness as much as the silo.

The cold run's first 250 ms ($cold_first) draw the strips that the later images reuse; $cold_rest.
CPU per image in the silo (user+system time over the images, HTTP included): on request $cpu_cold ms (strips cold) and
$cpu_warm ms (warm), batch renderer $batch_cpu ms (the warm-up build), a cached file $cpu_cached ms. Mean file size: on request
$request_bytes bytes, batch $batch_bytes bytes.

The renderers alone, one thread, no HTTP (\`renderer-loop on-request\`: the batch renderer in order, then every key once in
a shuffled order through the batch renderer one combination at a time, and through the on-request strip renderer with
its strip cache cold, then warm):

| path | CPU ms/image | wall ms/image | mean bytes |
| --- | ---: | ---: | ---: |
$(while IFS= read -r line; do
  case $line in *cpu_ms_per_image=*) echo "| ${line%%:*} | $(field cpu_ms_per_image "$line") | $(field wall_ms_per_image "$line") | $(field mean_bytes "$line") |";; esac
done <<<"$loop_lines")

$(grep '^strip cache' <<<"$loop_lines").
$(grep '^strip renderer, cache cold, first' <<<"$loop_lines") (a cold strip is compressed at zlib level 6, as a piece many
images reuse, so a request whose strips are all new costs several batch images: this is the cold run's first 250 ms).
The build during the fourth run: $state with $done_at_end of 3,600 done when the load ended; then \`k2 watch\`: $build_line.
The silo's own figures afterwards (\`k2 status\`): $status_line.
EOF_MD
