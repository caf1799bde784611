import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { seedId, type AccountKey } from "./fixtures";

// Every page under app/ (route groups dropped), with seeded URLs for the dynamic ones, as each
// role would open them: customer IT of each organization opens its own implementation. Used by
// the accessibility and the phone-width checks, so a new page is checked without anyone
// remembering to add it (a new dynamic page fails until it is given a URL here).

const root = join(__dirname, "..");

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (entry.name === "page.tsx") out.push(path);
  }
  return out;
}

export function discoverPages(group?: string): string[] {
  return walk(join(root, "app"))
    .filter((file) => !group || relative(join(root, "app"), file).startsWith(`(${group})`))
    .map((file) => `/${relative(join(root, "app"), file)}`.replace(/\/page\.tsx$/, "").replace(/\/\([^)]+\)/g, "") || "/")
    .sort();
}

const implementationFor: Record<AccountKey, string> = {
  admin: "riverbend-appointments",
  manager: "riverbend-appointments",
  engineer: "riverbend-appointments",
  riverbendIt: "riverbend-appointments",
  lakeshoreIt: "lakeshore-availability",
};
const itemFor: Record<string, string> = {
  "riverbend-appointments": "monitoring-setup",
  "lakeshore-availability": "monitoring-setup",
};

function dynamicUrls(key: AccountKey): Record<string, string> {
  const implKey = implementationFor[key];
  const impl = `/implementations/${seedId(`impl:${implKey}`)}`;
  return {
    "/implementations/[id]": impl,
    "/implementations/[id]/edit": `${impl}/edit`,
    "/implementations/[id]/items/[itemId]": `${impl}/items/${seedId(`item:${implKey}:${itemFor[implKey]}`)}`,
    "/implementations/[id]/activity": `${impl}/activity`,
    "/implementations/[id]/notifications": `${impl}/notifications`,
    "/implementations/[id]/permissions": `${impl}/permissions`,
    "/implementations/[id]/test-patients": `${impl}/test-patients`,
    "/implementations/[id]/phases": `${impl}/phases`,
    "/implementations/[id]/cutover": `${impl}/cutover`,
    "/implementations/[id]/api-tokens": `${impl}/api-tokens`,
    "/implementations/[id]/report": `${impl}/report`,
    "/implementations/[id]/interfaces": `${impl}/interfaces`,
    "/implementations/[id]/interfaces/review": `${impl}/interfaces/review`,
    "/implementations/[id]/interfaces/reviews/[reviewId]": `${impl}/interfaces/reviews/00000000-0000-4000-8000-000000000000`,
    // The seed has no interface inventory (its gate would change): the not-found answer here;
    // e2e/interface-page.spec.ts checks the page with traffic at phone width and with axe.
    "/implementations/[id]/interfaces/[interfaceId]": `${impl}/interfaces/00000000-0000-4000-8000-000000000000`,
    "/templates/[id]": `/templates/${seedId("template:go-live-readiness:1")}`,
    "/admin/organizations/[id]": `/admin/organizations/${seedId(`org:${key === "lakeshoreIt" ? "lakeshore" : "riverbend"}`)}`,
  };
}

// The signed-in pages for one role, plus the signed-in 404.
export function pagesFor(key: AccountKey): string[] {
  const dynamic = dynamicUrls(key);
  const pages = discoverPages()
    .filter((p) => !discoverPages("auth").includes(p))
    .map((p) => {
      if (!p.includes("[")) return p;
      const url = dynamic[p];
      if (!url) throw new Error(`give ${p} a seeded URL in e2e/pages.ts`);
      return url;
    });
  return [...pages, "/no-such-page"];
}

// The signed-out pages (sign-in, password reset, invitation...), plus the signed-out 404.
export function signedOutPages(): string[] {
  return [...discoverPages("auth"), "/no-such-page"];
}

export const roles: AccountKey[] = ["manager", "engineer", "riverbendIt", "lakeshoreIt", "admin"];
