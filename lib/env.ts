import { z } from "zod";

/**
 * Environment, validated once (on first use and at server start via instrumentation.ts).
 * Every error names the variable and what it should hold.
 */

export const SANDBOX_DEFAULT_URL = "http://127.0.0.1:4010";
// The sandbox registers this demo client on every data centre (see sandbox/README.md).
export const SANDBOX_DEMO_CLIENT = {
  id: "1000.SANDBOXDEMOCLIENT0000000000000",
  secret: "deadbeefdeadbeefdeadbeefdeadbeefdeadbeef",
} as const;
// Sandbox data centres sit on consecutive ports after the US origin, in this order.
export const SANDBOX_DC_ORDER = ["us", "eu", "in", "au", "jp", "ca", "sa", "cn"] as const;
const DEV_SECRET = "bigin-dashboard-development-secret-not-for-production";

const optionalUrl = (name: string, what: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(
      z
        .string()
        .url({ message: `${name} must be ${what}` })
        .refine((v) => /^https?:\/\//.test(v), `${name} must start with http:// or https://`)
        .optional(),
    );

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    BIGIN_CLIENT_ID: z.string().trim().optional(),
    BIGIN_CLIENT_SECRET: z.string().trim().optional(),
    BIGIN_SANDBOX_URL: optionalUrl(
      "BIGIN_SANDBOX_URL",
      "the sandbox's US origin, e.g. http://127.0.0.1:4010",
    ),
    BIGIN_ACCOUNTS_URL: optionalUrl(
      "BIGIN_ACCOUNTS_URL",
      "a Zoho accounts server, e.g. https://accounts.zoho.com",
    ),
    NEXTAUTH_URL: optionalUrl("NEXTAUTH_URL", "the app's public URL, e.g. https://crm.example.com"),
    NEXTAUTH_SECRET: z.string().optional(),
    REDIS_URL: optionalUrl("REDIS_URL", "a redis:// or rediss:// URL").or(
      z.string().regex(/^rediss?:\/\//, "REDIS_URL must be a redis:// or rediss:// URL"),
    ),
  })
  .superRefine((e, ctx) => {
    const hasId = !!e.BIGIN_CLIENT_ID;
    const hasSecret = !!e.BIGIN_CLIENT_SECRET;
    if (hasId !== hasSecret) {
      ctx.addIssue({
        code: "custom",
        path: [hasId ? "BIGIN_CLIENT_SECRET" : "BIGIN_CLIENT_ID"],
        message: `${hasId ? "BIGIN_CLIENT_SECRET" : "BIGIN_CLIENT_ID"} is missing: set both BIGIN_CLIENT_ID and BIGIN_CLIENT_SECRET from your Zoho API console client, or neither to use the sandbox`,
      });
    }
    if (hasId && !/^1000\.[A-Z0-9]{10,}$/.test(e.BIGIN_CLIENT_ID!)) {
      ctx.addIssue({
        code: "custom",
        path: ["BIGIN_CLIENT_ID"],
        message:
          "BIGIN_CLIENT_ID must look like a Zoho client id: 1000. followed by upper-case letters and digits",
      });
    }
    if (e.NODE_ENV === "production") {
      if (!hasId && !e.BIGIN_SANDBOX_URL) {
        ctx.addIssue({
          code: "custom",
          path: ["BIGIN_CLIENT_ID"],
          message:
            "BIGIN_CLIENT_ID and BIGIN_CLIENT_SECRET are missing: set them to a Zoho API console server-based client, or set BIGIN_SANDBOX_URL to run against the Bigin sandbox",
        });
      }
      if (!e.NEXTAUTH_SECRET || e.NEXTAUTH_SECRET.length < 16) {
        ctx.addIssue({
          code: "custom",
          path: ["NEXTAUTH_SECRET"],
          message:
            "NEXTAUTH_SECRET is missing or shorter than 16 characters: set it to a long random string (openssl rand -base64 32)",
        });
      }
    }
  });

export type AppEnv = {
  production: boolean;
  /** Sandbox mode: the app talks to the bundled Bigin sandbox with its demo client. */
  sandbox: boolean;
  /** The sandbox's US origin (sandbox mode only). */
  sandboxUrl: string | null;
  clientId: string;
  clientSecret: string;
  /** Where authorization starts (Zoho forwards users to their own DC from there). */
  accountsUrl: string;
  nextauthUrl: string | null;
  secret: string;
  redisUrl: string | null;
};

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): AppEnv {
  const result = schema.safeParse(source);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((i) => {
        const name = String(i.path[0] ?? "environment");
        return i.message.includes(name) ? i.message : `${name}: ${i.message}`;
      }),
    );
  }
  const e = result.data;
  const production = e.NODE_ENV === "production";
  const sandbox = !!e.BIGIN_SANDBOX_URL || !e.BIGIN_CLIENT_ID;
  const sandboxUrl = sandbox ? stripSlash(e.BIGIN_SANDBOX_URL ?? SANDBOX_DEFAULT_URL) : null;
  return {
    production,
    sandbox,
    sandboxUrl,
    clientId: e.BIGIN_CLIENT_ID || SANDBOX_DEMO_CLIENT.id,
    clientSecret: e.BIGIN_CLIENT_SECRET || SANDBOX_DEMO_CLIENT.secret,
    accountsUrl: stripSlash(
      sandboxUrl ?? e.BIGIN_ACCOUNTS_URL ?? "https://accounts.zoho.com",
    ),
    nextauthUrl: e.NEXTAUTH_URL ? stripSlash(e.NEXTAUTH_URL) : null,
    secret: e.NEXTAUTH_SECRET || DEV_SECRET,
    redisUrl: e.REDIS_URL ?? null,
  };
}

function stripSlash(url: string) {
  return url.replace(/\/+$/, "");
}

let cached: AppEnv | undefined;

/** The validated environment of this process (cached after the first call). */
export function getEnv(): AppEnv {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Every origin of the sandbox's data centres: consecutive ports after the US origin. */
export function sandboxOrigins(env: AppEnv = getEnv()): Map<string, string> {
  const out = new Map<string, string>();
  if (!env.sandboxUrl) return out;
  const base = new URL(env.sandboxUrl);
  const port = Number(base.port || (base.protocol === "https:" ? 443 : 80));
  SANDBOX_DC_ORDER.forEach((dc, i) => {
    const u = new URL(base.origin);
    u.port = String(port + i);
    out.set(dc, u.origin);
  });
  return out;
}
