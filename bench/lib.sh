# Sourced by the bench scripts. The caller sets repo, published (where the measured programs go), build_log (dotnet's
# output, shown on failure) and tag (the prefix of its log lines).
#
#   build_release PROJECT...          dotnet build -c Release: the helpers that are not measured
#   publish_release PROJECT:NAME...   ReadyToRun publish into $published/NAME: the measured programs, so none of them
#                                     pays start-up JIT the others do not
log() { printf '[%s %s] %s\n' "$tag" "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

build_release() {
  local project
  for project in "$@"; do
    log "building $project (Release)"
    dotnet build -c Release -v quiet -nologo "$repo/$project" >"$build_log" 2>&1 || { cat "$build_log" >&2; die "build of $project failed"; }
  done
}

publish_release() {
  local pair project name
  for pair in "$@"; do
    IFS=: read -r project name <<<"$pair"
    log "publishing $project (Release, ReadyToRun) to $published/$name"
    rm -rf "${published:?}/$name"
    dotnet publish -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -v quiet -nologo -o "$published/$name" "$repo/$project" \
      >"$build_log" 2>&1 || { cat "$build_log" >&2; die "publish of $project failed"; }
  done
}
