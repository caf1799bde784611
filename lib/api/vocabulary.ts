// What an API token may post. Kept free of database imports (client components use it).
export const apiTokenScopes = ["evidence", "metrics"] as const;
export type ApiTokenScope = (typeof apiTokenScopes)[number];

export const apiTokenScopeLabels: Record<ApiTokenScope, string> = {
  evidence: "Post technical evidence",
  metrics: "Post interface metrics",
};
