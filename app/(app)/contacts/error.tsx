"use client";

import { ErrorPanel } from "@/components/ui/error-panel";

export default function ContactsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorPanel error={error} onRetry={reset} title="Couldn't load contacts" />;
}
