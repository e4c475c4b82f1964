import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.resolve(import.meta.dirname, "..");
const alias = {
  "@": root,
  // "server-only" throws outside Next's react-server condition; tests import web modules directly.
  "server-only": path.join(root, "lib/testing/empty-module.ts"),
};

export default defineConfig({
  root,
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          root,
          include: ["{lib,components,worker,app}/**/*.test.{ts,tsx}", "e2e/bench/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          environment: "node",
          env: { NODE_ENV: "test", LOG_LEVEL: "silent" },
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          root,
          include: ["{lib,worker,app}/**/*.int.test.ts", "e2e/bench/**/*.int.test.ts"],
          environment: "node",
          globalSetup: [path.join(root, "lib/testing/global-setup.ts")],
          env: { NODE_ENV: "test", LOG_LEVEL: "silent" },
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Integration files start servers and workers of their own: two at a time suits 2 cores.
          maxWorkers: 2,
        },
      },
    ],
  },
});
