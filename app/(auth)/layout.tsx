import type { ReactNode } from "react";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main id="main" className="grid min-h-full place-items-center px-4 py-12">
      <div className="w-full max-w-sm">{children}</div>
    </main>
  );
}
