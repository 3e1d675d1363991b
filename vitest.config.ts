import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql ships CJS (main) and ESM (module) builds; Node, and so every library here, loads the CJS
    // one. Vite would pick the ESM one for our sources, and two graphql realms break schema building.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // End-to-end tests start gateways and child processes and wait on real timers; on a loaded
    // 2-core machine one of them can miss a window. A failing test runs once more; a real fault
    // fails both times.
    retry: 1,
  },
});
