import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// Every exported DAL function must be listed here with where its tenant and role rules are
// tested, or why it has none. A new DAL function without an entry fails this test.
const inventory: Record<string, string> = {
  "search.searchEverything": "search.db.test.ts: customer IT find only their organization's implementations, items and blockers",
  "implementations.listPortfolio": "implementations.db.test.ts: customer IT sees only their organization",
  "implementations.getImplementation": "implementations.db.test.ts: other organization, missing and malformed ids → same not found",
  "implementations.getImplementationSummary": "implementations.db.test.ts: same not found as getImplementation",
  "checklist.getItem": "checklist.db.test.ts: other organization and mismatched implementation → not found",
  "checklist.updateItem": "checklist.db.test.ts: role × own/other organization, owner rule, version conflict",
  "checklist.recordEvidence": "checklist.db.test.ts: other organization's item and environment refused",
  "checklist.blockItem": "checklist.db.test.ts: owner/manager only, other organization → not found",
  "checklist.unblockItem": "checklist.db.test.ts: engineers and managers across implementations, customer IT only their own",
  "configuration.recordConfigurationChange": "checklist.db.test.ts: managers and engineers; other organization → not found; customer IT refused",
  "implementation-writes.implementationFormOptions": "implementation-writes.db.test.ts: refused to engineers and customer IT",
  "implementation-writes.createImplementation": "implementation-writes.db.test.ts: managers and admins only; customer must be a customer organization",
  "implementation-writes.updateImplementation": "implementation-writes.db.test.ts: role rule, version conflict, staff checks",
  "implementation-writes.getImplementationForEdit": "implementation-writes.db.test.ts: refused to engineers and customer IT",
  "checklist.addItem": "checklist.db.test.ts: managers only; other organization → not found",
  "templates.listTemplates": "templates.db.test.ts: admins only (templates are the vendor's, not a tenant's)",
  "templates.getTemplate": "templates.db.test.ts: admins only; missing id → not found",
  "templates.createTemplate": "templates.db.test.ts: admins only",
  "templates.createRevision": "templates.db.test.ts: admins only; one draft per family",
  "templates.saveTemplateItem": "templates.db.test.ts: drafts only",
  "templates.removeTemplateItem": "templates.db.test.ts: drafts only",
  "templates.publishTemplate": "templates.db.test.ts: retires the previous revision; implementations unchanged",
  "users.loadViewer": "users.db.test.ts: disabled, unknown, outdated session, role/org mismatch",
  "users.endSession": "users.db.test.ts: ends only the viewer's own sessions",
  "sign-in.verifyCredentials": "pre-authentication; sign-in.db.test.ts covers throttling and identical failures",
  "sign-in.findUserForOidc": "pre-authentication; sign-in.db.test.ts: links by issuer + subject, refuses disabled and unverified, creates only just in time where enabled",
  "health.checkDatabase": "no tenant data: answers only whether the database is reachable",
  "startup.prepareServer": "runs at process start with no viewer; reads no tenant data",
  "events.queueEvent": "called inside other DAL functions' transactions; events.db.test.ts: only the implementation's own webhook",
  "events.webhookEvents": "the list of event names",
  "gate.getGate": "gate.db.test.ts: other organization and missing id → not found",
  "gate.recordGoLiveDecision": "gate.db.test.ts: managers only; other organization → not found; stale gate refused",
  "gate.refreshGateState": "called inside other DAL functions' transactions, for an implementation they already authorized",
  "gate.gateFromFacts": "pure: facts read by getGate/refreshGateState to the gate (gate.db.test.ts)",
  "gate.gateInputFromFacts": "pure: the facts as lib/domain/gate-rules.ts takes them (gate.db.test.ts, portfolio.db.test.ts)",
  "gate.summaryFromFacts": "pure: the readiness summary from the facts (summary.db.test.ts)",
  "gate.refreshDueSummaries": "portfolio read path: re-derives only implementations in the viewer's scope (portfolio.db.test.ts)",
  "gate.refreshAllDueSummaries": "scheduled sweep (no viewer): re-derives summaries whose until has passed; returns only a count",
  "gate.rebuildSummary": "test oracle (no viewer, returns nothing to a screen): summary.db.test.ts compares it with the maintained row",
  "sign-offs.getSignOffPanel": "sign-offs.db.test.ts: other organization → not found; who may sign",
  "sign-offs.signOffItem": "sign-offs.db.test.ts: role × own/other organization, required role only, replay refused",
  "sign-offs.waiveItem": "sign-offs.db.test.ts: managers only; other organization → not found",
  "sign-offs.revokeWaiver": "sign-offs.db.test.ts: managers only",
  "report.getReadinessReport": "report.db.test.ts: other organization, missing and malformed ids → not found",
  "blockers.listBlockers": "blockers.db.test.ts: ordering, filters; refused to customer IT; tenant condition in SQL",
  "blockers.listBlockerCustomers": "blockers.db.test.ts (page filter list): refused to customer IT; tenant condition in SQL",
  "my-work.getMyWork": "blockers.db.test.ts: customer IT sees only their organization's items",
  "my-work.getNavCounts": "blockers.db.test.ts: counts match getMyWork; no blockers count for customer IT",
  "activity.listActivity": "activity.db.test.ts: other organization, missing and malformed ids → same not found",
  "activity.ACTIVITY_PAGE_SIZE": "a constant",
  "webhooks.getWebhookSettings": "webhooks.db.test.ts: managers and admins only; other organization, missing, malformed → not found",
  "webhooks.saveWebhook": "webhooks.db.test.ts: version conflict; scope through lockImplementation (same as getWebhookSettings)",
  "webhooks.rotateWebhookSecret": "webhooks.db.test.ts: scope through lockImplementation",
  "webhooks.setWebhookEnabled": "webhooks.db.test.ts: scope through lockImplementation",
  "webhooks.sendTestDelivery": "webhooks.db.test.ts: scope through lockImplementation",
  "webhooks.claimDueDeliveries": "delivery worker (no viewer); webhooks.db.test.ts: parallel claims never send twice",
  "webhooks.completeDelivery": "delivery worker (no viewer); webhooks.db.test.ts: retry schedule",
  "webhooks.queueGoLiveWarnings": "delivery worker (no viewer); webhooks.db.test.ts: once a day, only open go-live blockers",
  // harden
  "sign-in.checkCredentials": "pre-authentication; sign-in.db.test.ts: pair/account/address pauses, identical failures",
  "health.databaseReachable": "no tenant data: the proxy's cached probe of the database",
  "health.noteDatabaseTrouble": "no tenant data: asks the next probe to run at once",
  "audit-chain.verifyAuditTrail": "operator command (no viewer); audit-chain.db.test.ts: names the tampered row; spans all organizations by design",
  "audit-chain.verifyAuditTrailFor": "audit-chain.db.test.ts: admins only (audit.verify)",
  "permissions.getPermissionMatrix": "permissions.db.test.ts: other organization, missing and malformed ids → same not found",
  "permissions.addCatalogRows": "permissions.db.test.ts: managers and engineers; only catalog rows; missing implementation → not found",
  "permissions.addPermissionRow": "permissions.db.test.ts: customer IT refused; duplicate refused; missing implementation → not found; other organization's interface refused",
  "permissions.updatePermissionRow": "permissions.db.test.ts: customer IT refused; version conflict; another implementation's or organization's interface refused",
  "permissions.addInterfaceRows": "permissions.db.test.ts: rows from an interface's message types; existing skipped; other organization's interface refused; customer IT refused",
  "interface-link.interfaceOfImplementation": "called inside permissions/test-patients writes after they locked the implementation; permissions.db.test.ts and test-patients.db.test.ts: other organization's and other implementation's interface refused",
  "permissions.removePermissionRow": "permissions.db.test.ts: version conflict; audited with the cells it removed",
  "permissions.recordPermissionCheck": "permissions.db.test.ts: same-organization customer IT records; other organization → not found; other implementation's environment refused",
  "permissions.setPermissionColumn": "permissions.db.test.ts: versions of the whole column checked; other organization → not found",
  "test-patients.getTestPatientRegister": "test-patients.db.test.ts: other organization, missing and malformed ids → same not found",
  "test-patients.addTestPatient": "test-patients.db.test.ts: same-organization customer IT adds; other organization → not found; other implementation's environment refused",
  "test-patients.removeTestPatient": "test-patients.db.test.ts: managers only; version conflict; missing → not found",
  "test-patients.addScenario": "test-patients.db.test.ts: other organization's patient → not found; other organization's interface refused",
  "test-patients.recordScenarioResult": "test-patients.db.test.ts: version conflict names who; other organization → not found",
  "test-patients.removeScenario": "test-patients.db.test.ts: managers only",
  "registers.getRegisterSummary": "permissions.db.test.ts and test-patients.db.test.ts: other organization → not found (through the two registers' reads)",
  "interfaces.getInterfaceInventory": "interfaces.db.test.ts: customer IT of another organization, missing and malformed ids → same not found",
  "interfaces.addInterface": "interfaces.db.test.ts: managers and engineers; customer IT refused; duplicate name refused; other organization → not found",
  "interfaces.updateInterface": "interfaces.db.test.ts: version conflict names who; other organization → not found",
  "interfaces.setSourceOfTruth": "interfaces.db.test.ts: same-organization customer IT records; other organization → not found; version conflict",
  "interfaces.savePayloadRule": "interfaces.db.test.ts: managers and engineers; rules apply to the next review",
  "interfaces.recordPayloadReview": "interfaces.db.test.ts: raw payload never stored; evidence on the item; other organization's interface → not found; other implementation's environment refused",
  "interfaces.getPayloadReview": "interfaces.db.test.ts: other organization, mismatched implementation → not found",
  "interfaces.PAYLOAD_REVIEW_ITEM_KEY": "a constant",
  "interfaces.importInterfaces": "interfaces.db.test.ts: all or nothing; customer IT refused; missing implementation → not found",
  "interfaces.confirmInventory": "interfaces.db.test.ts: customer IT of the organization only; bound to the inventory's SHA-256; other organization → not found",
  "interfaces.inventoryDigest": "pure: the SHA-256 a confirmation is bound to (interfaces.db.test.ts)",
  "interfaces.csvRecords": "pure: CSV text to rows (interfaces.db.test.ts: unparsable CSV answered with a message)",
  "audit.recordAudit": "called inside other DAL functions' transactions with their viewer",
  "policy.can": "policy.test.ts",
  "policy.authorize": "policy.test.ts",
  "tenant.implementationScope": "used by every implementation-scoped query above",
  "tenant.isUuid": "pure helper",
  "errors.unauthenticated": "error constructor",
  "errors.forbidden": "error constructor",
  "errors.notFound": "error constructor",
  "errors.conflict": "error constructor",
  "errors.invalid": "error constructor",
  "errors.isDomainError": "error guard",
  "errors.DomainError": "error class",
  "policy.policy": "the role × action table itself; policy.test.ts",
  // Organizations, people and single-use links.
  "people.rolesFor": "pure: the roles an organization's kind allows",
  "people.statusOf": "pure: invited / active / disabled",
  "people.listOrganizations": "people.db.test.ts: a manager sees only health systems they run implementations for; action matrix",
  "people.getOrganizationPeople": "people.db.test.ts and the action matrix: managers only for health systems they run; customer IT refused",
  "people.createOrganization": "action matrix: admins only; people.db.test.ts: slug taken",
  "people.updateOrganization": "action matrix: admins only, own/other/missing/malformed; version conflict",
  "people.setOrganizationActive": "action matrix: admins only; account.db.test.ts: deactivated people cannot sign in; vendor cannot be deactivated",
  "people.invitePerson": "action matrix: admins and managers of the health system; people.db.test.ts: roles fit the organization, allowed domains, managers never the vendor's people",
  "people.changeRole": "action matrix: admins only; people.db.test.ts: last admin, sessions end",
  "people.setPersonDisabled": "action matrix; people.db.test.ts: last admin, sessions end and are not revived",
  "people.resendInvitation": "action matrix; account.db.test.ts: the earlier link stops working",
  "people.revokeInvitation": "action matrix; account.db.test.ts: the link is refused after revocation",
  "people.hasLiveInvitation": "called by findUserForOidc for the person it found; sign-in.db.test.ts",
  "account.LINK_NOT_VALID": "a message",
  "account.describeLink": "pre-authentication: shows only whose link it is, for a live link (account.db.test.ts)",
  "account.acceptInvitation": "pre-authentication: account.db.test.ts: once, expiry, revocation, disable",
  "account.resetPassword": "pre-authentication: account.db.test.ts: once, expiry, sessions end",
  "account.requestPasswordReset": "pre-authentication: account.db.test.ts: same answer for every address and past the mail limits",
  "account.requestSignInLink": "pre-authentication: account.db.test.ts: same answer; only where the organization allows it; mail limits",
  "account.redeemSignInLink": "pre-authentication: account.db.test.ts: once, within 15 minutes",
  "account.changeOwnPassword": "the viewer's own account only; account.db.test.ts; action matrix",
  "account.adminExists": "no tenant data: whether any active admin exists",
  "account.issueSetupLink": "startup, no viewer: only while no admin exists (people.db.test.ts)",
  "account.setupLinkIsLive": "pre-authentication: people.db.test.ts",
  "account.completeSetup": "pre-authentication: people.db.test.ts: once, only while no admin exists",
  "account.createAdminWithLink": "the admin:create command (operator on the server); no viewer",
  "account-tokens.tokenTtlMs": "pure: configured lifetimes",
  "account-tokens.issueToken": "called inside the DAL functions above for the person they authorized",
  "account-tokens.revokeTokens": "called inside the DAL functions above",
  "account-tokens.findLiveToken": "called inside the DAL functions above; account.db.test.ts",
  "account-tokens.redeemToken": "called inside the DAL functions above; account.db.test.ts: single use",
  "account-tokens.linkTo": "pure: a link's address",
  "mail.queueMail": "called inside other DAL functions' transactions (lib/mail); mail.db.test.ts",
  "mail.claimDueMail": "mail worker (no viewer); mail.db.test.ts",
  "mail.completeMail": "mail worker (no viewer); mail.db.test.ts",
  "mail.listSentMail": "mail.db.test.ts: admins only",
  "mail-throttle.admitMailRequestFromAddress": "pre-authentication counter inside requestPasswordReset/requestSignInLink; account.db.test.ts: 20 an hour per address",
  "mail-throttle.admitMailToAccount": "pre-authentication counter inside requestPasswordReset/requestSignInLink; account.db.test.ts: 3 per 15 minutes per account and kind",
  "unit-of-work.writeOnImplementation": "runs a write that locked its row with implementationScope; write-path.db.test.ts: every write refreshes the gate",
  "unit-of-work.lockImplementation": "implementationScope in the WHERE; the tenant tests of every write that uses it (addItem, permissions, webhooks…)",
  "unit-of-work.lockItem": "implementationScope in the WHERE; checklist.db.test.ts and sign-offs.db.test.ts: other organization's item → not found",
  "unit-of-work.supersedeSignOffs": "run by writeOnImplementation for an item whose version moved; sign-offs.db.test.ts: supersede on edit and on evidence",
  "unit-of-work.one": "pure helper: the single row a query found, else not found",
  "unit-of-work.unchanged": "pure helper: a write that found nothing to change",
};

