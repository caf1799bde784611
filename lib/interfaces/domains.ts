import { dataDomains, workflowDomains, type DataDomain } from "./vocabulary";

// Which data domains need an agreed source of truth, and how badly: pure, shared by the
// source-of-truth map and the go/no-go gate so both say the same.

type InventoryRow = { name: string; workflows: readonly string[]; status: string; kind: string };

const touches = (workflows: readonly string[], domain: DataDomain) =>
  workflows.some((w) => (workflowDomains as Record<string, readonly string[]>)[w]?.includes(domain));

export function domainRelevance(workflowsInScope: readonly string[], inventory: InventoryRow[]) {
  return Object.fromEntries(
    dataDomains.map((d) => [
      d,
      {
        // Workflows in scope that read or write the domain: not agreed, it blocks go-live.
        neededBy: workflowsInScope.filter((w) => touches([w], d)),
        // Interfaces (not retired) whose workflows carry it, or a DICOM feed for imaging.
        carriedBy: inventory.filter((i) => i.status !== "retired" && (touches(i.workflows, d) || (d === "imaging" && i.kind === "dicom"))).map((i) => i.name),
      },
    ]),
  ) as Record<DataDomain, { neededBy: string[]; carriedBy: string[] }>;
}

export type GateDataDomain = { domain: DataDomain; agreed: boolean; neededBy: string[]; carriedBy: string[] };

// The domains the gate weighs: once the implementation has an interface inventory, every domain
// its workflows or interfaces touch; and any domain someone put on the map without agreeing it.
// An implementation with no inventory yet has nothing here (its checklist speaks for it).
export function gateDataDomains(
  workflowsInScope: readonly string[],
  inventory: InventoryRow[],
  recorded: { domain: DataDomain; agreed: boolean }[],
): GateDataDomain[] {
  const relevance = domainRelevance(workflowsInScope, inventory);
  const hasInventory = inventory.some((i) => i.status !== "retired");
  const byDomain = new Map(recorded.map((r) => [r.domain, r]));
  return dataDomains
    .map((domain) => ({ domain, agreed: byDomain.get(domain)?.agreed ?? false, ...relevance[domain] }))
    .filter((d) => (hasInventory && (d.neededBy.length > 0 || d.carriedBy.length > 0)) || byDomain.has(d.domain));
}
