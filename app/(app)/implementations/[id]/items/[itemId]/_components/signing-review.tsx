import { Facts } from "@/components/ui/facts";
import type { SignOffPanel as Panel } from "@/lib/dal/sign-offs";
import type { EnvironmentKind } from "@/lib/domain/vocabulary";
import { formatUtc } from "@/lib/format/dates";
import { environmentLabel, roleLabel } from "@/lib/format/labels";
import { reauthenticateWithSsoAction } from "../actions";
import { SignOffForm } from "./sign-off-forms";
import { SignedConfirmation } from "./signed-confirmation";

// For someone whose role signs this item: exactly what they attest to (the snapshot, its short
// name and full SHA-256), then the signature form — or a fresh single sign-on first, or why
// they cannot sign now.
export function SigningReview({ panel, path }: { panel: Panel; path: string }) {
  const { signing } = panel;
  if (!signing.role) return null;
  return (
    <div className="mt-5 border-t border-slate-200 pt-4">
      <h3 className="text-base font-semibold">Sign as {roleLabel[signing.role]}</h3>
      {!signing.canSign ? (
        <SignedConfirmation itemId={panel.itemId}>{signing.whyNot}</SignedConfirmation>
      ) : (
        <>
          <p className="text-sm text-slate-600">
            You sign exactly what is shown here: version {panel.version} of this item and its evidence. If anything changes before
            you submit, the signature is refused and you review it again.
          </p>
          <SnapshotShown signing={signing} />
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
              approvalRefused={signing.approvalRefused}
            />
          )}
        </>
      )}
    </div>
  );
}

function SnapshotShown({ signing }: { signing: Panel["signing"] }) {
  return (
    <div aria-label="What you are signing" role="group" className="mt-3 rounded-md border border-slate-300 bg-slate-50 p-3 text-sm">
      <Facts
        className="grid gap-2 md:grid-cols-2"
        facts={[
          ["Item", `${signing.snapshot.title} (version ${signing.snapshot.version})`],
          ["Expected outcome", signing.snapshot.expectedOutcome],
          ["What changed", signing.snapshot.whatChanged],
          ["What was tested", signing.snapshot.whatWasTested],
          ["What still needs proof", signing.snapshot.whatNeedsProof],
        ]}
      />
      <p className="mt-3 font-medium">Evidence ({signing.snapshot.evidence.length})</p>
      {signing.snapshot.evidence.length === 0 ? (
        <p className="text-slate-600">None recorded.</p>
      ) : (
        <ul className="mt-1 list-disc space-y-1 pl-5">
          {signing.snapshot.evidence.map((e) => (
            <li key={e.id}>
              {e.kind === "operational" ? "Operational validation" : "Technical evidence"},{" "}
              {environmentLabel[e.environment as EnvironmentKind] ?? e.environment}, {e.outcome}: {e.whatWasTested} — {e.recordedBy},{" "}
              {formatUtc(new Date(e.observedAt))}
            </li>
          ))}
        </ul>
      )}
      <p className="mt-3 text-slate-700">
        You sign <span className="font-mono font-semibold">{signing.signedName}</span>
      </p>
      <p className="break-all font-mono text-xs text-slate-600">SHA-256 {signing.snapshotDigest}</p>
    </div>
  );
}
