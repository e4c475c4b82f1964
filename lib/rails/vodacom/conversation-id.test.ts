import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { conversationIdFor, pushConversationId, queryConversationId, reversalConversationId } from "./conversation-id";
import { checkConversationId, checkQueryReference } from "./validation";

describe("conversation ids", () => {
  it("derive the push's id from the attempt alone: the same attempt always sends the same id", () => {
    fc.assert(fc.property(fc.string({ minLength: 1 }).filter((s) => s.trim() !== ""), (attemptId) => {
      expect(pushConversationId(attemptId)).toBe(pushConversationId(attemptId));
      expect(pushConversationId(attemptId)).toBe(conversationIdFor("c2b", attemptId));
    }));
  });

  it("never changes the derivation: a payment pushed before an upgrade and retried after must keep its id", () => {
    expect(pushConversationId("pay_3kTMd9xQ")).toBe("efbdb17616994444f2cc309ec3ccc173");
    expect(reversalConversationId("rf_1")).toBe("9281ae4f46bb7e20bcbdbeab38aa157a");
  });

  it("give different attempts, and a push and a reversal of the same id, different conversations", () => {
    fc.assert(fc.property(fc.uniqueArray(fc.string({ minLength: 1 }).filter((s) => s.trim() !== ""), { minLength: 2, maxLength: 50 }), (ids) => {
      expect(new Set(ids.map(pushConversationId)).size).toBe(ids.length);
    }));
    expect(pushConversationId("pay_1")).not.toBe(reversalConversationId("pay_1"));
  });

  it("fit every rule Vodacom has for them, the query's 32-character reference included", () => {
    fc.assert(fc.property(fc.string({ minLength: 1 }).filter((s) => s.trim() !== ""), (key) => {
      for (const id of [pushConversationId(key), reversalConversationId(key), queryConversationId()]) {
        expect(id).toMatch(/^[0-9a-f]{32}$/);
        expect(checkConversationId(id).ok).toBe(true);
        expect(checkQueryReference(id).ok).toBe(true);
      }
    }));
  });

  it("give each query a fresh id, from the injected randomness when given", () => {
    expect(queryConversationId()).not.toBe(queryConversationId());
    expect(queryConversationId((n) => Buffer.alloc(n, 0xab))).toBe("ab".repeat(16));
  });

  it("refuse an empty key rather than derive a shared id from it", () => {
    expect(() => pushConversationId("")).toThrow(/non-empty key/);
    expect(() => reversalConversationId("  ")).toThrow(/non-empty key/);
  });
});
