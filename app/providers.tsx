"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { Toaster } from "sonner";
import { ApiError } from "@/lib/queries/fetch-json";

export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Bigin API credits are money: keep data fresh for a minute, refetch on focus after that.
        staleTime: 60_000,
        gcTime: 10 * 60_000,
        refetchOnWindowFocus: true,
        retry: (failureCount, error) => {
          if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
          // The server already waited Bigin's full 10 s: say so now rather than make the user wait twice.
          if (error instanceof ApiError && error.status === 504) return false;
          // The connection needs renewing: retrying can't help, the Reconnect banner can.
          if (error instanceof ApiError && error.reconnect) return false;
          return failureCount < 1;
        },
      },
    },
  });
}

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(makeQueryClient);
  return (
    <QueryClientProvider client={client}>
      {children}
      <Toaster richColors closeButton position="bottom-right" />
    </QueryClientProvider>
  );
}
