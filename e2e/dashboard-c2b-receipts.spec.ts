import { expect, test } from "@playwright/test";
import { SANDBOX_SHORTCODE } from "@/lib/env";
import { scenarioPhone } from "@/lib/rails/daraja/simulator/scenarios";
import { createPayment, signIn, sql, uniqueReference, viewTestMode, waitForStatus } from "./support/dashboard";
import { demo, SIMULATOR_URL } from "./support/stack";

test("an admin registers C2B URLs; a customer pays the paybill with a mistyped reference; finance attaches the receipt to the payment", async ({ page, request }) => {
  // A payment whose prompt the customer never answers: they pay by hand instead, typing the reference wrong.
  const payment = await createPayment(request, { amount: 420, phone: scenarioPhone("pending-forever"), reference: uniqueReference("C2B") });
  const [row] = await sql<{ storefront_id: string; collection_account_id: string; source: string; settings: { shortcode?: string; tillNumber?: string | null } }>(
    "SELECT p.storefront_id, p.collection_account_id, a.source, a.settings FROM payments p JOIN collection_accounts a ON a.id = p.collection_account_id WHERE p.id = $1", [payment.id]);
  const shortcode = row!.source === "ENVIRONMENT" ? SANDBOX_SHORTCODE : (row!.settings.tillNumber ?? row!.settings.shortcode!);

  await signIn(page, demo.admin, `/storefronts/${row!.storefront_id}/accounts`);
  const card = page.locator(`[data-account-id="${row!.collection_account_id}"]`);
  await card.getByTestId("c2b-section").locator("summary").click();
  await expect(card.getByTestId("c2b-section")).toContainText("accept a registration again and again");
  const register = card.getByTestId("register-c2b-form");
  await register.getByLabel("Reason").fill("take paybill payments");
  await register.getByRole("button", { name: /Register/ }).click();
  await expect(register).toContainText("Daraja registered the C2B confirmation and validation URLs");
  await expect(card.getByTestId("c2b-registered")).toContainText("C2B URLs registered");

  const mistyped = `${payment.reference}X`;
  const paid = await request.post(`${SIMULATOR_URL}/__sim/c2b/pay`, { data: { shortcode, amount: 420, billRefNumber: mistyped, msisdn: "254712345126" } });
  expect(paid.status()).toBe(200);
  const { receipt } = (await paid.json()) as { receipt: string };

  await page.context().clearCookies();
  await signIn(page, demo.finance, "/receipts");
  await viewTestMode(page);
  await expect(page.getByTestId("receipts-title")).toBeVisible();
  const item = page.locator(`[data-testid="receipt-row"][data-receipt="${receipt}"]`);
  await expect.poll(async () => {
    await page.reload();
    return item.count();
  }, { timeout: 20_000 }).toBe(1);
  await expect(item).toContainText(mistyped);
  // Masked as M-Pesa sent it.
  await expect(item).not.toContainText("254712345126");

  await item.getByText("Attach to a payment…").click();
  const attach = item.getByTestId("attach-receipt-form");
  await attach.getByLabel("Payment id").fill(payment.id);
  await attach.getByLabel("Reason").fill("customer added an X to the reference");
  await attach.getByRole("button", { name: "Attach" }).click();
  // Attached, it leaves the unattached list.
  await expect(item).toHaveCount(0);

  const settled = await waitForStatus(request, payment.id, ["succeeded"]);
  expect(settled.mpesa_receipt).toBe(receipt);
  await page.goto("/receipts?status=attached");
  await expect(page.locator(`[data-testid="receipt-row"][data-receipt="${receipt}"]`).getByTestId("receipt-resolution")).toContainText(`Attached to ${payment.id} by ${demo.finance.email}`);
  const [audit] = await sql<{ actor_email: string; reason: string }>("SELECT actor_email, reason FROM audit_logs WHERE action = 'unattached_receipt.attach' ORDER BY id DESC LIMIT 1");
  expect(audit).toEqual({ actor_email: demo.finance.email, reason: "customer added an X to the reference" });
});
