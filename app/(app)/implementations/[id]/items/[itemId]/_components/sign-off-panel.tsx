import type { SignOffPanel as Panel } from "@/lib/dal/sign-offs";
import { RevokeWaiverForm, WaiveForm } from "./sign-off-forms";
import { SignOffHistory } from "./sign-off-history";
import { SignOffStatus } from "./sign-off-status";
import { SigningReview } from "./signing-review";

// Sign-offs on one item, composed of the jobs it does: where the item stands with its signers,
// the review-and-sign step for a signer, the waiver forms for a manager, and the history.
export function SignOffPanel({ panel, today, path }: { panel: Panel; today: string; path: string }) {
  return (
    <section id="sign-off" aria-labelledby="signoffs-heading" className="mt-6 scroll-mt-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="signoffs-heading" className="text-lg font-semibold">Sign-offs</h2>
      <SignOffStatus panel={panel} />
      <SigningReview panel={panel} path={path} />
      <WaiverControls panel={panel} today={today} />
      <SignOffHistory history={panel.history} />
    </section>
  );
}

function WaiverControls({ panel, today }: { panel: Panel; today: string }) {
  return (
    <>
      {panel.canWaive ? (
        <details className="mt-5 border-t border-slate-200 pt-4">
          <summary className="cursor-pointer text-sm font-semibold">Waive this item</summary>
          <p className="mt-2 text-sm text-slate-600">
            A waiver lets the go-live proceed without this item, for a reason, approved by a named person, until a date. An expired
            waiver no longer counts.
          </p>
          <WaiveForm
            key={panel.version}
            implementationId={panel.implementationId}
            itemId={panel.itemId}
            version={panel.version}
            today={today}
            approvals={panel.currentApprovals}
          />
        </details>
      ) : null}
      {panel.canRevokeWaiver ? (
        <details className="mt-5 border-t border-slate-200 pt-4">
          <summary className="cursor-pointer text-sm font-semibold">Revoke the waiver</summary>
          <RevokeWaiverForm key={panel.version} implementationId={panel.implementationId} itemId={panel.itemId} version={panel.version} />
        </details>
      ) : null}
    </>
  );
}
