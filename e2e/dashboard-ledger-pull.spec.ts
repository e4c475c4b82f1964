import { expect, test } from "@playwright/test";
import { createPayment, signIn, sql, uniqueReference } from "./support/dashboard";
import { demo } from "./support/stack";

test("an admin registers an account for Pull Transactions and its card shows the worker's pull", async ({ page, request }) => {
  // The worker's pass comes within a minute of the registration.
  test.setTimeout(180_000);
  // A paid STK payment, so the account exists and M-Pesa (the simulator) has a line for Pull to bring.
  const payment = await createPayment(request, { amount: 130, phone: "254712345678", reference: uniqueReference("PULL") });
  const [row] = await sql<{ storefront_id: string; collection_account_id: string }>("SELECT storefront_id, collection_account_id FROM payments WHERE id = $1", [payment.id]);

  await signIn(page, demo.admin, `/storefronts/${row!.storefront_id}/accounts`);
  const card = page.locator(`[data-account-id="${row!.collection_account_id}"]`);
  const section = card.getByTestId("pull-section");
  await section.locator("summary").click();
  await expect(section).toContainText("accept a registration again and again");
  const register = card.getByTestId("register-pull-form");
  await register.getByLabel(/Nominated number/).fill("254708374149");
  await register.getByLabel("Reason").fill("read M-Pesa's own list");
  await register.getByRole("button", { name: /Register/ }).click();
  await expect(register).toContainText("Daraja registered the shortcode for Pull Transactions");
  await expect(section.getByTestId("pull-registered")).toContainText(`by ${demo.admin.email} (nominated number 2547****149)`);
  const [audit] = await sql<{ reason: string }>("SELECT reason FROM audit_logs WHERE action = 'collection_account.pull_register' AND entity_id = $1 ORDER BY id DESC LIMIT 1", [row!.collection_account_id]);
  expect(audit).toEqual({ reason: "read M-Pesa's own list" });

  // The worker passes every minute; the account's first window then completes.
  await expect.poll(async () => {
    await page.reload();
    // Read even while the section is folded.
    return (await section.getByTestId("pull-last-complete").textContent()) ?? "";
  }, { timeout: 120_000, intervals: [2000] }).toMatch(/Last complete window .* lines/);
});
