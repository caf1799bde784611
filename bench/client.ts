// What the benchmark does as a browser would: sign in through next-auth's credentials callback,
// request pages with the session cookie, count a page's SQL statements, weigh the JavaScript
// a page loads.
import { gzipSync } from "node:zlib";

export type Session = { origin: string; cookie: string };

function cookiesOf(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

// GET /api/auth/csrf (a CSRF token and its cookie), then POST the credentials form to
// /api/auth/callback/credentials: a 302 with the session cookie when they are right.
export async function signIn(origin: string, email: string, password: string): Promise<Session> {
  const csrfRes = await fetch(`${origin}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = cookiesOf(csrfRes);
  const res = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: "/" }),
  });
  const session = cookiesOf(res).find((c) => c.startsWith("authjs.session-token="));
  if (!session) throw new Error(`sign-in as ${email} failed: ${res.status} ${res.headers.get("location")}`);
  return { origin, cookie: session };
}

export async function get(session: Session, path: string): Promise<{ status: number; body: string }> {
  const res = await fetch(`${session.origin}${path}`, { headers: { cookie: session.cookie }, redirect: "manual" });
  return { status: res.status, body: await res.text() };
}

// postgres.js asks each new connection for the array types once; that is the pool warming
// up, not the page's work, so it is counted apart.
const CONNECTION_SETUP = /from pg_catalog\.pg_type a left join pg_catalog\.pg_type b/;

type Tally = { total: number; background: number; recent: string[] };

async function tally(session: Session): Promise<Tally> {
  const res = await get(session, "/api/bench/sql-statements");
  if (res.status !== 200) throw new Error(`/api/bench/sql-statements answered ${res.status}: is READYROOM_BENCH on?`);
  return JSON.parse(res.body) as Tally;
}

export type StatementCount = { status: number; statements: number; connectionSetup: number; texts: string[]; runs: number[] };

// Nothing else may run against the server meanwhile: the tally is per process. The server's own
// scheduled work (summary sweep, mail outbox, hypercare watch) runs inside asBackgroundWork and is
// tallied apart (lib/server/sql-statements.ts), so a sweep during the request no longer inflates
// the page's count; the count is still the fewest seen over `runs` requests, every run's kept.
export async function countStatements(session: Session, path: string, runs = 5): Promise<StatementCount> {
  await get(session, path); // warm: compiled code, pooled connections
  const samples: StatementCount[] = [];
  for (let i = 0; i < runs; i++) {
    const before = await tally(session);
    const { status } = await get(session, path);
    const after = await tally(session);
    const n = after.total - before.total;
    const texts = n <= after.recent.length ? after.recent.slice(after.recent.length - n) : [];
    const setup = texts.filter((t) => CONNECTION_SETUP.test(t)).length;
    samples.push({ status, statements: n - setup, connectionSetup: setup, texts: texts.filter((t) => !CONNECTION_SETUP.test(t)), runs: [] });
  }
  samples.sort((a, b) => a.statements - b.statements);
  return { ...samples[0]!, runs: samples.map((s) => s.statements) };
}

type Script = { src: string; bytes: number; gzipBytes: number };

export type FirstLoadJs = { scripts: Script[]; noModuleScripts: Script[]; gzipBytes: number; bytes: number; htmlBytes: number; htmlGzipBytes: number };

// The JavaScript files a page's HTML makes a current browser load (every <script src> but the
// `nomodule` ones), each gzipped as a server would send it, summed.
export async function firstLoadJs(session: Session, path: string): Promise<FirstLoadJs> {
  const page = await get(session, path);
  if (page.status !== 200) throw new Error(`${path} answered ${page.status}`);
  const tags = [...page.body.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)];
  const scripts: Script[] = [];
  const legacy: Script[] = [];
  for (const src of new Set(tags.map((m) => m[1]!.replaceAll("&amp;", "&")))) {
    const res = await fetch(new URL(src, session.origin));
    const bytes = Buffer.from(await res.arrayBuffer());
    const entry = { src, bytes: bytes.length, gzipBytes: gzipSync(bytes).length };
    // `nomodule` scripts (Next's legacy polyfills) are skipped by every browser that runs modules.
    const noModule = tags.some((m) => m[1] === src && /\bnomodule\b/i.test(m[0]));
    (noModule ? legacy : scripts).push(entry);
  }
  return {
    scripts,
    noModuleScripts: legacy,
    bytes: scripts.reduce((sum, s) => sum + s.bytes, 0),
    gzipBytes: scripts.reduce((sum, s) => sum + s.gzipBytes, 0),
    htmlBytes: Buffer.byteLength(page.body),
    htmlGzipBytes: gzipSync(page.body).length,
  };
}
