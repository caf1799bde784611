import { Badge } from "@/components/ui/badge";
import type { SignOffPanel as Panel } from "@/lib/dal/sign-offs";
import { roleLabel } from "@/lib/format/labels";
import { utc } from "./sign-off-format";

// Where the item stands with its signers: a rejection its owner must act on, each required
// role's state ("signed v3, now v5 — re-sign needed" once a change superseded it), the waiver.
export function SignOffStatus({ panel }: { panel: Panel }) {
  return (
    <>
      {panel.rejection ? (
        <div role="note" aria-label="Rejection" className="mt-3 rounded-md border border-rose-300 bg-rose-50 px-3 py-2 text-sm text-rose-900">
          <span className="font-semibold">Sent back</span> by {panel.rejection.signerName} ({roleLabel[panel.rejection.signerRole]}) on{" "}
          {utc(panel.rejection.signedAt)} at version {panel.rejection.itemVersion}: “{panel.rejection.comment}”
        </div>
      ) : null}

      {panel.attestationOnly ? (
        <p className="mt-3 text-sm text-slate-700">
          <Badge tone="info">Attestation only</Badge> The template lets this item be signed on the signer&apos;s word: it needs no
          evidence. Every other item needs evidence before it can be signed.
        </p>
      ) : null}

      {panel.roles.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">This item needs no sign-off: it counts once it is ready.</p>
      ) : (
        <ul className="mt-3 space-y-2 text-sm" aria-label="Required sign-offs">
          {panel.roles.map((r) => (
            <li key={r.role} className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{roleLabel[r.role]}</span>
              {r.state === "approved" ? (
                <Badge tone="good">
                  <span aria-hidden="true">✓</span>Signed v{r.signedVersion} by {r.signerName}
                </Badge>
              ) : r.state === "superseded" ? (
                <Badge tone="warn">
                  <span aria-hidden="true">↻</span>Signed v{r.signedVersion}, now v{panel.version} — re-sign needed
                </Badge>
              ) : (
                <Badge>
                  <span aria-hidden="true">○</span>Waiting
                </Badge>
              )}
            </li>
          ))}
        </ul>
      )}

      {panel.waiver ? (
        <div className="mt-4 rounded-md border border-slate-300 bg-slate-50 px-3 py-2 text-sm">
          <p>
            <span className="font-semibold">Waived</span> until {panel.waiver.expiresOn}
            {panel.waiver.expired ? (
              <>
                {" "}
                <Badge tone="bad">
                  <span aria-hidden="true">✕</span>Expired: no longer counts
                </Badge>
              </>
            ) : null}
          </p>
          <p className="mt-1">Reason: {panel.waiver.reason}</p>
          <p className="text-slate-600">
            Approved by {panel.waiver.approverName} · granted by {panel.waiver.grantedByName} on {utc(panel.waiver.grantedAt)}
          </p>
        </div>
      ) : null}
    </>
  );
}
