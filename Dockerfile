# syntax=docker/dockerfile:1
#
# One image for every service of the platform (one image, many targets, like
# Loki or Mimir). SERVICE picks what runs: a build arg sets the default, the
# environment variable overrides it at run time.
#
#   docker build -t ejp .                       # SERVICE defaults to standalone
#   docker run --rm -e SERVICE=relay ejp        # any folder under services/
#
# Node 24 runs the TypeScript sources directly (type stripping), so there is no
# compile step: the image holds the sources and the production dependencies.
# See docs/deploy.md.

ARG NODE_IMAGE=node:24-slim

# 1. Just the package manifests. The dependency layer below is rebuilt only
#    when a manifest or the lockfile changes, not on every source edit.
FROM ${NODE_IMAGE} AS manifests
WORKDIR /src
COPY . .
RUN mkdir /manifests \
 && find . -name node_modules -prune -o \( -name package.json -o -name package-lock.json \) \
      -exec cp --parents -t /manifests {} +

# 2. Production dependencies of every workspace: no TypeScript, vitest, biome.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY --from=manifests /manifests/ ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --workspaces --no-audit --no-fund

# 2b. The web app's static files: Vite is a dev dependency, so it builds here
#     and the runtime gets only packages/web/dist (standalone and the journey
#     API serve it at /).
FROM ${NODE_IMAGE} AS web
WORKDIR /app
COPY --from=manifests /manifests/ ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --no-audit --no-fund
COPY packages/web packages/web
RUN npm run build -w @ejp/web

# 3. Runtime. Everything under /app belongs to root and is read-only for the
#    `node` user (uid 1000) that runs the service; Kubernetes also mounts the
#    root filesystem read-only (k8s/base).
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app ./
COPY . .
COPY --from=web /app/packages/web/dist packages/web/dist
# The only writable place: the standalone service's SQLite files (a volume).
RUN mkdir -p /data && chown node:node /data
ARG SERVICE=standalone
ENV SERVICE=${SERVICE} \
    PORT=3000
# By name as the issue asks; Kubernetes cannot check a name against
# runAsNonRoot, so the pod spec also sets runAsUser: 1000 (k8s/base).
# hadolint ignore=DL3066
USER node
EXPOSE 3000
# Liveness, as Kubernetes probes it. No curl in the slim image: node's fetch.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --start-interval=2s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz',{signal:AbortSignal.timeout(2500)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# The script execs node, so node is PID 1 and receives SIGTERM itself.
ENTRYPOINT ["sh", "/app/deploy/docker/entrypoint.sh"]
