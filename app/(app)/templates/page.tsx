import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { ScrollTable } from "@/components/ui/table";
import { requireViewer } from "@/lib/auth/session-viewer";
import { can } from "@/lib/dal/policy";
import { listTemplates } from "@/lib/dal/templates";
import { ehrVendorLabel } from "@/lib/format/labels";
import { NewTemplateForm } from "./_components/new-template-form";

export const metadata: Metadata = { title: "Checklist templates" };

const statusTone = { published: "good", draft: "warn", retired: "neutral" } as const;

export default async function TemplatesPage() {
  const viewer = await requireViewer();
  if (!can(viewer, "template.manage")) notFound();
  const templates = await listTemplates(viewer);
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Checklist templates</h1>
      <p className="text-sm text-slate-600">
        New implementations copy the published revision. Editing a template means a new revision: implementations
        already created keep the checklist they were given.
      </p>
      <ScrollTable caption="Checklist templates and their revisions" columns={["Template", "Revision", "Status", "EHR", "Items", "Used by"]} headerCellClass="px-4 py-3" className="mt-6">
        {templates.map((t) => (
          <tr key={t.id}>
            <td className="px-4 py-3">
              <Link href={`/templates/${t.id}`} className="font-medium text-sky-800 hover:underline">
                {t.name}
              </Link>
            </td>
            <td className="px-4 py-3">{t.revision}</td>
            <td className="px-4 py-3">
              <Badge tone={statusTone[t.status]}>{t.status[0]!.toUpperCase() + t.status.slice(1)}</Badge>
            </td>
            <td className="px-4 py-3">{t.ehrVendor ? ehrVendorLabel[t.ehrVendor] : "Any"}</td>
            <td className="px-4 py-3">{t.items ?? 0}</td>
            <td className="px-4 py-3">
              {t.usedBy ?? 0} implementation{(t.usedBy ?? 0) === 1 ? "" : "s"}
            </td>
          </tr>
        ))}
      </ScrollTable>
      <details className="mt-6 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <summary className="cursor-pointer text-sm font-semibold">New template</summary>
        <NewTemplateForm />
      </details>
    </>
  );
}
