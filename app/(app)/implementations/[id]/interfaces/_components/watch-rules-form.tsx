"use client";

import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useWrite, WriteForm } from "@/components/ui/write-form";
import { watchRuleBounds } from "@/lib/validation/hypercare";
import { setWatchRulesAction } from "../actions";

export type WatchRuleValues = {
  noTrafficMinutes: number | null;
  businessStartHour: number | null;
  businessEndHour: number | null;
  bandWidth: number | null;
  minSamples: number | null;
  errorRatePercent: number | null;
  fingerprintUnchangedMinutes: number | null;
};

type Key = keyof WatchRuleValues;
const order: Key[] = ["noTrafficMinutes", "businessStartHour", "businessEndHour", "errorRatePercent", "fingerprintUnchangedMinutes", "bandWidth", "minSamples"];

// The interface's hand-set watch rules: each field blank keeps the default (shown as its
// placeholder and hint); "Use the defaults" clears every hand-set value at once.
export function WatchRulesForm({
  interfaceId,
  version,
  values,
  defaults,
}: {
  interfaceId: string;
  version: number;
  values: WatchRuleValues;
  defaults: Record<Key, number | null>;
}) {
  const write = useWrite(setWatchRulesAction);
  const clear = useWrite(setWatchRulesAction);
  const { errors } = write;
  const anySet = Object.values(values).some((v) => v !== null);
  return (
    <>
      <WriteForm write={write} label="Watch rules" success="Watch rules saved." hidden={{ interfaceId, version }} key={`set-${version}`}>
        <div className="grid gap-3 sm:grid-cols-2">
          {order.map((key) => {
            const { label, integer, min, max } = watchRuleBounds[key];
            const fallback = defaults[key];
            return (
              <Field
                key={key}
                form="watch-rules"
                name={key}
                label={label}
                errors={errors}
                hint={`${min}–${max}; blank: the default${fallback === null ? " (off)" : ` (${fallback})`}.`}
              >
                {(control) => (
                  <input {...control} inputMode={integer ? "numeric" : "decimal"} defaultValue={values[key] ?? ""} placeholder={fallback === null ? "" : String(fallback)} />
                )}
              </Field>
            );
          })}
        </div>
        <Button type="submit" pending={write.pending}>
          {write.pending ? "Saving…" : "Save watch rules"}
        </Button>
      </WriteForm>
      {anySet ? (
        <WriteForm write={clear} label="Use the default watch rules" success="The default rules apply again." hidden={{ interfaceId, version }} key={`clear-${version}`}>
          <Button type="submit" variant="secondary" pending={clear.pending}>
            {clear.pending ? "Clearing…" : "Use the defaults for every rule"}
          </Button>
        </WriteForm>
      ) : null}
    </>
  );
}
