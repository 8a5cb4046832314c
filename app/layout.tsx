import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { headers } from "next/headers";
import "./globals.css";
import { Providers } from "./providers";
import { THEME_SCRIPT } from "@/components/shell/theme";

export const metadata: Metadata = {
  title: { default: "Bigin Dashboard", template: "%s · Bigin Dashboard" },
  description: "Team Pipelines, Contacts and Notes for Zoho Bigin.",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f8fafc" },
    { media: "(prefers-color-scheme: dark)", color: "#020617" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // proxy.ts puts a fresh CSP nonce on every page request (lib/security/csp.ts); reading it
  // also renders every page per request, which a nonce needs.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* Applies the saved or OS theme before first paint, so there is no flash. */}
        <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
