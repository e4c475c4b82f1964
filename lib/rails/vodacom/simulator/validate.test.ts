import { describe, expect, it } from "vitest";
import { VODACOM_MARKETS } from "../markets";
import { validateC2b, validateQuery, validateReversal, type Account } from "./validate";

const account: Account = { market: VODACOM_MARKETS.TZN, sandbox: true, serviceProviderCodes: ["000000"] };
const body = {
  input_Amount: "1000", input_Country: "TZN", input_Currency: "TZS", input_CustomerMSISDN: "255744553111", input_ServiceProviderCode: "000000",
  input_ThirdPartyConversationID: "asv02e5958774f7ba228d83d0d689761", input_TransactionReference: "T1234C", input_PurchasedItemsDesc: "Shoes",
};
const code = (overrides: Record<string, unknown>, a = account) => {
  const result = validateC2b({ ...body, ...overrides }, a);
  return result.ok ? "ok" : result.code;
};

describe("the simulator's C2B checks", () => {
  it("accept Vodacom's own sample", () => {
    expect(validateC2b(body, account)).toMatchObject({ ok: true, value: { amountMinor: 1000, msisdn: "255744553111" } });
    expect(code({ input_Amount: 1000 })).toBe("ok");
  });

  it.each([
    [{ input_Amount: undefined }, "INS-20"],
    [{ input_PurchasedItemsDesc: "" }, "INS-20"],
    [{ input_Country: "KEN" }, "INS-998"],
    [{ input_ServiceProviderCode: "999999" }, "INS-13"],
    [{ input_ServiceProviderCode: "00" }, "INS-13"],
    [{ input_Currency: "KES" }, "INS-26"],
    [{ input_Amount: "10.5" }, "INS-15"],
    [{ input_Amount: "0" }, "INS-15"],
    [{ input_Amount: "-5" }, "INS-15"],
    [{ input_Amount: "1e3" }, "INS-15"],
    [{ input_CustomerMSISDN: "+255744553111" }, "INS-2051"],
    [{ input_CustomerMSISDN: "0744553111" }, "INS-2051"],
    [{ input_CustomerMSISDN: "254712345678" }, "INS-2051"],
    [{ input_TransactionReference: "X".repeat(21) }, "INS-17"],
    [{ input_TransactionReference: " T1234C" }, "INS-1"],
    [{ input_ThirdPartyConversationID: "x".repeat(41) }, "INS-28"],
    [{ input_ThirdPartyConversationID: "has-dash" }, "INS-28"],
    [{ input_PurchasedItemsDesc: "x".repeat(257) }, "INS-30"],
    [{ input_TransactionReference: { nested: true } }, "INS-20"],
  ])("answer %j with %s", (overrides, expected) => {
    expect(code(overrides)).toBe(expected);
  });

  it("accept the sandbox's magic numbers only on the sandbox", () => {
    expect(code({ input_CustomerMSISDN: "000000000004" })).toBe("ok");
    expect(code({ input_CustomerMSISDN: "000000000004" }, { ...account, sandbox: false })).toBe("INS-2051");
  });
});

describe("the simulator's query and reversal checks", () => {
  const params = (o: Record<string, string>) => new URLSearchParams({ input_QueryReference: "000000000001", input_ServiceProviderCode: "000000", input_ThirdPartyConversationID: "q1", input_Country: "TZN", ...o });
  it("follow the documented patterns", () => {
    expect(validateQuery(params({}), account)).toMatchObject({ ok: true });
    expect(validateQuery(params({ input_QueryReference: "x".repeat(33) }), account)).toEqual({ ok: false, code: "INS-21" });
    expect(validateQuery(new URLSearchParams({ input_QueryReference: "1" }), account)).toEqual({ ok: false, code: "INS-20" });
    const reversal = { input_TransactionID: "0000000000001", input_ServiceProviderCode: "000000", input_ThirdPartyConversationID: "r1", input_Country: "TZN" };
    expect(validateReversal(reversal, account)).toMatchObject({ ok: true, value: { amountMinor: null } });
    expect(validateReversal({ ...reversal, input_ReversalAmount: "25" }, account)).toMatchObject({ ok: true, value: { amountMinor: 25 } });
    expect(validateReversal({ ...reversal, input_ReversalAmount: "2.5" }, account)).toEqual({ ok: false, code: "INS-15" });
    expect(validateReversal({ ...reversal, input_TransactionID: "bad-id" }, account)).toEqual({ ok: false, code: "INS-18" });
  });
});
