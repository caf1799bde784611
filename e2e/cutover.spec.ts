import { expect, test } from "@playwright/test";
import { refuseServerErrors, seedId, storageStatePath } from "./fixtures";

// The cutover plan and the phase plan (docs/cutover.md), on the demo's "Patient demographics
// feed" (synthetic): its template has the rollback plan and support hand-off items, its phases
// are planned and its cutover plan is empty. A manager adds a step owned by Riverbend's IT,
// finds it on the go-live timeline, marks a phase's exit criteria met and finds both in the report; the owner marks the step done.

const demographics = `/implementations/${seedId("impl:riverbend-demographics")}`;
// Well inside the timeline's 13 weeks, before the feed's go-live (75 days out).
const due = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
const STEP = "Registration desks briefed on the new feed";

test.describe.configure({ mode: "serial" });

test.describe("as a manager", () => {
  test.use({ storageState: storageStatePath("manager") });

  test("adds a cutover step with an owner and finds it on the timeline", async ({ page }) => {
    const noServerErrors = refuseServerErrors(page);
    await page.goto(demographics);
    await page.getByRole("navigation", { name: "Implementation sections" }).getByRole("link", { name: "Cutover" }).click();
    await expect(page.getByRole("heading", { name: "Cutover plan" })).toBeVisible();

    // The gate requires the rollback plan and the hand-off here: both are on the checklist.
    const gateItems = page.getByRole("list", { name: "Cutover items on the checklist" });
    await expect(gateItems.getByRole("listitem").filter({ hasText: "Rollback plan approved" })).toContainText("Required by the gate");
    await expect(gateItems.getByRole("listitem").filter({ hasText: "Support hand-off accepted" })).toContainText("Not started");

    await page.getByText("Add a step", { exact: true }).click();
    const form = page.getByRole("form", { name: "Add a cutover step" });
    await form.getByLabel("Step").fill(STEP);
    await form.getByLabel("Owner").selectOption({ label: "Casey Lin (Riverbend Health (fictional))" });
    await form.getByLabel("Due (UTC)").fill(`${due}T14:30`);
    await form.getByRole("button", { name: "Add step" }).click();
    await expect(form.getByRole("status")).toHaveText(/Step added/);

    const row = page.getByRole("row", { name: STEP });
    await expect(row).toContainText("Casey Lin");
    await expect(row).toContainText(`${due} 14:30 UTC`);
    await expect(row).toContainText("Not done");
    await expect(page.getByTestId("cutover-summary")).toContainText("0 of 1 steps done");

    // The timeline: the step in words, and as a marker in the picture.
    await page.goto("/timeline");
    const timelineRow = page.getByTestId("timeline-row").filter({ has: page.getByRole("link", { name: "Patient demographics feed", exact: true }) });
    await expect(timelineRow).toContainText("Cutover: 0 of 1 steps done");
    await timelineRow.getByText("Phases and cutover steps").click();
    const steps = timelineRow.getByRole("list", { name: "Cutover steps of Patient demographics feed" });
    await expect(steps.getByRole("listitem")).toHaveCount(1);
    await expect(steps).toContainText(`${STEP} — ${due} 14:30 UTC`);
    await expect(steps).toContainText("Casey Lin · Not done");
    await expect(timelineRow.getByRole("list", { name: "Phases of Patient demographics feed" })).toContainText("Assessment:");
    await expect(timelineRow.locator(`[data-chart="timeline-plan"] [title^="${STEP}"]`)).toBeVisible();
    noServerErrors();
  });

  test("marks a phase's exit criteria met, and the page says by whom", async ({ page }) => {
    const noServerErrors = refuseServerErrors(page);
    await page.goto(`${demographics}/phases`);
    const assessment = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "1. Assessment" }) });
    await expect(assessment).toContainText("Current phase");
    await expect(assessment).toContainText("Not yet");
    await assessment.getByRole("button", { name: "Mark Assessment exit criteria met" }).click();
    await expect(assessment).toContainText("Exit criteria met");
    await expect(assessment).toContainText("Met — marked by Maya Okafor");
    await expect(assessment.getByRole("button", { name: "Assessment: exit criteria not met after all" })).toBeVisible();

    await page.goto("/timeline");
    const timelineRow = page.getByTestId("timeline-row").filter({ has: page.getByRole("link", { name: "Patient demographics feed", exact: true }) });
    await timelineRow.getByText("Phases and cutover steps").click();
    await expect(timelineRow.getByRole("list", { name: "Phases of Patient demographics feed" }).getByRole("listitem").first()).toContainText("Exit criteria met");

    // The readiness report carries the plan too: the phase met, the step due and not done.
    await page.goto(`${demographics}/report`);
    const plan = page.getByRole("region", { name: "Phase plan and cutover" });
    await expect(plan.getByRole("row", { name: /^Assessment/ })).toContainText("Exit criteria met");
    await expect(plan.getByRole("row", { name: new RegExp(`^${STEP}`) })).toContainText(`${due} 14:30 UTC`);
    await expect(plan.getByRole("row", { name: new RegExp(`^${STEP}`) })).toContainText("Not done");
    noServerErrors();
  });
});

test.describe("as the step's owner", () => {
  test.use({ storageState: storageStatePath("riverbendIt") });

  test("customer IT marks the step they own done, and cannot change the plan", async ({ page }) => {
    const noServerErrors = refuseServerErrors(page);
    await page.goto(`${demographics}/cutover`);
    await expect(page.getByText("Add a step", { exact: true })).toHaveCount(0);
    const row = page.getByRole("row", { name: STEP });
    await row.getByRole("button", { name: "Mark done" }).click();
    await expect(row).toContainText("by Casey Lin");
    await expect(row.getByRole("button", { name: "Not done after all" })).toBeVisible();
    await expect(page.getByTestId("cutover-summary")).toContainText("1 of 1 steps done");
    noServerErrors();
  });
});
