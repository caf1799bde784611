import { QueryProvider } from "@/components/providers/query-provider";

// The implementation's pages hold the live views (checklist, gate) and the forms that refresh
// them: the query client is loaded here, not on every page of the app.
export default function ImplementationLayout({ children }: { children: React.ReactNode }) {
  return <QueryProvider>{children}</QueryProvider>;
}
