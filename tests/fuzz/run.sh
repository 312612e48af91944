#!/usr/bin/env bash
# Fuzzes the standalone OpenAPI document with schemathesis (from PyPI, pinned,
# in a virtual environment this script creates), with authentication ON:
# standalone runs with AUTH_MODE=hs256 on a temporary DATA_DIR, a token with
# every role is minted for the run, and every phase runs (examples, coverage,
# fuzzing, stateful). It fails on a 5xx, or on a response whose status code,
# content type, headers or body the document does not declare.
# Bounded: EJP_FUZZ_MAX_TIME seconds of schemathesis (default 150), the whole
# script killed after EJP_FUZZ_TIMEOUT (default 300).
set -euo pipefail
cd "$(dirname "$0")/../.."

SCHEMATHESIS_VERSION=4.32.5
cache="${EJP_CACHE:-$HOME/.cache/ejp}"
venv="$cache/schemathesis-$SCHEMATHESIS_VERSION"
# A free port unless one is given: the machine may run other servers.
port="${EJP_FUZZ_PORT:-$(node -e "const s = require('node:net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })")}"
max_time="${EJP_FUZZ_MAX_TIME:-150}"
report_dir="${EJP_FUZZ_REPORT_DIR:-$(mktemp -d -t ejp-fuzz-report-XXXXXX)}"

if [ ! -x "$venv/bin/schemathesis" ]; then
  echo "--- fuzz: installing schemathesis $SCHEMATHESIS_VERSION into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi

data_dir="$(mktemp -d -t ejp-fuzz-data-XXXXXX)"
log="$data_dir/standalone.log"
export AUTH_MODE=hs256
AUTH_HS256_SECRET="fuzz-$(node -p 'require("node:crypto").randomBytes(24).toString("hex")')"
export AUTH_HS256_SECRET
EJP_FUZZ_TOKEN="$(node tests/fuzz/mint-token.ts)"
export EJP_FUZZ_TOKEN

echo "--- fuzz: standalone on 127.0.0.1:$port (AUTH_MODE=hs256, DATA_DIR $data_dir)"
# The rate limit is raised: schemathesis sends far more than one caller would, and 429s would hide the routes.
PORT="$port" HOST=127.0.0.1 DATA_DIR="$data_dir" LOG_LEVEL=warn READ_WAIT_TIMEOUT_MS=200 RATE_LIMIT_MAX=1000000 \
  node services/standalone/src/main.ts >"$log" 2>&1 &
standalone_pid=$!
stop() {
  kill "$standalone_pid" 2>/dev/null || true
  wait "$standalone_pid" 2>/dev/null || true
  rm -rf "$data_dir"
}
trap stop EXIT

for _ in $(seq 1 60); do
  if curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$standalone_pid" 2>/dev/null; then cat "$log"; echo "--- fuzz: standalone exited before it was ready"; exit 1; fi
  sleep 0.5
done

# One worker: with several threads, hypothesis 6 sometimes fails inside its own lambda-description
# cache ("AST constructor recursion depth mismatch"), a tool error that would fail the run.
echo "--- fuzz: schemathesis $SCHEMATHESIS_VERSION, all phases, at most ${max_time}s (report in $report_dir)"
status=0
timeout --kill-after=10 "${EJP_FUZZ_TIMEOUT:-300}" "$venv/bin/schemathesis" \
  --config-file tests/fuzz/schemathesis.toml \
  run "http://127.0.0.1:$port/docs/json" \
  --phases examples,coverage,fuzzing,stateful \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance \
  --max-time "$max_time" \
  --workers 1 \
  --seed "${EJP_FUZZ_SEED:-$RANDOM}" \
  --report junit --report-dir "$report_dir" \
  || status=$?
if [ "$status" -ne 0 ]; then
  echo "--- fuzz: failed (exit $status); standalone's warnings and errors:"
  tail -n 50 "$log"
fi
exit "$status"
