import { describe, expect, it } from "vitest";
import { parseCreateUserArgs } from "@/lib/auth/create-user-args";

describe("parseCreateUserArgs", () => {
  it("reads email, name and role", () => {
    expect(parseCreateUserArgs(["--email", "Boss@Example.com", "--name", "The Boss", "--role", "admin"])).toEqual({
      ok: true, args: { email: "boss@example.com", name: "The Boss", role: "ADMIN" },
    });
  });
  it("defaults to a finance user", () => {
    expect(parseCreateUserArgs(["--email", "f@example.com", "--name", "F"])).toMatchObject({ ok: true, args: { role: "FINANCE" } });
  });
  it("explains what is missing or wrong", () => {
    expect(parseCreateUserArgs(["--name", "X"])).toEqual({ ok: false, message: "--email is required" });
    expect(parseCreateUserArgs(["--email", "x@example.com", "--name", "X", "--role", "ROOT"])).toEqual({ ok: false, message: "--role must be ADMIN or FINANCE" });
    expect(parseCreateUserArgs(["--password", "nope"]).ok).toBe(false);
  });
});
