import { defineConfig, devices } from "@playwright/test";
import { existsSync } from "node:fs";

/**
 * End-to-end tests run the real thing: the production build, the Bigin sandbox server and
 * Chromium, through real OAuth redirects. Ports can be moved with E2E_APP_PORT and
 * E2E_SANDBOX_PORT (the sandbox uses that port for US and the next one for EU).
 */
const appPort = Number(process.env.E2E_APP_PORT ?? 3000);
const sandboxPort = Number(process.env.E2E_SANDBOX_PORT ?? 4010);
const host = "127.0.0.1"; // one host everywhere: a localhost/127.0.0.1 mix breaks the OAuth callback
export const appURL = `http://${host}:${appPort}`;
export const sandboxURL = `http://${host}:${sandboxPort}`;

// Playwright cannot download browsers on every machine: prefer an explicit or Debian Chromium,
// fall back to Playwright's own browser where one is installed.
const executablePath =
  process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ||
  (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

const distDir = process.env.NEXT_DIST_DIR;

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  // Every test resets the one shared sandbox, so tests run one at a time.
  workers: 1,
  forbidOnly: true,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [
    ["list"],
    ["json", { outputFile: "reports/playwright.json" }],
    ["html", { open: "never", outputFolder: "playwright-report" }],
  ],
  use: {
    baseURL: appURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    video: "off",
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    // Signs the seeded users in once and stores their sessions for `test.use({ user })` (e2e/fixtures.ts).
    { name: "setup", testMatch: /auth\.setup\.ts$/, use: { ...devices["Desktop Chrome"], channel: undefined } },
    {
      name: "chromium",
      dependencies: ["setup"],
      use: { ...devices["Desktop Chrome"], channel: undefined },
    },
  ],
  webServer: [
    {
      command: "npx tsx sandbox/cli.ts",
      url: `${sandboxURL}/__sandbox/users`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
      env: {
        SANDBOX_PORT: String(sandboxPort),
        SANDBOX_REDIRECT_URIS: `${appURL}/api/auth/callback/bigin`,
      },
    },
    {
      command: `npx next start -H ${host} -p ${appPort}`,
      url: `${appURL}/signin`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      env: {
        BIGIN_SANDBOX_URL: sandboxURL,
        NEXTAUTH_URL: appURL,
        NEXTAUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-0123456789",
        ...(distDir ? { NEXT_DIST_DIR: distDir } : {}),
      },
    },
  ],
});
