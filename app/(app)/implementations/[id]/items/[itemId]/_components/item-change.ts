"use client";

import { useSupersedeConfirmation, type CurrentApproval } from "@/components/checklist/supersede-confirm";
import { useRefreshOnSuccess } from "@/components/providers/use-refresh-on-success";
import { useWrite, type FormAction } from "@/components/ui/write-form";
import { queryKeys } from "@/lib/client/query-keys";

// What a change to an item from its page starts from: the item and the version the person read,
// and the signatures saving it would cancel (the form asks first). Accepted, it refreshes the
// live checklist and the page.

export type ItemChangeProps = {
  implementationId: string;
  itemId: string;
  version: number;
  today: string;
  approvals: CurrentApproval[];
};

export function useItemChange<T>(action: FormAction<T>, { implementationId, approvals }: { implementationId: string; approvals: CurrentApproval[] }, what: string) {
  const write = useWrite(action, queryKeys.checklist(implementationId));
  useRefreshOnSuccess(write.state);
  const { notice, confirmed } = useSupersedeConfirmation(approvals, what);
  return { write, errors: write.errors, notice, confirmed };
}
