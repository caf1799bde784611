import { interfaceKinds, workflows } from "@/lib/domain/vocabulary";
import { toCsv } from "@/lib/format/csv";
import { interfaceLabel, workflowLabel } from "@/lib/format/labels";
import { addInterfaceSchema, type AddInterfaceInput } from "@/lib/validation/interfaces";
import { interfaceDirectionLabel, interfaceDirections, interfaceStatusLabel, interfaceStatuses } from "./vocabulary";

// The interface inventory as a spreadsheet: the export's columns are the import's, so a
// customer's list can go out, be filled in, and come back. Rows are checked by the same schema
// as the form; the parsing itself (csv-parse) happens in the caller, so this stays pure and runs
// in the browser (preview) and on the server (import) alike.

export const inventoryColumns = [
  "name",
  "kind",
  "direction",
  "source_system",
  "target_system",
  "workflows",
  "message_types",
  "endpoint_sandbox",
  "endpoint_test",
  "endpoint_production",
  "vendor_owner",
  "customer_owner",
  "status",
  "note",
] as const;

export const MAX_IMPORT_ROWS = 200;
export const MAX_IMPORT_BYTES = 200_000;

type Row = { [K in (typeof inventoryColumns)[number]]?: string };

// A value as a person writes it in a spreadsheet: the code or its label, any case.
function lookup<T extends string>(values: readonly T[], labels: Record<T, string>, raw: string): T | string {
  const v = raw.trim().toLowerCase();
  return values.find((x) => x === v || labels[x].toLowerCase() === v) ?? raw.trim();
}

export type ImportRow = { line: number; name: string; input: AddInterfaceInput | null; problems: string[] };
export type ImportPreview = { rows: ImportRow[]; problems: string[] };

export function previewInventoryImport(records: string[][], implementationId: string, existingNames: string[]): ImportPreview {
  const problems: string[] = [];
  const [header, ...body] = records;
  if (!header) return { rows: [], problems: ["The file is empty."] };
  const columns = header.map((h) => h.trim().toLowerCase().replace(/[\s-]+/g, "_"));
  for (const required of ["name", "kind", "direction"]) if (!columns.includes(required)) problems.push(`The header has no "${required}" column.`);
  const unknown = columns.filter((c) => c !== "" && !(inventoryColumns as readonly string[]).includes(c));
  if (unknown.length) problems.push(`Unknown columns (ignored): ${unknown.slice(0, 10).join(", ")}.`.slice(0, 300));
  if (body.length > MAX_IMPORT_ROWS) problems.push(`At most ${MAX_IMPORT_ROWS} interfaces per import; this file has ${body.length}.`);
  if (problems.some((p) => !p.startsWith("Unknown columns"))) return { rows: [], problems };

  const taken = new Set(existingNames.map((n) => n.toLowerCase()));
  const seen = new Set<string>();
  const rows = body
    .map((cells, i) => ({ cells, line: i + 2 }))
    .filter(({ cells }) => cells.some((c) => c.trim() !== ""))
    .map(({ cells, line }) => {
      const row: Row = {};
      columns.forEach((c, i) => {
        if ((inventoryColumns as readonly string[]).includes(c)) row[c as keyof Row] = cells[i] ?? "";
      });
      const parsed = addInterfaceSchema.safeParse({
        implementationId,
        name: row.name ?? "",
        kind: lookup(interfaceKinds, interfaceLabel, row.kind ?? ""),
        direction: lookup(interfaceDirections, interfaceDirectionLabel, row.direction ?? ""),
        sourceSystem: row.source_system ?? "",
        targetSystem: row.target_system ?? "",
        workflows: (row.workflows ?? "").split(/[;,]/).map((w) => lookup(workflows, workflowLabel, w)).filter((w) => w !== ""),
        messageTypes: row.message_types ?? "",
        endpointSandbox: row.endpoint_sandbox ?? "",
        endpointTest: row.endpoint_test ?? "",
        endpointProduction: row.endpoint_production ?? "",
        vendorOwner: row.vendor_owner ?? "",
        customerOwner: row.customer_owner ?? "",
        status: row.status?.trim() ? lookup(interfaceStatuses, interfaceStatusLabel, row.status) : "planned",
        note: row.note ?? "",
      });
      const rowProblems = parsed.success
        ? []
        : parsed.error.issues.map((issue) => `${String(issue.path[0] ?? "row").replace(/([A-Z])/g, " $1").toLowerCase()}: ${issue.message}`);
      const name = (row.name ?? "").trim();
      const key = name.toLowerCase();
      if (name && taken.has(key)) rowProblems.push("name: the inventory already has an interface of that name.");
      if (name && seen.has(key)) rowProblems.push("name: the file names this interface twice.");
      seen.add(key);
      return { line, name: name.slice(0, 200), input: parsed.success && rowProblems.length === 0 ? parsed.data : null, problems: rowProblems };
    });
  if (rows.length === 0) problems.push("The file has a header but no interfaces.");
  return { rows, problems };
}

export function inventoryCsv(
  rows: {
    name: string;
    kind: string;
    direction: string;
    sourceSystem: string;
    targetSystem: string;
    workflows: string[];
    messageTypes: string[];
    endpoints: Record<string, string>;
    vendorOwner: string;
    customerOwner: string;
    status: string;
    note: string;
  }[],
): string {
  return toCsv(
    [...inventoryColumns],
    rows.map((r) => [
      r.name,
      r.kind,
      r.direction,
      r.sourceSystem,
      r.targetSystem,
      r.workflows.join(";"),
      r.messageTypes.join(";"),
      r.endpoints.sandbox ?? "",
      r.endpoints.test ?? "",
      r.endpoints.production ?? "",
      r.vendorOwner,
      r.customerOwner,
      r.status,
      r.note,
    ]),
  );
}
