import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createPayment, createStuckPayment, screenshot, signIn, sql, uniqueReference, viewTestMode, waitForStatus } from "./support/dashboard";
import { demo } from "./support/stack";

test("an admin creates a storefront API key and it works against the API", async ({ page, request }) => {
  await signIn(page, demo.admin, "/storefronts");
  const card = page.getByTestId("storefront-card").filter({ has: page.getByText("API keys") }).first();
  await card.getByText("New API key…").click();
  const form = card.getByTestId("create-key-form");
  await form.getByLabel("Name").fill("e2e checkout");
  await form.getByLabel("Mode").selectOption("TEST");
  await form.getByRole("button", { name: "Create key" }).click();
  await expect(form.getByTestId("action-result")).toHaveAttribute("data-status", "success");
  const secret = await form.getByTestId("revealed-secret").inputValue();
  expect(secret).toMatch(/^sk_test_[0-9A-Za-z]{32}$/);
  await expect(card).toContainText("e2e checkout");

  const created = await request.post("/api/v1/payments", {
    headers: { Authorization: `Bearer ${secret}`, "Idempotency-Key": randomUUID() },
    data: { amount: 15, phone: "0711 000 222", reference: uniqueReference("KEY") },
  });
  expect(created.status()).toBe(201);
  const listed = await request.get("/api/v1/payments?limit=1", { headers: { Authorization: `Bearer ${secret}` } });
  expect(listed.status()).toBe(200);
  // The secret is not kept anywhere the page can show again.
  await page.reload();
  await expect(page.locator("body")).not.toContainText(secret);
  await screenshot(page, "storefronts");
});

test("an admin sets a test webhook URL (secret shown once) and rotates its secret", async ({ page }) => {
  await signIn(page, demo.admin, "/storefronts");
  const card = page.getByTestId("storefront-card").first();
  const webhook = card.getByTestId("webhook-form-test");
  // Nothing listens on port 9 (discard): deliveries fail and are retried, which is what the detail page shows.
  await webhook.getByLabel("URL").fill("http://127.0.0.1:9/malipo-webhooks");
  await webhook.getByRole("button").click();
  await expect(webhook.getByTestId("action-result")).toHaveAttribute("data-status", "success");
  const first = await webhook.getByTestId("revealed-secret").inputValue();
  expect(first).toMatch(/^whsec_/);
  await card.getByText("Rotate signing secret…").first().click();
  const rotate = card.getByTestId("rotate-form-test");
  await rotate.getByLabel("Reason").fill("rotation drill");
  await rotate.getByRole("button", { name: "Rotate secret" }).click();
  await expect(rotate.getByTestId("action-result")).toContainText("old one stays valid until");
  const second = await rotate.getByTestId("revealed-secret").inputValue();
  expect(second).toMatch(/^whsec_/);
  expect(second).not.toBe(first);
});

