"use client";

import { useEffect, useRef } from "react";

// For forms that record something new: once the server says it is saved, clear the fields
// for the next entry. A refused attempt leaves them as typed.
export function useResetOnSuccess(state: { ok: boolean } | null) {
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) form.current?.reset();
  }, [state]);
  return form;
}
