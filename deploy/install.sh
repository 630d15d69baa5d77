#!/bin/bash
# Installs, upgrades or removes K2Orleans on this machine (or under --root, for packaging and
# tests). Idempotent: running it again upgrades the program files and keeps the configuration.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SERVICE_USER=k2orleans
DEFAULT_OUTPUT_ROOT=/srv/k2orleans/output

usage() {
    cat <<EOF
Usage: install.sh --from DIR [options]      install or upgrade
       install.sh --uninstall [--purge]     remove (--purge: also configuration, data, user)

  --from DIR          published build folder holding k2orleans-silo (dotnet publish output)
  --root DIR          install under DIR instead of / (creates no user, starts nothing);
                      --prefix DIR means the same
  --init KIND         auto (default), systemd or sysv; auto picks systemd when it is running
  --output-root DIR   where images are written (default $DEFAULT_OUTPUT_ROOT); must match
                      Rendering:OutputRoot in /etc/k2orleans/appsettings.json
  --with-bridge       also enable k2orleans-bridge.service (systemd; a separate status bridge)
  --no-start          install and enable, but do not start or restart the daemon
EOF
}

die() { echo "install.sh: $*" >&2; exit 2; }
say() { echo "install.sh: $*"; }

FROM=""
ROOT="/"
INIT=auto
OUTPUT_ROOT=$DEFAULT_OUTPUT_ROOT
WITH_BRIDGE=no
START=yes
ACTION=install
PURGE=no

while [ $# -gt 0 ]; do
    case "$1" in
        --from) FROM=${2:?--from needs a folder}; shift 2 ;;
        --root|--prefix) ROOT=${2:?$1 needs a folder}; shift 2 ;;
        --init) INIT=${2:?--init needs auto, systemd or sysv}; shift 2 ;;
        --output-root) OUTPUT_ROOT=${2:?--output-root needs a folder}; shift 2 ;;
        --with-bridge) WITH_BRIDGE=yes; shift ;;
        --no-start) START=no; shift ;;
        --uninstall) ACTION=uninstall; shift ;;
        --purge) PURGE=yes; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown option '$1'" ;;
    esac
done

case "$INIT" in
    auto) if [ -d /run/systemd/system ]; then INIT=systemd; else INIT=sysv; fi ;;
    systemd|sysv) ;;
    *) die "--init must be auto, systemd or sysv, not '$INIT'" ;;
