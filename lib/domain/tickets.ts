// Recognises a ticket link from the trackers support and engineering use (Jira, Zendesk,
// ClickUp) and names its key, so a list of blockers reads "INT-123" instead of a long URL.
// Pure: no I/O; anything it does not recognise is shown as the link's host.

export type TicketSystem = "jira" | "zendesk" | "clickup";

export type TicketRef = { system: TicketSystem | null; key: string | null; label: string };

const JIRA_KEY = /^[A-Z][A-Z0-9_]{0,19}-\d{1,9}$/;

function parse(url: string): URL | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed : null;
  } catch {
    return null;
  }
}

function jiraKey(u: URL): string | null {
  const segments = u.pathname.split("/").filter(Boolean).map(decodeURIComponent);
  // /browse/INT-123, /jira/software/c/projects/INT/issues/INT-123, or ?selectedIssue=INT-123.
  const selected = u.searchParams.get("selectedIssue");
  if (selected && JIRA_KEY.test(selected.toUpperCase())) return selected.toUpperCase();
  const browse = segments.indexOf("browse");
  if (browse >= 0 && segments[browse + 1] && JIRA_KEY.test(segments[browse + 1]!.toUpperCase())) {
    return segments[browse + 1]!.toUpperCase();
  }
  const issues = segments.lastIndexOf("issues");
  if (issues >= 0 && segments[issues + 1] && JIRA_KEY.test(segments[issues + 1]!.toUpperCase())) {
    return segments[issues + 1]!.toUpperCase();
  }
  return null;
}

export function parseTicketUrl(url: string): TicketRef {
  const u = parse(url);
  if (!u) return { system: null, key: null, label: "Ticket" };
  const host = u.hostname.toLowerCase();
  const segments = u.pathname.split("/").filter(Boolean);

  // Jira Cloud (*.atlassian.net) and self-hosted Jira, which also uses /browse/KEY-1.
  if (host.endsWith(".atlassian.net") || segments[0] === "browse" || segments[0] === "jira") {
    const key = jiraKey(u);
    if (key) return { system: "jira", key, label: key };
  }

  if (host.endsWith(".zendesk.com")) {
    // /agent/tickets/4521 (agent view) or /hc/…/requests/4521 (help centre).
    const at = Math.max(segments.indexOf("tickets"), segments.indexOf("requests"));
    const number = at >= 0 ? segments[at + 1] : undefined;
    if (number && /^\d{1,12}$/.test(number)) return { system: "zendesk", key: `#${number}`, label: `Zendesk #${number}` };
  }

  if (host === "app.clickup.com" || host.endsWith(".clickup.com")) {
    // /t/86abc123, or a custom task id /t/<workspace>/DEV-42.
    if (segments[0] === "t") {
      const last = segments[segments.length - 1];
      if (segments.length >= 2 && last && /^[A-Za-z0-9_-]{1,40}$/.test(last)) {
        return { system: "clickup", key: last, label: last };
      }
    }
  }

  return { system: null, key: null, label: host };
}

export const ticketSystemLabel: Record<TicketSystem, string> = {
  jira: "Jira",
  zendesk: "Zendesk",
  clickup: "ClickUp",
};
