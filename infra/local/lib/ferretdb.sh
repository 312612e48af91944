# shellcheck shell=bash
# FerretDB (MongoDB wire protocol) on its embedded SQLite backend, built from
# source with Go from the Go module proxy; no release binary is downloadable
# from CI.

FERRET_VERSION="${EJP_FERRETDB_VERSION:-v1.24.2}"
FERRET_PORT="${EJP_FERRET_PORT:-27018}"
# Debug/metrics HTTP listener: off unless asked for ("-" disables it).
FERRET_DEBUG_ADDR="${EJP_FERRET_DEBUG_ADDR:--}"

FERRET_BIN="$EJP_CACHE/ferretdb/$FERRET_VERSION/ferretdb"
FERRET_STATE="$INFRA_DIR/ferretdb"
FERRET_LOG="$LOG_DIR/ferretdb.log"
FERRET_PREP_LOG="$LOG_DIR/ferretdb-prepare.log"

ferretdb_env() {
  echo "export MONGO_URL=mongodb://127.0.0.1:$FERRET_PORT/"
}

# Why not simply `go install .../cmd/ferretdb@VERSION`: it builds, but the
# binary panics at startup ("Invalid build/version/version.txt file content"),
# because FerretDB's release process generates build/version/version.txt and
# the module zip does not contain it. So: download the module, copy it to a
# writable place, write version.txt, build there.
ferretdb_prepare() {
  [[ -x "$FERRET_BIN" ]] && return 0
  command -v go >/dev/null || die "ferretdb: go is not on PATH"
  mkdir -p "$LOG_DIR" "$(dirname "$FERRET_BIN")"
  : >"$FERRET_PREP_LOG"
  log "ferretdb: building github.com/FerretDB/FerretDB@$FERRET_VERSION with $(go env GOVERSION) (takes a minute or two)"

  # Go's module cache (the downloads) lives in our cache too, so nothing
  # depends on ~/go. The build cache is scratch (removed with the source
  # copy below): it would keep ~350 MB that only a rebuild of another
  # version could partly reuse; the binary itself is what we cache.
  # -modcacherw: module files stay deletable (`rm -rf` of the cache works).
  # CGO_ENABLED=0: the SQLite driver is pure Go; no C toolchain needed.
  local -a goenv=(
    GOPATH="$EJP_CACHE/go"
    GOMODCACHE="$EJP_CACHE/go/mod"
    GOFLAGS="-modcacherw -buildvcs=false"
    CGO_ENABLED=0
  )
  local json moddir
  # -json reports errors in its output (field "Error"), so keep it in the log.
  json="$(env "${goenv[@]}" go mod download -json "github.com/FerretDB/FerretDB@$FERRET_VERSION" 2>>"$FERRET_PREP_LOG")" || true
  printf '%s\n' "$json" >>"$FERRET_PREP_LOG"
  moddir="$(sed -n 's/^[[:space:]]*"Dir": "\(.*\)",*$/\1/p' <<<"$json")"
  [[ -n "$moddir" && -d "$moddir" ]] ||
    fail_server ferretdb "go mod download github.com/FerretDB/FerretDB@$FERRET_VERSION failed" "$FERRET_PREP_LOG"

  # Build in a scratch copy (the module cache is read-only by design); the
  # subshell's EXIT trap removes it on success and on failure alike.
  (
    src="$(mktemp -d "${TMPDIR:-/tmp}/ejp-ferretdb-src.XXXXXX")"
    tmpbin="$FERRET_BIN.tmp.$$"
    trap 'rm -rf "$src" "$src.gocache" "$tmpbin"' EXIT
    cp -R "$moddir/." "$src/"
    chmod -R u+w "$src"
    echo "$FERRET_VERSION" >"$src/build/version/version.txt"
    echo "ejp-local" >"$src/build/version/package.txt"
    (cd "$src" && env "${goenv[@]}" GOCACHE="$src.gocache" go build -trimpath -o "$tmpbin" ./cmd/ferretdb) >>"$FERRET_PREP_LOG" 2>&1 ||
      fail_server ferretdb "go build failed" "$FERRET_PREP_LOG"
    "$tmpbin" --version >>"$FERRET_PREP_LOG" 2>&1 ||
      fail_server ferretdb "the built binary does not run" "$FERRET_PREP_LOG"
    mv -f "$tmpbin" "$FERRET_BIN"
  )
  # Keep the downloaded module zips (cache/download, ~130 MB) but drop the
  # unpacked copies (~500 MB): Go unpacks again from the zips, offline, if
  # another version is ever built.
  find "$EJP_CACHE/go/mod" -mindepth 1 -maxdepth 1 ! -name cache -exec rm -rf {} +
  log "ferretdb: $FERRET_VERSION cached in $FERRET_BIN"
}

