#!/bin/bash
# Cron watchdog for the K2Orleans daemon (k2serverd), run every minute from
# /etc/cron.d/k2orleans-watchdog under flock. It asks the daemon's status socket for PING;
# a daemon that is dead is started, one that is alive but does not answer is restarted.
# A healthy daemon costs one PING and leaves no trace. Actions go to syslog with the tag
# k2orleans-watchdog (to stderr, so cron mails them, when syslog is unavailable).
#
# systemd installs don't need this: the units restart on exit and on a missed WatchdogSec.
#
# Every setting can be overridden from the environment (K2_* below); the watchdog reads
# /etc/default/k2serverd too, like the init script.

set -u

DEFAULTS_FILE=${K2_DEFAULTS_FILE:-/etc/default/k2serverd}
# shellcheck disable=SC1090
[ -r "$DEFAULTS_FILE" ] && . "$DEFAULTS_FILE"

HOST=${K2_WATCHDOG_HOST:-127.0.0.1}
PORT=${K2_WATCHDOG_PORT:-7070}
PING_TIMEOUT=${K2_WATCHDOG_TIMEOUT:-5}     # seconds to connect and get the answer
GRACE=${K2_WATCHDOG_GRACE:-120}            # a daemon younger than this may still be starting
INIT_SCRIPT=${K2_INIT_SCRIPT:-/etc/init.d/k2serverd}
PIDFILE=${K2_PIDFILE:-/run/k2orleans-root/k2serverd.pid}   # root's folder, see the init script
STOPPED_MARK=${K2_STOPPED_MARK:-$(dirname "$PIDFILE")/k2serverd.stopped}
SYSTEMD_UNIT=${K2_SYSTEMD_UNIT:-k2orleans-silo.service}
SERVICE_MANAGER=${K2_SERVICE_MANAGER:-auto}  # auto, init or systemd
TAG=k2orleans-watchdog

export K2_PIDFILE="$PIDFILE" K2_STOPPED_MARK="$STOPPED_MARK"

log() {
    # $1 priority, $2 message
    logger --socket-errors=on ${K2_LOG_SOCKET:+-u "$K2_LOG_SOCKET"} -t "$TAG" -p "daemon.$1" -- "$2" 2>/dev/null \
        || printf '%s: %s\n' "$TAG" "$2" >&2
}

# Prints the daemon's one-line answer to PING; fails on no connection or no answer in time.
# SIGPIPE is ignored: a busy daemon sends its one line and closes, maybe before PING arrives,
# and that line must still be read.
ping_daemon() {
    timeout "$PING_TIMEOUT" bash -c '
        trap "" PIPE
        exec 3<>"/dev/tcp/$1/$2" || exit 1
        printf "PING\n" >&3
        IFS= read -r reply <&3 || exit 1
        printf "QUIT\n" >&3
        printf "%s\n" "$reply"' ping "$HOST" "$PORT" 2>/dev/null
}

use_systemd() {
    case "$SERVICE_MANAGER" in
        systemd) return 0 ;;
        init) return 1 ;;
    esac
    [ -d /run/systemd/system ] && [ ! -x "$INIT_SCRIPT" ]
}

service_running() {
    if use_systemd; then
        systemctl --quiet is-active "$SYSTEMD_UNIT"
    else
        "$INIT_SCRIPT" status >/dev/null 2>&1
    fi
}

# $1 start or restart. Logs the outcome.
service_action() {
    local output rc
    if use_systemd; then
        output=$(systemctl "$1" "$SYSTEMD_UNIT" 2>&1)
    else
        output=$("$INIT_SCRIPT" "$1" 2>&1)
    fi
    rc=$?
    local pid_note=""
    if ! use_systemd && [ -f "$PIDFILE" ] && [ ! -L "$PIDFILE" ]; then
        pid_note=" (pid $(head -c 20 "$PIDFILE"))"
    fi
    if [ "$rc" -eq 0 ]; then
        log notice "k2serverd ${1}ed${pid_note}"
    else
        log err "$1 of k2serverd failed (exit $rc): ${output//$'\n'/ | }"
    fi
    return "$rc"
}

# Seconds since the pid file was written, i.e. since the daemon was started.
daemon_age() {
    local written
    written=$(stat -c %Y "$PIDFILE" 2>/dev/null) || { echo 999999; return; }
    echo $(( $(date +%s) - written ))
}

main() {
    if [ -e "$STOPPED_MARK" ] && ! use_systemd; then
        exit 0  # stopped on purpose with the init script
    fi

    local reply
    if reply=$(ping_daemon) && [[ "$reply" == *'"pong":true'* ]]; then
        # A silo that has just started may answer before it has seen itself become active.
        if [[ "$reply" == *'"running":false'* ]] && [ "$(daemon_age)" -ge "$GRACE" ]; then
            log warning "k2serverd answers on $HOST:$PORT but reports no active silo (cluster unreachable?)"
        fi
        exit 0
    fi
    if [[ "$reply" == *'"error":"busy"'* ]]; then
        # Every status connection is taken: by load, or by any local user holding them open.
        # The daemon answered, so it is alive; restarting it would hand that user a restart loop.
        log notice "k2serverd answers busy on $HOST:$PORT (all status connections in use); leaving it running"
        exit 0
    fi

    if ! service_running; then
        log warning "k2serverd is not running; starting it"
        service_action start
        exit
    fi

    if [ "$(daemon_age)" -lt "$GRACE" ]; then
        exit 0  # started moments ago; the silo may not be listening yet
    fi

    log warning "k2serverd is running but did not answer PING on $HOST:$PORT within ${PING_TIMEOUT}s (hung?); restarting it"
    service_action restart
}

main "$@"
