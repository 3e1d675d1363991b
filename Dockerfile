# The gateway's production image: the compiled gateway (npm run build) on Node.js 20, production
# dependencies only, run by the unprivileged `node` user. Every command below is one that
# test/build/compiled-gateway.test.ts runs (npm ci, npm run build, npm ci --omit=dev,
# node dist/cli/serve.js); CI does not build this image. See docs/operations.md.

FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
RUN npm run build

FROM node:20-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY --from=build /app/dist ./dist
# Read at run time: the policy and routing (RULES_DIR=rules), the playground's example operations.
COPY rules ./rules
COPY schema ./schema
# The embedded database's folder (DATA_DIR=.data), used only when DATABASE_URL is unset.
RUN mkdir .data && chown node:node .data
USER node
EXPOSE 4000
# Ready: the database answers, a policy is loaded, every vendor is configured (GET /readyz).
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Exec form, no shell or npm in between: `docker stop`'s SIGTERM reaches the gateway, which drains and exits 0.
CMD ["node", "dist/cli/serve.js"]
