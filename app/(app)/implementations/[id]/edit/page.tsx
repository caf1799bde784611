import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ImplementationForm } from "@/components/implementation/implementation-form";
import { requireViewer } from "@/lib/auth/session-viewer";
import { isDomainError } from "@/lib/dal/errors";
import { getImplementationForEdit } from "@/lib/dal/implementation-writes";
import { updateImplementationAction } from "./actions";

export const metadata: Metadata = { title: "Edit implementation" };

type Props = { params: Promise<{ id: string }> };

export default async function EditImplementationPage({ params }: Props) {
  const { id } = await params;
  const viewer = await requireViewer();
  // Someone who may not edit gets the same 404 as for a missing implementation.
  const data = await getImplementationForEdit(viewer, id).catch((error: unknown) => {
    if (isDomainError(error) && (error.code === "forbidden" || error.code === "not_found")) notFound();
    throw error;
  });
  const impl = data.implementation;
  return (
    <>
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
        <Link href={`/implementations/${impl.id}`} className="hover:underline">{impl.name}</Link> / Edit
      </nav>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">Edit {impl.name}</h1>
      <p className="text-sm text-slate-600">{impl.customerName}</p>
      <div className="mt-6 max-w-3xl rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <ImplementationForm
          action={updateImplementationAction}
          managers={data.managers}
          engineers={data.engineers}
          edit={{ implementationId: impl.id, version: impl.version }}
          initial={{
            name: impl.name,
            ehrVendor: impl.ehrVendor,
            workflows: impl.workflows,
            interfaces: impl.interfaces,
            phase: impl.phase,
            goLiveDate: impl.goLiveDate ?? "",
            implementationManagerId: impl.implementationManagerId ?? "",
            engineeringOwnerId: impl.engineeringOwnerId ?? "",
            freshnessWindowDays: impl.freshnessWindowDays,
            status: impl.status,
          }}
        />
      </div>
    </>
  );
}