esac
case "$OUTPUT_ROOT" in
    /*) ;;
    *) die "--output-root must be an absolute path, not '$OUTPUT_ROOT'" ;;
esac

ROOT=$(cd "$ROOT" 2>/dev/null && pwd) || die "--root folder does not exist"
R=${ROOT%/}                 # prefix for every path; empty for the real system
LIVE=no                     # touch users, services and ownership only on the real system
[ -z "$R" ] && LIVE=yes
if [ "$LIVE" = yes ] && [ "$(id -u)" -ne 0 ]; then
    die "must run as root (or use --root DIR)"
fi

OPT=$R/opt/k2orleans
ETC=$R/etc/k2orleans
STATE=$R/var/lib/k2orleans
LOGDIR=$R/var/log/k2orleans
UNITDIR=$R/etc/systemd/system
INITSCRIPT=$R/etc/init.d/k2serverd
CRONFILE=$R/etc/cron.d/k2orleans-watchdog
UNITS="k2orleans-silo.service k2orleans-bridge.service"

live() { [ "$LIVE" = yes ]; }
have() { command -v "$1" >/dev/null 2>&1; }
systemd_running() { live && [ -d /run/systemd/system ] && have systemctl; }

owned_dir() {
    # $1 path, $2 mode, $3 owner (applied on the real system only). A link is refused, not
    # followed: its target, wherever that is, would get the owner and mode.
    if [ -L "$1" ]; then die "$1 is a symbolic link; give the real folder"; fi
    install -d -m "$2" "$1"
    if live; then chown -h "$3" "$1"; fi
}

create_user() {
    if ! live; then
        say "not creating user $SERVICE_USER under --root $ROOT"
        return
    fi
    if getent passwd "$SERVICE_USER" >/dev/null; then
        return
    fi
    local nologin=/usr/sbin/nologin
    [ -x "$nologin" ] || nologin=/sbin/nologin
    useradd --system --user-group --home-dir /var/lib/k2orleans --no-create-home \
        --shell "$nologin" --comment "K2Orleans daemon" "$SERVICE_USER"
    say "created system user $SERVICE_USER"
}

install_program() {
    [ -n "$FROM" ] || die "--from DIR is required (the dotnet publish output)"
    [ -x "$FROM/k2orleans-silo" ] || die "$FROM/k2orleans-silo is missing or not executable"
    if [ "$WITH_BRIDGE" = yes ] && [ ! -x "$FROM/k2orleans-bridge" ]; then
        die "--with-bridge: $FROM/k2orleans-bridge is missing or not executable"
    fi

    # Built aside and swapped in, so that files of an older version don't linger and a
    # failed copy leaves the installed version whole.
    local staging=$OPT.new
    rm -rf "$staging"
    install -d -m 0755 "$staging"
    cp -R "$FROM/." "$staging/"
    install -m 0755 "$SCRIPT_DIR/watchdog.sh" "$staging/watchdog.sh"
    install -m 0644 "$SCRIPT_DIR/appsettings.example.json" "$staging/appsettings.example.json"
    install -m 0644 "$SCRIPT_DIR/README.md" "$staging/README.md"
    if live; then chown -R root:root "$staging"; fi
    rm -rf "$OPT.old"
    if [ -d "$OPT" ]; then mv "$OPT" "$OPT.old"; fi
    mv "$staging" "$OPT"
    rm -rf "$OPT.old"
    say "installed program files in ${OPT}"
}

install_config() {
    owned_dir "$ETC" 0750 "root:$SERVICE_USER"
    if [ -e "$ETC/appsettings.json" ]; then
        say "kept existing $ETC/appsettings.json"
        return
    fi
    install -m 0640 "$SCRIPT_DIR/appsettings.example.json" "$ETC/appsettings.json"
    if live; then chown "root:$SERVICE_USER" "$ETC/appsettings.json"; fi
    say "wrote $ETC/appsettings.json from the example; edit it, then restart the daemon"
}

install_dirs() {
    owned_dir "$STATE" 0755 "$SERVICE_USER:$SERVICE_USER"
    owned_dir "$R$OUTPUT_ROOT" 0755 "$SERVICE_USER:$SERVICE_USER"
}

remove_systemd_files() {
    local unit
    for unit in $UNITS; do
        rm -f "$UNITDIR/$unit"
        rm -rf "$UNITDIR/$unit.d"
    done
}

remove_sysv_files() {
    rm -f "$INITSCRIPT" "$CRONFILE"
}

# Stops and unregisters what a previous install (of either kind) runs.
retire_systemd() {
    if systemd_running; then
        local unit
        for unit in $UNITS; do
            if [ -e "$UNITDIR/$unit" ]; then
                systemctl disable --now "$unit" >/dev/null 2>&1 || true
            fi
        done
    fi
    remove_systemd_files
}

retire_sysv() {
    # The cron entry goes first, so that the watchdog cannot start what is being stopped.
    rm -f "$CRONFILE"
    if live && [ -x "$INITSCRIPT" ]; then
        "$INITSCRIPT" stop || true
        if have update-rc.d; then update-rc.d -f k2serverd remove >/dev/null || true; fi
    fi
    remove_sysv_files
}

install_systemd() {
    retire_sysv
    install -d -m 0755 "$UNITDIR"
    local unit
    for unit in $UNITS; do
        install -m 0644 "$SCRIPT_DIR/systemd/$unit" "$UNITDIR/$unit"
    done
    # ProtectSystem=strict makes everything read-only but what is listed as writable.
    install -d -m 0755 "$UNITDIR/k2orleans-silo.service.d"
    printf '# Written by install.sh --output-root\n[Service]\nReadWritePaths=%s\n' "$OUTPUT_ROOT" \
        > "$UNITDIR/k2orleans-silo.service.d/output-root.conf"
    chmod 0644 "$UNITDIR/k2orleans-silo.service.d/output-root.conf"
    say "installed systemd units in $UNITDIR"

    systemd_running || return 0
    systemctl daemon-reload
    local units=k2orleans-silo.service
    if [ "$WITH_BRIDGE" = yes ]; then units="$units k2orleans-bridge.service"; fi
    # shellcheck disable=SC2086
    systemctl enable $units >/dev/null
    if [ "$START" = yes ]; then
        # shellcheck disable=SC2086
        systemctl restart $units
        say "(re)started $units"
    fi
}

install_sysv() {
    retire_systemd
    install -d -m 0755 "$(dirname "$INITSCRIPT")" "$(dirname "$CRONFILE")"
    owned_dir "$LOGDIR" 0750 "$SERVICE_USER:adm"
    install -m 0755 "$SCRIPT_DIR/init.d/k2serverd" "$INITSCRIPT"
    # cron ignores files in cron.d that are group- or world-writable.
    install -m 0644 "$SCRIPT_DIR/cron/k2orleans-watchdog" "$CRONFILE"
    say "installed $INITSCRIPT and the cron watchdog $CRONFILE"

    live || return 0
    if have update-rc.d; then
        update-rc.d k2serverd defaults >/dev/null
    elif have chkconfig; then
        chkconfig --add k2serverd
    fi
    if [ "$START" = yes ]; then
        "$INITSCRIPT" restart
    fi
}

do_install() {
    create_user
    install_program
    install_config
    install_dirs
    if [ "$INIT" = systemd ]; then install_systemd; else install_sysv; fi
}

do_uninstall() {
    retire_systemd
    retire_sysv
    if systemd_running; then systemctl daemon-reload || true; fi
    rm -rf "$OPT" "$OPT.new" "$OPT.old"
    say "removed program files, units, init script and cron watchdog"
    if [ "$PURGE" != yes ]; then
        say "kept $ETC, $STATE and $LOGDIR (--purge removes them)"
        return
    fi
    rm -rf "$ETC" "$STATE" "$LOGDIR"
    # Rendered images may live in a web folder shared with other content: only an empty
    # output root is removed.
    rmdir "$R$OUTPUT_ROOT" 2>/dev/null || say "kept non-empty output root $R$OUTPUT_ROOT"
    if live && getent passwd "$SERVICE_USER" >/dev/null; then
        userdel "$SERVICE_USER" || true
    fi
    say "purged configuration, data and logs"
}

if [ "$ACTION" = install ]; then do_install; else do_uninstall; fi
