#!/bin/sh
# Starts the service named by $SERVICE (services/$SERVICE/src/main.ts). `exec`
# replaces this shell with node: node is PID 1, receives SIGTERM directly and
# runs the service kit's graceful shutdown.
set -eu
# The app root (/app in the image): two levels above this script.
cd "$(dirname "$0")/../.."
known() {
  for f in services/*/src/main.ts; do
    if [ -f "$f" ]; then f="${f#services/}" && printf '%s ' "${f%/src/main.ts}"; fi
  done
}
main="services/${SERVICE:-}/src/main.ts"
if [ -z "${SERVICE:-}" ] || [ ! -f "$main" ]; then
  echo "entrypoint: SERVICE='${SERVICE:-}' has no $main; services in this image: $(known)" >&2
  exit 64
fi
exec node "$main" "$@"
