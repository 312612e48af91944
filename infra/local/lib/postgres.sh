# shellcheck shell=bash
# PostgreSQL from Debian's packages, one cluster per work tree under .infra/.
#
# We run as root, and postgres refuses to run as root, so every postgres
# binary runs as the `postgres` system user (created by the Debian package)
# through `setpriv`, which execs in place: the pid we record is the
# postmaster's own, not a runuser/su wrapper's.

PG_PORT="${EJP_PG_PORT:-55432}"
PG_LOG="$LOG_DIR/postgres.log"
PG_STATE="$INFRA_DIR/postgres"

postgres_env() {
  echo "export DATABASE_URL=postgres://ejp:ejp@127.0.0.1:$PG_PORT/ejp"
}

# Newest installed server binaries. Debian puts them in
# /usr/lib/postgresql/<major>/bin; a bare pg_ctl on PATH (e.g. a symlink in
# /usr/local/bin) is followed to its real directory as a last resort.
pg_bindir() {
  local d candidates=()
  # Numeric sort on the major version: a plain glob would put 9 after 17.
  # shellcheck disable=SC2012 # the names are plain version numbers
  mapfile -t candidates < <(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4,4nr)
  if command -v pg_ctl >/dev/null; then
    candidates+=("$(dirname "$(readlink -f "$(command -v pg_ctl)")")")
  fi
  for d in "${candidates[@]}"; do
    if [[ -x "$d/postgres" && -x "$d/initdb" && -x "$d/psql" ]]; then
      printf '%s\n' "$d"
      return 0
    fi
  done
  return 1
}

# Run a command as the postgres user, from / (postgres tools fail when they
# cannot read the current directory, e.g. /root).
as_postgres() {
  (cd / && setpriv --reuid=postgres --regid=postgres --init-groups -- "$@")
}

postgres_prepare() {
  if ! pg_bindir >/dev/null; then
    [[ "$(id -u)" == 0 ]] || die "postgres: server binaries are missing; install Debian's 'postgresql' package (needs root)"
    log "postgres: installing Debian package 'postgresql' (binaries not found)"
    # Only binaries are wanted: keep the package from creating (and starting)
    # its own 'main' cluster on port 5432. A drop-in, read through the
    # include_dir of Debian's createcluster.conf; not that file itself, which
    # is the package's conffile and would make dpkg ask about it.
    mkdir -p /etc/postgresql-common/createcluster.d
    echo "create_main_cluster = off" >/etc/postgresql-common/createcluster.d/ejp-no-main-cluster.conf
    mkdir -p "$LOG_DIR"
    {
      DEBIAN_FRONTEND=noninteractive apt-get update -q &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql
    } </dev/null >"$LOG_DIR/postgres-prepare.log" 2>&1 ||
      fail_server postgres "apt-get install postgresql failed" "$LOG_DIR/postgres-prepare.log"
    pg_bindir >/dev/null || die "postgres: still no binaries under /usr/lib/postgresql/*/bin after apt-get install"
  fi
  id postgres >/dev/null 2>&1 || die "postgres: system user 'postgres' does not exist (it comes with Debian's postgresql-common)"
}

# The data dir must be reachable by the postgres user. .infra lives in the
# work tree, whose parents may be closed to others (a clone under /root is
# 0700); then the cluster goes to /var/tmp instead, one per work tree.
pg_datadir() {
  mkdir -p "$PG_STATE"
  chmod 755 "$INFRA_DIR" "$PG_STATE"
  if as_postgres test -x "$PG_STATE"; then
    printf '%s\n' "$PG_STATE/data"
  else
    local key
    key="$(printf '%s' "$INFRA_DIR" | cksum | cut -d' ' -f1)"
    printf '%s\n' "${EJP_PG_FALLBACK_DIR:-/var/tmp/ejp-postgres-$key}/data"
  fi
}

pg_ready() {
  PGCONNECT_TIMEOUT=2 PGPASSWORD=ejp "$(pg_bindir)/psql" -X -q -h 127.0.0.1 -p "$PG_PORT" -U ejp -d postgres \
    -tAc 'select 1' >/dev/null 2>&1
}

postgres_start() {
  local bin data pwfile
  if already_up postgres "$PG_PORT"; then return 0; fi
  ensure_port_free postgres "$PG_PORT" EJP_PG_PORT
  bin="$(pg_bindir)"
  data="$(pg_datadir)"
  mkdir -p "$(dirname "$data")" "$LOG_DIR"
  chown postgres: "$(dirname "$data")"
  if [[ "$data" != "$PG_STATE/data" ]]; then
    warn "postgres: $PG_STATE is not reachable by user postgres; using $data"
  fi
  echo "$data" >"$PG_STATE/datadir"
  if [[ -f "$PG_LOG" ]]; then mv -f "$PG_LOG" "$PG_LOG.prev"; fi

  if [[ ! -s "$data/PG_VERSION" ]]; then
    log "postgres: initdb $data"
    rm -rf "$data"
    # The bootstrap superuser is ejp/ejp itself: tests need a superuser to
    # create databases, and there is no second role to keep in sync.
    pwfile="$(dirname "$data")/.pwfile"
    echo ejp >"$pwfile"
    chown postgres: "$pwfile"
    if ! as_postgres "$bin/initdb" -D "$data" -U ejp --pwfile="$pwfile" -A scram-sha-256 \
      -E UTF8 --locale=C >>"$PG_LOG" 2>&1; then
      rm -f "$pwfile"
      fail_server postgres "initdb failed" "$PG_LOG"
    fi
    rm -f "$pwfile"
  fi

  log "postgres: starting $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"
  # Settings on the command line rather than in postgresql.conf, so a changed
  # EJP_PG_PORT applies on the next `up` without editing the cluster.
  #   unix_socket_directories='': TCP only; socket paths have a 107-byte limit
  #     that a deep work tree would exceed, and nothing here uses them.
  #   synchronous_commit=off: test speed; fsync stays on, so no corruption on
  #     a crash, at worst the last few commits are lost.
  spawn postgres "$PG_LOG" "$data" setpriv --reuid=postgres --regid=postgres --init-groups -- \
    "$bin/postgres" -D "$data" \
    -c listen_addresses=127.0.0.1 \
    -c port="$PG_PORT" \
    -c unix_socket_directories= \
    -c max_connections=200 \
    -c shared_buffers=128MB \
    -c synchronous_commit=off \
    -c log_line_prefix='%m [%p] %q%u@%d ' \
    -c log_min_messages=warning
}

postgres_wait() {
  wait_ready postgres pg_ready "$PG_LOG"
  # Idempotent: the database survives restarts with the data dir.
  local psql=("$(pg_bindir)/psql" -X -q -h 127.0.0.1 -p "$PG_PORT" -U ejp -d postgres -tA)
  if [[ "$(PGPASSWORD=ejp "${psql[@]}" -c "select 1 from pg_database where datname = 'ejp'")" != 1 ]]; then
    PGPASSWORD=ejp "${psql[@]}" -c 'create database ejp' >>"$PG_LOG" 2>&1 ||
      fail_server postgres "could not create database ejp" "$PG_LOG"
  fi
  log "postgres: ready on 127.0.0.1:$PG_PORT"
}

postgres_stop() {
  # SIGINT is postgres' "fast" shutdown: roll back open sessions, checkpoint, exit.
  stop_pid postgres 60 INT
}
