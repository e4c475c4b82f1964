import { describe, expect, it } from "vitest";
import { checkAccess, type SessionUser } from "@/lib/auth/access";

const finance: SessionUser = { id: "usr_f", email: "f@x", name: "F", role: "FINANCE" };
const admin: SessionUser = { ...finance, id: "usr_a", role: "ADMIN" };

describe("checkAccess", () => {
  it("refuses anyone signed out, at every level", () => {
    expect(checkAccess(null, "user")).toEqual({ ok: false, reason: "unauthenticated" });
    expect(checkAccess(null, "admin")).toEqual({ ok: false, reason: "unauthenticated" });
  });
  it("lets finance read but not act as an admin", () => {
    expect(checkAccess(finance, "user")).toEqual({ ok: true, user: finance });
    expect(checkAccess(finance, "admin")).toEqual({ ok: false, reason: "forbidden" });
  });
  it("lets an admin do both", () => {
    expect(checkAccess(admin, "user").ok).toBe(true);
    expect(checkAccess(admin, "admin").ok).toBe(true);
  });
});
