import { describe, expect, it } from "vitest";
import { parseTicketUrl } from "./tickets";

describe("parseTicketUrl", () => {
  it("reads Jira keys from browse links, board links and self-hosted Jira", () => {
    expect(parseTicketUrl("https://acme.atlassian.net/browse/INT-123")).toMatchObject({ system: "jira", key: "INT-123" });
    expect(parseTicketUrl("https://acme.atlassian.net/jira/software/c/projects/INT/issues/INT-77")).toMatchObject({ system: "jira", key: "INT-77" });
    expect(parseTicketUrl("https://acme.atlassian.net/jira/software/projects/INT/boards/3?selectedIssue=INT-9")).toMatchObject({ key: "INT-9" });
    expect(parseTicketUrl("https://tickets.example/browse/INT-142")).toMatchObject({ system: "jira", key: "INT-142" });
  });

  it("reads Zendesk ticket numbers", () => {
    expect(parseTicketUrl("https://help.zendesk.com/agent/tickets/4521")).toMatchObject({ system: "zendesk", key: "#4521", label: "Zendesk #4521" });
    expect(parseTicketUrl("https://help.zendesk.com/hc/en-us/requests/88")).toMatchObject({ key: "#88" });
  });

  it("reads ClickUp task ids and custom ids", () => {
    expect(parseTicketUrl("https://app.clickup.com/t/86abc123")).toMatchObject({ system: "clickup", key: "86abc123" });
    expect(parseTicketUrl("https://app.clickup.com/t/9012345/DEV-42")).toMatchObject({ system: "clickup", key: "DEV-42" });
  });

  it("falls back to the host for anything else, and to a plain label for what is not a web link", () => {
    expect(parseTicketUrl("https://support.example/agent/tickets/8812")).toEqual({ system: null, key: null, label: "support.example" });
    expect(parseTicketUrl("https://acme.atlassian.net/wiki/spaces/X")).toMatchObject({ system: null, label: "acme.atlassian.net" });
    expect(parseTicketUrl("javascript:alert(1)")).toEqual({ system: null, key: null, label: "Ticket" });
    expect(parseTicketUrl("not a url")).toEqual({ system: null, key: null, label: "Ticket" });
  });
});
