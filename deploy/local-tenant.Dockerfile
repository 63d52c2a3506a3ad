# syntax=docker/dockerfile:1
# DEVELOPMENT STAND-IN ONLY. The local tenant (apps/local-tenant) has demo users, a published M2M secret and
# plain http; never deploy it. It exists so deploy/compose.yaml can run without an Auth0 tenant (profile
# `local-tenant`). Build from the repository root:
#
#   docker build -f deploy/local-tenant.Dockerfile -t organizer-local-tenant .
#
# Not built on the machine this was written on (it has no Docker daemon).
#
# It listens on the loopback host of LOCAL_TENANT_URL (default http://localhost:4000) and nowhere else, and
# its issuer is that URL: the browser and every service must reach it under that same URL, so it only
# works with host networking (network_mode: host, Linux), as in deploy/compose.yaml.

FROM node:24-bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
RUN npm install -g pnpm@12
WORKDIR /repo
COPY . .
RUN pnpm install --frozen-lockfile
RUN pnpm build
RUN pnpm --filter ./apps/local-tenant deploy --prod /out

FROM node:24-bookworm-slim
# No NODE_ENV=production: the local tenant refuses to start under it, since it is never deployed.
WORKDIR /app
COPY --from=build /out /app
# The signing keys live in $XDG_STATE_HOME/organizer/local-tenant (default ~/.local/state/…); created here
# so a named volume mounted on it starts out owned by node.
RUN mkdir -p /home/node/.local/state/organizer/local-tenant && chown -R node:node /home/node/.local
USER node
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch((process.env.LOCAL_TENANT_URL || 'http://localhost:4000') + '/.well-known/openid-configuration').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
# The package's start:built command.
CMD ["node", "dist/src/index.js"]
