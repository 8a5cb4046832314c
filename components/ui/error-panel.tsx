"use client";

import { ApiError } from "@/lib/queries/fetch-json";

/** What went wrong, in plain words, and a way to try again. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    // The connection to Bigin ended (or can't be renewed now): the Reconnect Bigin banner is the way on.
    if (error.reconnect) return "Your Bigin connection needs renewing. Use Reconnect Bigin above — what you typed stays here.";
    if (error.status === 401) return "Your session has ended. Sign in again to continue.";
    // A 429 storm: calm, and say when it's worth trying again.
    if (error.code === "BIGIN_BUSY") {
      const wait = error.retryAfter && error.retryAfter > 1 ? `in ${Math.min(error.retryAfter, 60)} seconds` : "in a moment";
      return `Bigin is busy right now. Please try again ${wait}.`;
    }
    if (error.code === "BIGIN_LIMIT") return error.message;
    if (error.status === 503) return "Bigin is busy right now. Please try again in a moment.";
    if (error.status === 504) return "Bigin took too long to answer. Please try again.";
    if (error.status === 502) return "Bigin is not reachable right now. Please try again shortly.";
    return error.message;
  }
  return "Something went wrong while loading this page.";
}

export function ErrorPanel({ error, onRetry, title = "Couldn't load this" }: { error: unknown; onRetry?: () => void; title?: string }) {
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/50 dark:text-red-100">
      <p className="font-semibold">{title}</p>
      <p className="mt-1">{describeError(error)}</p>
      {onRetry && (
        <button
          type="button"
          onClick={onRetry}
          className="mt-3 rounded-md bg-red-600 px-3 py-1.5 font-medium text-white hover:bg-red-700"
        >
          Try again
        </button>
      )}
    </div>
  );
}
