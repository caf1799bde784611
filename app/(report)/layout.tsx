import { requireViewer } from "@/lib/auth/session-viewer";

// Printable pages: no navigation, only the document, for the go-live meeting.
export default async function ReportLayout({ children }: { children: React.ReactNode }) {
  await requireViewer();
  return <main className="mx-auto max-w-5xl bg-white px-6 py-8 print:max-w-none print:p-0">{children}</main>;
}
