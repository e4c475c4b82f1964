import { expect, test } from "@playwright/test";
import { demo } from "./support/stack";

test("the login page opens and a wrong password is refused", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "Malipo" })).toBeVisible();
  await page.getByLabel("Email").fill(demo.admin.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("login-error")).toHaveText("Wrong email or password.");
});

test("the demo admin signs in and out", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel("Email").fill(demo.admin.email);
  await page.getByLabel("Password").fill(demo.admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("overview-title")).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
});

test("health reports the database and the worker up", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.database.status).toBe("up");
  expect(body.worker.status).toBe("up");
});

test("liveness answers through Next, readiness reports the backlog", async ({ request }) => {
  const live = await request.get("/api/health/live");
  expect(live.status()).toBe(200);
  expect(await live.json()).toMatchObject({ status: "live", spool: { pending: expect.any(Number), quarantined: expect.any(Number) } });
  const ready = await (await request.get("/api/health")).json();
  expect(ready).toMatchObject({ spool: { quarantined: 0 }, queue: { ready: expect.any(Number) }, webhooks: { disabledEndpoints: expect.any(Number) } });
});
