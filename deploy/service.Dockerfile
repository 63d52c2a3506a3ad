# syntax=docker/dockerfile:1
# One image per service: contacts or calendar (apps/<SERVICE>), chosen with a build argument. Build from the
# repository root:
#
#   docker build -f deploy/service.Dockerfile --build-arg SERVICE=contacts -t organizer-contacts .
#   docker build -f deploy/service.Dockerfile --build-arg SERVICE=calendar -t organizer-calendar .
#
# Not built on the machine this was written on (it has no Docker daemon). The commands inside are the
# ones the deployment test (pnpm test:deploy) runs on the host: pnpm build, then
# `pnpm --filter ./apps/<service> deploy --prod <dir>`, then the package's start:built command.
# Settings come from the environment at run time (docs/configuration.md); nothing is baked into the image.

ARG SERVICE=contacts

# --- build: the whole workspace, compiled, then one service's self-contained folder in /out ---
FROM node:24-bookworm-slim AS build
ARG SERVICE
# better-sqlite3 (the SQLite driver, a dependency of packages/store) compiles its native addon with node-gyp
# when no prebuilt binary fits this Node; it is built here, for the Node of the runtime stage (same image).
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
# corepack cannot be relied on to verify pnpm's signatures; npm's global install is what .ci/run uses too.
RUN npm install -g pnpm@12
WORKDIR /repo
# .dockerignore keeps out the host's node_modules (an addon built for another Node), dist, data and .env.
COPY . .
RUN pnpm install --frozen-lockfile
RUN pnpm build
# dist/ and the production dependencies only (workspace packages copied in, not linked).
RUN test -d "apps/${SERVICE}" || { echo "SERVICE must be contacts or calendar (got '${SERVICE}')" >&2; exit 1; } \
 && pnpm --filter "./apps/${SERVICE}" deploy --prod /out

# --- runtime: node and the folder, nothing else ---
FROM node:24-bookworm-slim
ARG SERVICE
# HOST: reachable from outside the container (the service's own default is 127.0.0.1). DATA_DIR: SQLite's
# folder when DATABASE_URL is not set (one instance only; use PostgreSQL for several).
ENV NODE_ENV=production \
    SERVICE=${SERVICE} \
    HOST=0.0.0.0 \
    DATA_DIR=/data
WORKDIR /app
# Owned by root, so the service (running as node) cannot change its own code.
COPY --from=build /out /app
RUN mkdir -p /data && chown node:node /data
USER node
# PORT defaults to 3001 (contacts) and 3002 (calendar); set it to run on another port.
EXPOSE 3001 3002
# Readiness: 200 once the tenant's signing keys are loaded and while the store answers (docs/services.md).
# The slim image has no curl; Node's fetch does the same.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "const port = process.env.PORT || (process.env.SERVICE === 'calendar' ? 3002 : 3001); fetch('http://127.0.0.1:' + port + '/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM drains: no new connections, requests in flight finish (10 s at most), then exit 0. Give the
# container more than that before it is killed (compose: stop_grace_period: 15s; docker stop -t 15).
STOPSIGNAL SIGTERM
# The package's start:built command.
CMD ["node", "--max-semi-space-size=4", "dist/index.js"]
