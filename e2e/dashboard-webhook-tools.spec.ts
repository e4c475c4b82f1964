import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { startWebhookReceiver } from "@/lib/testing/webhook-receiver";
import { screenshot, signIn } from "./support/dashboard";
import { demo } from "./support/stack";

test("an admin sends a test event to a storefront endpoint and reads it, signed and answered, in the endpoint's delivery log", async ({ page }) => {
  const receiver = await startWebhookReceiver(() => ({ status: 200, body: "pong" }));
  const pings = () => receiver.received.filter((r) => JSON.parse(r.body).type === "test.ping");
  try {
    await signIn(page, demo.admin, "/storefronts");
    const card = page.locator('[data-testid="storefront-card"][data-name="Demo Shop"]');
    const webhook = card.getByTestId("webhook-form-test");
    await webhook.getByLabel("URL").fill(receiver.url);
    await webhook.getByRole("button").click();
    await expect(webhook.getByTestId("action-result")).toHaveAttribute("data-status", "success");

    const send = card.getByTestId("test-event-form-test");
    await send.getByRole("button", { name: "Send test event" }).click();
    await expect(send.getByTestId("action-result")).toContainText("Queued test event evt_");
    await expect.poll(() => pings().length, { timeout: 20_000 }).toBe(1);
    expect(pings()[0]!.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}/);

    await card.getByTestId("delivery-log-link-test").click();
    await expect(page.getByTestId("delivery-log-title")).toHaveText("Webhook delivery log");
    const ping = page.locator('[data-testid="delivery"][data-event-type="test.ping"]').first();
    await expect(ping).toHaveAttribute("data-status", "succeeded");
    await expect(ping.getByTestId("delivery-last-answer")).toContainText("HTTP 200");
    await ping.getByText("Attempts and answers").click();
    await expect(ping).toContainText("pong");

    // The URL holds the filter: failed deliveries only (there are none of this ping).
    await page.getByLabel("Status").selectOption("failed");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(/status=failed/);
    await expect(page.locator('[data-testid="delivery"][data-event-type="test.ping"]')).toHaveCount(0);

    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
    await screenshot(page, "webhook-delivery-log");
  } finally {
    await receiver.close();
  }
});

test("finance staff cannot open a delivery log", async ({ page }) => {
  await signIn(page, demo.finance);
  await page.goto("/storefronts/sf_x/webhooks/we_x");
  await expect(page).toHaveURL(/\/forbidden$/);
});
