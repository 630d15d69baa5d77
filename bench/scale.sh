#!/usr/bin/env bash
# Scale figures (issue N): (1) two k2orleans-silo daemons, each pinned to its own core with taskset, against one silo
# pinned to one core, on the same 3,600-image job (500x800): the speed-up, target >= 1.8x; (2) the old daemon's headline
# job at full size, 128,250 combinations of a 500x800 trophy (headline-128k), end to end through one daemon: wall time
# and peak RSS. Prints a markdown section for bench/results.md. See bench/README.md.
#
#   bench/scale.sh [--quick] [--no-build] [--pairs N] [--no-headline]
#
# --quick proves the script on small jobs (bench-900 instead of 3,600 images; 1,710 headline combinations instead of
# 128,250); its figures are not the ones to publish. --pairs N (default 5) runs the one-silo and the two-silo job in
# turn N times: a shared machine's speed drifts by a third within minutes, so the speed-up is the median of the pairs'
# ratios, as the ratio of two single runs is not. --no-headline leaves out the 128,250-image job.
set -euo pipefail
mode=full
build=1
pairs=5
headline_run=1
usage() { echo "usage: bench/scale.sh [--quick] [--no-build] [--pairs N] [--no-headline]" >&2; exit 2; }
while (($#)); do
  case "$1" in
    --quick) mode=quick ;;
    --no-build) build=0 ;;
    --no-headline) headline_run=0 ;;
    --pairs) shift; [[ ${1:-} =~ ^[1-9][0-9]?$ ]] || usage; pairs=$1 ;;
    *) usage ;;
  esac
  shift
done

repo=$(cd "$(dirname "$0")/.." && pwd)
work=${K2_BENCH_WORK:-/tmp/k2-bench}-scale
published=${K2_BENCH_BIN:-/tmp/k2-bench.bin}
cores=$(nproc)
build_log=$work.build.log tag=scale
source "$repo/bench/lib.sh"
((cores >= 2)) || die "two cores are needed to pin two silos to a core each; this machine has $cores"
command -v taskset >/dev/null || die "taskset (util-linux) is missing"

harness=$repo/bench/Harness/bin/Release/net10.0/k2-bench.dll
generator=$repo/tools/SampleGenerator/bin/Release/net10.0/k2-sample-generator.dll
k2=$published/k2/k2.dll
silo=$published/k2orleans-silo/k2orleans-silo.dll
if ((build)); then
  build_release tools/SampleGenerator bench/Harness
  publish_release src/Cli:k2 src/Silo:k2orleans-silo
fi
for program in "$harness" "$generator" "$k2" "$silo"; do
  [[ -f $program ]] || die "$program is missing; run without --no-build"
done

# --- specs -------------------------------------------------------------------------------------------------------
rm -rf "$work" && mkdir -p "$work"
log "writing the specs to $work/specs"
dotnet "$generator" bench "$work/specs" >/dev/null
dotnet "$generator" headline "$work/specs" >/dev/null
headline=$work/specs/headline-128k/trophy.json
if [[ $mode == quick ]]; then
  pinned_spec=$work/specs/bench-900/trophy.json pinned_label=bench-900
  headline_spec=$work/specs/headline-quick.json
  dotnet "$harness" variant "$headline" "$headline_spec" column=2 topper=3 >/dev/null
else
  pinned_spec=$work/specs/bench-3600.json pinned_label=bench-3600
  dotnet "$harness" variant "$work/specs/bench-900/trophy.json" "$pinned_spec" 'base*4' >/dev/null
  headline_spec=$headline
fi
# Each cluster first builds the measured job once, uncounted, as a daemon has built trophies before: the measured runs
# then find every hot method compiled optimised in every silo (a shorter warm-up left the runtime's tiered JIT still
# at work during them), so the second silo's warm-up is not charged to the ratio.
warm_spec=$pinned_spec
warm_total=$(dotnet "$harness" count "$warm_spec")
pinned_total=$(dotnet "$harness" count "$pinned_spec")
headline_total=$(dotnet "$harness" count "$headline_spec")
[[ $mode == quick ]] || ((pinned_total == 3600 && headline_total == 128250)) \
  || die "the specs have $pinned_total and $headline_total combinations, expected 3600 and 128250"

# The headline's images stay on disk until it is counted: about 175 KB each (bench/results.md), 22 GB in all.
need_kib=$((headline_total * 200))
free_kib=$(df --output=avail -k "$work" | tail -1)
((!headline_run || free_kib > need_kib)) || die "$work has $((free_kib / 1048576)) GiB free; the headline job needs about $((need_kib / 1048576)) GiB"

