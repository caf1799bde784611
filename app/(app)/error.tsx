"use client";

import { Button } from "@/components/ui/button";

// Shown when a page fails to render (for example, the database is unreachable). No internal
// detail reaches the browser; the reference lets support find the server log line.
export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" aria-label="Page error" className="mx-auto max-w-lg py-12 text-center">
      <h1 className="text-2xl font-semibold">This page could not load</h1>
      <p className="mt-2 text-slate-700">
        {/* The proxy's own refusal of an oversized form (proxy.ts) says what happened; nothing else is shown as sent. */}
        {error.message.startsWith("That form is too large to send")
          ? error.message
          : "Readyroom could not reach its data just now. Nothing you saved earlier is lost. Try again in a moment."}
      </p>
      {error.digest ? <p className="mt-2 text-xs text-slate-500">Reference: {error.digest}</p> : null}
      <Button onClick={reset} className="mt-6">
        Try again
      </Button>
    </div>
  );
}
