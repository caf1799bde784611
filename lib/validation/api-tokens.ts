import { apiTokenScopes } from "@/lib/api/vocabulary";
import { environmentKinds } from "@/lib/domain/vocabulary";
import { checkboxList, id, nameText, version } from "./common";
import { z } from "./zod";

// The token management forms on an implementation's API tokens page.

export const MAX_TOKEN_DAYS = 365;

export const createApiTokenSchema = z.object({
  implementationId: id("Implementation"),
  name: nameText(100, "Token name"),
  environments: checkboxList(environmentKinds, "Environments").refine((v) => v.length > 0, "Choose at least one environment."),
  scopes: checkboxList(apiTokenScopes, "What it may post").refine((v) => v.length > 0, "Choose at least one thing it may post."),
  expiresInDays: z.coerce
    .number({ error: "Expires in must be a number of days." })
    .int("Expires in must be a whole number of days.")
    .min(1, "Expires in must be at least 1 day.")
    .max(MAX_TOKEN_DAYS, `Expires in can be at most ${MAX_TOKEN_DAYS} days; make a new token then.`),
});
export type CreateApiTokenInput = z.output<typeof createApiTokenSchema>;

export const revokeApiTokenSchema = z.object({
  implementationId: id("Implementation"),
  tokenId: id("API token"),
  version,
});
export type RevokeApiTokenInput = z.output<typeof revokeApiTokenSchema>;
