import { seedId } from "@/db/seed";

// The bad-input corpus of RELIABILITY.md ("Bad input"), sent to every field of every server
// action by test/security/bad-input.db.test.ts and, for the rendered ones, through the browser
// by e2e/security.spec.ts. Some of these are perfectly good free text (emoji, `%`, `' OR 1=1--`):
// there the bar is that they are stored literally and rendered inert. `expectation()` below says,
// per input and field kind, which answer is right.

export type BadInput = { name: string; value: string | string[] };

const MB = 1024 * 1024;

export const badInputs: BadInput[] = [
  { name: "10 kB string", value: "x".repeat(10 * 1024) },
  { name: "1 MB string", value: "x".repeat(MB) },
  { name: "2 MB string", value: "x".repeat(2 * MB) },
  { name: "NUL byte", value: "before\u0000after" },
  { name: "RTL override U+202E", value: "invoice\u202Egnp.exe" },
  { name: "zero-width space U+200B", value: "zero\u200Bwidth" },
  { name: "zero-width non-joiner U+200C", value: "zero\u200Cjoin" },
  { name: "zero-width joiner U+200D outside an emoji", value: "zero\u200Djoin" },
  { name: "word joiner U+2060", value: "word\u2060joiner" },
  { name: "byte-order mark U+FEFF", value: "byte-order\uFEFFmark" },
  { name: "left-to-right mark U+200E", value: "mark\u200Eed" },
  { name: "right-to-left isolate U+2067 … U+2069", value: "admin\u2067 (evil)\u2069" },
  { name: "line separator U+2028", value: "line\u2028separator" },
  { name: "Hangul filler U+3164 (renders blank)", value: "\u3164\u3164" },
  { name: "combining marks", value: "Z\u0351\u0361a\u0308\u0301l\u0336g\u0489o" },
  { name: "emoji", value: "Go-live 🚀 👩🏽‍⚕️ ✅" },
  { name: "full-width letters", value: "ＲＥＡＤＹ ｒｏｏｍ １２３" },
  { name: "script tag", value: "<script>alert(1)</script>" },
  { name: "attribute break-out with img onerror", value: '"><img src=x onerror=alert(1)>' },
  { name: "javascript: URL", value: "javascript:alert(1)" },
  { name: "javascript: URL, mixed case and padded", value: "  JaVaScRiPt:alert(document.domain)" },
  { name: "data: URL", value: "data:text/html,<script>alert(1)</script>" },
  { name: "SQL: ' OR 1=1--", value: "' OR 1=1--" },
  { name: "SQL: statement injection", value: "'); DROP TABLE users;--" },
  { name: "LIKE wildcard %", value: "%" },
  { name: "LIKE wildcard _", value: "_" },
  { name: "backslash", value: "\\" },
  { name: "date 2025-02-30", value: "2025-02-30" },
  { name: "date-time 2025-02-30T10:00", value: "2025-02-30T10:00" },
  { name: "date-time 0000-01-01T00:00", value: "0000-01-01T00:00" },
  { name: "date-time 9999-12-31T23:59", value: "9999-12-31T23:59" },
  { name: "date 0000-01-01", value: "0000-01-01" },
  { name: "date 9999-12-31", value: "9999-12-31" },
  // harden: a day that does not exist, in a date-time field's own format (JavaScript's Date
  // would roll it over to 2 March).
  { name: "NaN", value: "NaN" },
  { name: "number -1", value: "-1" },
  { name: "number 1e309", value: "1e309" },
  { name: "another organization's UUID", value: seedId("impl:lakeshore-availability") },
  { name: "nil UUID", value: "00000000-0000-0000-0000-000000000000" },
  { name: "non-UUID id", value: "not-a-uuid" },
  { name: "UUID followed by SQL", value: "00000000-0000-4000-8000-000000000000' OR '1'='1" },
  { name: "empty", value: "" },
  { name: "whitespace only", value: "   \t " },
  { name: "CR LF inside", value: "line one\r\nline two" },
  { name: "template syntax", value: "{{7*7}} ${7*7} <%= 7*7 %>" },
  { name: "field sent twice", value: ["first", "second"] },
];

// Not a field value: fields a client adds to any form, which the server must ignore
// (RELIABILITY.md: "extra role/orgId fields (ignored)"). Run once per action.
export const extraFields = {
  role: "admin",
  organizationId: seedId("org:lakeshore"),
  orgId: seedId("org:lakeshore"),
  userId: seedId("user:admin"),
  recordedById: seedId("user:admin"),
  sessionVersion: "0",
  __proto__field: "polluted",
};
export const extraFieldMarker = seedId("org:lakeshore");
