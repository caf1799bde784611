"use client";

import { useEffect, useRef, useState } from "react";

// After a signature the form gives way to where the item now stands. So that a keyboard or
// screen-reader user is not left on a vanished button, the new state takes the focus and is
// announced (a polite live region), with what was just recorded. Only on arrival from the
// form: a later visit to an item one has signed leaves the focus alone.

let justSubmitted: { itemId: string; decision: string } | null = null;

export function rememberSignature(itemId: string, decision: string) {
  justSubmitted = { itemId, decision };
}

export function SignedConfirmation({ itemId, children }: { itemId: string; children: React.ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [recorded, setRecorded] = useState<string | null>(null);
  useEffect(() => {
    if (justSubmitted?.itemId !== itemId) return;
    const decision = justSubmitted.decision;
    ref.current?.focus();
    // The text arrives a task after mount, so the live region already exists and reads it out.
    const timer = setTimeout(() => {
      justSubmitted = null;
      setRecorded(decision === "reject" ? "Your rejection is recorded: the item goes back to its owner with your comment." : "Your sign-off is recorded.");
    }, 0);
    return () => clearTimeout(timer);
  }, [itemId]);
  return (
    <div ref={ref} tabIndex={-1} aria-label="Sign-off confirmation" role="status" aria-live="polite" className="mt-1 rounded-md text-sm text-slate-700 focus:outline-2 focus:outline-offset-2 focus:outline-sky-700">
      {recorded ? (
        <p className="rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 font-medium text-emerald-900">
          <span aria-hidden="true">✓ </span>
          {recorded}
        </p>
      ) : null}
      <p className="mt-1 text-slate-600">{children}</p>
    </div>
  );
}
