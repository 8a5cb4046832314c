import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { getEnv } from "@/lib/env";
import { SignInButton } from "@/components/auth/sign-in-button";
import { safeCallbackPath, signInMessage } from "@/components/auth/sign-in-messages";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * Sign-in and sign-in errors (next-auth's error page points here too). A signed-in user with a
 * working connection goes straight on; one whose connection failed stays to reconnect — no loops.
 */
export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const error = typeof params.error === "string" ? params.error : null;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  const session = await getServerSession(authOptions);
  if (session && !session.error && !error) redirect(callbackUrl);

  const message = signInMessage(error ?? (session?.error ? "RefreshFailed" : null));
  const sandbox = getEnv().sandbox;

  return (
    <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <div className="mb-6 flex items-center gap-2">
        <span aria-hidden="true" className="grid h-8 w-8 place-items-center rounded-md bg-brand-600 font-semibold text-white">
          B
        </span>
        <span className="text-lg font-semibold">Bigin Dashboard</span>
        {sandbox && (
          <span className="ml-auto rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900 dark:bg-amber-900/40 dark:text-amber-200">
            Sandbox
          </span>
        )}
      </div>
      <h1 className="text-xl font-semibold">{session?.error ? "Reconnect Bigin" : "Sign in"}</h1>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        Use your Zoho Bigin account. We only keep your Bigin connection on this server, never in your browser.
      </p>
      {message && (
        <div
          role={message.tone === "error" ? "alert" : "status"}
          className={
            message.tone === "error"
              ? "mt-4 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/50 dark:text-red-100"
              : "mt-4 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-100"
          }
        >
          <p className="font-semibold">{message.title}</p>
          <p className="mt-1">{message.body}</p>
        </div>
      )}
      <div className="mt-6">
        <SignInButton callbackUrl={callbackUrl} />
      </div>
      {sandbox && (
        <p className="mt-4 text-xs text-slate-500 dark:text-slate-400">
          Sandbox mode: you sign in to the bundled Bigin sandbox, not to Zoho. Pick any seeded user.
        </p>
      )}
    </div>
  );
}
