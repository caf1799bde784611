import { ehrVendors, implementationStatuses, interfaceKinds, phases, workflows } from "@/lib/domain/vocabulary";
import { checkboxList, id, nameText, optionalId, optionalIsoDate, version } from "./common";
import { z } from "./zod";

const fields = {
  name: nameText(200, "Name"),
  ehrVendor: z.enum(ehrVendors, { error: "Choose the EHR." }),
  workflows: checkboxList(workflows, "workflows"),
  interfaces: checkboxList(interfaceKinds, "interfaces"),
  phase: z.enum(phases, { error: "Choose a phase." }),
  goLiveDate: optionalIsoDate("Go-live date"),
  implementationManagerId: optionalId("Implementation manager"),
  engineeringOwnerId: optionalId("Engineering owner"),
  freshnessWindowDays: z.coerce
    .number({ error: "Freshness window must be a number of days." })
    .int("Freshness window must be a whole number of days.")
    .min(1, "Freshness window must be at least 1 day.")
    .max(365, "Freshness window can be at most 365 days."),
};

export const createImplementationSchema = z.object({
  customerOrganizationId: id("Customer"),
  templateId: id("Checklist template"),
  ...fields,
});

export const updateImplementationSchema = z.object({
  implementationId: id("Implementation"),
  version,
  status: z.enum(implementationStatuses, { error: "Choose a status." }),
  ...fields,
});

export type CreateImplementationInput = z.output<typeof createImplementationSchema>;
export type UpdateImplementationInput = z.output<typeof updateImplementationSchema>;
