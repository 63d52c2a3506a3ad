# syntax=docker/dockerfile:1
# The SPA's built server (apps/spa: node dist/node/server/index.js): the built page from dist/public,
# /config.json from the environment at start, and the page's security headers. Build from the repository root:
#
#   docker build -f deploy/spa.Dockerfile -t organizer-spa .
#
# Not built on the machine this was written on (it has no Docker daemon). The commands inside are the
# ones the deployment test (pnpm test:deploy) runs on the host.
#
# HOST=0.0.0.0 lets nginx reach it over a container network; with host networking (deploy/compose.yaml)
# compose sets HOST=127.0.0.1 instead.

# --- build: the whole workspace, compiled, then the SPA's self-contained folder in /out ---
FROM node:24-bookworm-slim AS build
# Not needed by the SPA itself: `pnpm install` builds better-sqlite3 for the workspace's services too.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
RUN npm install -g pnpm@12
WORKDIR /repo
COPY . .
RUN pnpm install --frozen-lockfile
# Vite writes the page to apps/spa/dist/public, tsc the server to apps/spa/dist/node. The page's settings
# are not read here: the server hands them out as /config.json when it runs.
RUN pnpm build
RUN pnpm --filter ./apps/spa deploy --prod /out

# --- runtime ---
FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
COPY --from=build /out /app
USER node
EXPOSE 3000
# The SPA server has no /ready; /config.json answers 200 whenever it serves (the page reports bad settings).
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://localhost:' + process.env.PORT + '/config.json').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM closes the listener and exits 0 once open connections end.
STOPSIGNAL SIGTERM
# The package's start:built command.
CMD ["node", "dist/node/server/index.js"]
