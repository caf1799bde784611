import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { request as playwrightRequest } from "@playwright/test";
import { expect, test } from "@playwright/test";
import { baseURL } from "../playwright.config";

// Malformed server-action requests at the HTTP level, as an anonymous caller can send them to
// the public sign-in page: the proxy refuses each one before Next decodes it, so none of them is
// answered with a 5xx. Sent with node:http so the bytes on the wire are exactly these (empty
// headers, chunked bodies without Content-Length, broken multipart).

const target = new URL(baseURL);

type Raw = { status: number; headers: IncomingHttpHeaders; body: string };

function send(headers: Record<string, string>, body: Buffer | Buffer[] | null, path = "/sign-in"): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: target.hostname, port: target.port, path, method: "POST", headers, setHost: true },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (c: Buffer) => chunks.push(c));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString("utf8") }));
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    if (Array.isArray(body)) {
      for (const chunk of body) request.write(chunk);
      request.end();
    } else {
      request.end(body ?? undefined);
    }
  });
}

let actionId = "";
test.beforeAll(async () => {
  const context = await playwrightRequest.newContext({ baseURL });
  const html = await (await context.get("/sign-in")).text();
  await context.dispose();
  actionId = html.replaceAll("&quot;", '"').match(/"id":"([0-9a-f]{20,})"/)?.[1] ?? "";
  expect(actionId, "the sign-in page carries its action id").not.toBe("");
});

