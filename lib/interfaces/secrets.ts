// An endpoint description says where an interface connects (host, channel, path), never how to
// get in: values that look like a password, a token or a key are refused with the reason.

const rules: { pattern: RegExp; what: string }[] = [
  { pattern: /\b(password|passwd|pwd|pass)\s*[=:]/i, what: "a password" },
  { pattern: /\b(secret|client_secret|token|access_token|api[_-]?key|apikey|auth)\s*[=:]/i, what: "a secret or token" },
  { pattern: /\bbearer\s+[A-Za-z0-9._~+/-]{8,}/i, what: "a bearer token" },
  { pattern: /[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i, what: "a user name and password in a URL" },
  { pattern: /\beyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]{5,}/, what: "a JSON web token" },
  { pattern: /\bAKIA[0-9A-Z]{16}\b/, what: "a cloud access key" },
  { pattern: /-----BEGIN [A-Z ]*(PRIVATE KEY|CERTIFICATE)-----/, what: "a key or certificate" },
  { pattern: /[?&](sig|signature|key|token|code|password)=[^&\s]{6,}/i, what: "a signed or keyed URL" },
];

// A long run of letters, digits and symbols mixing cases and digits reads like a generated secret.
const RANDOM_RUN = /[A-Za-z0-9+/_=-]{32,}/g;
function looksGenerated(run: string): boolean {
  return /[a-z]/.test(run) && /[A-Z]/.test(run) && /\d/.test(run);
}

export function detectSecret(value: string): string | null {
  for (const r of rules) if (r.pattern.test(value)) return `looks like it holds ${r.what}. Describe where the interface connects, and keep credentials in your secrets manager.`;
  for (const run of value.match(RANDOM_RUN) ?? []) {
    if (looksGenerated(run)) return "holds a long random-looking string (a token or key?). Describe where the interface connects, and keep credentials in your secrets manager.";
  }
  return null;
}
