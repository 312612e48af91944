# shellcheck shell=bash
# Shared helpers for infra/local/{up,down,status}. Sourced, never executed.
#
# Layout:
#   ${EJP_CACHE:-~/.cache/ejp}   downloads and builds, kept across runs and across `down`
#   <repo>/.infra/               runtime state: data dirs, logs, pid files, env (gitignored)
set -euo pipefail

EJP_LOCAL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO_ROOT="$(cd "$EJP_LOCAL_DIR/../.." && pwd)"
INFRA_DIR="${EJP_INFRA_DIR:-$REPO_ROOT/.infra}"
EJP_CACHE="${EJP_CACHE:-$HOME/.cache/ejp}"

PID_DIR="$INFRA_DIR/pids"
# shellcheck disable=SC2034 # used by the per-server files
LOG_DIR="$INFRA_DIR/logs"

# Seconds to wait for one server to answer after it was started.
EJP_UP_TIMEOUT="${EJP_UP_TIMEOUT:-120}"

ALL_SERVERS=(postgres kafka ferretdb)

# Progress goes to stderr so that stdout carries only the `export` lines
# (`eval "$(infra/local/up)"` works as well as `source .infra/env`).
log() { printf '[infra] %s\n' "$*" >&2; }
warn() { printf '[infra] WARNING: %s\n' "$*" >&2; }
die() {
  printf '[infra] ERROR: %s\n' "$*" >&2
  exit 1
}

is_server() {
  local s
  for s in "${ALL_SERVERS[@]}"; do [[ "$1" == "$s" ]] && return 0; done
  return 1
}

now() { date +%s; }

# Print the last lines of each existing log file, so a failure in CI shows why.
show_log_tail() {
  local f
  for f in "$@"; do
    [[ -s "$f" ]] || continue
    printf '[infra] ---- last 40 lines of %s ----\n' "$f" >&2
    tail -n 40 "$f" >&2 || true
  done
  printf '[infra] ----\n' >&2
}

# fail_server NAME MESSAGE LOGFILE...: name the server, show its logs, exit non-zero.
fail_server() {
  local name="$1" msg="$2"
  shift 2
  printf '[infra] ERROR: %s: %s\n' "$name" "$msg" >&2
  show_log_tail "$@"
  exit 1
}

# Does something accept TCP connections on 127.0.0.1:PORT? Uses bash's /dev/tcp
# so no extra tools (nc, ss) are needed on a fresh machine.
port_answers() {
  # shellcheck disable=SC2016 # $1 is expanded by the inner bash
  timeout 2 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"' _ "$1" 2>/dev/null
}

pid_file() { printf '%s/%s.pid\n' "$PID_DIR" "$1"; }

# Print the pid recorded for NAME if that process is still ours and alive;
# fail otherwise. The pid file holds the pid and a marker string (a path of
# this work tree that is on the server's command line): after a reboot or
# a crash the pid may belong to an unrelated process, which must be neither
# reused nor killed. A zombie (dead, not yet reaped by an init that does not
# reap) counts as dead. A stale pid file is removed.
running_pid() {
  local f pid marker state cmdline
  f="$(pid_file "$1")"
  [[ -s "$f" ]] || return 1
  { read -r pid; read -r marker || true; } <"$f"
  if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
    state="$(sed -n 's/^State:[[:space:]]*\(.\).*/\1/p' "/proc/$pid/status" 2>/dev/null)" || true
    cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || true
    if [[ "$state" != Z && "$cmdline" == *"$marker"* ]]; then
      printf '%s\n' "$pid"
      return 0
    fi
  fi
  rm -f "$f"
  return 1
}

# Start a long-running server detached from this shell: own session (setsid) so
# that Ctrl-C in the caller's terminal or the end of `up` does not kill it,
# stdin from /dev/null, output to LOGFILE. Records its pid and MARKER (a
# string on its command line, see running_pid) in the pid file.
# Usage: spawn NAME LOGFILE MARKER CMD ARGS...
spawn() {
  local name="$1" logfile="$2" marker="$3"
  shift 3
  mkdir -p "$PID_DIR" "$(dirname "$logfile")"
  # `setsid` without -f execs in place (we are not a process-group leader in
  # a non-interactive script), so $! is the server's own pid.
  # 9>&-: the server must not inherit the lock of up/down (see take_lock),
  # or it would hold it for as long as it runs.
  setsid "$@" </dev/null >>"$logfile" 2>&1 9>&- &
  printf '%s\n%s\n' "$!" "$marker" >"$(pid_file "$name")"
}

