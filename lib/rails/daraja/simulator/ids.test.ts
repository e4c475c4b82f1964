import { describe, expect, it } from "vitest";
import { checkoutRequestId, createIdFactory, receiptNumber } from "./ids";
import { createRandom } from "./random";

describe("checkoutRequestId", () => {
  it("encodes Nairobi date and time, unpadded milliseconds and the 9-digit MSISDN", () => {
    // 12:30:13.123 UTC is 15:30:13 in Nairobi.
    expect(checkoutRequestId(new Date("2025-03-14T12:30:13.123Z"), "254708374149")).toBe("ws_CO_14032025153013123708374149");
  });

  it("does not zero-pad the milliseconds", () => {
    // The 2026 capture ws_CO_230920262019337708374149: 20:19:33 Nairobi time and 7 ms.
    expect(checkoutRequestId(new Date("2025-03-14T12:30:13.069Z"), "254708374149")).toBe("ws_CO_1403202515301369708374149");
    expect(checkoutRequestId(new Date("2026-09-23T17:19:33.007Z"), "254708374149")).toBe("ws_CO_230920262019337708374149");
  });

  it("rolls the date over at Nairobi midnight, not UTC midnight", () => {
    expect(checkoutRequestId(new Date("2024-12-31T22:00:00.100Z"), "254110000001")).toBe("ws_CO_01012025010000100110000001");
  });
});

describe("receiptNumber", () => {
  const random = () => createRandom("receipts");

  it.each([
    ["2024-07-07T09:00:00Z", "SG7"],
    ["2019-12-19T07:21:15Z", "NLJ"],
    ["2017-01-31T10:00:00Z", "LAV"],
    ["2026-10-10T10:00:00Z", "UJA"],
    // 22:30 UTC on 31 Dec is already 1 Jan in Nairobi.
    ["2024-12-31T22:30:00Z", "TA1"],
  ])("encodes %s as %s…", (iso, prefix) => {
    const receipt = receiptNumber(new Date(iso), random());
    expect(receipt).toMatch(/^[A-Z0-9]{10}$/);
    expect(receipt.slice(0, 3)).toBe(prefix);
  });
});

describe("createIdFactory", () => {
  it("makes MerchantRequestIDs like ac7b-470b-8df7-23ab3cef38271071873, with a growing tail", () => {
    const ids = createIdFactory(createRandom(1));
    const first = ids.merchantRequestId();
    const second = ids.merchantRequestId();
    const shape = /^[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}(\d{6,7})$/;
    expect(first).toMatch(shape);
    expect(second).toMatch(shape);
    expect(Number(shape.exec(second)?.[1])).toBe(Number(shape.exec(first)?.[1]) + 1);
  });

  it("makes 28-character alphanumeric access tokens", () => {
    const token = createIdFactory(createRandom(null)).accessToken();
    expect(token).toMatch(/^[A-Za-z0-9]{28}$/);
  });

  it("repeats every identifier for the same seed and differs for another", () => {
    const run = (seed: string) => {
      const ids = createIdFactory(createRandom(seed));
      return [ids.merchantRequestId(), ids.accessToken(), ids.receiptNumber(new Date("2025-01-01T00:00:00Z")), ids.requestId()];
    };
    expect(run("a")).toEqual(run("a"));
    expect(run("a")).not.toEqual(run("b"));
  });
});
