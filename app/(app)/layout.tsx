import type { ReactNode } from "react";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { getEnv } from "@/lib/env";
import { AppHeader } from "@/components/shell/app-header";
import { ReconnectBanner } from "@/components/shell/reconnect-banner";
import { CommandPaletteLauncher } from "@/components/command-palette/command-palette-launcher";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const session = await getServerSession(authOptions);
  if (!session?.user) redirect("/signin");
  const env = getEnv();
  return (
    <div className="flex min-h-full flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-slate-900"
      >
        Skip to content
      </a>
      <AppHeader
        user={{
          name: session.user.name ?? session.user.email ?? "Signed in",
          email: session.user.email ?? null,
          dc: session.dc ?? null,
          org: session.org?.name ?? null,
        }}
        sandbox={env.sandbox}
      />
      <ReconnectBanner initiallyFailed={session.error === "RefreshFailed"} />
      <main id="main" className="mx-auto w-full max-w-screen-2xl flex-1 px-3 py-4 sm:px-6 sm:py-6">
        {children}
      </main>
      <CommandPaletteLauncher />
    </div>
  );
}