# wait_ready NAME CHECK_FN LOGFILE...: poll CHECK_FN until it succeeds. Fails
# early when the server process died, and after EJP_UP_TIMEOUT seconds.
wait_ready() {
  local name="$1" check="$2"
  shift 2
  local deadline=$(($(now) + EJP_UP_TIMEOUT))
  while true; do
    if "$check"; then
      return 0
    fi
    if ! running_pid "$name" >/dev/null; then
      fail_server "$name" "process exited before it answered" "$@"
    fi
    if (($(now) >= deadline)); then
      fail_server "$name" "did not answer within ${EJP_UP_TIMEOUT}s (EJP_UP_TIMEOUT)" "$@"
    fi
    sleep 0.5
  done
}

# stop_pid NAME [TIMEOUT] [SIGNAL]: stop the process recorded in NAME's pid
# file with SIGNAL (default TERM), wait up to TIMEOUT seconds for a clean
# shutdown, then SIGKILL. Only ever touches that one pid.
stop_pid() {
  local name="$1" timeout="${2:-30}" sig="${3:-TERM}" pid i
  pid="$(running_pid "$name")" || {
    rm -f "$(pid_file "$name")"
    return 0
  }
  log "$name: stopping pid $pid (SIG$sig)"
  kill -"$sig" "$pid" 2>/dev/null || true
  for ((i = 0; i < timeout * 4; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  if kill -0 "$pid" 2>/dev/null; then
    warn "$name (pid $pid) did not stop within ${timeout}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$(pid_file "$name")"
}

# Serialize up/down per .infra: two `up`s at once (a developer and a test
# runner's setup, say) would otherwise both start the same server.
take_lock() {
  mkdir -p "$INFRA_DIR"
  exec 9>"$INFRA_DIR/.lock"
  if ! flock -n 9; then
    log "waiting for another infra/local up/down in $INFRA_DIR to finish"
    flock -w 900 9 || die "timed out waiting for $INFRA_DIR/.lock"
  fi
}

# already_up NAME PORT: is NAME's recorded process alive and answering on
# PORT? Then reuse it. Alive but silent for 10 s (hung, or started with
# another port setting) -> stop it, so that the caller starts a fresh one.
already_up() {
  local name="$1" port="$2" pid i
  pid="$(running_pid "$name")" || return 1
  for ((i = 0; i < 20; i++)); do
    if port_answers "$port"; then
      log "$name: already running (pid $pid), reusing it"
      return 0
    fi
    sleep 0.5
  done
  warn "$name: pid $pid runs but nothing answers on 127.0.0.1:$port (hung, or started with another port); restarting it"
  "${name}_stop"
  return 1
}

# Refuse to start when the port is taken by a process we did not start:
# reusing it would hand tests a server of unknown kind and config.
ensure_port_free() {
  local name="$1" port="$2" var="$3"
  if port_answers "$port"; then
    die "$name: port 127.0.0.1:$port is already in use by a process infra/local did not start (no live pid file in $PID_DIR). Stop it or choose another port with $var."
  fi
}

# Write .infra/env with the variables of the servers that run now, so that
# `source .infra/env` never points a test at a server that is down.
write_env_file() {
  local s line tmp
  mkdir -p "$INFRA_DIR"
  tmp="$INFRA_DIR/env.tmp.$$"
  {
    echo "# Written by infra/local/up at $(date -u +%Y-%m-%dT%H:%M:%SZ); source it: . .infra/env"
    for s in "${ALL_SERVERS[@]}"; do
      if running_pid "$s" >/dev/null; then
        line="$("${s}_env")"
        echo "$line"
      fi
    done
  } >"$tmp"
  mv "$tmp" "$INFRA_DIR/env"
}
