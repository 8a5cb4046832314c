"use client";

import { signInWithBigin } from "./auth-actions";
import { useState } from "react";

/** Starts the Bigin OAuth flow. Accessible name: "Sign in with Bigin" (used by e2e tests). */
export function SignInButton({ callbackUrl = "/", label = "Sign in with Bigin" }: { callbackUrl?: string; label?: string }) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      disabled={busy}
      aria-busy={busy}
      onClick={() => {
        setBusy(true);
        signInWithBigin(callbackUrl).catch(() => setBusy(false));
      }}
      className="inline-flex w-full items-center justify-center gap-2 rounded-md bg-brand-600 px-4 py-2.5 font-medium text-white shadow-sm hover:bg-brand-700 disabled:cursor-wait disabled:opacity-70"
    >
      <span aria-hidden="true" className="grid h-5 w-5 place-items-center rounded bg-white/20 text-xs font-bold">
        B
      </span>
      {label}
    </button>
  );
}
