/**
 * Content-Security-Policy. The static security headers are in next.config.js; the CSP needs a
 * per-request nonce and is set by proxy.ts (Next applies the nonce to its own scripts when the
 * request carries the CSP header).
 */

/** Hosts a sign-in may navigate to: Zoho's accounts servers (and the sandbox's in sandbox mode). */
const ZOHO_ACCOUNTS = [
  "https://accounts.zoho.com",
  "https://accounts.zoho.eu",
  "https://accounts.zoho.in",
  "https://accounts.zoho.com.au",
  "https://accounts.zoho.jp",
  "https://accounts.zohocloud.ca",
  "https://accounts.zoho.sa",
  "https://accounts.zoho.com.cn",
  "https://accounts.zoho.uk",
];

export function buildCsp(nonce: string, opts: { dev: boolean; extraFormActions?: string[] }): string {
  const script = [`'self'`, `'nonce-${nonce}'`, `'strict-dynamic'`];
  if (opts.dev) script.push(`'unsafe-eval'`); // React's dev tooling only; never in production
  const formAction = [`'self'`, ...ZOHO_ACCOUNTS, ...(opts.extraFormActions ?? [])];
  return [
    `default-src 'self'`,
    `script-src ${script.join(" ")}`,
    // Inline style attributes (virtualised rows, drag transforms, toasts) need this.
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self' data:`,
    `connect-src 'self'${opts.dev ? " ws: wss:" : ""}`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action ${formAction.join(" ")}`,
    `frame-ancestors 'none'`,
    `frame-src 'none'`,
    `worker-src 'self' blob:`,
    `manifest-src 'self'`,
  ].join("; ");
}
