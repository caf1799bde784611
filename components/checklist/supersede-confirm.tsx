"use client";

import { useId, useState } from "react";
import type { Role } from "@/lib/domain/vocabulary";
import { roleLabel } from "@/lib/format/labels";

export type CurrentApproval = { signerName: string; role: Role; signedName: string };

// Before a save that changes a signed version (an edit, evidence, a block, a waiver), the form
// names whose signature it cancels and asks the person to confirm. Returns the notice (with its
// checkbox) to place above the submit button, and whether saving is confirmed.
export function useSupersedeConfirmation(approvals: CurrentApproval[], action: string) {
  const [confirmed, setConfirmed] = useState(false);
  const id = useId();
  if (approvals.length === 0) return { notice: null, confirmed: true };
  const names = approvals.map((a) => `${a.signerName} (${roleLabel[a.role]}, signed ${a.signedName})`);
  const notice = (
    <div role="note" aria-label="Signatures this cancels" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
      <p>
        <span className="font-semibold">{action} cancels {approvals.length === 1 ? "a signature" : `${approvals.length} signatures`}:</span>{" "}
        {names.join("; ")}. {approvals.length === 1 ? "They" : "Each"} will need to sign the new version again.
      </p>
      <label htmlFor={id} className="mt-2 flex items-start gap-2">
        <input id={id} type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} className="mt-1" />
        <span>I understand: saving cancels {approvals.length === 1 ? `${approvals[0]!.signerName}'s signature` : "these signatures"}.</span>
      </label>
    </div>
  );
  return { notice, confirmed };
}
