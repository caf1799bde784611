// Checks a server-action request body before Next decodes it. Next's decoders (busboy, React's
// reply decoder) throw on a body no browser sends — a wrong or missing multipart boundary, a
// truncated body, invalid UTF-8, JSON nested 100,000 deep, a reference to a part that is not
// there — and Next answers every such throw with a 500. Refusing them here with a 400 keeps an
// anonymous caller from producing server errors on demand. Pure: bytes in, a reason or null out.

const MAX_JSON_DEPTH = 64;
const MAX_PARTS = 1000;

export type BodyProblem = { status: 400 | 415; reason: string };

type Part = { name: string; isFile: boolean; body: Uint8Array };

const utf8 = new TextDecoder("utf-8", { fatal: true });

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  return Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength).indexOf(Buffer.from(needle), from);
}

// The boundary parameter of a multipart/form-data Content-Type, or null.
export function multipartBoundary(contentType: string): string | null {
  const match = contentType.match(/;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i);
  return match ? (match[1] ?? match[2] ?? null) : null;
}

// A strict multipart/form-data reader: every part must be well formed and the closing
// delimiter must be present. Null when the body is not a complete multipart body.
export function readMultipart(body: Uint8Array, boundary: string): Part[] | null {
  const encoder = new TextEncoder();
  const delimiter = encoder.encode(`--${boundary}`);
  const crlf = encoder.encode("\r\n");
  const headerEnd = encoder.encode("\r\n\r\n");
  let position = indexOf(body, delimiter, 0);
  if (position === -1) return null;
  const parts: Part[] = [];
  while (position !== -1) {
    const afterDelimiter = position + delimiter.length;
    // "--" right after the delimiter closes the body.
    if (body[afterDelimiter] === 0x2d && body[afterDelimiter + 1] === 0x2d) return parts;
    if (body[afterDelimiter] !== 0x0d || body[afterDelimiter + 1] !== 0x0a) return null;
    const headersStart = afterDelimiter + crlf.length;
    const headersStop = indexOf(body, headerEnd, headersStart);
    if (headersStop === -1) return null;
    const headers = decodeUtf8(body.subarray(headersStart, headersStop));
    if (headers === null) return null;
    const disposition = headers.split("\r\n").find((line) => /^content-disposition:/i.test(line));
    const name = disposition?.match(/;\s*name="([^"]*)"/i)?.[1];
    if (name === undefined) return null;
    const contentStart = headersStop + headerEnd.length;
    const next = indexOf(body, encoder.encode(`\r\n--${boundary}`), contentStart);
    if (next === -1) return null; // truncated: no closing delimiter
    parts.push({ name, isFile: /;\s*filename\*?=/i.test(disposition ?? ""), body: body.subarray(contentStart, next) });
    if (parts.length > MAX_PARTS) return null;
    position = next + crlf.length;
  }
  return null;
}

// JSON nested deeper than a form ever needs would exhaust the decoder's stack.
function tooDeep(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_JSON_DEPTH) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

// React reply references that point at another numbered part of the body ("$1", "$@2",
// "$Q3", typed arrays, streams…). A reference to a part that is absent makes the decoder wait
// or throw; a browser never sends one.
const PART_REFERENCE = /^\$(?:([0-9a-f]+)|[@hQWiAOoUSsLlGgMmVBRrXx]([0-9a-f]+))$/;

function referencesMissingPart(value: unknown, present: Set<number>): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === "string") {
      const match = item.match(PART_REFERENCE);
      if (match && !present.has(parseInt(match[1] ?? match[2]!, 16))) return true;
    } else if (Array.isArray(item)) {
      stack.push(...item);
    } else if (item && typeof item === "object") {
      stack.push(...Object.values(item));
    }
  }
  return false;
}

function checkReplyJson(text: string, present: Set<number>): BodyProblem | null {
  if (tooDeep(text)) return { status: 400, reason: "nested too deep" };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { status: 400, reason: "not JSON" };
  }
  if (referencesMissingPart(value, present)) return { status: 400, reason: "refers to a part that is not there" };
  return null;
}

// Null when the body may go on to Next's decoder; otherwise why not and the status to answer.
export function serverActionBodyProblem(input: { contentType: string; isFetchAction: boolean; body: Uint8Array }): BodyProblem | null {
  const contentType = input.contentType.toLowerCase();
  if (contentType.startsWith("multipart/form-data")) {
    const boundary = multipartBoundary(input.contentType);
    if (!boundary) return { status: 400, reason: "multipart without a boundary" };
    const parts = readMultipart(input.body, boundary);
    if (!parts) return { status: 400, reason: "malformed or truncated multipart body" };
    const texts = new Map<string, string>();
    for (const part of parts) {
      if (part.isFile) continue;
      const text = decodeUtf8(part.body);
      if (text === null) return { status: 400, reason: "invalid UTF-8" };
      texts.set(part.name, text);
    }
    if (input.isFetchAction) {
      // The reply format: numbered JSON parts ("0" is the root) and form fields "_<n>_<name>".
      const numbered = [...texts.keys()].filter((name) => /^\d+$/.test(name)).map(Number);
      if (!numbered.includes(0)) return { status: 400, reason: "no root part" };
      const present = new Set(numbered);
      for (const id of numbered) {
        const problem = checkReplyJson(texts.get(String(id))!, present);
        if (problem) return problem;
      }
    } else {
      // A form posted without JavaScript: "$ACTION_<n>:<i>" parts carry JSON.
      for (const [name, text] of texts) {
        if (/^\$ACTION_\d+:\d+$/.test(name)) {
          const problem = checkReplyJson(text, new Set());
          if (problem && problem.reason !== "refers to a part that is not there") return problem;
        }
      }
      for (const name of texts.keys()) {
        const ref = name.match(/^\$ACTION_REF_(\d+)$/);
        if (ref && !texts.has(`$ACTION_${ref[1]}:0`)) return { status: 400, reason: "refers to a part that is not there" };
      }
    }
    return null;
  }
  if (!input.isFetchAction) return null; // not a server action; Next lets it through to the page
  const text = decodeUtf8(input.body);
  if (text === null) return { status: 400, reason: "invalid UTF-8" };
  if (contentType.startsWith("application/x-www-form-urlencoded")) return null; // Next answers these itself
  return checkReplyJson(text, new Set());
}
