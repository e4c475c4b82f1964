import { describe, expect, it } from "vitest";
import { checkAccess, type SessionUser } from "@/lib/auth/access";

const finance: SessionUser = { id: "usr_f", email: "f@x", name: "F", role: "FINANCE" };
const admin: SessionUser = { ...finance, id: "usr_a", role: "ADMIN" };

describe("checkAccess", () => {
  it("refuses anyone signed out, at every level", () => {
    for (const level of ["self", "user", "admin"] as const) expect(checkAccess(null, level)).toEqual({ ok: false, reason: "unauthenticated" });
  });
  it("lets finance read but not act as an admin", () => {
    expect(checkAccess(finance, "user")).toEqual({ ok: true, user: finance });
    expect(checkAccess(finance, "admin")).toEqual({ ok: false, reason: "forbidden" });
  });
  it("lets an admin do both", () => {
    expect(checkAccess(admin, "user").ok).toBe(true);
    expect(checkAccess(admin, "admin").ok).toBe(true);
  });
  it("keeps an admin who must enrol a second factor on their own account page", () => {
    const enrolling = { ...admin, mustEnrolTwoFactor: true };
    expect(checkAccess(enrolling, "self")).toEqual({ ok: true, user: enrolling });
    expect(checkAccess(enrolling, "user")).toEqual({ ok: false, reason: "two_factor_required" });
    expect(checkAccess(enrolling, "admin")).toEqual({ ok: false, reason: "two_factor_required" });
  });
});
