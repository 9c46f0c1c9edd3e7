# syntax=docker/dockerfile:1
# Build: compile TypeScript (better-sqlite3 builds from source, so the toolchain is needed here only).
FROM node:20-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# npm ci runs the `prepare` script (scripts/build.js), which skips the build while src/ is absent.
COPY package.json package-lock.json ./
COPY scripts/build.js ./scripts/
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# Production dependencies only, compiled for the same platform.
FROM node:20-bookworm-slim AS dependencies
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/build.js ./scripts/
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=dependencies --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist/src ./dist/src
COPY --chown=node:node package.json ./
USER node
EXPOSE 3000
# The same Node flags as `npm start` (see BENCHMARKS.md, "Memory").
CMD ["node", "--max-old-space-size=192", "dist/src/main.js"]
