import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/people/action-form";
import { requireViewer } from "@/lib/auth/session-viewer";
import { isDomainError } from "@/lib/dal/errors";
import { getOrganizationPeople } from "@/lib/dal/people";
import type { UserStatus } from "@/lib/domain/vocabulary";
import { formatUtc } from "@/lib/format/dates";
import { roleLabel } from "@/lib/format/labels";
import {
  changeRoleAction,
  invitePersonAction,
  resendInvitationAction,
  revokeInvitationAction,
  setOrganizationActiveAction,
  setPersonDisabledAction,
  updateOrganizationAction,
} from "../actions";
import { signInMethodLabel, signInMethodOptions } from "../options";

export const metadata: Metadata = { title: "Organization" };

const statusLabel: Record<UserStatus, string> = { invited: "Invited", active: "Active", disabled: "Disabled" };
const statusClass: Record<UserStatus, string> = {
  invited: "border-amber-300 bg-amber-50 text-amber-900",
  active: "border-emerald-300 bg-emerald-50 text-emerald-900",
  disabled: "border-slate-300 bg-slate-100 text-slate-700",
};
const when = (d: Date | null) => (d ? formatUtc(d) : "never");

export default async function OrganizationPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireViewer();
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const data = await getOrganizationPeople(viewer, id).catch((error) => {
    if (isDomainError(error) && (error.code === "not_found" || error.code === "forbidden")) return null;
    throw error;
  });
  if (!data) notFound();
  const { organization: org, people, roleChoices } = data;
  const roleOptions = roleChoices.map((r) => ({ value: r, label: roleLabel[r] }));
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm">
          <Link href="/admin/organizations" className="underline">
            Organizations
          </Link>
        </p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">{org.name}</h1>
        <p className="mt-1 text-sm text-slate-600">
          {org.kind === "vendor" ? "Vendor" : "Health system"} · {org.slug} · {org.active ? "Active" : "Deactivated: its people cannot sign in"} · Sign-in:{" "}
          {org.signInMethods.map((m) => signInMethodLabel[m]).join(", ")}
          {org.allowedEmailDomains.length ? ` · Domains: ${org.allowedEmailDomains.join(", ")}` : ""}
        </p>
      </div>

      <section aria-labelledby="people-heading" className="space-y-3">
        <h2 id="people-heading" className="text-lg font-semibold">
          People
        </h2>
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {people.map((p) => (
            <li key={p.id} className="flex flex-col gap-3 px-4 py-3 md:flex-row md:items-start md:justify-between">
              <div aria-label={`Person ${p.name}`}>
                <p className="font-medium">
                  {p.name} {p.isViewer ? <span className="text-sm font-normal text-slate-600">(you)</span> : null}
                </p>
                <p className="text-sm text-slate-600">
                  {p.email} · {roleLabel[p.role]}
                  {p.singleSignOn ? " · single sign-on linked" : ""} · last sign-in {when(p.lastSignInAt)}
                </p>
                <p className="mt-1">
                  <span className={`inline-block rounded border px-2 py-0.5 text-xs font-medium ${statusClass[p.status]}`}>Status: {statusLabel[p.status]}</span>
                </p>
              </div>
              <div className="flex flex-wrap items-start gap-3">
                {data.canChangeRoles && p.status !== "disabled" ? (
                  <ActionForm
                    id={`role-${p.id}`}
                    label={`Role of ${p.name}`}
                    action={changeRoleAction}
                    hidden={{ person: p.id, version: String(p.version) }}
                    fields={[{ name: "personRole", label: "Role", type: "select", options: roleOptions, defaultValue: p.role }]}
                    submitLabel="Change role"
                    success="Role changed."
                    compact
                  />
                ) : null}
                {p.status === "invited" ? (
                  <>
                    <ActionForm id={`resend-${p.id}`} label={`Resend invitation to ${p.name}`} action={resendInvitationAction} hidden={{ person: p.id }} submitLabel="Resend invitation" success="Sent again." compact />
                    <ActionForm id={`revoke-${p.id}`} label={`Revoke invitation of ${p.name}`} action={revokeInvitationAction} hidden={{ person: p.id }} submitLabel="Revoke invitation" success="Revoked." compact danger />
                  </>
                ) : null}
                {!p.isViewer && p.status !== "invited" ? (
                  <ActionForm
                    id={`disable-${p.id}`}
                    label={`${p.status === "disabled" ? "Enable" : "Disable"} ${p.name}`}
                    action={setPersonDisabledAction}
                    hidden={{ person: p.id, version: String(p.version), disabled: p.status === "disabled" ? "false" : "true" }}
                    submitLabel={p.status === "disabled" ? "Enable" : "Disable"}
                    success="Saved."
                    compact
                    danger={p.status !== "disabled"}
                  />
                ) : null}
              </div>
            </li>
          ))}
          {people.length === 0 ? <li className="px-4 py-3 text-sm text-slate-600">Nobody yet: invite the first person below.</li> : null}
        </ul>
      </section>

      {org.active ? (
        <section aria-labelledby="invite-heading" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="invite-heading" className="text-lg font-semibold">
            Invite someone
          </h2>
          <p className="mb-3 text-sm text-slate-600">They get an e-mail with a link to choose a password (valid 7 days, single use).</p>
          <ActionForm
            id="invite"
            label="Invite someone"
            action={invitePersonAction}
            hidden={{ organization: org.id }}
            fields={[
              { name: "name", label: "Name", type: "text", autoComplete: "off" },
              { name: "email", label: "E-mail", type: "email", autoComplete: "off" },
              { name: "personRole", label: "Role", type: "select", options: roleOptions, defaultValue: roleChoices.length === 1 ? roleChoices[0] : "" },
            ]}
            submitLabel="Send invitation"
            pendingLabel="Sending…"
            success="Invitation sent."
          />
        </section>
      ) : null}

      {data.canEditOrganization ? (
        <section aria-labelledby="settings-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="settings-heading" className="text-lg font-semibold">
            Settings
          </h2>
          <ActionForm
            key={`settings-${org.version}`}
            id="settings"
            label="Organization settings"
            action={updateOrganizationAction}
            hidden={{ organization: org.id, version: String(org.version) }}
            fields={[
              { name: "name", label: "Name", type: "text", defaultValue: org.name },
              { name: "slug", label: "Short name", type: "text", defaultValue: org.slug },
              { name: "allowedEmailDomains", label: "Allowed e-mail domains", type: "textarea", defaultValue: org.allowedEmailDomains.join(", "), hint: "Separated by commas or new lines; empty allows any." },
              { name: "signInMethods", label: "Its people may sign in with", type: "checkboxes", options: signInMethodOptions, defaultValue: org.signInMethods },
              { name: "ssoJustInTime", label: "Create customer IT accounts on first single sign-on from an allowed domain", type: "checkbox", defaultChecked: org.ssoJustInTime },
            ]}
            submitLabel="Save settings"
            success="Saved."
          />
          {org.kind === "customer" ? (
            <ActionForm
              key={`active-${org.version}`}
              id="active"
              label={org.active ? "Deactivate organization" : "Reactivate organization"}
              action={setOrganizationActiveAction}
              hidden={{ organization: org.id, version: String(org.version), active: org.active ? "false" : "true" }}
              submitLabel={org.active ? "Deactivate (its people can no longer sign in)" : "Reactivate"}
              success="Saved."
              danger={org.active}
            />
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
