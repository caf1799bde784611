// A minimal OpenID Connect provider on loopback, for the end-to-end tests only: discovery,
// an authorization page where the test types who it is, PKCE-checked code exchange, RS256
// ID tokens and a JWKS. It stands in for a health system's Okta or Entra ID.
import { createHash, randomBytes } from "node:crypto";
import { createServer } from "node:http";
import { exportJWK, generateKeyPair, SignJWT } from "jose";

const port = Number(process.env.OIDC_PORT ?? 3101);
const issuer = `http://127.0.0.1:${port}`;
const clients = { [process.env.OIDC_CLIENT_ID ?? "readyroom-e2e"]: process.env.OIDC_CLIENT_SECRET ?? "e2e-oidc-secret" };
const { publicKey, privateKey } = await generateKeyPair("RS256");
const jwk = { ...(await exportJWK(publicKey)), kid: "e2e", alg: "RS256", use: "sig" };
const pending = new Map(); // authorization code → what the token endpoint needs

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const json = (res, status, body) => {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
};
const readBody = (req) =>
  new Promise((resolve) => {
    let data = "";
    req.on("data", (chunk) => (data += chunk));
    req.on("end", () => resolve(new URLSearchParams(data)));
  });

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? "/", issuer);
  if (url.pathname === "/.well-known/openid-configuration") {
    return json(res, 200, {
      issuer,
      authorization_endpoint: `${issuer}/authorize`,
      token_endpoint: `${issuer}/token`,
      userinfo_endpoint: `${issuer}/userinfo`,
      jwks_uri: `${issuer}/jwks`,
      response_types_supported: ["code"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["RS256"],
      code_challenge_methods_supported: ["S256"],
      token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
    });
  }
  if (url.pathname === "/jwks") return json(res, 200, { keys: [jwk] });

  if (url.pathname === "/authorize" && req.method === "GET") {
    const p = url.searchParams;
    if (!(p.get("client_id") in clients)) return json(res, 400, { error: "unauthorized_client" });
    const hidden = ["client_id", "redirect_uri", "state", "nonce", "code_challenge"]
      .map((k) => `<input type="hidden" name="${k}" value="${escape(p.get(k) ?? "")}">`)
      .join("");
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    return res.end(`<!doctype html><title>Test identity provider</title><h1>Test identity provider</h1>
      <form method="post" action="/authorize">${hidden}
      <label>E-mail <input name="email" type="email"></label>
      <label><input name="email_verified" type="checkbox" checked> E-mail verified</label>
      <label>Subject <input name="sub" type="text"></label>
      <button type="submit">Continue</button></form>`);
  }

  if (url.pathname === "/authorize" && req.method === "POST") {
    const form = await readBody(req);
    const code = randomBytes(16).toString("hex");
    pending.set(code, {
      clientId: form.get("client_id"),
      redirectUri: form.get("redirect_uri"),
      nonce: form.get("nonce"),
      challenge: form.get("code_challenge"),
      email: form.get("email"),
      emailVerified: form.get("email_verified") === "on",
      // The provider's stable id for the person; by default derived from the e-mail.
      sub: form.get("sub") || null,
    });
    const back = new URL(form.get("redirect_uri"));
    back.searchParams.set("code", code);
    back.searchParams.set("state", form.get("state") ?? "");
    back.searchParams.set("iss", issuer);
    res.writeHead(302, { location: back.toString() });
    return res.end();
  }

  if (url.pathname === "/token" && req.method === "POST") {
    const form = await readBody(req);
    let clientId = form.get("client_id");
    let secret = form.get("client_secret");
    const basic = req.headers.authorization?.match(/^Basic (.+)$/)?.[1];
    if (basic) [clientId, secret] = Buffer.from(basic, "base64").toString().split(":").map(decodeURIComponent);
    const grant = pending.get(form.get("code"));
    pending.delete(form.get("code"));
    const verifier = form.get("code_verifier") ?? "";
    const challenge = createHash("sha256").update(verifier).digest("base64url");
    if (!grant || clients[clientId] !== secret || grant.clientId !== clientId || grant.challenge !== challenge) {
      return json(res, 400, { error: "invalid_grant" });
    }
    const sub = grant.sub ?? createHash("sha256").update(grant.email).digest("hex").slice(0, 16);
    const idToken = await new SignJWT({ email: grant.email, email_verified: grant.emailVerified, nonce: grant.nonce || undefined })
      .setProtectedHeader({ alg: "RS256", kid: "e2e" })
      .setIssuer(issuer)
      .setSubject(sub)
      .setAudience(clientId)
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(privateKey);
    return json(res, 200, { access_token: randomBytes(16).toString("hex"), token_type: "Bearer", expires_in: 300, id_token: idToken });
  }
  json(res, 404, { error: "not_found" });
});

server.listen(port, "127.0.0.1", () => console.log(`test OIDC provider at ${issuer}`));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
