"use client";

import { ErrorPanel } from "@/components/ui/error-panel";

export default function CompaniesError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorPanel error={error} onRetry={reset} title="Couldn't load this page" />;
}
