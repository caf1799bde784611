"use client";

import { useRefreshOnSuccess } from "@/components/providers/use-refresh-on-success";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useWrite, WriteForm, type FormAction } from "@/components/ui/write-form";
import { queryKeys } from "@/lib/client/query-keys";

// A change to an item that needs only a reason said in words (unblocking, revoking a waiver):
// one text box and the button.
export function ItemReasonForm<T>({
  action,
  implementationId,
  itemId,
  version,
  label,
  success,
  form,
  name,
  fieldLabel,
  submit,
  pendingSubmit,
}: {
  action: FormAction<T>;
  implementationId: string;
  itemId: string;
  version: number;
  label: string;
  success: string;
  // The DOM id prefix, and the field's name in the action's schema.
  form: string;
  name: string;
  fieldLabel: string;
  submit: string;
  pendingSubmit: string;
}) {
  const write = useWrite(action, queryKeys.checklist(implementationId));
  useRefreshOnSuccess(write.state);
  return (
    <WriteForm write={write} label={label} success={success} hidden={{ itemId, version }}>
      <Field form={form} name={name} label={fieldLabel} errors={write.errors}>
        {(control) => <textarea {...control} rows={2} />}
      </Field>
      <Button type="submit" pending={write.pending}>
        {write.pending ? pendingSubmit : submit}
      </Button>
    </WriteForm>
  );
}
