import { expect, test, type Browser, type Page } from "@playwright/test";
import { accounts, refuseServerErrors, seedId, storageStatePath, type AccountKey } from "./fixtures";
import { mailTo } from "./mailbox";

// Notifications end to end: a manager marks an item ready for sign-off; the customer's IT person
// finds it in their inbox (with an unread count in the navigation) and in a mail delivered
// through the real SMTP receiver, whose link opens the signing view; another health system's
// person hears nothing. Then a comment's @mention reaches the person named, and only people who
// may see the item. Riverbend's "Patient demographics feed" configuration review is used by no
// other spec.

const implementationId = seedId("impl:riverbend-demographics");
const itemId = seedId("item:riverbend-demographics:configuration-review");
const itemPath = `/implementations/${implementationId}/items/${itemId}`;

async function as(browser: Browser, who: AccountKey): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStatePath(who) });
  return context.newPage();
}

const inboxLink = (page: Page) => page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Inbox/ });

test.describe.configure({ mode: "serial" });

test("a sign-off request reaches customer IT in the inbox and by mail, and the mail opens the signing view", async ({ browser }) => {
  const manager = await as(browser, "manager");
  const noServerErrors = refuseServerErrors(manager);
  await manager.goto(itemPath);
  await expect(manager.getByRole("heading", { level: 1, name: "Configuration review" })).toBeVisible();
  const form = manager.getByRole("form", { name: "Edit item" });
  await form.getByLabel("Status").selectOption("ready_for_signoff");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(manager.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  noServerErrors();

  // The mail, through the real SMTP receiver, links straight to the signing view.
  let signingPath = "";
  await expect
    .poll(
      async () => {
        const mails = (await mailTo(accounts.riverbendIt.email)).filter((m) => m.subject.startsWith("Your sign-off is requested") && m.text.includes(itemPath));
        signingPath = mails[0]?.text.match(new RegExp(`${itemPath}#sign-off`))?.[0] ?? "";
        return mails.length;
      },
      { timeout: 20_000, message: "the sign-off request mail" },
    )
    .toBe(1);
  expect(signingPath).toBe(`${itemPath}#sign-off`);

  const casey = await as(browser, "riverbendIt");
  await casey.goto("/");
  await expect(inboxLink(casey)).toContainText(/unread/);
  await inboxLink(casey).click();
  await expect(casey.getByRole("heading", { level: 1, name: "Inbox" })).toBeVisible();
  const note = casey.getByRole("listitem").filter({ hasText: "Configuration review" }).filter({ hasText: "awaits your sign-off" });
  await expect(note).toContainText("Unread");
  await expect(note).toContainText("Sign-off requested");

  await casey.goto(signingPath);
  await expect(casey.getByRole("heading", { name: "Sign-offs" })).toBeVisible();
  await expect(casey.locator("#sign-off")).toBeInViewport();

  // Marked read: the navigation stops counting it.
  await casey.goto("/inbox");
  await casey.getByRole("button", { name: "Mark all read" }).click();
  await expect(casey.getByText("Nothing unread.")).toBeVisible();
  await expect(inboxLink(casey)).toHaveText("Inbox");

  // Another health system's IT person hears nothing of it.
  const priya = await as(browser, "lakeshoreIt");
  await priya.goto("/inbox");
  await expect(priya.getByRole("heading", { level: 1, name: "Inbox" })).toBeVisible();
  await expect(priya.getByText("Patient demographics feed")).toHaveCount(0);
  expect((await mailTo(accounts.lakeshoreIt.email)).filter((m) => m.text.includes(itemPath))).toEqual([]);
});

test("an @mention in a comment notifies the person named, only if they may see the item, and joins the activity trail", async ({ browser }) => {
  const erin = await as(browser, "engineer");
  const noServerErrors = refuseServerErrors(erin);
  await erin.goto(itemPath);
  const form = erin.getByRole("form", { name: "Add a comment" });
  await form.getByLabel("Comment").fill("@Casey Lin the mapping for clinic 7 is missing. @Priya Raman FYI");
  await form.getByRole("button", { name: "Add comment" }).click();
  const comments = erin.getByRole("list", { name: "Comments on this item" });
  await expect(comments.getByRole("listitem").last()).toContainText("the mapping for clinic 7 is missing");
  await expect(comments.getByRole("listitem").last()).toContainText("Notified: Casey Lin");
  await expect(comments.getByRole("listitem").last()).not.toContainText("Priya Raman,");
  noServerErrors();

  const casey = await as(browser, "riverbendIt");
  await casey.goto("/inbox");
  const note = casey.getByRole("listitem").filter({ hasText: "Erin Vasquez mentioned you" });
  await expect(note).toContainText("Unread");
  await note.getByRole("button", { name: "Mark read" }).click();
  await expect(casey.getByRole("listitem").filter({ hasText: "Erin Vasquez mentioned you" })).not.toContainText("Unread");
  await casey.getByRole("link", { name: /Erin Vasquez mentioned you/ }).click();
  await expect(casey.getByRole("list", { name: "Comments on this item" })).toContainText("the mapping for clinic 7 is missing");

  const priya = await as(browser, "lakeshoreIt");
  await priya.goto("/inbox");
  await expect(priya.getByRole("heading", { level: 1, name: "Inbox" })).toBeVisible();
  await expect(priya.getByText("mentioned you")).toHaveCount(0);

  // The comment is part of the item's activity trail.
  await erin.goto(`/implementations/${implementationId}/activity?item=${itemId}`);
  await expect(erin.getByText("commented on an item").first()).toBeVisible();
});

test("notification settings: a person can choose a daily digest instead of mail at once", async ({ browser }) => {
  const casey = await as(browser, "riverbendIt");
  await casey.goto("/account");
  const form = casey.getByRole("form", { name: "Notification settings" });
  await form.getByLabel("Mail me").selectOption("daily");
  await form.getByRole("button", { name: "Save notification settings" }).click();
  // The form is rebuilt with the saved version; the page says what is now set.
  await expect(casey.getByTestId("mail-mode-now")).toHaveText("Now: a daily digest.");
  await casey.reload();
  await expect(casey.getByRole("form", { name: "Notification settings" }).getByLabel("Mail me")).toHaveValue("daily");
  // Back to mail at once, as the other specs expect of Casey.
  const again = casey.getByRole("form", { name: "Notification settings" });
  await again.getByLabel("Mail me").selectOption("immediately");
  await again.getByRole("button", { name: "Save notification settings" }).click();
  await expect(casey.getByTestId("mail-mode-now")).toHaveText("Now: mail at once.");
});
