import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { addEatDays, eatDateOf } from "@/lib/time/eat";
import { createPayment, parseCsv, screenshot, signIn, uniqueReference, viewTestMode, waitForStatus, type ApiPayment } from "./support/dashboard";
import { demo } from "./support/stack";

// One set of payments for the whole file, made through the storefront API and settled by the simulator.
let paid: ApiPayment;
let failed: ApiPayment;
const PHONE_LOCAL = "0711 000 111";

test.beforeAll(async ({ request }) => {
  const p = await createPayment(request, { amount: 1_234, phone: "254711000111", reference: uniqueReference("FIN") });
  const f = await createPayment(request, { amount: 77, phone: "254708000003", reference: uniqueReference("FAIL") });
  paid = await waitForStatus(request, p.id, ["succeeded"]);
  failed = await waitForStatus(request, f.id, ["failed"]);
  expect(paid.mpesa_receipt).toBeTruthy();
});

async function expectNoSeriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

const tableIds = async (page: Page) => (await page.getByTestId("payments-table").locator("tbody tr td:last-child").allTextContents()).map((t) => t.trim());

test("finance filters by status and date, and exports exactly the filtered set as CSV", async ({ page }) => {
  const cspErrors: string[] = [];
  page.on("console", (m) => { if (m.type() === "error" && /Content Security Policy/i.test(m.text())) cspErrors.push(m.text()); });
  await signIn(page, demo.finance);
  await viewTestMode(page);
  await expect(page.getByTestId("overview-title")).toBeVisible();
  await expectNoSeriousViolations(page);
  await screenshot(page, "overview");

  await page.getByRole("link", { name: "Payments", exact: true }).click();
  await expect(page.getByTestId("payments-title")).toBeVisible();
  // The EAT day the failed payment was made on (not the clock's: the run may straddle midnight).
  const day = eatDateOf(new Date(failed.created_at));
  await page.getByRole("checkbox", { name: "Failed" }).check();
  await page.getByLabel("From (EAT date)").fill(day);
  await page.getByLabel("To (EAT date, inclusive)").fill(day);
  await page.getByLabel("Rows per page").selectOption("100");
  await page.getByTestId("apply-filters").click();
  await expect(page).toHaveURL(new RegExp(`status=FAILED.*from=${day}.*to=${day}`));
  await expect(page.getByTestId("payments-table")).toContainText(failed.reference);
  await expect(page.getByTestId("payments-table")).not.toContainText(paid.reference);
  const statuses = await page.getByTestId("payments-table").locator("tbody tr td:nth-child(2)").allTextContents();
  expect(statuses.every((s) => s.startsWith("Failed"))).toBe(true);
  const shown = await tableIds(page);
  expect(shown).toContain(failed.id);
  await expectNoSeriousViolations(page);
  await screenshot(page, "payments-filtered");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
  const rows = parseCsv(await readFile(await download.path(), "utf8"));
  expect(rows.map((r) => r.id).sort()).toEqual([...shown].sort());
  const row = rows.find((r) => r.id === failed.id)!;
  expect(row).toMatchObject({ status: "FAILED", amount: "77", mode: "TEST", result_code: "1" });
  expect(row.created_at_eat).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+03:00$/);
  expect(new Date(row.created_at_eat!).getTime()).toBe(new Date(row.created_at_utc!).getTime());

  // A date range that excludes that day shows the empty state; the back button restores the filter.
  await page.getByLabel("From (EAT date)").fill(addEatDays(day, 1));
  await page.getByLabel("To (EAT date, inclusive)").fill(addEatDays(day, 1));
  await page.getByTestId("apply-filters").click();
  await expect(page.getByTestId("empty-state")).toContainText("No payments match");
  await page.goBack();
  await expect(page.getByTestId("payments-table")).toContainText(failed.reference);
  expect(cspErrors).toEqual([]);
});

test("finance finds a payment by receipt and by a 07… phone, opens it and reads the timeline and raw callback", async ({ page }) => {
  await signIn(page, demo.finance, "/payments");
  await viewTestMode(page);

  await page.getByLabel("Search").fill(paid.mpesa_receipt!.toLowerCase());
  await page.getByTestId("apply-filters").click();
  await expect(page.getByTestId("table-row")).toHaveCount(1);
  await expect(page.getByTestId("payments-table")).toContainText(paid.mpesa_receipt!);

  await page.getByLabel("Search").fill(PHONE_LOCAL);
  await page.getByTestId("apply-filters").click();
  await expect(page).toHaveURL(/q=0711/);
  await expect(page.getByTestId("payments-table")).toContainText(paid.reference);
  await expect(page.getByTestId("payments-table")).toContainText("+254 711 000 111");

  await page.getByTestId("payment-link").filter({ hasText: paid.reference }).first().click();
  await expect(page.getByTestId("payment-reference")).toHaveText(paid.reference);
  await expect(page.getByTestId("payment-status")).toHaveText("Succeeded");
  await expect(page.getByTestId("payment-receipt")).toHaveText(paid.mpesa_receipt!);
  await expect(page.getByTestId("test-badge").first()).toBeVisible();
  const events = page.getByTestId("timeline-event");
  expect(await events.count()).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId("timeline")).toContainText("PENDING → SUCCEEDED");
  // Once C2B URLs are registered on the shortcode, M-Pesa also sends a C2B confirmation for an STK
  // payment (filed as a duplicate of the receipt), so the STK callback is one entry among others.
  const callback = page.getByTestId("callback-entry").filter({ hasText: '"stkCallback": {' });
  await expect(callback).toHaveCount(1);
  await expect(callback).toContainText(paid.mpesa_receipt!);
  // Times are EAT with UTC on hover.
  await expect(page.locator("time[title$=' UTC']").first()).toBeVisible();
  // Finance sees no admin action here, nor the admin pages in the menu.
  await expect(page.getByTestId("admin-actions")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Storefronts" })).toHaveCount(0);
  await expectNoSeriousViolations(page);
  await screenshot(page, "payment-detail");
});

test("finance is shown the admins-only page for storefronts and users", async ({ page }) => {
  await signIn(page, demo.finance);
  for (const path of ["/storefronts", "/users"]) {
    await page.goto(path);
    await expect(page.getByTestId("forbidden")).toBeVisible();
  }
  for (const [path, title] of [["/attention", "attention-title"], ["/callbacks", "callbacks-title"], ["/audit", "audit-title"]] as const) {
    await page.goto(path);
    await expect(page.getByTestId(title)).toBeVisible();
    await screenshot(page, path.slice(1));
  }
  // A phone-sized screen: the table scrolls inside its frame, the filters stack.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/payments");
  await expect(page.getByTestId("payments-filters")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await screenshot(page, "payments-mobile");
});
