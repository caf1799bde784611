// Driving a server action the way the browser does. A server action is a POST to the page's
// URL with a `Next-Action: <id>` header and the arguments encoded by React's encodeReply (the
// same encoder Next's client uses). The id is looked up by the action's exported name in the
// build's server-reference manifest. A form action made with useActionState receives
// (previousState, formData), so its arguments are [null, formData].
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { DIST_DIR, root } from "./server";

type Manifest = { node: Record<string, { exportedName?: string; filename?: string }> };

export type ActionRef = { id: string; exportedName: string; filename: string };

export function findAction(exportedName: string): ActionRef | null {
  const manifest = JSON.parse(readFileSync(join(root, DIST_DIR, "server/server-reference-manifest.json"), "utf8")) as Manifest;
  const found = Object.entries(manifest.node).filter(([, entry]) => entry.exportedName === exportedName);
  if (found.length > 1) throw new Error(`more than one server action is exported as ${exportedName}: name the file`);
  const [entry] = found;
  return entry ? { id: entry[0], exportedName, filename: entry[1].filename ?? "?" } : null;
}

const requireFromRoot = createRequire(join(root, "package.json"));
const { encodeReply } = requireFromRoot(
  "next/dist/compiled/react-server-dom-turbopack/cjs/react-server-dom-turbopack-client.node.production.js",
) as { encodeReply(value: unknown): Promise<string | FormData> };

export type EncodedCall = { path: string; body: Buffer; contentType: string };

export async function encodeFormActionCall(path: string, fields: Record<string, string>): Promise<EncodedCall> {
  const formData = new FormData();
  for (const [name, value] of Object.entries(fields)) formData.append(name, value);
  const encoded = await encodeReply([null, formData]);
  // FormData is sent as multipart (Response picks the boundary); a plain reply as text.
  const res = new Response(encoded);
  return {
    path,
    body: Buffer.from(await res.arrayBuffer()),
    contentType: res.headers.get("content-type") ?? "text/plain;charset=UTF-8",
  };
}

export function actionHeaders(action: ActionRef, origin: string, cookie: string, contentType: string): Record<string, string> {
  return {
    "next-action": action.id,
    accept: "text/x-component",
    "content-type": contentType,
    origin, // Next refuses an action whose Origin is not the host
    cookie,
  };
}

// The action's result is the RSC row `1:{…}` of the response (row 0 is the envelope and, when
// the action revalidated, the re-rendered page).
export function actionSucceeded(body: string): boolean {
  return /(^|\n)1:\{"ok":true/.test(body);
}

const decode = (v: string) =>
  v.replaceAll("&quot;", '"').replaceAll("&#x27;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");

// The hidden inputs of the form bound to `actionId` in a page's HTML (React renders a form
// action for progressive enhancement with `$ACTION_n:0 = {"id": …}` and the form's own hidden
// inputs). This is how a browser gets the values it must send back, e.g. an item's version or
// the snapshot digest the signer saw.
export function hiddenFieldsOfForm(html: string, actionId: string): Record<string, string> | null {
  for (const form of html.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/g)) {
    const inner = form[1]!;
    if (!inner.includes(`&quot;id&quot;:&quot;${actionId}&quot;`) && !inner.includes(`$ACTION_ID_${actionId}`)) continue;
    const fields: Record<string, string> = {};
    for (const input of inner.matchAll(/<input\b[^>]*>/g)) {
      const tag = input[0];
      if (!/\btype="hidden"/.test(tag)) continue;
      const name = /\bname="([^"]*)"/.exec(tag)?.[1];
      if (!name || name.startsWith("$ACTION")) continue;
      fields[decode(name)] = decode(/\bvalue="([^"]*)"/.exec(tag)?.[1] ?? "");
    }
    return fields;
  }
  return null;
}
