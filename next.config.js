// @ts-check
/** @type {{ key: string; value: string }[]} */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  {
    key: "Permissions-Policy",
    value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
  },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin-allow-popups" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Separate build folders let several builds (e.g. a bench build) live side by side.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  reactStrictMode: true,
  // `npm run bench` builds with BENCH_FLOOR=1: its build also gets the `route.bench.ts` floor
  // routes (app/api/bench-floor) that bench/proxy.ts compares against. Never in a normal build.
  ...(process.env.BENCH_FLOOR === "1" ? { pageExtensions: ["tsx", "ts", "jsx", "js", "bench.ts"] } : {}),
  poweredByHeader: false,
  async headers() {
    // Pages: the CSP needs a per-request nonce, so proxy.ts sets it (lib/security/headers.ts).
    // API answers are JSON: nothing may load or frame them. proxy.ts does not run for /api/*
    // (lib/api/with-bigin.ts does the session work there), so this is where every API answer,
    // success or error, gets its CSP (the same value as API_CSP in lib/security/csp.ts).
    return [
      { source: "/:path*", headers: securityHeaders },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }] },
    ];
  },
};

module.exports = nextConfig;