const boundary = "----readyroomcorpus";
const part = (name: string, value: string | Buffer) =>
  Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`), Buffer.from(value), Buffer.from("\r\n")]);
const close = Buffer.from(`--${boundary}--\r\n`);
const multipart = (...parts: Buffer[]) => Buffer.concat([...parts, close]);
// The wire format React 19.3 sends: form fields "_1_<name>" before the root part.
const realForm = (email: string, password: string) => multipart(part("_1_email", email), part("_1_password", password), part("0", '[null,"$K1"]'));
const multipartType = `multipart/form-data; boundary=${boundary}`;

function actionHeaders(body: Buffer | null, extra: Record<string, string> = {}): Record<string, string> {
  return {
    "next-action": actionId,
    origin: baseURL,
    "content-type": multipartType,
    accept: "text/x-component",
    ...(body ? { "content-length": String(body.length) } : {}),
    ...extra,
  };
}

test("the corpus' one well-formed request reaches the action (it differs from an empty form)", async () => {
  const real = await send(actionHeaders(realForm("nobody@example.org", "wrong-password")), realForm("nobody@example.org", "wrong-password"));
  expect(real.status).toBe(200);
  expect(real.body).toContain('"code":"unauthenticated"');
  const empty = multipart(part("0", '[null,"$K1"]'));
  const emptyForm = await send(actionHeaders(empty), empty);
  expect(emptyForm.body).toContain('"code":"invalid"');
});

test("malformed server-action requests are refused with a 4xx, never a 5xx", async () => {
  const good = realForm("nobody@example.org", "x");
  const big = Buffer.alloc(1100 * 1024, 0x61);
  const cases: { label: string; headers: Record<string, string>; body: Buffer | Buffer[] | null; expected: number }[] = [
    { label: "empty Origin header", headers: actionHeaders(good, { origin: "" }), body: good, expected: 403 },
    { label: "Origin: null", headers: actionHeaders(good, { origin: "null" }), body: good, expected: 403 },
    { label: "unparseable Origin", headers: actionHeaders(good, { origin: "::::" }), body: good, expected: 403 },
    { label: "foreign Origin with a matching X-Forwarded-Host", headers: actionHeaders(good, { origin: "https://evil.example", "x-forwarded-host": "evil.example" }), body: good, expected: 403 },
    { label: "chunked body over 1 MB without Content-Length", headers: actionHeaders(null, { "transfer-encoding": "chunked" }), body: [part("0", "["), big, big, close], expected: 411 },
    { label: "chunked small body without Content-Length", headers: actionHeaders(null, { "transfer-encoding": "chunked" }), body: [good], expected: 411 },
    { label: "Content-Length over 1 MB", headers: actionHeaders(Buffer.concat([big, good])), body: Buffer.concat([big, good]), expected: 413 },
    { label: "multipart without a boundary", headers: actionHeaders(good, { "content-type": "multipart/form-data" }), body: good, expected: 400 },
    { label: "multipart with a wrong boundary", headers: actionHeaders(good, { "content-type": "multipart/form-data; boundary=nope" }), body: good, expected: 400 },
    { label: "truncated multipart", headers: actionHeaders(good.subarray(0, 60)), body: good.subarray(0, 60), expected: 400 },
    { label: "multipart without its closing delimiter", headers: actionHeaders(part("0", "[]")), body: part("0", "[]"), expected: 400 },
    { label: "invalid UTF-8 in the root part", headers: actionHeaders(multipart(part("0", Buffer.from([0x5b, 0xc3, 0x28, 0x5d])))), body: multipart(part("0", Buffer.from([0x5b, 0xc3, 0x28, 0x5d]))), expected: 400 },
    { label: "invalid UTF-8 in a field", headers: actionHeaders(multipart(part("_1_email", Buffer.from([0xff, 0xfe])), part("0", '[null,"$K1"]'))), body: multipart(part("_1_email", Buffer.from([0xff, 0xfe])), part("0", '[null,"$K1"]')), expected: 400 },
    { label: "100,000-deep nesting", headers: actionHeaders(multipart(part("0", "[".repeat(100_000) + "]".repeat(100_000)))), body: multipart(part("0", "[".repeat(100_000) + "]".repeat(100_000))), expected: 400 },
    { label: "a reference to a missing part", headers: actionHeaders(multipart(part("0", '["$1"]'))), body: multipart(part("0", '["$1"]')), expected: 400 },
    { label: "a promise reference to a missing part", headers: actionHeaders(multipart(part("0", '[null,"$@7"]'))), body: multipart(part("0", '[null,"$@7"]')), expected: 400 },
    { label: "a Map reference to a missing part", headers: actionHeaders(multipart(part("0", '["$Q2"]'))), body: multipart(part("0", '["$Q2"]')), expected: 400 },
    { label: "a root part that is not JSON", headers: actionHeaders(multipart(part("0", "[nul"))), body: multipart(part("0", "[nul")), expected: 400 },
    { label: "no root part", headers: actionHeaders(multipart(part("_1_email", "a"))), body: multipart(part("_1_email", "a")), expected: 400 },
    { label: "plain-text reply with invalid UTF-8", headers: actionHeaders(Buffer.from([0xff]), { "content-type": "text/plain" }), body: Buffer.from([0xff]), expected: 400 },
    { label: "plain-text reply nested 100,000 deep", headers: actionHeaders(Buffer.from("[".repeat(100_000)), { "content-type": "text/plain" }), body: Buffer.from("[".repeat(100_000)), expected: 400 },
    { label: "plain-text reply referring to a missing part", headers: actionHeaders(Buffer.from('["$1"]'), { "content-type": "text/plain" }), body: Buffer.from('["$1"]'), expected: 400 },
    { label: "no-script form referring to a missing action part", headers: actionHeaders(multipart(part("$ACTION_REF_1", "")), { "next-action": "" }), body: multipart(part("$ACTION_REF_1", "")), expected: 400 },
    { label: "no-script form with broken JSON", headers: actionHeaders(multipart(part("$ACTION_1:0", "{oops")), { "next-action": "" }), body: multipart(part("$ACTION_1:0", "{oops")), expected: 400 },
  ];
  const outcomes: string[] = [];
  for (const c of cases) {
    const headers = { ...c.headers };
    if (headers["next-action"] === "") delete headers["next-action"];
    const response = await send(headers, c.body);
    outcomes.push(`${c.label}: ${response.status}`);
    expect(response.status, c.label).toBe(c.expected);
    expect(response.body, c.label).toContain("Nothing was saved");
  }
  // Requests Next answers itself: each gets an answer below 500 too.
  const answered: { label: string; headers: Record<string, string>; body: Buffer }[] = [
    { label: "an unknown action id", headers: actionHeaders(good, { "next-action": "7f".repeat(21) }), body: good },
    { label: "a garbage action id", headers: actionHeaders(good, { "next-action": "x" }), body: good },
    { label: "a URL-encoded body", headers: actionHeaders(Buffer.from("email=a"), { "content-type": "application/x-www-form-urlencoded" }), body: Buffer.from("email=a") },
    { label: "an empty body", headers: actionHeaders(Buffer.alloc(0)), body: Buffer.alloc(0) },
    { label: "binary garbage", headers: actionHeaders(Buffer.from([0, 1, 2, 3]), { "content-type": "application/octet-stream" }), body: Buffer.from([0, 1, 2, 3]) },
  ];
  for (const c of answered) {
    const response = await send(c.headers, c.body);
    outcomes.push(`${c.label}: ${response.status}`);
    expect(response.status, c.label).toBeLessThan(500);
  }
  expect(outcomes.filter((o) => /: 5\d\d$/.test(o)), "5xx answers").toEqual([]);
});
