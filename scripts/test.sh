#!/usr/bin/env bash
# The project's test command: ./scripts/test.sh [extra dotnet test arguments, e.g. --filter X]
#
# 1. Installs the system packages the tests use, if missing (Debian/Ubuntu, as root or via sudo).
# 2. Builds K2Orleans.sln once with warnings as errors.
# 3. Runs every test project under tests/ without rebuilding, and ends with one line
#    "N passed, M failed[, K skipped]". Exits non-zero if anything failed or no test ran.
# The tests start their own throwaway MariaDB (tests/TestSupport); no server needs to run.
set -uo pipefail

cd "$(dirname "$0")/.."

readonly PACKAGES=(mariadb-server mariadb-client iproute2 php-cli php-mysql wordpress imagemagick rsyslog procps util-linux chromium-headless-shell apache2 libapache2-mod-php prometheus)
readonly RESULTS_DIR="artifacts/test-results"
# A test hanging longer than this is killed (with its test host) and counted as failed.
readonly HANG_TIMEOUT="${K2_TEST_HANG_TIMEOUT:-10m}"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Debian keeps mariadbd in /usr/sbin, which a non-login PATH may lack.
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"

started=$SECONDS
say() { printf '[test.sh %4ds] %s\n' "$((SECONDS - started))" "$*"; }
finish() { # passed failed skipped
    local line="$1 passed, $2 failed"
    (($3 > 0)) && line+=", $3 skipped"
    echo "$line"
}

install_missing_packages() {
    if ! command -v dpkg-query >/dev/null; then
        say "not a Debian-like system: install ${PACKAGES[*]} (or equivalents) yourself"
        return 0
    fi
    local missing=() package
    for package in "${PACKAGES[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$package")
        fi
    done
    if ((${#missing[@]} == 0)); then
        say "system packages present"
        return 0
    fi

    local sudo=()
    if ((EUID != 0)); then
        command -v sudo >/dev/null || { say "missing packages (${missing[*]}) and not root; install them or run as root"; return 1; }
        sudo=(sudo)
    fi
    say "installing ${missing[*]}"
    # The tests start their own MariaDB; keep package scripts from starting the system service
    # (unless the machine already has a policy that decides this).
    local policy=/usr/sbin/policy-rc.d added_policy=0
    if [[ ! -e $policy ]]; then
        printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null && "${sudo[@]}" chmod +x "$policy" && added_policy=1
    fi
    local status=0 log=artifacts/apt.log
    mkdir -p artifacts
    {
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q &&
            "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
                -o DPkg::Lock::Timeout=300 "${missing[@]}"
    } >"$log" 2>&1 || status=$?
    ((added_policy)) && "${sudo[@]}" rm -f "$policy"
    if ((status != 0)); then
        tail -n 20 "$log"
        say "apt-get failed (exit $status); full output in $log"
        return 1
    fi
    say "installed ${missing[*]}"
}

# Reads the counters of a VSTest .trx file: prints "executed passed failed notExecuted".
trx_counts() {
    local counters
    counters=$(grep -o '<Counters [^>]*>' "$1" | head -n 1)
    local name value out=()
    for name in executed passed failed notExecuted; do
        value=$(sed -n "s/.* $name=\"\\([0-9]*\\)\".*/\\1/p" <<<"$counters")
        out+=("${value:-0}")
    done
    echo "${out[@]}"
}

if ! command -v dotnet >/dev/null; then
    say "dotnet is not on PATH; install the .NET 10 SDK"
    finish 0 0 0
    exit 1
fi

install_missing_packages || { finish 0 0 0; exit 1; }

say "building K2Orleans.sln"
if ! dotnet build K2Orleans.sln -warnaserror -nologo -v minimal -clp:ErrorsOnly; then
    say "build failed"
    finish 0 0 0
    exit 1
fi
say "build done"

mapfile -t projects < <(grep -l 'Microsoft.NET.Test.Sdk' tests/*/*.csproj | sort)
if ((${#projects[@]} == 0)); then
    say "no test projects under tests/"
    finish 0 0 0
    exit 1
fi

rm -rf "$RESULTS_DIR"
mkdir -p "$RESULTS_DIR"
passed=0 failed=0 skipped=0 index=0
for project in "${projects[@]}"; do
    index=$((index + 1))
    name=$(basename "$project" .csproj)
    say "($index/${#projects[@]}) $name"
    dotnet test "$project" --no-build --nologo \
        --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS_DIR" \
        --blame-hang-timeout "$HANG_TIMEOUT" --blame-hang-dump-type none \
        "$@"
    status=$?
    trx="$RESULTS_DIR/$name.trx"
    if [[ -f $trx ]]; then
        read -r executed p f not_executed < <(trx_counts "$trx")
    else
        executed=0 p=0 f=0 not_executed=0
    fi
    if ((status != 0 && f == 0)); then
        # The run broke without reporting a failed test (crash, hang kill, bad arguments).
        say "$name: dotnet test exited with $status without a failed test; counting it as one failure"
        f=1
    fi
    passed=$((passed + p))
    failed=$((failed + f))
    skipped=$((skipped + not_executed))
    say "$name: $p passed, $f failed, $not_executed skipped (of $executed run)"
done

say "done; results in $RESULTS_DIR"
finish "$passed" "$failed" "$skipped"
if ((failed > 0 || passed == 0)); then
    exit 1
fi
exit 0
