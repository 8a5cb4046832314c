"use client";

import { signInWithBigin } from "@/components/auth/auth-actions";
import { useEffect, useState } from "react";

/**
 * One calm prompt when the Bigin connection is gone for good (refresh token revoked or
 * refused). Shown from the session flag or when any API call answers `reconnect: true`.
 * Reconnecting keeps the user on the page they were on; nothing typed is cleared.
 */
export function ReconnectBanner({ initiallyFailed }: { initiallyFailed: boolean }) {
  const [failed, setFailed] = useState(initiallyFailed);

  useEffect(() => {
    const onReconnect = () => setFailed(true);
    window.addEventListener("bigin:reconnect", onReconnect);
    return () => window.removeEventListener("bigin:reconnect", onReconnect);
  }, []);

  if (!failed) return null;
  return (
    <div
      role="alert"
      className="border-b border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950/60 dark:text-amber-100"
    >
      <div className="mx-auto flex max-w-screen-2xl flex-wrap items-center gap-3">
        <p className="flex-1">
          Your Bigin connection has expired. Reconnect to keep working — anything you have typed
          stays here.
        </p>
        <button
          type="button"
          onClick={() => void signInWithBigin(window.location.href)}
          className="rounded-md bg-amber-600 px-3 py-1.5 font-medium text-white hover:bg-amber-700"
        >
          Reconnect Bigin
        </button>
      </div>
    </div>
  );
}