ferretdb_start() {
  if already_up ferretdb "$FERRET_PORT"; then return 0; fi
  ensure_port_free ferretdb "$FERRET_PORT" EJP_FERRET_PORT
  mkdir -p "$FERRET_STATE/data" "$FERRET_STATE/state" "$LOG_DIR"
  if [[ -f "$FERRET_LOG" ]]; then mv -f "$FERRET_LOG" "$FERRET_LOG.prev"; fi
  log "ferretdb: starting $FERRET_VERSION (sqlite backend) on 127.0.0.1:$FERRET_PORT"
  # The SQLite URL must name a directory and end with a slash; each MongoDB
  # database becomes one .sqlite file in it.
  spawn ferretdb "$FERRET_LOG" "$FERRET_STATE/state" "$FERRET_BIN" \
    --handler=sqlite \
    --sqlite-url="file:$FERRET_STATE/data/" \
    --state-dir="$FERRET_STATE/state" \
    --listen-addr="127.0.0.1:$FERRET_PORT" \
    --debug-addr="$FERRET_DEBUG_ADDR" \
    --telemetry=disable \
    --log-level=info
}

# A real MongoDB wire-protocol round trip with nothing but bash and coreutils
# (no mongosh, and node_modules may not be installed yet): send OP_MSG
# {ping: 1, $db: "admin"} and look for ok: 1 in the reply.
ferret_ping() {
  local reply
  # shellcheck disable=SC2016 # the script is expanded by the inner bash
  reply="$(timeout 5 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    # header: length 51, requestID 1, responseTo 0, opCode 2013 (OP_MSG);
    # flagBits 0; section kind 0; BSON {ping: int32 1, $db: "admin"} (30 bytes)
    printf "\x33\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\xdd\x07\x00\x00\x00\x00\x00\x00\x00\x1e\x00\x00\x00\x10ping\x00\x01\x00\x00\x00\x02\$db\x00\x06\x00\x00\x00admin\x00\x00" >&3
    # Read exactly one reply: its int32 length first, then the rest
    # (dd bs=1 never reads past the reply).
    len=$(dd bs=1 count=4 status=none <&3 | od -An -tu4 | tr -d " \n")
    [[ "$len" =~ ^[0-9]+$ ]] && ((len > 16 && len < 1048576)) || exit 1
    dd bs=1 count=$((len - 4)) status=none <&3 | od -An -v -tx1 | tr -d " \n"
  ' _ "$FERRET_PORT" 2>/dev/null)" || return 1
  # "ok" as double 1.0 (what FerretDB sends) or as int32 1.
  [[ "$reply" == *016f6b00000000000000f03f* || "$reply" == *106f6b0001000000* ]]
}

ferretdb_wait() {
  wait_ready ferretdb ferret_ping "$FERRET_LOG"
  log "ferretdb: ready on 127.0.0.1:$FERRET_PORT"
}

ferretdb_stop() {
  stop_pid ferretdb 30 TERM
}
