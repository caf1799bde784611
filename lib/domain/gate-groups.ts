// Gate reasons grouped by what they are about (an item, a register, the implementation) and
// who can act on it, in the order the gate lists them. Its own file, free of Node imports, so
// the live gate view (a client component) can use it.

export type GroupedReason = { key: string; group: { key: string; label: string; ownerName: string | null } };

export function groupReasons<R extends GroupedReason>(reasons: R[]): { group: R["group"]; reasons: R[] }[] {
  const groups = new Map<string, { group: R["group"]; reasons: R[] }>();
  for (const r of reasons) {
    const g = groups.get(r.group.key) ?? { group: r.group, reasons: [] as R[] };
    g.reasons.push(r);
    groups.set(r.group.key, g);
  }
  return [...groups.values()];
}
