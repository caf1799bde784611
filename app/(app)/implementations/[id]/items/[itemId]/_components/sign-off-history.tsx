import { Badge } from "@/components/ui/badge";
import type { SignOffPanel as Panel } from "@/lib/dal/sign-offs";
import { roleLabel } from "@/lib/format/labels";
import { utc } from "./sign-off-format";

// Every sign-off the item ever had, superseded ones marked, each with the short name of what
// was signed ("v5 · a1b2c3d4") beside the full SHA-256 of the snapshot.
export function SignOffHistory({ history }: { history: Panel["history"] }) {
  return (
    <>
      <h3 className="mt-6 text-base font-semibold">Sign-off history</h3>
      {history.length === 0 ? (
        <p className="text-sm text-slate-600">No sign-offs yet.</p>
      ) : (
        // On a phone the history scrolls in its own box rather than widening the page.
        <div className="mt-2 overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Sign-off history</caption>
          <thead className="text-slate-600">
            <tr>
              <th scope="col" className="py-1 pr-3 font-medium">Signer</th>
              <th scope="col" className="py-1 pr-3 font-medium">Role</th>
              <th scope="col" className="py-1 pr-3 font-medium">Decision</th>
              <th scope="col" className="py-1 pr-3 font-medium">Signed what</th>
              <th scope="col" className="py-1 pr-3 font-medium">Signed (UTC)</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {history.map((h) => (
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
                <td className="py-2 pr-3">
                  <span className="font-mono">{h.signedName}</span>
                  <span className="block break-all font-mono text-[10px] text-slate-500" title="SHA-256 of what was signed">
                    SHA-256 {h.snapshotSha256}
                  </span>
                </td>
                <td className="py-2 pr-3">
                  <time dateTime={h.signedAt.toISOString()}>{utc(h.signedAt).replace(" UTC", "")}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
    </>
  );
}
