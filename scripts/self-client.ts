/**
 * Exchanges a Zoho self-client grant code for a refresh token (bigin-api.md §2.9).
 *
 *   npm run bigin:self-client -- --code 1000.xxxx [--dc eu] [--client-id 1000.X --client-secret y]
 *
 * In the API console (https://api-console.zoho.com) → Self Client → Generate Code: enter the
 * scopes (e.g. the dashboard's, printed by --help), pick the portal Bigin and the organization,
 * then run this within the code's validity. The client defaults to BIGIN_CLIENT_ID /
 * BIGIN_CLIENT_SECRET; a self client has its own id and secret, pass them with the flags.
 * Prints the refresh token and DC, and the lines that enable the real-Bigin smoke tests.
 */
import { parseArgs } from "node:util";
import { DATA_CENTRES } from "../lib/bigin/data-centres";
import { BIGIN_SCOPES } from "../lib/bigin/provider";
import { exchangeCode, UntrustedHostError, ZohoTokenError } from "../lib/auth/zoho-tokens";
import { EnvError, getEnv, sandboxOrigins } from "../lib/env";

const USAGE = `Usage: npm run bigin:self-client -- --code <grant code> [--dc us|eu|in|au|jp|ca|sa|cn] [--client-id <id> --client-secret <secret>]

Scopes for the self-client code (comma-separated):
  ${BIGIN_SCOPES.join(",")}`;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function main() {
  let args;
  try {
    args = parseArgs({
      options: {
        code: { type: "string" },
        dc: { type: "string", default: "us" },
        "client-id": { type: "string" },
        "client-secret": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }).values;
  } catch (e) {
    fail(`${(e as Error).message}\n\n${USAGE}`);
  }
  if (args.help) {
    console.log(USAGE);
    return;
  }
  if (!args.code) fail(`--code is required.\n\n${USAGE}`);

  let env;
  try {
    env = getEnv();
  } catch (e) {
    fail(e instanceof EnvError ? e.message : String(e));
  }
  const dc = String(args.dc).toLowerCase();
  const known = DATA_CENTRES.find((d) => d.dc === dc);
  const sandboxOrigin = env.sandbox ? sandboxOrigins(env).get(dc) : undefined;
  const accountsServer = sandboxOrigin ?? known?.accountsServer;
  if (!accountsServer) fail(`--dc must be one of ${DATA_CENTRES.map((d) => d.dc).join(", ")} (got "${args.dc}")`);
  const clientId = args["client-id"] ?? env.clientId;
  const clientSecret = args["client-secret"] ?? env.clientSecret;
  if (Boolean(args["client-id"]) !== Boolean(args["client-secret"])) fail("Pass --client-id and --client-secret together.");

  try {
    const tokens = await exchangeCode({ accountsServer, code: args.code }, { env, client: { id: clientId, secret: clientSecret } });
    if (!tokens.refresh_token) {
      fail("Zoho answered without a refresh token. Generate a new code (codes are single use) and try again.");
    }
    console.log(`Data centre:   ${dc}${env.sandbox ? " (sandbox)" : ""}`);
    console.log(`Accounts:      ${accountsServer}`);
    console.log(`API domain:    ${tokens.api_domain}`);
    console.log(`Scopes:        ${tokens.scope ?? "(not reported)"}`);
    console.log(`Refresh token: ${tokens.refresh_token}`);
    console.log("\nTo run the real-Bigin smoke tests (e2e/auth-smoke.spec.ts), set:");
    console.log(`  BIGIN_SELF_CLIENT_REFRESH_TOKEN=${tokens.refresh_token}`);
    console.log(`  BIGIN_SELF_CLIENT_DC=${dc}`);
    if (args["client-id"]) console.log(`  BIGIN_SELF_CLIENT_ID=${clientId}\n  BIGIN_SELF_CLIENT_SECRET=<the self client's secret>`);
    console.log("Keep the refresh token secret: it grants access to your Bigin org until revoked.");
  } catch (e) {
    if (e instanceof ZohoTokenError) {
      const hint =
        e.code === "invalid_code"
          ? " The code is wrong, used or expired (they last 3–10 minutes), or belongs to another DC: check --dc."
          : e.code === "invalid_client"
            ? " The client id is unknown here, or not enabled for this DC (API console → client → Settings)."
            : "";
      fail(`Exchange failed: ${e.code}.${hint}`);
    }
    if (e instanceof UntrustedHostError) fail(e.message);
    throw e;
  }
}

void main();
