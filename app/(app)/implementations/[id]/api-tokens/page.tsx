import type { Metadata } from "next";
import { ImplementationHeader } from "@/components/implementation/implementation-header";
import { Badge } from "@/components/ui/badge";
import { ScrollTable } from "@/components/ui/table";
import { apiTokenScopeLabels } from "@/lib/api/vocabulary";
import { requireViewer } from "@/lib/auth/session-viewer";
import { listApiTokens } from "@/lib/dal/api-tokens";
import { getImplementationSummary } from "@/lib/dal/implementations";
import { can } from "@/lib/dal/policy";
import { formatUtc } from "@/lib/format/dates";
import { orNotFound } from "@/lib/server/not-found";
import { CreateTokenForm, RevokeTokenForm } from "./_components/token-forms";

export const metadata: Metadata = { title: "API tokens" };

type Props = { params: Promise<{ id: string }> };

const stateBadge = {
  active: { tone: "good", symbol: "●", text: "Active" },
  expired: { tone: "warn", symbol: "◔", text: "Expired" },
  revoked: { tone: "neutral", symbol: "○", text: "Revoked" },
} as const;

export default async function ApiTokensPage({ params }: Props) {
  const { id } = await params;
  const viewer = await requireViewer();
  const implementation = await orNotFound(getImplementationSummary(viewer, id));
  if (!can(viewer, "api_token.manage")) {
    return (
      <>
        <ImplementationHeader implementation={implementation} current="api-tokens" />
        <p className="mt-6 text-sm text-slate-700">API tokens are made by the implementation&apos;s manager and engineers. Ask them for one for your monitor.</p>
      </>
    );
  }
  const tokens = await listApiTokens(viewer, implementation.id);
  return (
    <>
      <ImplementationHeader implementation={implementation} current="api-tokens" />
      <section aria-labelledby="new-token-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="new-token-heading" className="text-lg font-semibold">
          New API token
        </h2>
        <p className="text-sm text-slate-600">
          A CI job, interface engine or monitor posts technical evidence and interface traffic figures with a token (see <code>/api/v1/openapi.json</code>). Evidence it posts is
          technical only: it never counts as a person&apos;s validation in production or as a sign-off. Only a hash of the token is kept.
        </p>
        <div className="mt-4 max-w-xl">
          <CreateTokenForm implementationId={implementation.id} />
        </div>
      </section>
      <section aria-labelledby="tokens-heading" className="mt-6">
        <h2 id="tokens-heading" className="text-lg font-semibold">
          Tokens
        </h2>
        {tokens.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">No tokens yet.</p>
        ) : (
          <ScrollTable
            label="API tokens"
            columns={["Name", "State", "May post", "Environments", "Expires", "Last used", "Made by", <th key="actions" scope="col" className="px-3 py-2"><span className="sr-only">Actions</span></th>]}
            className="mt-3"
          >
            {tokens.map((t) => {
              const badge = stateBadge[t.state];
              return (
                <tr key={t.id}>
                  <td className="px-3 py-2">
                    <div className="font-medium">{t.name}</div>
                    <div className="font-mono text-xs text-slate-600">{t.prefix}…</div>
                  </td>
                  <td className="px-3 py-2">
                    <Badge tone={badge.tone}>
                      <span aria-hidden="true">{badge.symbol}</span>
                      {badge.text}
                    </Badge>
                    {t.revokedAt ? <div className="text-xs text-slate-600">by {t.revokedByName ?? "someone"} {formatUtc(t.revokedAt)}</div> : null}
                  </td>
                  <td className="px-3 py-2">{t.scopes.map((s) => apiTokenScopeLabels[s]).join("; ")}</td>
                  <td className="px-3 py-2">{t.environments.join(", ")}</td>
                  <td className="px-3 py-2 whitespace-nowrap">{formatUtc(t.expiresAt)}</td>
                  <td className="px-3 py-2 whitespace-nowrap">{t.lastUsedAt ? formatUtc(t.lastUsedAt) : "Never"}</td>
                  <td className="px-3 py-2">{t.createdByName}</td>
                  <td className="px-3 py-2">
                    {t.state === "active" ? <RevokeTokenForm implementationId={implementation.id} tokenId={t.id} version={t.version} name={t.name} /> : null}
                  </td>
                </tr>
              );
            })}
          </ScrollTable>
        )}
      </section>
    </>
  );
}
