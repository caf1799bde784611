import { parseTicketUrl, ticketSystemLabel } from "@/lib/domain/tickets";

// A ticket link named by its key (INT-123, Zendesk #4521, 86abc123) with the tracker spelled
// out for screen readers. Only http(s) links are ever stored; anything else renders as text.
export function TicketLink({ url }: { url: string | null }) {
  if (!url) return <span className="text-slate-500">None</span>;
  const ticket = parseTicketUrl(url);
  if (ticket.label === "Ticket" && ticket.system === null) return <span className="text-slate-500">Not a web link</span>;
  return (
    <a href={url} target="_blank" rel="noopener noreferrer" className="font-medium text-sky-800 hover:underline" title={url}>
      {ticket.system ? <span className="sr-only">{ticketSystemLabel[ticket.system]} </span> : null}
      {ticket.key ?? ticket.label}
    </a>
  );
}
