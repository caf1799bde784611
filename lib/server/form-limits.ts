// The largest form a server action accepts (next.config.js `serverActions.bodySizeLimit`, which
// proxy.ts enforces by Content-Length), and how a form that would exceed it is answered. A
// browser measures its form before sending (components/ui/form.tsx); when it is too large, it
// sends only this marker naming the largest field, and the action wrapper answers with the
// message next to that field, so what the person typed stays in the form.

export const FORM_BODY_LIMIT_BYTES = 1024 * 1024;

export const TOO_LARGE_MARKER = "readyroomFormTooLarge";

export const TOO_LARGE_MESSAGE =
  "That form is too large to send (the limit is 1 MB). Nothing was saved. Your text is still in the form: shorten it and try again.";

export function tooLargeFieldMessage(bytes: number): string {
  const size = bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`;
  return `This text is too long to send (${size}; a form can hold at most 1 MB). Shorten it and save again.`;
}

// What the multipart body of this form will weigh, a little over rather than under: each
// field's name and value in UTF-8, plus its part headers and boundary.
export function measureForm(entries: Iterable<[string, FormDataEntryValue]>): { bytes: number; largest: { name: string; bytes: number } | null } {
  const encoder = new TextEncoder();
  let bytes = 2048;
  let largest: { name: string; bytes: number } | null = null;
  for (const [name, value] of entries) {
    const size = typeof value === "string" ? encoder.encode(value).length : value.size;
    bytes += size + encoder.encode(name).length + 200;
    if (!name.startsWith("$") && (!largest || size > largest.bytes)) largest = { name, bytes: size };
  }
  return { bytes, largest };
}
