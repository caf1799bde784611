import type { PermissionInterface } from "@/lib/domain/vocabulary";
import { describeHl7Event, parseHl7Event } from "./hl7";
import { describeScope, parseSmartScope } from "./smart-scopes";

// One rule per interface for what a permission looks like, shared by the add-row form (live
// message) and the server (refusal). Returns the value as it is stored.

export type PermissionCheck = { ok: true; value: string; description: string; smartV1: boolean } | { ok: false; error: string };

export const MAX_PERMISSION_LENGTH = 300;

export function checkPermission(iface: PermissionInterface, raw: string): PermissionCheck {
  if (raw.length > MAX_PERMISSION_LENGTH) return { ok: false, error: `A permission is at most ${MAX_PERMISSION_LENGTH} characters.` };
  if (iface === "fhir_api") {
    const parsed = parseSmartScope(raw);
    if (!parsed.ok) return parsed;
    const smartV1 = parsed.scope.kind === "resource" && parsed.scope.smartVersion === "v1";
    return { ok: true, value: raw.trim(), description: describeScope(parsed.scope), smartV1 };
  }
  if (iface === "hl7v2_feed") {
    const parsed = parseHl7Event(raw);
    if (!parsed.ok) return parsed;
    return { ok: true, value: parsed.value, description: describeHl7Event(parsed.value), smartV1: false };
  }
  const value = raw.trim();
  if (value === "") return { ok: false, error: "Enter the permission as the API names it." };
  // Printable characters only: no control, bidi-override, zero-width or blank-rendering
  // characters, and no line or paragraph separators — not even a joiner inside an emoji.
  if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u115F\u1160\u3164\uFFA0\u2800]/u.test(value)) return { ok: false, error: "The permission contains a character that is not allowed." };
  return { ok: true, value, description: "Proprietary API permission", smartV1: false };
}
