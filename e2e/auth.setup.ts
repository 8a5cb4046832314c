/**
 * The `setup` project (playwright.config.ts): signs the US and the EU user in once, through the
 * real consent page, and stores each session in e2e/.auth/sandbox-<port>/<email>.json for `test.use({ user })`
 * (e2e/fixtures.ts). Tests reuse them; the per-test reset keeps their tokens.
 */
import { EU_USER, storeSession, test as setup, US_USER } from "./fixtures";

setup(
  "sign in the US and the EU user once and store their sessions",
  async ({ browser, baseURL }) => {
    for (const email of [US_USER, EU_USER]) {
      const context = await browser.newContext({ baseURL });
      await storeSession(await context.newPage(), email);
      await context.close();
    }
  },
);
