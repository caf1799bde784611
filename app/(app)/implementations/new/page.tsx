import type { Metadata } from "next";
import Link from "next/link";
import { ImplementationForm } from "@/components/implementation/implementation-form";
import { requireViewer } from "@/lib/auth/session-viewer";
import { isDomainError } from "@/lib/dal/errors";
import { implementationFormOptions } from "@/lib/dal/implementation-writes";
import { createImplementationAction } from "./actions";

export const metadata: Metadata = { title: "New implementation" };

export default async function NewImplementationPage() {
  const viewer = await requireViewer();
  const options = await implementationFormOptions(viewer).catch((error: unknown) => {
    if (isDomainError(error) && error.code === "forbidden") return null;
    throw error;
  });
  if (!options) {
    return (
      <div className="py-12 text-center">
        <h1 className="text-2xl font-semibold">New implementation</h1>
        <p className="mt-2 text-slate-600">Only implementation managers and admins create implementations.</p>
        <Link href="/" className="mt-6 inline-block font-medium text-sky-800 hover:underline">Back to the portfolio</Link>
      </div>
    );
  }
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">New implementation</h1>
      <p className="text-sm text-slate-600">Its checklist is copied from the template you choose; later template changes never rewrite it.</p>
      <div className="mt-6 max-w-3xl rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <ImplementationForm
          action={createImplementationAction}
          managers={options.managers}
          engineers={options.engineers}
          create={{ customers: options.customers, templates: options.templates }}
          initial={{
            name: "",
            ehrVendor: "epic",
            workflows: [],
            interfaces: [],
            phase: "assessment",
            goLiveDate: "",
            implementationManagerId: viewer.role === "implementation_manager" ? viewer.userId : "",
            engineeringOwnerId: "",
            freshnessWindowDays: 14,
            status: "active",
          }}
        />
      </div>
    </>
  );
}
