"use server";

// Organizations and their people: admins create and configure health systems and manage every
// person; implementation managers invite, disable and enable the customer IT people of the
// health systems they run implementations for (lib/dal/people.ts decides).
import { redirect } from "next/navigation";
import { defineFormAction } from "@/lib/actions/action";
import type { ActionResult } from "@/lib/actions/result";
import { publicOrigin } from "@/lib/auth/origin";
import {
  changeRole,
  createOrganization,
  invitePerson,
  resendInvitation,
  revokeInvitation,
  setOrganizationActive,
  setPersonDisabled,
  updateOrganization,
} from "@/lib/dal/people";
import {
  changeRoleSchema,
  createOrganizationSchema,
  invitationRefSchema,
  invitePersonSchema,
  setOrganizationActiveSchema,
  setPersonDisabledSchema,
  updateOrganizationSchema,
} from "@/lib/validation/people";

const LIST = "/admin/organizations";
const orgPath = (id: string) => `${LIST}/${id}`;
type Created = ActionResult<{ organizationId: string }>;

const create = defineFormAction({
  schema: createOrganizationSchema,
  run: (input, { viewer, requestId }) => createOrganization(viewer, input, requestId),
  revalidate: () => [LIST],
});
export async function createOrganizationAction(_previous: Created | null, formData: FormData): Promise<Created> {
  const result = await create(null, formData);
  if (result.ok) redirect(orgPath(result.data.organizationId));
  return result;
}

export const updateOrganizationAction = defineFormAction({
  schema: updateOrganizationSchema,
  run: (input, { viewer, requestId }) => updateOrganization(viewer, input, requestId),
  revalidate: (input) => [LIST, orgPath(input.organizationId)],
});

export const setOrganizationActiveAction = defineFormAction({
  schema: setOrganizationActiveSchema,
  run: (input, { viewer, requestId }) => setOrganizationActive(viewer, input, requestId),
  revalidate: (input) => [LIST, orgPath(input.organizationId)],
});

export const invitePersonAction = defineFormAction({
  schema: invitePersonSchema,
  // Answers without the new person's id: an address with an account the inviter may not manage
  // gets the same answer as a fresh invitation (lib/dal/people.ts).
  run: async (input, { viewer, requestId }) => {
    await invitePerson(viewer, input, await publicOrigin(), requestId);
    return undefined;
  },
  revalidate: (input) => [orgPath(input.organizationId)],
});

export const changeRoleAction = defineFormAction({
  schema: changeRoleSchema,
  run: (input, { viewer, requestId }) => changeRole(viewer, input, requestId),
  revalidate: () => [LIST],
});

export const setPersonDisabledAction = defineFormAction({
  schema: setPersonDisabledSchema,
  run: (input, { viewer, requestId }) => setPersonDisabled(viewer, input, requestId),
  revalidate: () => [LIST],
});

export const resendInvitationAction = defineFormAction({
  schema: invitationRefSchema,
  run: async (input, { viewer, requestId }) => resendInvitation(viewer, input, await publicOrigin(), requestId),
  revalidate: () => [LIST],
});

export const revokeInvitationAction = defineFormAction({
  schema: invitationRefSchema,
  run: (input, { viewer, requestId }) => revokeInvitation(viewer, input, requestId),
  revalidate: () => [LIST],
});
