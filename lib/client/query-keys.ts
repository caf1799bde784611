// Every TanStack Query key in one place, so a mutation invalidates exactly what it changed.
export const queryKeys = {
  implementation: (implementationId: string) => ["implementation", implementationId] as const,
  checklist: (implementationId: string) => ["implementation", implementationId, "checklist"] as const,
  // One view of the checklist (filtered, ordered); invalidating `checklist` refreshes them all.
  checklistView: (implementationId: string, show: string, sort: string) => ["implementation", implementationId, "checklist", show, sort] as const,
  gate: (implementationId: string) => ["implementation", implementationId, "gate"] as const,
};

// How often a view that several people work on at once asks for changes.
export const LIVE_REFRESH_MS = 5_000;