test("an admin expires a stuck payment with a reason: EXPIRED, audited, storefront event queued, resendable", async ({ page, request }) => {
  const stuck = await createStuckPayment(request, uniqueReference("STK"), 61);
  await signIn(page, demo.admin, `/payments/${stuck.id}`);
  await viewTestMode(page);
  await expect(page.getByTestId("payment-status")).toHaveText("Pending");
  const form = page.getByTestId("expire-form");
  await form.getByLabel("Reason").fill("customer confirms no prompt arrived");
  await form.getByRole("button", { name: "Expire payment" }).click();
  await expect(page.getByTestId("admin-action-results")).toContainText("Payment expired");
  await expect(page.getByTestId("payment-status")).toHaveText("Expired");
  await expect(page.getByTestId("payment-audit-row")).toContainText("customer confirms no prompt arrived");
  await expect(page.getByTestId("timeline")).toContainText("PENDING → EXPIRED");
  await expect(page.getByTestId("webhook-event-type")).toContainText(["payment.expired"]);
  const [audit] = await sql<{ action: string; actor_email: string; reason: string; before: { status: string }; after: { status: string } }>(
    "SELECT action, actor_email, reason, before, after FROM audit_logs WHERE entity_type = 'payment' AND entity_id = $1", [stuck.id]);
  expect(audit).toMatchObject({ action: "payment.expire", actor_email: demo.admin.email, reason: "customer confirms no prompt arrived", before: { status: "PENDING" }, after: { status: "EXPIRED" } });
  const [event] = await sql<{ type: string; deliveries: number }>(
    "SELECT e.type, count(d.id)::int AS deliveries FROM webhook_events e LEFT JOIN webhook_deliveries d ON d.event_id = e.id WHERE e.payment_id = $1 GROUP BY e.type", [stuck.id]);
  expect(event).toEqual({ type: "payment.expired", deliveries: 1 });

  // The delivery to the dead endpoint can be sent again, with a reason. A resend is refused while an
  // attempt is on the wire, so wait for the first attempt to be logged and put the next retry an hour
  // out, as production's backoff would, rather than racing the test's two-second one.
  await expect.poll(async () => (await sql(
    "UPDATE webhook_deliveries d SET next_attempt_at = now() + interval '1 hour' FROM webhook_events e " +
    "WHERE e.id = d.event_id AND e.payment_id = $1 AND d.attempt_count > 0 " +
    "AND d.attempt_count = (SELECT count(*) FROM webhook_attempts a WHERE a.delivery_id = d.id) RETURNING d.id", [stuck.id])).length).toBe(1);
  await page.getByText("Resend…").first().click();
  const resend = page.getByTestId("resend-form").first();
  await resend.getByLabel("Reason").fill("storefront fixed its endpoint");
  await resend.getByRole("button", { name: "Resend event" }).click();
  await expect(resend.getByTestId("action-result")).toHaveAttribute("data-status", "success");
  expect(await sql("SELECT 1 FROM audit_logs WHERE action = 'webhook.resend' AND reason = 'storefront fixed its endpoint'")).toHaveLength(1);
  await screenshot(page, "payment-expired-admin");

  await page.goto(`/audit?entityId=${stuck.id}`);
  await expect(page.getByTestId("audit-row").first()).toContainText("payment.expire");
});

test("an admin resolves a payment in REVIEW", async ({ page, request }) => {
  // The simulator reports an amount one shilling short: the gateway parks it for review.
  const created = await createPayment(request, { amount: 90, phone: "254708000008", reference: uniqueReference("REV") });
  await waitForStatus(request, created.id, ["review"]);
  await signIn(page, demo.admin, `/payments/${created.id}`);
  await expect(page.getByTestId("payment-status")).toHaveText("Review");
  const form = page.getByTestId("resolve-form");
  await form.getByLabel("Paid (succeeded)").check();
  await form.getByLabel("Reason").fill("statement shows KES 89 received; customer agreed");
  await form.getByRole("button", { name: "Resolve" }).click();
  await expect(page.getByTestId("admin-action-results")).toContainText("Review resolved");
  await expect(page.getByTestId("payment-status")).toHaveText("Succeeded");
  await expect(page.getByTestId("payment-audit-row")).toContainText("payment.resolve_review");
  expect((await sql("SELECT 1 FROM audit_logs WHERE action = 'payment.resolve_review' AND entity_id = $1", [created.id])).length).toBe(1);
});

test("an admin cannot demote the last active admin; users are listed", async ({ page }) => {
  await signIn(page, demo.admin, "/users");
  const row = page.getByTestId("user-row").filter({ hasText: demo.admin.email }).locator("..");
  await row.getByText("Change role or access").click();
  const form = row.getByTestId("role-form");
  await form.getByLabel("Reason").fill("trying to leave no admin");
  await form.getByRole("button", { name: "Make finance user" }).click();
  await expect(form.getByTestId("action-result")).toContainText("last active admin");
  expect((await sql<{ role: string }>("SELECT role::text FROM users WHERE email = $1", [demo.admin.email]))[0]!.role).toBe("ADMIN");
  await screenshot(page, "users");
});