const dalDir = join(__dirname);

// Every exported value of every non-test file under lib/dal, however it is written.
function exportedFunctions(dir = dalDir, prefix = ""): string[] {
  const names: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      names.push(...exportedFunctions(join(dir, entry.name), `${prefix}${entry.name}/`));
      continue;
    }
    if (!entry.name.endsWith(".ts") || entry.name.endsWith(".test.ts")) continue;
    const source = readFileSync(join(dir, entry.name), "utf8");
    const moduleName = `${prefix}${entry.name.replace(/\.ts$/, "")}`;
    for (const match of source.matchAll(/export\s+(?:async\s+)?(?:function\*?|const|let|var|class)\s+(\w+)/g)) {
      names.push(`${moduleName}.${match[1]}`);
    }
    if (/export\s*\{|export\s+default/.test(source)) names.push(`${moduleName}.<re-export or default: list it by hand>`);
  }
  return names.sort();
}

describe("DAL inventory", () => {
  it("lists every exported DAL function with its tenant test", () => {
    const missing = exportedFunctions().filter((name) => !(name in inventory));
    expect(missing, "add these to the inventory with the test that covers their tenant rules").toEqual([]);
  });

  it("lists nothing that no longer exists", () => {
    const exported = new Set(exportedFunctions());
    expect(Object.keys(inventory).filter((name) => !exported.has(name))).toEqual([]);
  });
});
