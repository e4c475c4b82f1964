import { expect, test } from "@playwright/test";
import { createStuckPayment, signIn, sql, uniqueReference, viewTestMode } from "./support/dashboard";
import { BASE_URL, demo } from "./support/stack";

// The settling case (a lost callback that only the query knows) is in lib/actions/recheck-payment-action.int.test.ts,
// where no reconciler can answer first; here the simulator's "pending-forever" number keeps the answer stable.
test("an admin re-checks a pending payment from its page and reads M-Pesa's answer; finance has no such form", async ({ page, request, browser }) => {
  const stuck = await createStuckPayment(request, uniqueReference("RCK"), 63);
  await signIn(page, demo.admin, `/payments/${stuck.id}`);
  await viewTestMode(page);
  const form = page.getByTestId("recheck-form");
  await form.getByLabel("Reason").fill("customer on the phone asking");
  await form.getByRole("button", { name: "Re-check now" }).click();
  await expect(page.getByTestId("admin-action-results")).toContainText("M-Pesa is still processing this payment");
  await expect(page.getByTestId("payment-status")).toHaveText("Pending");
  await expect(page.getByTestId("payment-audit-row")).toContainText("customer on the phone asking");
  const [audit] = await sql<{ action: string; actor_email: string }>("SELECT action, actor_email FROM audit_logs WHERE entity_id = $1", [stuck.id]);
  expect(audit).toEqual({ action: "payment.recheck", actor_email: demo.admin.email });
  expect(await sql("SELECT 1 FROM payment_events WHERE payment_id = $1 AND type = 'query' AND source = 'admin'", [stuck.id])).toHaveLength(1);

  const financeContext = await browser.newContext({ baseURL: BASE_URL });
  const finance = await financeContext.newPage();
  await signIn(finance, demo.finance, `/payments/${stuck.id}`);
  await expect(finance.getByTestId("payment-title")).toBeVisible();
  await expect(finance.getByTestId("recheck-form")).toHaveCount(0);
  await financeContext.close();
});
