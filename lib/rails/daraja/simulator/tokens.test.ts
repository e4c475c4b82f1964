import { describe, expect, it } from "vitest";
import { createIdFactory } from "./ids";
import { createRandom } from "./random";
import { createTokenStore } from "./tokens";

describe("the simulator's token store", () => {
  const at = { t: new Date("2026-12-01T08:00:00Z") };
  const store = (revokeOnReissue = false) =>
    createTokenStore({ ids: createIdFactory(createRandom(7)), now: () => at.t, ttlSeconds: 60, revokeOnReissue });

  it("remembers which app each token was issued to, and logs every issue", () => {
    const tokens = store();
    const a = tokens.issue("app-a").token;
    const b = tokens.issue("app-b").token;
    expect([tokens.appOf(a), tokens.appOf(b), tokens.appOf("forged")]).toEqual(["app-a", "app-b", null]);
    expect(tokens.issued().map((i) => i.consumerKey)).toEqual(["app-a", "app-b"]);
  });

  it("revokes on reissue only the same app's earlier tokens", () => {
    const tokens = store(true);
    const a1 = tokens.issue("app-a").token;
    const b = tokens.issue("app-b").token;
    const a2 = tokens.issue("app-a").token;
    expect([tokens.isValid(a1), tokens.isValid(b), tokens.isValid(a2)]).toEqual([false, true, true]);
  });
});
