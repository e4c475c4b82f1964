import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { verifyMalipoSignature } from "@/lib/webhooks/verify-signature";
import { createPayment, signIn, uniqueReference, viewTestMode, waitForStatus } from "./support/dashboard";
import { BASE_URL, demo } from "./support/stack";

/** A storefront endpoint on loopback that fails each event twice, then accepts it. */
function flakyStorefront() {
  const received: { eventId: string; at: number; body: string; signature: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      const eventId = String(req.headers["malipo-event-id"] ?? "");
      received.push({ eventId, at: Date.now(), body, signature: String(req.headers["malipo-signature"] ?? "") });
      const seen = received.filter((r) => r.eventId === eventId).length;
      res.writeHead(seen <= 2 ? 500 : 200, { "content-type": "text/plain" });
      res.end(seen <= 2 ? "temporarily broken" : "ok");
    });
  });
  return { server, received };
}

test("a failing storefront endpoint gets the event three times with growing gaps, every attempt signed and shown on the payment", async ({ page, request, browser }) => {
  const { server, received } = flakyStorefront();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  try {
    await signIn(page, demo.admin, "/storefronts");
    const card = page.locator('[data-testid="storefront-card"][data-name="Demo Shop"]');
    const webhook = card.getByTestId("webhook-form-test");
    await webhook.getByLabel("URL").fill(`http://127.0.0.1:${port}/hooks/malipo`);
    await webhook.getByRole("button").click();
    await expect(webhook.getByTestId("action-result")).toHaveAttribute("data-status", "success");
    // A fresh secret we know: rotation reveals it once (the old one keeps signing for a grace period).
    await card.getByText("Rotate signing secret…").first().click();
    const rotate = card.getByTestId("rotate-form-test");
    await rotate.getByLabel("Reason").fill("webhook delivery test");
    await rotate.getByRole("button", { name: "Rotate secret" }).click();
    const secret = await rotate.getByTestId("revealed-secret").inputValue();

    const created = await createPayment(request, { amount: 321, phone: "254708374149", reference: uniqueReference("WHK") });
    await waitForStatus(request, created.id, ["succeeded"]);
    const ours = () => received.filter((r) => JSON.parse(r.body).data.object.id === created.id);
    await expect.poll(() => ours().length, { timeout: 30_000 }).toBe(3);

    const [first, second, third] = ours();
    expect(new Set(ours().map((r) => r.eventId)).size).toBe(1);
    expect(JSON.parse(first!.body).type).toBe("payment.succeeded");
    expect(third!.at - second!.at).toBeGreaterThan(second!.at - first!.at);
    for (const r of ours()) expect(verifyMalipoSignature({ payload: r.body, header: r.signature, secret })).toMatchObject({ valid: true });
    // A tampered body does not verify.
    expect(verifyMalipoSignature({ payload: first!.body.replace("321", "999"), header: first!.signature, secret })).toMatchObject({ valid: false });

    await page.goto(`/payments/${created.id}`);
    await viewTestMode(page);
    const attempts = page.getByTestId("webhook-event").filter({ hasText: "payment.succeeded" }).locator("tbody tr");
    await expect(attempts).toHaveCount(3);
    await expect(attempts.nth(0)).toContainText("500");
    await expect(attempts.nth(1)).toContainText("500");
    await expect(attempts.nth(2)).toContainText("200");
    await expect(page.getByTestId("webhook-event").filter({ hasText: "payment.succeeded" })).toContainText("succeeded");
    // What the endpoint answered is for admins: finance sees that there was an answer, not what it said.
    await expect(attempts.nth(0).getByTestId("attempt-response")).toHaveText("temporarily broken");
    const financeContext = await browser.newContext({ baseURL: BASE_URL });
    const financePage = await financeContext.newPage();
    await signIn(financePage, demo.finance, `/payments/${created.id}`);
    await viewTestMode(financePage);
    const seenByFinance = financePage.getByTestId("webhook-event").filter({ hasText: "payment.succeeded" }).locator("tbody tr");
    await expect(seenByFinance).toHaveCount(3);
    await expect(seenByFinance.nth(0).getByTestId("attempt-response")).toHaveText("(the answer is shown to admins only)");
    expect(await financePage.content()).not.toContain("temporarily broken");
    await financeContext.close();
  } finally {
    server.close();
  }
});
