import { severityLabel } from "@/lib/format/labels";

// The body a delivery sends: the queued payload as JSON for an ordinary receiver, or a Slack
// message when the URL is a Slack incoming webhook (which accepts only its own format).

export type WebhookPayload = {
  id: string;
  event: string;
  occurredAt: string;
  implementation: { id: string; name: string; customer: string };
  data: Record<string, unknown>;
};

export function isSlackUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === "https:" && u.hostname.toLowerCase() === "hooks.slack.com";
  } catch {
    return false;
  }
}

// Slack treats <, > and & as markup; escaping them keeps a user's text from becoming a link
// or a mention.
function slackEscape(value: unknown): string {
  return String(value ?? "").replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

function str(data: Record<string, unknown>, key: string): string | null {
  const v = data[key];
  return typeof v === "string" || typeof v === "number" ? String(v) : null;
}

export function summarize(payload: WebhookPayload): string {
  const d = payload.data ?? {};
  const item = str(d, "itemTitle") ?? str(d, "title") ?? "An item";
  const who = str(d, "actorName") ?? str(d, "by");
  const by = who ? ` by ${who}` : "";
  switch (payload.event) {
    case "item.blocked": {
      const severity = str(d, "severity");
      const label = severity && severity in severityLabel ? severityLabel[severity as keyof typeof severityLabel] : "Blocker";
      return `${label}: ${item} was blocked${by}${str(d, "reason") ? ` — ${str(d, "reason")}` : ""}`;
    }
    case "item.unblocked":
      return `${item} was unblocked${by}${str(d, "resolution") ? ` — ${str(d, "resolution")}` : ""}`;
    case "sign_off.recorded":
      return `${item} was ${str(d, "decision") === "reject" ? "rejected" : "signed off"}${str(d, "signer") ? ` by ${str(d, "signer")}` : by}${str(d, "itemVersion") ? ` at version ${str(d, "itemVersion")}` : ""}`;
    case "sign_off.superseded":
      return `A sign-off on ${item} was superseded by a later change and must be signed again`;
    case "gate.verdict_changed":
      return `Go/no-go verdict changed${str(d, "previousVerdict") ? ` from ${str(d, "previousVerdict")}` : ""}${str(d, "verdict") ? ` to ${str(d, "verdict")}` : ""}`;
    case "go_live.approaching_with_blockers":
      return `Go-live ${str(d, "goLiveDate") ?? ""} is ${str(d, "daysLeft") ?? "?"} day(s) away with ${str(d, "openGoLiveBlockers") ?? "open"} go-live blocker(s)`;
    case "webhook.test":
      return "Test delivery from Readyroom: this webhook works";
    default:
      return payload.event;
  }
}

export function formatBody(url: string, payload: WebhookPayload): string {
  if (!isSlackUrl(url)) return JSON.stringify(payload);
  const title = `${payload.implementation.customer} · ${payload.implementation.name}`;
  const text = `*${slackEscape(title)}*\n${slackEscape(summarize(payload))}`;
  return JSON.stringify({ text, blocks: [{ type: "section", text: { type: "mrkdwn", text } }] });
}
