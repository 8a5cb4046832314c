import { QueryClient } from "@tanstack/react-query";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getServerConnection, type BiginConnection } from "@/lib/auth/connection";
import { BiginError } from "@/lib/bigin/errors";

/**
 * Server-component helpers for record pages (server only: reads cookies and headers).
 *
 * Bigin credits are money. A full page load (the browser asks for a document) prefetches what
 * the first paint needs. A client-side navigation (the router's fetch, `Sec-Fetch-Dest: empty`;
 * Next hides its own `RSC` header from server components) skips it: the browser's TanStack
 * cache already holds fresh data on a revisit (0 Bigin calls), and otherwise fetches it once.
 * Without Fetch Metadata (old browsers, scripts) we prefetch.
 */
export async function shouldPrefetch(): Promise<boolean> {
  const dest = (await headers()).get("sec-fetch-dest");
  return dest === null || dest === "document";
}

export function newServerQueryClient() {
  return new QueryClient({ defaultOptions: { queries: { staleTime: 60_000, retry: false } } });
}

/** The signed-in user's Bigin connection, or null (not signed in, or must reconnect: the client shows that). */
export async function serverConnection(): Promise<BiginConnection | null> {
  try {
    return await getServerConnection();
  } catch {
    return null;
  }
}

/**
 * Runs a prefetch; a missing record becomes the 404 page, any other failure is left to the
 * client query, which retries through our route handlers and shows a proper error.
 */
export async function prefetchOr404(run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (err) {
    if (err instanceof BiginError && err.status === 404) notFound();
  }
}
