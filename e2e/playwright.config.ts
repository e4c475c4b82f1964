import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { BASE_URL, stackEnv } from "./support/stack";

const root = path.resolve(import.meta.dirname, "..");

// Debian's Chromium: Playwright's own browser download does not work offline.
const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic", "--disable-gpu", "--disable-dev-shm-usage"],
  },
};

export default defineConfig({
  testDir: ".",
  testIgnore: ["bench/**"],
  outputDir: path.join(root, "test-results"),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["html", { open: "never", outputFolder: path.join(root, "playwright-report") }]],
  use: { baseURL: BASE_URL, trace: "retain-on-failure", screenshot: "only-on-failure" },
  projects: [{ name: "chromium", use: chromium }],
  webServer: {
    // The real one-command launcher, on its own ports and a throwaway database.
    command: "node --import tsx lib/main/launcher.ts",
    cwd: root,
    env: stackEnv,
    url: `${BASE_URL}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGINT", timeout: 30_000 },
  },
});
