import { expect, test, type Page } from "@playwright/test";
import { VODACOM_SIMULATOR_API_KEY } from "@/lib/env";
import { createPayment, screenshot, signIn, sql, uniqueReference, viewTestMode, waitForStatus, type ApiPayment } from "./support/dashboard";
import { demo } from "./support/stack";

// M-Pesa Tanzania beside Kenya: the demo storefront has both rails (the two simulators), and the
// same create call routes each number to its own. TZS payments are shown in TZS, never as KES.
let kenyan: ApiPayment;
let tanzanian: ApiPayment;

test.beforeAll(async ({ request }) => {
  const ke = await createPayment(request, { amount: 640, phone: "254711000444", reference: uniqueReference("KES") });
  const tz = await createPayment(request, { amount: 12_500, phone: "+255 754 000 001", reference: uniqueReference("TZS") });
  expect([(ke as ApiPayment & { currency: string }).currency, (tz as ApiPayment & { currency: string }).currency]).toEqual(["KES", "TZS"]);
  // The Vodacom payment is settled by the status query, the Kenyan one by Daraja's callback.
  kenyan = await waitForStatus(request, ke.id, ["succeeded"]);
  tanzanian = await waitForStatus(request, tz.id, ["succeeded"], 40_000);
});

/** The 30-day total of one currency on the overview, as a number (0 when the currency has no line yet). */
async function overviewTotal(page: Page, currency: string): Promise<number> {
  const line = page.getByTestId(`volume-30d-${currency}`);
  if ((await line.count()) === 0) return 0;
  const text = (await line.textContent()) ?? "";
  expect(text).toMatch(new RegExp(`^${currency} [\\d,]+$`));
  return Number(text.slice(currency.length + 1).replace(/,/g, ""));
}

test("a TZS payment on the payments table and its detail page, in shillings of Tanzania", async ({ page }) => {
  await signIn(page, demo.finance);
  await viewTestMode(page);
  await page.getByRole("link", { name: "Payments", exact: true }).click();
  await expect(page.getByTestId("payments-title")).toBeVisible();

  await page.getByLabel("Currency").selectOption("TZS");
  await page.getByTestId("apply-filters").click();
  await expect(page).toHaveURL(/currency=TZS/);
  const table = page.getByTestId("payments-table");
  const row = table.locator("tbody tr", { hasText: tanzanian.reference });
  await expect(row.getByTestId("payment-amount")).toHaveText("TZS 12,500");
  await expect(row.getByTestId("payment-currency")).toHaveText("TZS");
  await expect(row.getByTestId("payment-provider")).toHaveText("M-Pesa Tanzania (Vodacom)");
  await expect(table).not.toContainText(kenyan.reference);
  const currencies = await table.getByTestId("payment-currency").allTextContents();
  expect(currencies.every((c) => c === "TZS")).toBe(true);
  await screenshot(page, "payments-tzs");

  await row.getByTestId("payment-link").click();
  await expect(page.getByTestId("payment-reference")).toHaveText(tanzanian.reference);
  await expect(page.getByTestId("payment-amount")).toHaveText("TZS 12,500");
  await expect(page.getByTestId("payment-currency")).toHaveText("TZS");
  await expect(page.getByTestId("payment-provider")).toHaveText(/M-Pesa Tanzania/);
  await screenshot(page, "payment-tzs-detail");

  // The Kenyan one keeps its shillings.
  await page.goto(`/payments/${kenyan.id}`);
  await expect(page.getByTestId("payment-amount")).toHaveText("KES 640");
  await expect(page.getByTestId("payment-provider")).toHaveText(/M-Pesa Kenya/);
});

test("the overview shows KES and TZS totals separately, a new TZS payment counted in TZS only", async ({ page, request }) => {
  await signIn(page, demo.finance);
  await viewTestMode(page);
  await expect(page.getByTestId("overview-title")).toBeVisible();
  await expect(page.getByTestId("volume-30d-KES")).toBeVisible();
  await expect(page.getByTestId("volume-30d-TZS")).toBeVisible();
  const before = { KES: await overviewTotal(page, "KES"), TZS: await overviewTotal(page, "TZS") };
  expect(before.TZS).toBeGreaterThanOrEqual(12_500);

  const more = await createPayment(request, { amount: 3_000, phone: "255754000001", reference: uniqueReference("TZS") });
  await waitForStatus(request, more.id, ["succeeded"], 40_000);
  await page.reload();
  await expect(page.getByTestId("volume-30d-TZS")).toBeVisible();
  expect({ KES: await overviewTotal(page, "KES"), TZS: await overviewTotal(page, "TZS") }).toEqual({ KES: before.KES, TZS: before.TZS + 3_000 });
  await expect(page.getByRole("heading", { name: "Volume per day (TZS, succeeded)" })).toBeVisible();
  await screenshot(page, "overview-currencies");
});

test("an admin adds a Vodacom account on the simulator from the dashboard and tests its connection", async ({ page }) => {
  const [{ storefront_id: storefrontId }] = (await sql<{ storefront_id: string }>("SELECT storefront_id FROM payments WHERE id = $1", [tanzanian.id])) as [{ storefront_id: string }];
  await signIn(page, demo.admin, `/storefronts/${storefrontId}/accounts`);
  await expect(page.getByTestId("collection-accounts-title")).toBeVisible();
  // The demo's Vodacom simulator is this storefront's environment account of the rail.
  await expect(page.getByTestId("collection-account").filter({ hasText: "VODACOM_TEST_API_KEY" })).toBeVisible();

  const name = `Dar ${uniqueReference("")}`;
  const form = page.getByTestId("add-vodacom-account-form");
  await form.getByLabel("Mode", { exact: true }).selectOption("TEST");
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Environment", { exact: true }).selectOption("simulator");
  await form.getByLabel("Service provider code (the sandbox's is 000000)").fill("000000");
  await form.getByLabel("API key", { exact: true }).fill(VODACOM_SIMULATOR_API_KEY);
  await form.getByLabel("Reason", { exact: true }).fill("second Tanzanian shop");
  await form.getByRole("button", { name: "Add Vodacom account" }).click();
  await expect(form).toContainText(`Added ${name}`);

  const card = page.getByTestId("collection-account").and(page.locator(`[data-name="${name}"]`));
  await expect(card).toContainText("Vodacom M-Pesa OpenAPI C2B, Vodacom Tanzania, service provider 000000");
  await expect(card).toContainText(`••••${VODACOM_SIMULATOR_API_KEY.slice(-4)}`);
  await expect(card).not.toContainText(VODACOM_SIMULATOR_API_KEY);
  await card.getByRole("button", { name: "Test connection" }).click();
  await expect(card.getByTestId("test-account-form")).toContainText("Connection works");
  await expect(card.getByTestId("account-last-test")).toContainText("Works");
  // Daraja-only sections are not offered on a Vodacom account.
  await expect(card.getByTestId("c2b-section")).toHaveCount(0);
  await screenshot(page, "vodacom-account");
});
