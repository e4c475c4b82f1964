import { describe, expect, it } from "vitest";
import { errorForCode, errorWithoutCode, parseVodacomBody } from "./errors";

describe("parseVodacomBody", () => {
  it("finds the envelope by output_ResponseCode", () => {
    const body = parseVodacomBody('{"output_ResponseCode":"INS-10","output_ResponseDesc":" Duplicate Transaction ","output_ConversationID":"47bb"}');
    expect(body).toMatchObject({ shape: "envelope", code: "INS-10", description: "Duplicate Transaction" });
  });

  it("survives HTML, empty bodies, text, arrays and JSON without a code", () => {
    expect(parseVodacomBody("<html><head><title>502 Bad Gateway</title></head></html>")).toEqual({ shape: "html", title: "502 Bad Gateway" });
    expect(parseVodacomBody("<html>no title</html>")).toEqual({ shape: "html", title: null });
    expect(parseVodacomBody("")).toEqual({ shape: "empty" });
    expect(parseVodacomBody("  \n ")).toEqual({ shape: "empty" });
    expect(parseVodacomBody("Service Unavailable")).toEqual({ shape: "other", snippet: "Service Unavailable" });
    expect(parseVodacomBody("[1,2]")).toEqual({ shape: "other", snippet: "[1,2]" });
    expect(parseVodacomBody('{"output_ResponseCode":""}')).toEqual({ shape: "json", fields: { output_ResponseCode: "" } });
    expect(parseVodacomBody('{"error":"x"}')).toEqual({ shape: "json", fields: { error: "x" } });
    expect(parseVodacomBody("x".repeat(500))).toEqual({ shape: "other", snippet: "x".repeat(120) });
  });
});

describe("errorWithoutCode", () => {
  const html = parseVodacomBody("<html><title>Gateway Timeout</title></html>");
  const empty = parseVodacomBody("");

  it("leaves a payment or reversal open when the gateway fails after it may have started", () => {
    for (const status of [500, 502, 503, 504, 408]) {
      expect(errorWithoutCode("c2b_payment", status, html).kind).toBe("unknown_outcome");
      expect(errorWithoutCode("reversal", status, empty).kind).toBe("unknown_outcome");
      expect(errorWithoutCode("query_transaction_status", status, html).kind).toBe("retryable");
    }
    expect(errorWithoutCode("c2b_payment", 201, empty)).toMatchObject({ kind: "unknown_outcome", message: "Vodacom answered HTTP 201 with an empty body: the outcome is unknown" });
  });

  it("reads a bare 401 as a refused session, and 403/404/405 as our configuration", () => {
    expect(errorWithoutCode("c2b_payment", 401, empty)).toMatchObject({ kind: "retryable", tokenRejected: true });
    for (const status of [403, 404, 405]) expect(errorWithoutCode("c2b_payment", status, html).kind).toBe("configuration");
    expect(errorWithoutCode("c2b_payment", 429, html).kind).toBe("retryable");
    expect(errorWithoutCode("c2b_payment", 400, html).kind).toBe("permanent");
  });

  it("treats a refused session request as configuration, a failed one as retryable", () => {
    expect(errorWithoutCode("session", 401, empty).kind).toBe("configuration");
    expect(errorWithoutCode("session", 502, html)).toMatchObject({ kind: "retryable", message: 'Vodacom answered HTTP 502 with an HTML page ("Gateway Timeout")' });
  });
});

describe("errorForCode", () => {
  const envelope = (code: string, extra: Record<string, string> = {}) => {
    const body = parseVodacomBody(JSON.stringify({ output_ResponseCode: code, output_ResponseDesc: "Vodacom's words", output_ConversationID: "conv1", ...extra }));
    if (body.shape !== "envelope") throw new Error("not an envelope");
    return body;
  };

  it("carries Vodacom's code, words and ConversationID", () => {
    expect(errorForCode("c2b_payment", 400, envelope("INS-13"))).toMatchObject({
      name: "VodacomError", kind: "configuration", httpStatus: 400, errorCode: "INS-13", errorMessage: "Vodacom's words", requestId: "conv1",
      message: "Vodacom answered INS-13 (Vodacom's words): Invalid service provider code (shortcode)",
    });
  });

  it("maps outcomes to the same kinds as Daraja's errors", () => {
    expect(errorForCode("c2b_payment", 500, envelope("INS-1")).kind).toBe("unknown_outcome");
    expect(errorForCode("query_transaction_status", 500, envelope("INS-1")).kind).toBe("retryable");
    expect(errorForCode("c2b_payment", 409, envelope("INS-10")).kind).toBe("unknown_outcome");
    expect(errorForCode("c2b_payment", 401, envelope("INS-2"))).toMatchObject({ kind: "retryable", tokenRejected: true });
    expect(errorForCode("c2b_payment", 400, envelope("INS-15")).kind).toBe("permanent");
    expect(errorForCode("c2b_payment", 503, envelope("INS-16")).kind).toBe("retryable");
    expect(errorForCode("c2b_payment", 400, envelope("INS-4242"))).toMatchObject({ kind: "unknown_outcome", message: "Vodacom answered INS-4242 (Vodacom's words)" });
  });

  it("does not take N/A for an id", () => {
    expect(errorForCode("c2b_payment", 409, envelope("INS-10", { output_ConversationID: "N/A" })).requestId).toBeNull();
  });
});
