// Plain text and HTML from one description of a message: a greeting, paragraphs, one action
// link and a closing note. Everything interpolated into the HTML is escaped.

export type MailContent = { subject: string; text: string; html: string };

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function renderMail(input: {
  subject: string;
  greeting: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  footer?: string;
}): MailContent {
  const text = [
    input.greeting,
    "",
    ...input.paragraphs.flatMap((p) => [p, ""]),
    ...(input.action ? [`${input.action.label}:`, input.action.url, ""] : []),
    ...(input.footer ? [input.footer, ""] : []),
    "— Readyroom",
  ].join("\n");
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#0f172a;line-height:1.5">
<p>${escapeHtml(input.greeting)}</p>
${input.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("\n")}
${input.action ? `<p><a href="${escapeHtml(input.action.url)}" style="display:inline-block;background:#0f172a;color:#fff;padding:8px 16px;border-radius:6px;text-decoration:none">${escapeHtml(input.action.label)}</a></p>\n<p style="font-size:13px;color:#475569">Or open this address: ${escapeHtml(input.action.url)}</p>` : ""}
${input.footer ? `<p style="font-size:13px;color:#475569">${escapeHtml(input.footer)}</p>` : ""}
<p>— Readyroom</p></body></html>`;
  return { subject: input.subject, text, html };
}
