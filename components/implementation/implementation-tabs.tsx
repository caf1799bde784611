import Link from "next/link";

// The sections of one implementation, each its own page so it loads only what it shows.
// Add a section by adding a line here.
export const implementationSections = [
  { key: "checklist", label: "Checklist", path: "" },
  { key: "phases", label: "Phases", path: "/phases" },
  { key: "cutover", label: "Cutover", path: "/cutover" },
  { key: "permissions", label: "API permissions", path: "/permissions" },
  { key: "test-patients", label: "Test patients", path: "/test-patients" },
  { key: "interfaces", label: "Interfaces", path: "/interfaces" },
  { key: "activity", label: "Activity", path: "/activity" },
  { key: "notifications", label: "Notifications", path: "/notifications" },
  { key: "api-tokens", label: "API tokens", path: "/api-tokens" },
] as const;

export type ImplementationSection = (typeof implementationSections)[number]["key"];

export function ImplementationTabs({ implementationId, current }: { implementationId: string; current: string }) {
  return (
    <nav aria-label="Implementation sections" className="mt-6 border-b border-slate-200">
      <ul className="-mb-px flex flex-wrap gap-1 text-sm">
        {implementationSections.map((section) => {
          const active = section.key === current;
          return (
            <li key={section.key}>
              <Link
                href={`/implementations/${implementationId}${section.path}`}
                aria-current={active ? "page" : undefined}
                className={
                  active
                    ? "inline-block border-b-2 border-slate-900 px-3 py-2 font-semibold text-slate-950"
                    : "inline-block border-b-2 border-transparent px-3 py-2 text-slate-700 hover:border-slate-300 hover:text-slate-950"
                }
              >
                {section.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
