import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/people/action-form";
import { requireViewer } from "@/lib/auth/session-viewer";
import { listOrganizations } from "@/lib/dal/people";
import { can } from "@/lib/dal/policy";
import { createOrganizationAction } from "./actions";
import { signInMethodOptions } from "./options";

export const metadata: Metadata = { title: "Organizations and people" };

export default async function OrganizationsPage() {
  const viewer = await requireViewer();
  if (!can(viewer, "people.read")) notFound();
  const organizations = await listOrganizations(viewer);
  const admin = can(viewer, "organization.manage");
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Organizations and people</h1>
        <p className="mt-1 text-sm text-slate-600">
          {admin
            ? "The vendor and every health system, with their people."
            : "The health systems you run implementations for: invite and disable their customer IT people."}
        </p>
      </div>
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {organizations.map((o) => (
          <li key={o.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
            <Link href={`/admin/organizations/${o.id}`} className="font-medium underline-offset-2 hover:underline">
              {o.name}
            </Link>
            <span className="text-sm text-slate-600">
              {o.kind === "vendor" ? "Vendor" : "Health system"} · {o.slug} · {o.people} {o.people === 1 ? "person" : "people"}
              {o.active ? "" : " · Deactivated"}
            </span>
          </li>
        ))}
        {organizations.length === 0 ? <li className="px-4 py-3 text-sm text-slate-600">No organizations yet.</li> : null}
      </ul>
      {admin ? (
        <section aria-labelledby="new-org" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="new-org" className="text-lg font-semibold">
            New health system
          </h2>
          <ActionForm
            id="new-org-form"
            label="New health system"
            action={createOrganizationAction}
            fields={[
              { name: "name", label: "Name", type: "text" },
              { name: "slug", label: "Short name", type: "text", hint: "Lowercase letters, digits and hyphens, like riverbend-health." },
              { name: "allowedEmailDomains", label: "Allowed e-mail domains", type: "textarea", hint: "Separated by commas or new lines; empty allows any." },
              { name: "signInMethods", label: "Its people may sign in with", type: "checkboxes", options: signInMethodOptions, defaultValue: ["password", "email_link"] },
              { name: "ssoJustInTime", label: "Create customer IT accounts on first single sign-on from an allowed domain", type: "checkbox" },
            ]}
            submitLabel="Create health system"
            success="Created."
          />
        </section>
      ) : null}
    </div>
  );
}
