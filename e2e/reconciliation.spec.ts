import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { SANDBOX_SHORTCODE } from "@/lib/env";
import { parseCsv, signIn, sql, uniqueReference, viewTestMode } from "./support/dashboard";
import { demo, SIMULATOR_URL } from "./support/stack";

/**
 * Finance closes the day: uploads the org portal statement (the simulator's download), reads the
 * report, finds the exceptions on the reconciliation screen, follows one to its records and exports
 * them; a day where Malipo and M-Pesa agree says so plainly. Match statuses are set in the database
 * as the matcher would set them: this screen only reads them.
 */
async function testAccount(): Promise<string> {
  const [row] = await sql<{ id: string }>("SELECT id FROM collection_accounts WHERE mode = 'TEST' AND rail = 'daraja_stk' AND source = 'ENVIRONMENT' ORDER BY is_default DESC, created_at ASC LIMIT 1");
  return row!.id;
}

test("finance uploads a statement, sees the report, follows an exception from the reconciliation screen and exports the exceptions", async ({ page, request }) => {
  const accountId = await testAccount();
  const pay = async (amount: number) => {
    const res = await request.post(`${SIMULATOR_URL}/__sim/c2b/pay`, { data: { shortcode: SANDBOX_SHORTCODE, amount, billRefNumber: uniqueReference("REC"), msisdn: "254712345126" } });
    expect(res.status()).toBe(200);
    return ((await res.json()) as { receipt: string }).receipt;
  };
  const stray = await pay(613);
  const disputed = await pay(250);
  // Once C2B URLs are registered on the shortcode (an earlier test does), M-Pesa also sends each
  // payment's confirmation, which records its own line: let it land before standing in for another source.
  const c2bRegistered = (await sql("SELECT 1 FROM collection_accounts WHERE id = $1 AND c2b_registered_at IS NOT NULL", [accountId])).length > 0;
  if (c2bRegistered) {
    await expect.poll(async () => (await sql("SELECT 1 FROM ledger_lines WHERE receipt = $1", [disputed])).length, { timeout: 20_000 }).toBeGreaterThan(0);
  }
  // Another source saw the second payment with another amount.
  await sql(`INSERT INTO ledger_lines (collection_account_id, mode, currency, receipt, direction, amount_minor, completed_at, sources, first_seen_at, last_seen_at)
             VALUES ($1, 'TEST', 'KES', $2, 'IN', 24000, now(), ARRAY['pull'], now(), now())
             ON CONFLICT (collection_account_id, receipt) DO UPDATE SET amount_minor = 24000, sources = ARRAY['pull'], disagreement = NULL`, [accountId, disputed]);

  // The simulator's statement of its current day, as finance would download it from the portal.
  const statement = await (await request.get(`${SIMULATOR_URL}/__sim/statement.csv?shortcode=${SANDBOX_SHORTCODE}`)).body();
  const file = { name: `ORG_${SANDBOX_SHORTCODE}_Utility Account_Completed_e2e.csv`, mimeType: "text/csv", buffer: statement };

  await signIn(page, demo.finance, "/statements");
  await viewTestMode(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Statements" }).click();
  await expect(page.getByTestId("statements-title")).toBeVisible();
  const form = page.getByTestId("statement-upload-form");
  await form.getByLabel("Collection account").selectOption(accountId);
  await form.getByLabel(/Statement/).setInputFiles(file);
  await form.getByRole("button", { name: "Upload and import" }).click();
  const report = page.getByTestId("statement-upload").getByTestId("statement-report");
  await expect(report).toHaveAttribute("data-outcome", "imported");
  await expect(report.getByTestId("statement-report-message")).toContainText("Statement imported");
  await expect(report.getByTestId("statement-disagreements")).toContainText(disputed);
  // Both payments are on the statement: new lines, or lines C2B confirmations had already recorded.
  const count = async (label: string) => Number(await report.locator(`[data-count="${label}"]`).textContent());
  expect((await count("Recorded")) + (await count("Already known"))).toBeGreaterThanOrEqual(2);

  // The same file again changes nothing, and says so.
  await form.getByLabel(/Statement/).setInputFiles(file);
  await form.getByRole("button", { name: "Upload and import" }).click();
  await expect(report).toHaveAttribute("data-outcome", "already_imported");
  await expect(report.getByTestId("statement-report-message")).toContainText("Nothing changed");

  // The matcher found no payment for the stray receipt.
  await sql("UPDATE ledger_lines SET match_status = 'UNATTACHED' WHERE collection_account_id = $1 AND receipt = $2", [accountId, stray]);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reconciliation" }).click();
  await expect(page.getByTestId("reconciliation-title")).toBeVisible();
  await expect(page.getByTestId("reconciliation-differences")).toBeVisible();
  // One chart per currency: an earlier spec makes TZS payments too.
  await expect(page.getByRole("figure", { name: /Daily difference, KES/ })).toBeVisible();
  const row = page.locator(`[data-testid="reconciliation-row"][data-account="${accountId}"][data-clean="false"]`).first();
  await row.locator('[data-cell="unattached"] a').click();
  await expect(page.getByTestId("ledger-lines-title")).toBeVisible();
  await expect(page.locator(`[data-testid="record-row"][data-receipt="${stray}"]`)).toContainText("KES 613.00");

  await page.getByRole("link", { name: "disagreement", exact: true }).click();
  await expect(page.locator(`[data-testid="record-row"][data-receipt="${disputed}"]`).locator('[data-cell="note"]')).toContainText("statement gives amount 25000");

  await page.getByRole("link", { name: "Back to reconciliation" }).click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-exceptions").click()]);
  const rows = parseCsv(await readFile(await download.path(), "utf8"));
  expect(rows).toEqual(expect.arrayContaining([
    expect.objectContaining({ kind: "unattached_line", receipt: stray, amount: "613.00" }),
    expect.objectContaining({ kind: "sources_disagree", receipt: disputed }),
  ]));
});

test("a day on which Malipo and M-Pesa agree says so plainly", async ({ page }) => {
  const accountId = await testAccount();
  // A fixed day long before this run's payments: one payment, its ledger line, matched.
  const completed = "2026-03-10T09:00:00Z";
  const [payment] = await sql<{ id: string; mpesa_receipt: string }>(`
    INSERT INTO payments (id, storefront_id, mode, status, amount, currency, phone, reference, expires_at, created_at, updated_at, completed_at, collection_account_id, mpesa_receipt)
    SELECT 'pay_e2eCleanDay' || substr(md5(random()::text), 1, 9), storefront_id, 'TEST', 'SUCCEEDED', 800, 'KES', '254712345678', 'CLEAN-DAY', $2, $2, $2, $2, id, 'UC' || upper(substr(md5(random()::text), 1, 8))
      FROM collection_accounts WHERE id = $1 RETURNING id, mpesa_receipt`, [accountId, completed]);
  await sql(`INSERT INTO ledger_lines (collection_account_id, mode, currency, receipt, direction, amount_minor, completed_at, sources, match_status, payment_id, first_seen_at, last_seen_at)
             VALUES ($1, 'TEST', 'KES', $2, 'IN', 80000, $3, ARRAY['statement'], 'MATCHED', $4, $3, $3)`, [accountId, payment!.mpesa_receipt, completed, payment!.id]);

  await signIn(page, demo.finance, `/reconciliation?mode=test&from=2026-03-10&to=2026-03-10&account=${accountId}`);
  await expect(page.getByTestId("reconciliation-clean")).toContainText("No differences from 2026-03-10 to 2026-03-10");
  const row = page.locator(`[data-testid="reconciliation-row"][data-account="${accountId}"]`);
  await expect(row).toHaveAttribute("data-clean", "true");
  await expect(row.locator('[data-cell="difference"]')).toHaveText("No differences");
  await expect(row.locator('[data-cell="matched"]')).toHaveText("1");
});
