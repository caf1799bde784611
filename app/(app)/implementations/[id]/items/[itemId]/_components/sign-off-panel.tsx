import { Badge } from "@/components/ui/badge";
import type { SignOffPanel as Panel } from "@/lib/dal/sign-offs";
import { environmentLabel, roleLabel } from "@/lib/labels";
import type { EnvironmentKind } from "@/lib/vocabulary";
import { reauthenticateWithSsoAction } from "../actions";
import { RevokeWaiverForm, SignOffForm, WaiveForm } from "./sign-off-forms";

const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

// Sign-offs on one item: each required role's state (with "signed v3, now v5" when an edit
// superseded it), the history, the waiver, and for a signer the exact snapshot they attest to.
export function SignOffPanel({ panel, today, path }: { panel: Panel; today: string; path: string }) {
  const { signing } = panel;
  return (
    <section aria-labelledby="signoffs-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="signoffs-heading" className="text-lg font-semibold">Sign-offs</h2>

      {panel.rejection ? (
        <div role="note" aria-label="Rejection" className="mt-3 rounded-md border border-rose-300 bg-rose-50 px-3 py-2 text-sm text-rose-900">
          <span className="font-semibold">Sent back</span> by {panel.rejection.signerName} ({roleLabel[panel.rejection.signerRole]}) on{" "}
          {utc(panel.rejection.signedAt)} at version {panel.rejection.itemVersion}: “{panel.rejection.comment}”
        </div>
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

      {signing.role ? (
        <div className="mt-5 border-t border-slate-200 pt-4">
          <h3 className="text-base font-semibold">Sign as {roleLabel[signing.role]}</h3>
          {signing.canSign ? (
            <>
              <p className="text-sm text-slate-600">
                You sign exactly what is shown here: version {panel.version} of this item and its evidence. If anything changes
                before you submit, the signature is refused and you review it again.
              </p>
              <div aria-label="What you are signing" role="group" className="mt-3 rounded-md border border-slate-300 bg-slate-50 p-3 text-sm">
                <dl className="grid gap-2 md:grid-cols-2">
                  {(
                    [
                      ["Item", `${signing.snapshot.title} (version ${signing.snapshot.version})`],
                      ["Expected outcome", signing.snapshot.expectedOutcome],
                      ["What changed", signing.snapshot.whatChanged],
                      ["What was tested", signing.snapshot.whatWasTested],
                      ["What still needs proof", signing.snapshot.whatNeedsProof],
                    ] as const
                  ).map(([label, value]) => (
                    <div key={label}>
                      <dt className="text-slate-600">{label}</dt>
                      <dd className="whitespace-pre-wrap">{value || "—"}</dd>
                    </div>
                  ))}
                </dl>
                <p className="mt-3 font-medium">Evidence ({signing.snapshot.evidence.length})</p>
                {signing.snapshot.evidence.length === 0 ? (
                  <p className="text-slate-600">None recorded.</p>
                ) : (
                  <ul className="mt-1 list-disc space-y-1 pl-5">
                    {signing.snapshot.evidence.map((e) => (
                      <li key={e.id}>
                        {e.kind === "operational" ? "Operational validation" : "Technical evidence"},{" "}
                        {environmentLabel[e.environment as EnvironmentKind] ?? e.environment}, {e.outcome}: {e.whatWasTested} —{" "}
                        {e.recordedBy}, {e.observedAt.slice(0, 16).replace("T", " ")} UTC
                      </li>
                    ))}
                  </ul>
                )}
                <p className="mt-3 break-all font-mono text-xs text-slate-600">SHA-256 {signing.snapshotDigest}</p>
              </div>
              {signing.reauthenticationRequired && !signing.hasPassword ? (
                <form action={reauthenticateWithSsoAction} className="mt-4">
                  <input type="hidden" name="callbackUrl" value={path} />
                  <p className="text-sm">You signed in more than {signing.reauthMinutes} minutes ago. Sign in again to sign.</p>
                  <button type="submit" className="mt-2 rounded-md border border-slate-300 px-4 py-2 text-sm font-semibold hover:bg-slate-50">
                    Sign in again with single sign-on
                  </button>
                </form>
              ) : (
                <SignOffForm
                  key={panel.version}
                  implementationId={panel.implementationId}
                  itemId={panel.itemId}
                  version={panel.version}
                  snapshotDigest={signing.snapshotDigest}
                  meaning={signing.meaning}
                  askPassword={signing.reauthenticationRequired}
                  reauthMinutes={signing.reauthMinutes}
                />
              )}
            </>
          ) : (
            <p className="mt-1 text-sm text-slate-600">{signing.whyNot}</p>
          )}
        </div>
      ) : null}

      {panel.canWaive ? (
        <details className="mt-5 border-t border-slate-200 pt-4">
          <summary className="cursor-pointer text-sm font-semibold">Waive this item</summary>
          <p className="mt-2 text-sm text-slate-600">
            A waiver lets the go-live proceed without this item, for a reason, approved by a named person, until a date. An expired
            waiver no longer counts.
          </p>
          <WaiveForm key={panel.version} implementationId={panel.implementationId} itemId={panel.itemId} version={panel.version} today={today} />
        </details>
      ) : null}
      {panel.canRevokeWaiver ? (
        <details className="mt-5 border-t border-slate-200 pt-4">
          <summary className="cursor-pointer text-sm font-semibold">Revoke the waiver</summary>
          <RevokeWaiverForm key={panel.version} implementationId={panel.implementationId} itemId={panel.itemId} version={panel.version} />
        </details>
      ) : null}

      <h3 className="mt-6 text-base font-semibold">Sign-off history</h3>
      {panel.history.length === 0 ? (
        <p className="text-sm text-slate-600">No sign-offs yet.</p>
      ) : (
        <table className="mt-2 w-full text-left text-sm">
          <caption className="sr-only">Sign-off history</caption>
          <thead className="text-slate-600">
            <tr>
              <th scope="col" className="py-1 pr-3 font-medium">Signer</th>
              <th scope="col" className="py-1 pr-3 font-medium">Role</th>
              <th scope="col" className="py-1 pr-3 font-medium">Decision</th>
              <th scope="col" className="py-1 pr-3 font-medium">Version</th>
              <th scope="col" className="py-1 pr-3 font-medium">Signed (UTC)</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {panel.history.map((h) => (
              <tr key={h.id} className="align-top">
                <td className="py-2 pr-3">
                  {h.signerName}
                  <span className="block text-xs text-slate-600">{h.signerOrganizationName}</span>
                </td>
                <td className="py-2 pr-3">{roleLabel[h.signerRole]}</td>
                <td className="py-2 pr-3">
                  {h.decision === "approve" ? "Approved" : "Rejected"}
                  {h.superseded ? (
                    <>
                      {" "}
                      <Badge tone="warn">Superseded</Badge>
                    </>
                  ) : null}
                  <span className="block text-xs text-slate-600">“{h.meaning}”</span>
                  {h.comment ? <span className="block text-xs">Comment: {h.comment}</span> : null}
                </td>
                <td className="py-2 pr-3">v{h.itemVersion}</td>
                <td className="py-2 pr-3">
                  <time dateTime={h.signedAt.toISOString()}>{utc(h.signedAt).replace(" UTC", "")}</time>
                  <span className="block break-all font-mono text-[10px] text-slate-500" title="SHA-256 of what was signed">
                    {h.snapshotSha256.slice(0, 16)}…
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
