import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { requireViewer } from "@/lib/auth/session-viewer";
import { isDomainError } from "@/lib/dal/errors";
import { getTemplate } from "@/lib/dal/templates";
import { cutoverGateItems } from "@/lib/domain/cutover";
import { categoryLabel, roleLabel } from "@/lib/format/labels";
import { AddStandardItemForm, PublishForm, RemoveTemplateItemForm, StartRevisionForm, TemplateItemForm } from "./_components/template-forms";

export const metadata: Metadata = { title: "Checklist template" };

type Props = { params: Promise<{ id: string }> };

export default async function TemplatePage({ params }: Props) {
  const { id } = await params;
  const viewer = await requireViewer();
  // Someone who may not manage templates gets the same 404 as for a missing template.
  const template = await getTemplate(viewer, id).catch((error: unknown) => {
    if (isDomainError(error) && (error.code === "forbidden" || error.code === "not_found")) notFound();
    throw error;
  });
  const draft = template.status === "draft";
  const missingCutoverItems = cutoverGateItems.filter((standard) => !template.items.some((i) => i.key === standard.key));

  return (
    <>
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
        <Link href="/templates" className="hover:underline">Checklist templates</Link> / {template.name}
      </nav>
      <header className="mt-2 flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">
            {template.name} <span className="text-slate-500">· revision {template.revision}</span>
          </h1>
          <p className="text-slate-700">{template.description}</p>
        </div>
        <Badge tone={draft ? "warn" : template.status === "published" ? "good" : "neutral"}>
          {draft ? "Draft" : template.status === "published" ? "Published" : "Retired"}
        </Badge>
      </header>

      <div className="mt-4 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm">
        {draft ? (
          <>
            <p className="mb-3 text-slate-700">This draft can be edited. Publishing it retires the current published revision.</p>
            <PublishForm templateId={template.id} version={template.version} />
          </>
        ) : template.status === "published" ? (
          template.otherDraftId ? (
            <p>
              A draft of the next revision exists:{" "}
              <Link href={`/templates/${template.otherDraftId}`} className="font-medium text-sky-800 hover:underline">open the draft</Link>.
            </p>
          ) : (
            <>
              <p className="mb-3 text-slate-700">Published revisions are never edited in place. To change this template, start a new revision.</p>
              <StartRevisionForm templateId={template.id} />
            </>
          )
        ) : (
          <p className="text-slate-700">Retired: kept for the implementations created from it.</p>
        )}
      </div>

      <section aria-labelledby="items-heading" className="mt-6">
        <h2 id="items-heading" className="text-lg font-semibold">Items</h2>
        <ol className="mt-3 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white shadow-sm" aria-label="Template items">
          {template.items.map((item) => (
            <li key={item.id} className="p-4 text-sm">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div>
                  <p className="font-medium">{item.title}</p>
                  <p className="text-slate-600">
                    {categoryLabel[item.category]} · {item.required ? "required" : "optional"} · sign-off by{" "}
                    {item.requiredSignOffRoles.map((r) => roleLabel[r]).join(" and ") || "no one"}
                    {item.needsOperationalValidation ? " · needs operational validation" : ""}
                    {item.attestationOnly ? " · attestation only" : ""}
                  </p>
                </div>
                {draft ? <RemoveTemplateItemForm templateId={template.id} itemId={item.id} title={item.title} /> : null}
              </div>
              {draft ? (
                <details className="mt-2">
                  <summary className="cursor-pointer text-sm font-medium text-sky-800">Edit</summary>
                  <TemplateItemForm templateId={template.id} item={item} />
                </details>
              ) : null}
            </li>
          ))}
        </ol>
        {draft && missingCutoverItems.length > 0 ? (
          <div className="mt-4 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm">
            <h3 className="font-semibold">Cutover items the gate can require</h3>
            <p className="text-slate-600">
              Required, signed on attestation: the gate then asks every implementation copied from this revision for an approved rollback plan and an accepted
              support hand-off.
            </p>
            <ul className="mt-2 space-y-2" aria-label="Cutover items not in this draft">
              {missingCutoverItems.map((standard) => (
                <li key={standard.key}>
                  <p className="text-slate-700">
                    {standard.title}: {standard.description}
                  </p>
                  <AddStandardItemForm templateId={template.id} item={standard} />
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {draft ? (
          <details className="mt-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <summary className="cursor-pointer text-sm font-semibold">Add an item</summary>
            <TemplateItemForm templateId={template.id} />
          </details>
        ) : null}
      </section>
    </>
  );
}
