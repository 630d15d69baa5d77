#!/usr/bin/env bash
# Side-by-side benchmark: the old one-ImageMagick-process-per-image way, a NetVips peer, the renderer's tight loop
# and the full pipeline (`k2 render`, and two `k2orleans-silo` daemons on one host), on the same spec in one run.
# Writes bench/results.md. See bench/README.md.
#
#   bench/run.sh [--quick|--full] [--no-build]
set -euo pipefail

mode=quick
build=1
for arg in "$@"; do
  case "$arg" in
    --quick) mode=quick ;;
    --full) mode=full ;;
    --no-build) build=0 ;;
    *) echo "usage: bench/run.sh [--quick|--full] [--no-build]" >&2; exit 2 ;;
  esac
done

repo=$(cd "$(dirname "$0")/.." && pwd)
work=${K2_BENCH_WORK:-/tmp/k2-bench}
cores=$(nproc)
results=$repo/bench/results.md
convert=/usr/bin/convert-im6.q16
gnutime=/usr/bin/time

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# --- tools -------------------------------------------------------------------------------------------------------
missing=()
[[ -x $convert ]] || missing+=(imagemagick-6.q16)
[[ -x $gnutime ]] || missing+=(time)
command -v xargs >/dev/null || missing+=(findutils)
if ((${#missing[@]})); then
  log "installing ${missing[*]}"
  apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null || die "cannot install ${missing[*]} (run as root or install them)"
fi

# Helpers that are not measured run from `dotnet build` output; every measured .NET path (k2, k2orleans-silo,
# renderer-loop, netvips-peer) runs from a ReadyToRun publish, so none of them pays start-up JIT the others do not.
bin() { echo "$repo/$1/bin/Release/net10.0/$2.dll"; }
published=${K2_BENCH_BIN:-$work.bin}
harness=$(bin bench/Harness k2-bench)
generator=$(bin tools/SampleGenerator k2-sample-generator)
k2=$published/k2/k2.dll
silo=$published/k2orleans-silo/k2orleans-silo.dll
loop=$published/renderer-loop/renderer-loop.dll
peer=$published/netvips-peer/netvips-peer.dll
if ((build)); then
  for project in tools/SampleGenerator bench/Harness; do
    log "building $project (Release)"
    dotnet build -c Release -v quiet -nologo "$repo/$project" >"$work.build.log" 2>&1 || { cat "$work.build.log" >&2; die "build of $project failed"; }
  done
  for pair in src/Cli:k2 src/Silo:k2orleans-silo bench/RendererLoop:renderer-loop bench/NetVipsPeer:netvips-peer; do
    IFS=: read -r project name <<<"$pair"
    log "publishing $project (Release, ReadyToRun) to $published/$name"
    rm -rf "${published:?}/$name"
    dotnet publish -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -v quiet -nologo -o "$published/$name" "$repo/$project" \
      >"$work.build.log" 2>&1 || { cat "$work.build.log" >&2; die "publish of $project failed"; }
  done
fi
for program in "$harness" "$generator" "$k2" "$silo" "$loop" "$peer"; do
  [[ -f $program ]] || die "$program is missing; run without --no-build"
done

# --- specs -------------------------------------------------------------------------------------------------------
rm -rf "$work"
mkdir -p "$work"
log "writing the bench specs to $work/specs"
dotnet "$generator" bench "$work/specs" >/dev/null
# Quick mode: the slow baseline renders every 5th combination, the others all of them; sizes and pixels are
# compared on the baseline's images, throughput is images over time for each path's own count.
spec=$work/specs/bench-900/trophy.json
if [[ $mode == quick ]]; then every=5 samples=12; else every=1 samples=60; fi
total=$(dotnet "$harness" count "$spec")
baseline_total=$(((total - 1) / every + 1))

# --- measuring ---------------------------------------------------------------------------------------------------
# Each path renders into its own empty folder. /usr/bin/time -v gives wall time and peak RSS; for xargs the peak RSS
# is that of its largest child (one convert), so the baseline's footprint is that times the processes at once.
declare -A wall cpu job_cpu rss reported bytes check count
time_wall() { awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$1"; }
time_cpu() { awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$@"; }
time_rss() { awk -F': ' '/Maximum resident set size/ { kib = $2 > kib ? $2 : kib } END { printf "%.0f", kib / 1024 }' "$@"; }
# Checks a path wrote exactly the images it should and records their count and mean size.
collect() { # name, spec, expected images, output folder
  local name=$1 spec=$2 expected=$3 out=$4 files
  files=$(find "$out" -type f -name '*.png' | wc -l)
  ((files == expected)) || die "$name wrote $files images, expected $expected"
  count[$name]=$expected
  bytes[$name]=$(dotnet "$harness" bytes "$spec" "$out" "$([[ $name == scale* ]] && echo 1 || echo "$every")")
  log "$name: ${wall[$name]} s wall, ${bytes[$name]} bytes/image, ${rss[$name]} MiB peak RSS"
}
measure() { # name, spec, expected images, output folder, command...
  local name=$1 spec=$2 expected=$3 out=$4
  shift 4
  mkdir -p "$out"
  log "$name: running"
  "$gnutime" -v -o "$work/$name.time" "$@" >"$work/$name.out" 2>"$work/$name.err" || { cat "$work/$name.err" >&2; die "$name failed"; }
  wall[$name]=$(time_wall "$work/$name.time")
  cpu[$name]=$(time_cpu "$work/$name.time")
  rss[$name]=$(time_rss "$work/$name.time")
  reported[$name]=$(grep -o '([0-9.]* img/s)' "$work/$name.out" | tr -d '(a-z/ )' || true)
  collect "$name" "$spec" "$expected" "$out"
}

# --- two silos on one host -------------------------------------------------------------------------------------------
# Two k2orleans-silo daemons form one cluster without a database (Cluster:PrimarySiloPort, state in memory grains),
# each with half the cores as render slots. They are started and found up first, as a running daemon would be; the
# timed part is `k2 submit` to the end of `k2 watch`. Each silo runs under /usr/bin/time, which reports once the silo
# has stopped on SIGTERM.
silo_start_timeout=120
pair_timeout=600
declare -A silo_pid
stop_silos() { # SIGTERM to each silo still running (the child of its /usr/bin/time), then wait for its report
  local name child
  for name in "${!silo_pid[@]}"; do
    child=$(pgrep -P "${silo_pid[$name]}" || true)
    [[ -n $child ]] && kill -TERM "$child" 2>/dev/null || true
  done
  for name in "${!silo_pid[@]}"; do
    timeout 60 tail --pid="${silo_pid[$name]}" -f /dev/null || { log "$name did not stop within 60 s; killing it"; kill -KILL "${silo_pid[$name]}" $(pgrep -P "${silo_pid[$name]}") 2>/dev/null || true; }
    wait "${silo_pid[$name]}" 2>/dev/null || log "$name exited with $? (output in $work/$name.out)"
    unset "silo_pid[$name]"
  done
}
trap 'stop_silos' EXIT
start_silo() { # name, silo port, gateway port, status port, render slots, extra K2__ settings...
  local name=$1 silo_port=$2 gateway_port=$3 status_port=$4 slots=$5
  shift 5
  mkdir -p "$work/$name"
  (cd "$work/$name" && exec env K2__Cluster__Mode=Localhost K2__Cluster__ClusterId="k2-bench-$$" K2__Storage__Provider=Memory \
    K2__Cluster__SiloPort="$silo_port" K2__Cluster__GatewayPort="$gateway_port" K2__StatusBridge__TcpEndpoint="127.0.0.1:$status_port" \
    K2__Dashboard__Enabled=false K2__Images__Enabled=false K2__Metrics__Endpoint=off K2__WordPress__Enabled=false K2__Rendering__MaxConcurrentRenders="$slots" \
    K2__Rendering__OutputRoots__0="$work" K2__Rendering__AssetRoots__0="$work" "$@" \
    "$gnutime" -v -o "$work/$name.time" dotnet "$silo" >"$work/$name.out" 2>&1) &
  silo_pid[$name]=$!
}
# One status-socket request (contracts.md section 3) over bash's /dev/tcp: cheap enough to poll while silos start.
ask() { # port, request
  local line
  { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
  printf '%s\n' "$2" >&3
  IFS= read -r -t 5 line <&3 || line=""
  exec 3<&-
  printf '%s' "$line"
}
active_silos() { ask "$1" STATUS | grep -o '"status":"active"' | wc -l; }
# User plus system CPU seconds the silos (the children of their /usr/bin/time) have used so far.
silo_cpu() {
  local name ticks=0
  for name in "$@"; do
    ticks=$((ticks + $(awk '{ print $14 + $15 }' "/proc/$(pgrep -P "${silo_pid[$name]}")/stat")))
  done
  awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", t / hz }'
}
measure_pair() { # name, spec, expected images, output folder
  local name=$1 spec=$2 expected=$3 out=$4 slots=$((cores / 2 > 0 ? cores / 2 : 1)) free ports deadline job start end cpu_before
  mkdir -p "$out"
  free=$(dotnet "$harness" free-ports 6) || die "no free TCP ports for the silos"
  read -r -a ports <<<"$free"
  log "$name: starting 2 silos (MaxConcurrentRenders $slots each, silo ports ${ports[0]} and ${ports[3]})"
  start_silo "$name-1" "${ports[0]}" "${ports[1]}" "${ports[2]}" "$slots"
  start_silo "$name-2" "${ports[3]}" "${ports[4]}" "${ports[5]}" "$slots" K2__Cluster__PrimarySiloPort="${ports[0]}"
  deadline=$((SECONDS + silo_start_timeout))
  until (($(active_silos "${ports[2]}") == 2 && $(active_silos "${ports[5]}") == 2)); do
    local silo_name
    for silo_name in "$name-1" "$name-2"; do
      kill -0 "${silo_pid[$silo_name]}" 2>/dev/null || { tail -n 30 "$work/$silo_name.out" >&2; die "$silo_name exited while starting (output in $work/$silo_name.out)"; }
    done
    ((SECONDS < deadline)) || { tail -n 30 "$work/$name-1.out" "$work/$name-2.out" >&2; die "the 2 silos did not both report 2 active silos within $silo_start_timeout s"; }
    sleep 0.2
  done
  log "$name: cluster of 2 silos up; submitting"
  local -x K2__Cluster__Mode=Localhost K2__Cluster__ClusterId="k2-bench-$$" K2__Cluster__GatewayPort="${ports[1]}" K2__StatusBridge__TcpEndpoint="127.0.0.1:${ports[2]}"
  start=$(date +%s.%N)
  cpu_before=$(silo_cpu "$name-1" "$name-2")
  job=$(timeout 120 dotnet "$k2" submit "$spec" --out "$out" --force 2>"$work/$name.err" | head -n 1) || true
  [[ -n $job ]] || { cat "$work/$name.err" >&2; die "$name: k2 submit failed"; }
  timeout "$pair_timeout" dotnet "$k2" watch "$job" >"$work/$name.out" 2>>"$work/$name.err" || { cat "$work/$name.out" "$work/$name.err" >&2; die "$name: k2 watch $job failed or took over $pair_timeout s"; }
  end=$(date +%s.%N)
  job_cpu[$name]=$(awk -v a="$cpu_before" -v b="$(silo_cpu "$name-1" "$name-2")" 'BEGIN { print b - a }')
  stop_silos
  wall[$name]=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
  cpu[$name]=$(time_cpu "$work/$name-1.time" "$work/$name-2.time")
  rss[$name]=$(time_rss "$work/$name-1.time" "$work/$name-2.time")
  reported[$name]=$(grep -o '([0-9.]* img/s)' "$work/$name.out" | tr -d '(a-z/ )' || true)
  collect "$name" "$spec" "$expected" "$out"
}

log "spec $spec: $total combinations (baseline: $baseline_total), $cores cores, mode $mode"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

jobs=$work/convert.jobs
per_job=$(dotnet "$harness" convert-jobs "$spec" "$work/out/baseline" "$jobs" "$every")
export MAGICK_THREAD_LIMIT=2
measure baseline "$spec" "$baseline_total" "$work/out/baseline" xargs -0 -n "$per_job" -P "$cores" "$convert" <"$jobs"
unset MAGICK_THREAD_LIMIT

log "netvips: calibrating PNG settings against the baseline's bytes"
peer_setting=$(dotnet "$peer" calibrate "$spec" "$work/out/baseline" "$(dotnet "$harness" sample "$spec" "$every" 8)" 2>"$work/calibrate.log")
measure netvips "$spec" "$total" "$work/out/netvips" dotnet "$peer" render "$spec" --out "$work/out/netvips" --parallel "$cores" $peer_setting
measure loop "$spec" "$total" "$work/out/loop" dotnet "$loop" "$spec" --out "$work/out/loop" --parallel "$cores"
measure k2 "$spec" "$total" "$work/out/k2" dotnet "$k2" render "$spec" --out "$work/out/k2" --parallel "$cores" --force
measure_pair k2pair "$spec" "$total" "$work/out/k2pair"

pixels_ok=1
for name in netvips loop k2 k2pair; do
  log "$name: pixel check against the baseline on $samples images"
  if check[$name]=$(dotnet "$harness" pixel-check "$spec" "$work/out/baseline" "$work/out/$name" "$every" "$samples"); then
    check[$name]="within 1 level: ${check[$name]}"
  else
    check[$name]="MORE THAN 1 LEVEL: ${check[$name]}"
    # The peer is not ours to fix; our own paths must match the baseline.
    [[ $name == netvips ]] || pixels_ok=0
  fi
done

scale_rows=""
if [[ $mode == full ]]; then
  scale10=$work/scale-10k/trophy.json
  n10=$(dotnet "$harness" variant "$work/specs/scale-128k/trophy.json" "$scale10" column=3)
  n128=$(dotnet "$harness" count "$work/specs/scale-128k/trophy.json")
  for pair in "scale10:$scale10:$n10" "scale128:$work/specs/scale-128k/trophy.json:$n128"; do
    IFS=: read -r name file count <<<"$pair"
    measure "$name" "$file" "$count" "$work/out/$name" dotnet "$k2" render "$file" --out "$work/out/$name" --parallel "$cores" --force
    rm -rf "$work/out/$name"
    scale_rows+="| \`k2 render\`, 1 silo | $count | ${wall[$name]} | $(awk -v n="$count" -v w="${wall[$name]}" 'BEGIN { printf "%.0f", n / w }') | ${reported[$name]} | ${bytes[$name]} | ${rss[$name]} |"$'\n'
  done
fi

# Full pipeline against the tight loop by job size: the two alternate, three rounds each, and the medians are
# compared, so a machine that slows down mid-run slows both. One combination shows the fixed cost of each process.
overhead_rows=""
if [[ $mode == full ]]; then
  one=$work/specs/bench-1/trophy.json
  wide=$work/specs/bench-3600/trophy.json
  n1=$(dotnet "$harness" variant "$spec" "$one" base=1 column=1 riser=1 topper=1)
  n3600=$(dotnet "$harness" variant "$spec" "$wide" 'base*4')
  median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
  for pair in "bench-1:$one:$n1" "bench-900:$spec:$total" "bench-3600:$wide:$n3600"; do
    IFS=: read -r label file count <<<"$pair"
    loop_walls=() k2_walls=() loop_owns=() k2_owns=()
    for round in 1 2 3; do
      rm -rf "$work/out/vs-loop" "$work/out/vs-k2"
      measure vs-loop "$file" "$count" "$work/out/vs-loop" dotnet "$loop" "$file" --out "$work/out/vs-loop" --parallel "$cores"
      measure vs-k2 "$file" "$count" "$work/out/vs-k2" dotnet "$k2" render "$file" --out "$work/out/vs-k2" --parallel "$cores" --force
      loop_walls+=("${wall[vs-loop]}") k2_walls+=("${wall[vs-k2]}") loop_owns+=("${reported[vs-loop]}") k2_owns+=("${reported[vs-k2]}")
    done
    rm -rf "$work/out/vs-loop" "$work/out/vs-k2"
    lw=$(median "${loop_walls[@]}") kw=$(median "${k2_walls[@]}") lo=$(median "${loop_owns[@]}") ko=$(median "${k2_owns[@]}")
    overhead_rows+="| $label | $count | $lw | $kw | $(awk -v l="$lw" -v k="$kw" 'BEGIN { printf "%.2fx", l / k }') | $lo | $ko | $(awk -v l="$lo" -v k="$ko" 'BEGIN { printf "%.2fx", k / l }') |"$'\n'
  done
fi

# --- report ------------------------------------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
rate() { awk -v n="$1" -v w="$2" 'BEGIN { printf "%.1f", n / w }'; }
base_rate=$(rate "${count[baseline]}" "${wall[baseline]}")
row() { # name, label, pixel note
  local name=$1 r
  r=$(rate "${count[$name]}" "${wall[$name]}")
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$2" "${count[$name]}" "${wall[$name]}" "$r" "${reported[$name]:--}" "$(ratio "$r" "$base_rate")" \
    "$(awk -v c="${cpu[$name]}" -v n="${count[$name]}" 'BEGIN { printf "%.1f", c * 1000 / n }')" \
    "${bytes[$name]}" "$(ratio "${bytes[$name]}" "${bytes[baseline]}")" "${rss[$name]}" "$3"
}
history=""
[[ -f $results ]] && history=$(sed -n '/^<!-- history/,$p' "$results")
# Before the report overwrites results.md, which would count as a change of its own.
revision="$(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet HEAD || echo ' plus uncommitted changes')"
{
  echo "# Benchmark results"
  echo
  echo "Written by \`bench/run.sh --$mode\` on $(date -u '+%Y-%m-%d %H:%M UTC'): $cores cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')),"
  echo "load average before the run $load_before (the machine is shared), commit $revision."
  echo "Spec: \`bench-900\` ($total combinations of 500x800 PNG, 4 layers, no tint, no optional slot)."
  if ((every > 1)); then
    echo "Quick mode: the baseline renders every ${every}th combination (${count[baseline]} images), the other paths all $total;"
    echo "bytes/image of every path is the mean over the baseline's images."
  fi
  echo "Every .NET path runs from a ReadyToRun publish (\`dotnet publish -c Release -r linux-x64 -p:PublishReadyToRun=true\`)."
  echo "Every path renders into its own empty folder; img/s is images over the whole process's wall time (start-up included);"
  echo "\"own img/s\" is what the tool reports for its render phase. CPU ms/image is user plus system time over images (steadier"
  echo "than wall time on a shared machine). Peak RSS from \`/usr/bin/time -v\`."
  echo
  echo "| path | images | wall s | img/s | own img/s | img/s vs baseline | CPU ms/image | bytes/image | bytes vs baseline | peak RSS MiB | pixels vs baseline |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
  row baseline "seed-style: one \`convert-im6.q16\` per image, $cores at once, MAGICK_THREAD_LIMIT=2" "reference"
  row netvips "NetVips 3.2.0 / libvips 8.18.7 in-process, $cores workers, PNG \`$peer_setting\`" "${check[netvips]}"
  row loop "renderer tight loop (LocalRenderer, no Orleans), $cores workers" "${check[loop]}"
  row k2 "full pipeline: \`k2 render --parallel $cores\`, 1 silo" "${check[k2]}"
  row k2pair "full pipeline, 2 silos on one host: \`k2 submit\` + \`k2 watch\` against 2 \`k2orleans-silo\`, each with MaxConcurrentRenders $((cores / 2 > 0 ? cores / 2 : 1)) (*)" "${check[k2pair]}"
  echo
  echo "(*) The 2 silos together have as many render slots as the other paths have workers. Their start-up is not in its"
  echo "wall time, which runs from \`k2 submit\` to the end of \`k2 watch\` (a daemon is already up); own img/s is the job's"
  echo "own rate. Its CPU ms/image is both silos' user plus system time over their whole life (start-up and shutdown"
  echo "included, the k2 client processes not); from \`k2 submit\` to the end of \`k2 watch\` alone they used"
  echo "$(awk -v c="${job_cpu[k2pair]}" -v n="${count[k2pair]}" 'BEGIN { printf "%.1f", c * 1000 / n }') CPU ms/image. Peak RSS is the larger silo's."
  echo
  echo "Baseline peak RSS is one \`convert\` process; $cores run at once. Pixel check: \`max\` is the largest difference of one"
  echo "channel in 8-bit levels over the sampled images (fully transparent pixels compare equal), \`differing\` counts channels."
  echo "NetVips PNG setting: the fastest zlib level and filter whose bytes stay within 5% of the baseline's on 8 of the"
  echo "baseline's images (\`bench/NetVipsPeer/Calibrator.cs\`, log in \`$work/calibrate.log\`)."
  if [[ -n $scale_rows ]]; then
    echo
    echo "## Peak RSS against job size (scale-128k, 64x96 canvas, tints and an optional slot)"
    echo
    echo "| path | combinations | wall s | img/s | own img/s | bytes/image | peak RSS MiB |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
    printf '%s' "$scale_rows"
  fi
  if [[ -n $overhead_rows ]]; then
    echo
    echo "## Full pipeline against the renderer tight loop, by job size (bench-900 cut down and widened)"
    echo
    echo "\`k2 render --parallel $cores --force\` and the tight loop with $cores workers, alternating, three runs each; medians."
    echo "Wall includes each process's start-up; own img/s is each tool's render phase (for \`k2 render\`, job start to end)."
    echo "bench-1 is one combination: the fixed cost of each process. bench-3600 repeats the 3 bases 4 times, one pixel apart."
    echo
    echo "| spec | images | loop wall s | k2 wall s | k2 vs loop, wall | loop own img/s | k2 own img/s | k2 vs loop, own rate |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    printf '%s' "$overhead_rows"
  fi
  if [[ -n $history ]]; then
    echo
    echo "$history"
  fi
} >"$results"
log "wrote $results"
cat "$results"
((pixels_ok)) || die "an output of the project differs from the baseline by more than one level"
