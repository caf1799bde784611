// The Content-Security-Policy for one response. A fresh nonce per request lets Next's own
// scripts run and nothing else; inline styles stay allowed because React style attributes
// need them and they cannot execute code.
// `formTargets` are extra origins a form may lead to: the OIDC provider, which a sign-in form
// redirects to when JavaScript is off.
export function contentSecurityPolicy(nonce: string, dev: boolean, formTargets: string[] = []): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    ["form-action 'self'", ...formTargets].join(" "),
    "frame-ancestors 'none'",
  ].join("; ");
}

