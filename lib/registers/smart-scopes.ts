// SMART App Launch scopes: the v2 grammar (`patient/Appointment.rs`, with an optional
// `?param=value` query), the v1 forms still in use (`patient/*.read`), and the scopes that name
// no resource (`openid`, `launch/patient`…), EHR-defined launch contexts (`launch/imagingstudy`)
// and a server's own custom scopes, labelled as such. Resource types are checked against the
// FHIR R4 list, so `patient/Apointment.rs` is refused. Pure, so the add-row form validates as you type
// with the same rule the server applies.

export const scopeContexts = ["patient", "user", "system"] as const;
export type ScopeContext = (typeof scopeContexts)[number];

export const nonResourceScopes = [
  "openid",
  "fhirUser",
  "profile",
  "launch",
  "launch/patient",
  "launch/encounter",
  "offline_access",
  "online_access",
] as const;

import { r4ResourceTypes } from "./fhir-resource-types";

export type ParsedScope =
  | {
      kind: "resource";
      smartVersion: "v1" | "v2";
      context: ScopeContext;
      resourceType: string;
      // v2: an ordered subset of "cruds"; v1: "read", "write" or "*".
      permissions: string;
      query: string | null;
    }
  | { kind: "non_resource"; scope: string }
  // `launch/imagingstudy`, `launch/list?role=…`: a launch context the EHR defines (SMART 2.2).
  | { kind: "launch_extension"; scope: string }
  // A scope the server defines for itself, outside FHIR (allowed by SMART App Launch).
  | { kind: "custom"; scope: string };

export type ScopeCheck = { ok: true; scope: ParsedScope } | { ok: false; error: string };

const V2_PERMISSIONS = /^c?r?u?d?s?$/;
// launch/<context>, optionally with a role query: EHR-defined launch context requests.
const LAUNCH_CONTEXT = /^launch\/[a-z][a-z0-9_-]{0,63}(\?role=[^\s&]+)?$/;
// A custom scope: a token of letters, digits and . _ : / - (no spaces or markup).
const CUSTOM = /^[A-Za-z][A-Za-z0-9_.:/-]{0,199}$/;
// What a mistyped resource scope looks like (`Appointment.rs`, `practitioner/Appointment.rs`):
// refused with the grammar's reason instead of being taken for a custom scope.
const LOOKS_LIKE_RESOURCE_SCOPE = /(^|\/)(\*|[A-Z][A-Za-z]*)\.|^[a-z]+\/[A-Z*]/;
const RESOURCE_TYPE = /^(\*|[A-Z][A-Za-z]{1,63})$/;
// One or more `name=value` pairs joined by `&`; values may hold `|` (system|code) and URLs.
const QUERY = /^[A-Za-z_][\w.:-]*=[^\s&=]+(&[A-Za-z_][\w.:-]*=[^\s&=]+)*$/;

export function parseSmartScope(raw: string): ScopeCheck {
  const value = raw.trim();
  if (value === "") return { ok: false, error: "Enter a scope, such as patient/Appointment.rs." };
  if (/\s/.test(value)) return { ok: false, error: "One scope per row: a scope has no spaces." };
  if ((nonResourceScopes as readonly string[]).includes(value)) return { ok: true, scope: { kind: "non_resource", scope: value } };
  if (LAUNCH_CONTEXT.test(value)) return { ok: true, scope: { kind: "launch_extension", scope: value } };
  if (!/^(patient|user|system)\//.test(value) && CUSTOM.test(value) && !LOOKS_LIKE_RESOURCE_SCOPE.test(value)) {
    return { ok: true, scope: { kind: "custom", scope: value } };
  }

  const slash = value.indexOf("/");
  const context = value.slice(0, slash);
  if (slash < 0 || !(scopeContexts as readonly string[]).includes(context)) {
    return { ok: false, error: "A scope starts with patient/, user/ or system/ (or is one of openid, fhirUser, launch, launch/patient, offline_access, online_access)." };
  }
  const rest = value.slice(slash + 1);
  const dot = rest.indexOf(".");
  if (dot < 0) return { ok: false, error: "After the resource type, put a dot and the permissions, as in patient/Appointment.rs." };
  const resourceType = rest.slice(0, dot);
  if (!RESOURCE_TYPE.test(resourceType) || (resourceType !== "*" && !r4ResourceTypes.has(resourceType))) {
    return { ok: false, error: `"${resourceType.slice(0, 40)}" is not a FHIR R4 resource type: use a name like Appointment, or * for all.` };
  }
  const afterDot = rest.slice(dot + 1);
  const question = afterDot.indexOf("?");
  const permissions = question < 0 ? afterDot : afterDot.slice(0, question);
  const query = question < 0 ? null : afterDot.slice(question + 1);

  if (permissions === "read" || permissions === "write" || permissions === "*") {
    if (query !== null) return { ok: false, error: "A SMART v1 scope (.read, .write, .*) cannot carry a ?query; use v2 permissions such as .rs." };
    return { ok: true, scope: { kind: "resource", smartVersion: "v1", context: context as ScopeContext, resourceType, permissions, query: null } };
  }
  if (permissions === "" || !V2_PERMISSIONS.test(permissions)) {
    return { ok: false, error: "Permissions are letters from c r u d s, in that order and at least one (rs, cruds, r), or v1's read, write or *." };
  }
  if (query !== null && !QUERY.test(query)) {
    return { ok: false, error: "The part after ? must be name=value pairs joined by &, as in ?category=laboratory." };
  }
  return { ok: true, scope: { kind: "resource", smartVersion: "v2", context: context as ScopeContext, resourceType, permissions, query } };
}

const permissionWords: Record<string, string> = { c: "create", r: "read", u: "update", d: "delete", s: "search" };
const contextWords: Record<ScopeContext, string> = {
  patient: "for the patient in context",
  user: "as the signed-in user",
  system: "as a backend system",
};

// How the matrix explains a scope in words, and says when it is the older v1 form.
export function describeScope(scope: ParsedScope): string {
  if (scope.kind === "non_resource") return `Launch or identity scope (no FHIR resource)`;
  if (scope.kind === "launch_extension") return "Extension: a launch context the EHR defines (not in the SMART core list)";
  if (scope.kind === "custom") return "Custom scope: defined by this server, not by FHIR or SMART";
  const what = scope.resourceType === "*" ? "every resource type" : scope.resourceType;
  if (scope.smartVersion === "v1") {
    const verb = scope.permissions === "*" ? "read and write" : scope.permissions;
    return `SMART v1 scope: ${verb} ${what} ${contextWords[scope.context]}`;
  }
  const verbs = [...scope.permissions].map((p) => permissionWords[p]!).join(", ");
  return `${verbs} ${what} ${contextWords[scope.context]}${scope.query ? ` where ${scope.query}` : ""}`;
}
