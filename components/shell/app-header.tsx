import Link from "next/link";
import { SearchButton } from "@/components/command-palette/search-button";
import { NavLinks } from "./nav-links";
import { ThemeToggle } from "./theme-toggle";
import { UserMenu, type UserMenuUser } from "./user-menu";

export function AppHeader({ user, sandbox }: { user: UserMenuUser; sandbox: boolean }) {
  return (
    <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/90 backdrop-blur dark:border-slate-800 dark:bg-slate-900/90">
      <div className="mx-auto flex max-w-screen-2xl flex-wrap items-center gap-x-4 gap-y-1 px-3 py-2 sm:px-6">
        <Link href="/pipelines" className="flex items-center gap-2 font-semibold">
          <span
            aria-hidden="true"
            className="grid h-7 w-7 place-items-center rounded-md bg-brand-600 text-sm text-white"
          >
            B
          </span>
          <span>Bigin Dashboard</span>
        </Link>
        {sandbox && (
          <span
            className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900 dark:bg-amber-900/40 dark:text-amber-200"
            title="Connected to the bundled Bigin sandbox, not to Zoho"
          >
            Sandbox
          </span>
        )}
        <div className="order-last w-full sm:order-none sm:w-auto sm:flex-1">
          <NavLinks />
        </div>
        <div className="ml-auto flex items-center gap-1 sm:ml-0">
          <SearchButton />
          <ThemeToggle />
          <UserMenu user={user} />
        </div>
      </div>
    </header>
  );
}
