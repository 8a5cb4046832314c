// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // Separate build folders let several builds (e.g. a bench build) live side by side.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  reactStrictMode: true,
  poweredByHeader: false,
};

module.exports = nextConfig;