# --- silos -------------------------------------------------------------------------------------------------------
# Each silo runs from its own working folder in Localhost mode (a second one joins the first through
# Cluster:PrimarySiloPort), dashboard, image endpoint and WordPress off. `exec env ... taskset -c N dotnet` keeps one
# pid from the subshell to the silo, so /proc/<pid> is the silo's own.
declare -A silo_pid silo_status silo_gateway
start_silo() { # name, cpu ("" = not pinned), render slots, primary silo port (0 = none), extra K2__ settings...
  local name=$1 cpu=$2 slots=$3 primary=$4 ports pin=()
  shift 4
  read -r -a ports <<<"$(dotnet "$harness" free-ports 3)"
  [[ -n $cpu ]] && pin=(taskset -c "$cpu")
  mkdir -p "$work/$name"
  (cd "$work/$name" && exec env K2__Cluster__Mode=Localhost K2__Cluster__ClusterId="k2-scale-$$-$run" \
    K2__Cluster__SiloPort="${ports[0]}" K2__Cluster__GatewayPort="${ports[1]}" K2__StatusBridge__TcpEndpoint="127.0.0.1:${ports[2]}" \
    K2__Cluster__PrimarySiloPort="$primary" K2__Dashboard__Enabled=false K2__Images__Enabled=false K2__Metrics__Endpoint=off K2__WordPress__Enabled=false \
    K2__Logging__Syslog=false K2__Rendering__MaxConcurrentRenders="$slots" K2__Rendering__OutputRoots__0="$work" K2__Rendering__AssetRoots__0="$work" \
    "$@" "${pin[@]}" dotnet "$silo" >"$work/$name.out" 2>&1) &
  silo_pid[$name]=$! silo_status[$name]=${ports[2]} silo_gateway[$name]=${ports[1]} silo_port=${ports[0]}
}
stop_silos() {
  local name
  for name in "${!silo_pid[@]}"; do kill -TERM "${silo_pid[$name]}" 2>/dev/null || true; done
  for name in "${!silo_pid[@]}"; do
    timeout 60 tail --pid="${silo_pid[$name]}" -f /dev/null || kill -KILL "${silo_pid[$name]}" 2>/dev/null || true
    wait "${silo_pid[$name]}" 2>/dev/null || true
    unset "silo_pid[$name]"
  done
}
trap stop_silos EXIT
ask() { # status port, request: one status-socket line (contracts.md section 3)
  local line
  { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
  printf '%s\n' "$2" >&3
  IFS= read -r -t 5 line <&3 || line=""
  exec 3<&-
  printf '%s' "$line"
}
wait_active() { # expected active silos, the silos that must each report them within 120 s
  local expected=$1 deadline=$((SECONDS + 120)) name ok
  shift
  while :; do
    ok=1
    for name in "$@"; do
      kill -0 "${silo_pid[$name]}" 2>/dev/null || { tail -n 30 "$work/$name.out" >&2; die "$name exited while starting"; }
      (($(ask "${silo_status[$name]}" STATUS | grep -o '"status":"active"' | wc -l) == expected)) || ok=0
    done
    ((ok)) && return
    ((SECONDS < deadline)) || die "$* did not report $expected active silos within 120 s (output in $work/*.out)"
    sleep 0.2
  done
}
cpu_seconds() { # user + system seconds of the given silos so far
  local name ticks=0
  for name in "$@"; do ticks=$((ticks + $(awk '{ print $14 + $15 }' "/proc/${silo_pid[$name]}/stat"))); done
  awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", t / hz }'
}
wait_quiet() { # silos: waits until together they use under 0.1 CPU s in 2 s (the runtime's background JIT done)
  local deadline=$((SECONDS + 300)) before after
  while :; do
    before=$(cpu_seconds "$@")
    sleep 2
    after=$(cpu_seconds "$@")
    awk -v a="$before" -v b="$after" 'BEGIN { exit !(b - a < 0.1) }' && return
    ((SECONDS < deadline)) || die "$* still used $(awk -v a="$before" -v b="$after" 'BEGIN { print b - a }') CPU s in 2 s after 300 s"
  done
}
peak_rss() { # the largest VmHWM of the given silos, MiB
  local name kib=0 k
  for name in "$@"; do
    k=$(awk '/^VmHWM:/ { print $2 }' "/proc/${silo_pid[$name]}/status")
    ((k > kib)) && kib=$k
  done
  echo $((kib / 1024))
}
# Submits the spec through the first silo's gateway and watches it to the end: wall seconds from `k2 submit` to the
# end of `k2 watch` (the silos are up, as a daemon is), the job's own rate as `k2 watch` prints it, and a check that
# every image is on disk.
declare -A wall own job_s count cpu rss split
run_job() { # row name, spec, expected images, silo whose gateway takes the job, every silo of the cluster...
  local row=$1 spec=$2 expected=$3 first=$4 out=$work/out/$1 job start end cpu_before files
  shift 4
  mkdir -p "$out"
  local -x K2__Cluster__Mode=Localhost K2__Cluster__ClusterId="k2-scale-$$-$run" \
    K2__Cluster__GatewayPort="${silo_gateway[$first]}" K2__StatusBridge__TcpEndpoint="127.0.0.1:${silo_status[$first]}"
  log "$row: submitting $expected images"
  cpu_before=$(cpu_seconds "$@")
  local name i before=()
  for name in "$@"; do before+=("$(cpu_seconds "$name")"); done
  start=$(date +%s.%N)
  job=$(timeout 300 dotnet "$k2" submit "$spec" --out "$out" --force 2>"$work/$row.err" | head -n 1) || true
  [[ -n $job ]] || { cat "$work/$row.err" >&2; die "$row: k2 submit failed"; }
  timeout 14400 dotnet "$k2" watch "$job" >"$work/$row.watch" 2>>"$work/$row.err" || { tail -n 5 "$work/$row.watch" "$work/$row.err" >&2; die "$row: k2 watch $job failed"; }
  end=$(date +%s.%N)
  cpu[$row]=$(awk -v a="$cpu_before" -v b="$(cpu_seconds "$@")" 'BEGIN { printf "%.1f", b - a }')
  # Each silo's share shows whether the batches were spread at all.
  split[$row]="" i=0
  for name in "$@"; do
    split[$row]+="${split[$row]:+, }$name $(awk -v a="${before[i]}" -v b="$(cpu_seconds "$name")" 'BEGIN { printf "%.1f", b - a }') s"
    i=$((i + 1))
  done
  rss[$row]=$(peak_rss "$@")
  wall[$row]=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
  own[$row]=$(grep -o '([0-9.]* img/s)' "$work/$row.watch" | tail -1 | tr -d '(a-z/ )' || true)
  job_s[$row]=$(grep -o ' in [0-9.]* s (' "$work/$row.watch" | tail -1 | tr -dc '0-9.' || true)
  files=$(find "$out" -type f -name '*.png' | wc -l)
  ((files == expected)) || die "$row wrote $files images, expected $expected"
  count[$row]=$expected
  rm -rf "$out"
  log "$row: ${wall[$row]} s wall, ${own[$row]:-?} img/s own, ${cpu[$row]} CPU s (${split[$row]}), ${rss[$row]} MiB peak RSS"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
log "mode $mode, $cores cores; pinned job: $pinned_total images; headline job: $headline_total images"

# 1. One silo on core 0 with one render slot, and a cluster of two silos on cores 0 and 1 with one slot each, both up
# for the whole comparison (the idle one's CPU during the other's job is reported). Job state in memory
# (Storage:Provider=Memory) so both have the same storage, as in bench/run.sh's two-silo path. The two run the same job
# in turn, one then two, $pairs times: each pair's ratio compares runs a minute apart at most.
run=one
start_silo one-1 0 1 0 K2__Storage__Provider=Memory
run=solo
start_silo solo-1 1 1 0 K2__Storage__Provider=Memory
run=two
start_silo two-1 0 1 0 K2__Storage__Provider=Memory
start_silo two-2 1 1 "$silo_port" K2__Storage__Provider=Memory
# "$silo_port" is expanded before the second start_silo runs: the first two-silo's port, which the second joins.
wait_active 1 one-1
wait_active 1 solo-1
wait_active 2 two-1 two-2
run=one
run_job warm-one "$warm_spec" "$warm_total" one-1 one-1
run=solo
run_job warm-solo "$warm_spec" "$warm_total" solo-1 solo-1
run=two
run_job warm-two "$warm_spec" "$warm_total" two-1 two-1 two-2
# After a job a silo's runtime goes on compiling hot methods again, optimised (tiered JIT), for seconds of CPU. Each job
# starts only when every silo of both clusters is quiet: the idle cluster shares core 0, and its JIT would slow the
# measured one (what is left, "idle CPU s", is reported).
declare -A idle apart
for ((p = 1; p <= pairs; p++)); do
  # What two cores give at most on this machine: the one-silo cluster and a second, separate one on core 1 build the
  # job at the same time, sharing nothing. Two busy cores may each run slower than one busy core (shared caches, memory,
  # a virtual machine's host), and no cluster can beat that.
  wait_quiet one-1 solo-1 two-1 two-2
  watchers=()
  for name in one-1 solo-1; do
    ( cluster=${name%-1}
      export K2__Cluster__Mode=Localhost K2__Cluster__ClusterId="k2-scale-$$-$cluster" \
        K2__Cluster__GatewayPort="${silo_gateway[$name]}" K2__StatusBridge__TcpEndpoint="127.0.0.1:${silo_status[$name]}"
      mkdir -p "$work/out/apart-$name"
      job=$(timeout 300 dotnet "$k2" submit "$pinned_spec" --out "$work/out/apart-$name" --force 2>"$work/apart-$name.err" | head -n 1)
      timeout 3600 dotnet "$k2" watch "$job" >"$work/apart-$name.watch" 2>>"$work/apart-$name.err" ) &
    watchers+=($!)
  done
  wait "${watchers[@]}" || true
  for name in one-1 solo-1; do
    files=$(find "$work/out/apart-$name" -type f -name '*.png' | wc -l)
    ((files == pinned_total)) || { cat "$work/apart-$name.err" >&2; die "apart-$name wrote $files images, expected $pinned_total"; }
    apart[$p-$name]=$(grep -o ' in [0-9.]* s (' "$work/apart-$name.watch" | tail -1 | tr -dc '0-9.')
    rm -rf "$work/out/apart-$name"
  done
  log "apart $p: one-1 ${apart[$p-one-1]} s, solo-1 ${apart[$p-solo-1]} s (job times, side by side)"
  for cluster in one two; do
    [[ $cluster == one ]] && members=(one-1) others=(two-1 two-2 solo-1) || members=(two-1 two-2) others=(one-1 solo-1)
    wait_quiet one-1 solo-1 two-1 two-2
    run=$cluster before_idle=$(cpu_seconds "${others[@]}")
    run_job "pair$p-$cluster" "$pinned_spec" "$pinned_total" "${members[0]}" "${members[@]}"
    idle[pair$p-$cluster]=$(awk -v a="$before_idle" -v b="$(cpu_seconds "${others[@]}")" 'BEGIN { printf "%.1f", b - a }')
  done
done
stop_silos

# 2. The headline job through one daemon as installed on one host: every core, the default job state (SQLite in its
# working folder), not pinned.
if ((headline_run)); then
  run=headline
  start_silo headline-1 "" "$cores" 0
  wait_active 1 headline-1
  run_job headline "$headline_spec" "$headline_total" headline-1 headline-1
  stop_silos
fi

# --- report ------------------------------------------------------------------------------------------------------
rate() { awk -v n="$1" -v w="$2" 'BEGIN { printf "%.1f", n / w }'; }
per_image() { awk -v c="${cpu[$1]}" -v n="${count[$1]}" 'BEGIN { printf "%.1f", c * 1000 / n }'; }
median() { sort -g | awk '{ v[NR] = $1 } END { printf "%.2f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratios=() job_ratios=() ceilings=() pair_rows=""
for ((p = 1; p <= pairs; p++)); do
  one=pair$p-one two=pair$p-two
  ratios+=("$(awk -v a="${wall[$one]}" -v b="${wall[$two]}" 'BEGIN { printf "%.2f", a / b }')")
  job_ratios+=("$(awk -v a="${job_s[$one]}" -v b="${job_s[$two]}" 'BEGIN { printf "%.2f", a / b }')")
  # Two jobs in the time of the slower, against one job's time alone.
  ceilings+=("$(awk -v a="${job_s[$one]}" -v x="${apart[$p-one-1]}" -v y="${apart[$p-solo-1]}" 'BEGIN { printf "%.2f", 2 * a / (x > y ? x : y) }')")
  pair_rows+="| $p | ${wall[$one]} | ${job_s[$one]} | $(per_image "$one") | ${idle[$one]} | ${wall[$two]} | ${job_s[$two]} | $(per_image "$two") (${split[$two]}) | ${idle[$two]} | ${ratios[-1]}x | ${job_ratios[-1]}x | ${apart[$p-one-1]} and ${apart[$p-solo-1]} | ${ceilings[-1]}x |"$'\n'
done
speedup=$(printf '%s\n' "${ratios[@]}" | median)
low=$(printf '%s\n' "${ratios[@]}" | sort -g | head -1) high=$(printf '%s\n' "${ratios[@]}" | sort -g | tail -1)
job_speedup=$(printf '%s\n' "${job_ratios[@]}" | median)
job_low=$(printf '%s\n' "${job_ratios[@]}" | sort -g | head -1) job_high=$(printf '%s\n' "${job_ratios[@]}" | sort -g | tail -1)
ceiling=$(printf '%s\n' "${ceilings[@]}" | median)
ceiling_low=$(printf '%s\n' "${ceilings[@]}" | sort -g | head -1) ceiling_high=$(printf '%s\n' "${ceilings[@]}" | sort -g | tail -1)
efficiency=$(awk -v s="$job_speedup" -v c="$ceiling" 'BEGIN { printf "%.0f", 100 * s / c }')
verdict=$(awk -v s="$job_speedup" 'BEGIN { print (s >= 1.8) ? "met" : "NOT met" }')
cat <<EOF_MD
## Scale (issue N)

Written by \`bench/scale.sh$([[ $mode == quick ]] && echo ' --quick') --pairs $pairs\` on $(date -u '+%Y-%m-%d %H:%M UTC'): $cores cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')),
load average before $load_before, commit $(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet HEAD || echo ' plus uncommitted changes').$([[ $mode == quick ]] && printf '\n%s' '**Quick mode: small jobs that prove the script; not figures to publish.**')
\`k2orleans-silo\` from a ReadyToRun publish, Localhost mode (a second silo joins the first through \`Cluster:PrimarySiloPort\`).
One silo on core 0, a cluster of two silos on cores 0 and 1, and a separate single silo on core 1 (\`taskset -c\`,
\`Rendering:MaxConcurrentRenders\`=1 each) are up together; each first builds the measured job once, uncounted, so every silo runs warm code (as a daemon
that has built trophies before does). Then they build $pinned_label ($pinned_total images, 500x800) in turn, one then two, $pairs times,
each job only once every silo is quiet (under 0.1 CPU s in 2 s: after a job the runtime goes on compiling hot methods
again, optimised, for seconds). Wall time runs from \`k2 submit\` to the end of \`k2 watch\`; CPU ms/image is the silos'
user plus system time during the job over the images; "idle CPU s" is what the other, idle cluster used meanwhile. The
\`k2\` client processes are not pinned.

| pair | one silo: wall s | job s | CPU ms/image | idle CPU s | two silos: wall s | job s | CPU ms/image (by silo, CPU s) | idle CPU s | wall ratio | job ratio | two separate silos at once: job s | their ratio |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${pair_rows%$'\n'}

Two silos against one, each on one core, the medians of $pairs pairs: **${job_speedup}x** in the job's own time (from
${job_low}x to ${job_high}x; target at least 1.8x: $verdict), ${speedup}x in wall time (from ${low}x to ${high}x). The job's
own time runs from its start to its end on the cluster, as \`k2 watch\` prints it; the wall time adds the \`k2\` client
processes' start-up and polling (about a second of CPU each), which the one-silo run gets from the idle core and the
two-silo run takes from its silos.

What two cores can give here: in each pair the one-silo cluster and a second, separate one-silo cluster on core 1 also
built the job at the same time, sharing nothing; two jobs in the time of the slower against one job alone gave
**${ceiling}x** (median; from ${ceiling_low}x to ${ceiling_high}x). The two-silo cluster reached ${efficiency} % of what two
separate silos did$(awk -v c="$ceiling" 'BEGIN { exit !(c < 1.8) }' && echo ': two busy cores of this machine each run slower than one busy core, so no cluster of two could reach 1.8x here'). Peak RSS (VmHWM): one silo ${rss[pair$pairs-one]} MiB, the larger of the two ${rss[pair$pairs-two]} MiB.
EOF_MD
if ((headline_run)); then
  cat <<EOF_MD

The headline job, $headline_total combinations of a 500x800 trophy (headline-128k, \`k2-sample-generator headline\`: 3
bases x 30 tinted columns x 5 risers x 15 toppers x 18 plates or none$([[ $mode == quick ]] && echo ', cut to 2 columns and 3 toppers')), through one silo as installed on one
host (every core, MaxConcurrentRenders=$cores, SQLite job state, not pinned): ${wall[headline]} s end to end
($(rate "${count[headline]}" "${wall[headline]}") img/s, the job's own rate ${own[headline]:-?} img/s), $(per_image headline) CPU ms per image, peak RSS ${rss[headline]} MiB.
EOF_MD
fi
