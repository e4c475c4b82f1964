import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { startWebhookReceiver } from "@/lib/testing/webhook-receiver";
import { screenshot, signIn } from "./support/dashboard";
import { demo } from "./support/stack";

test("an admin sends alerts to a Slack-style webhook, tests it, and tunes the conditions, every change audited", async ({ page }) => {
  // A stand-in for Slack's incoming webhook, on loopback.
  const receiver = await startWebhookReceiver();
  const received = () => receiver.received.map((r) => JSON.parse(r.body) as { event: string; text: string });
  const url = receiver.url.replace("/hooks/malipo", "/services/T000/B000/secret-path");
  try {
    await signIn(page, demo.admin);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Alerts" }).click();
    await expect(page).toHaveURL(/\/settings\/alerts$/);
    await expect(page.getByTestId("alerts-title")).toHaveText("Alerts");
    // The launcher runs without SMTP_HOST: e-mail is offered only once it is configured.
    await expect(page.getByTestId("smtp-missing")).toBeVisible();

    const add = page.getByTestId("add-alert-channel-form");
    await add.getByLabel("Kind").selectOption("WEBHOOK");
    await add.getByLabel("Address or URL").fill(url);
    await add.getByRole("button", { name: "Add recipient" }).click();
    await expect(add.getByTestId("action-result")).toHaveAttribute("data-status", "success");
    // Only the origin is shown: the path of a Slack or Teams URL is its secret.
    const channel = page.locator('[data-testid="alert-channel"]').filter({ hasText: "127.0.0.1" });
    await expect(channel).toContainText("/…");
    await expect(page.locator("body")).not.toContainText("secret-path");

    await channel.getByTestId("test-alert-form").getByRole("button", { name: "Send test" }).click();
    await expect(channel.getByTestId("test-alert-form").getByTestId("action-result")).toContainText("Test alert sent.");
    // Alerts of the stack's own state may arrive too (the worker evaluates every minute): the test is one message.
    const tests = received().filter((r) => r.event === "alert.test");
    expect(tests).toHaveLength(1);
    expect(tests[0]!.text).toContain("Malipo test alert");

    const stuck = page.locator('[data-testid="alert-rule"][data-kind="payments_stuck"]');
    await stuck.getByLabel(/Unsettled for more than/).fill("30");
    await stuck.getByRole("button", { name: "Save" }).click();
    await expect(stuck.getByTestId("action-result")).toHaveAttribute("data-status", "success");
    const review = page.locator('[data-testid="alert-rule"][data-kind="payments_in_review"]');
    await review.getByLabel("Alert on this").uncheck();
    await review.getByRole("button", { name: "Save" }).click();
    await expect(review.getByTestId("action-result")).toContainText("Turned off");
    await page.reload();
    await expect(page.locator('[data-testid="alert-rule"][data-kind="payments_stuck"]').getByLabel(/Unsettled for more than/)).toHaveValue("30");
    await expect(page.locator('[data-testid="alert-rule"][data-kind="payments_in_review"]').getByLabel("Alert on this")).not.toBeChecked();
    await expect(page.getByTestId("alert-notifications")).toContainText("test");

    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
    await screenshot(page, "alert-settings");

    await page.goto("/audit?action=alert_rule.update");
    await expect(page.locator("body")).toContainText("payments_stuck");
    await expect(page.locator("body")).toContainText("payments_in_review");

    // Leave the installation as other tests expect it: the rule back on, the channel gone.
    await page.goto("/settings/alerts");
    const reviewAgain = page.locator('[data-testid="alert-rule"][data-kind="payments_in_review"]');
    await reviewAgain.getByLabel("Alert on this").check();
    await reviewAgain.getByRole("button", { name: "Save" }).click();
    await expect(reviewAgain.getByTestId("action-result")).toHaveAttribute("data-status", "success");
    await page.locator('[data-testid="alert-channel"]').filter({ hasText: "127.0.0.1" }).getByRole("button", { name: "Remove" }).click();
    await expect(page.locator('[data-testid="alert-channel"]')).toHaveCount(0);
  } finally {
    await receiver.close();
  }
});

test("finance staff cannot open the alert settings", async ({ page }) => {
  await signIn(page, demo.finance);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Alerts" })).toHaveCount(0);
  await page.goto("/settings/alerts");
  await expect(page).toHaveURL(/\/forbidden$/);
});
