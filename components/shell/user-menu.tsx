"use client";

import { signOutOfBigin } from "@/components/auth/auth-actions";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { useOutsideDismiss } from "@/components/ui/use-outside-dismiss";

export type UserMenuUser = { name: string; email: string | null; dc: string | null; org: string | null };

const DC_NAMES: Record<string, string> = {
  us: "United States",
  eu: "Europe",
  in: "India",
  au: "Australia",
  jp: "Japan",
  ca: "Canada",
  sa: "Saudi Arabia",
  cn: "China",
};

/** The user menu: who is signed in, where their data lives, and Sign out. */
export function UserMenu({ user }: { user: UserMenuUser }) {
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  const [signingOut, setSigningOut] = useState(false);
  const menuId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useOutsideDismiss(open, rootRef, close);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);

  const initials = user.name
    .split(/\s+/)
    .map((p) => p[0])
    .join("")
    .slice(0, 2)
    .toUpperCase();

  return (
    <div ref={rootRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((o) => !o)}
        className="flex items-center gap-2 rounded-md px-2 py-1 text-sm hover:bg-slate-100 dark:hover:bg-slate-800"
      >
        <span
          aria-hidden="true"
          className="grid h-7 w-7 place-items-center rounded-full bg-slate-200 text-xs font-semibold dark:bg-slate-700"
        >
          {initials}
        </span>
        <span className="hidden max-w-40 truncate sm:inline">{user.name}</span>
        <span className="sr-only sm:hidden">{user.name}</span>
      </button>
      {open && (
        <div
          id={menuId}
          className="absolute right-0 z-40 mt-2 w-64 rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          <p className="font-medium">{user.name}</p>
          {user.email && <p className="truncate text-slate-500 dark:text-slate-400">{user.email}</p>}
          <dl className="mt-2 space-y-1 text-xs text-slate-500 dark:text-slate-400">
            {user.org && (
              <div className="flex gap-1">
                <dt>Organization:</dt>
                <dd className="truncate">{user.org}</dd>
              </div>
            )}
            {user.dc && (
              <div className="flex gap-1">
                <dt>Data centre:</dt>
                <dd>
                  {DC_NAMES[user.dc] ?? user.dc} ({user.dc.toUpperCase()})
                </dd>
              </div>
            )}
          </dl>
          <button
            type="button"
            disabled={signingOut}
            onClick={() => {
              setSigningOut(true);
              signOutOfBigin("/signin").catch(() => setSigningOut(false));
            }}
            className="mt-3 w-full rounded-md border border-slate-300 px-3 py-1.5 text-left hover:bg-slate-50 disabled:opacity-60 dark:border-slate-600 dark:hover:bg-slate-800"
          >
            {signingOut ? "Signing out…" : "Sign out"}
          </button>
        </div>
      )}
    </div>
  );
}
