import { describe, expect, it } from "vitest";
import { classifyDarajaResponse, DarajaError, movesMoney, parseErrorBody } from "./errors";

const envelope = (errorCode: string, errorMessage: string) =>
  JSON.stringify({ requestId: "1c5b-4ba8-815c-ac45c57a3db01495926", errorCode, errorMessage });

const SOAP_FAULT = JSON.stringify({
  Envelope: { Body: { Fault: { faultcode: "soap:Server", faultstring: "Execution of ServiceCallout SCO-AddURLVault failed. Reason: ResponseCode 409 is treated as error" } } },
});
const HTML = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>";

describe("parseErrorBody", () => {
  it("reads the camelCase envelope", () => {
    expect(parseErrorBody(envelope("400.002.02", "Bad Request - Invalid Amount"))).toEqual({
      shape: "envelope",
      envelope: { requestId: "1c5b-4ba8-815c-ac45c57a3db01495926", errorCode: "400.002.02", errorMessage: "Bad Request - Invalid Amount" },
    });
  });

  it("tolerates an envelope without requestId or errorMessage", () => {
    expect(parseErrorBody('{"errorCode":"500.001.1001"}')).toEqual({
      shape: "envelope",
      envelope: { requestId: null, errorCode: "500.001.1001", errorMessage: "" },
    });
  });

  it("reads a SOAP-ish fault", () => {
    expect(parseErrorBody(SOAP_FAULT)).toMatchObject({ shape: "fault", faultCode: "soap:Server", faultString: expect.stringContaining("ServiceCallout") });
  });

  it("reads an Apigee fault with a detail error code", () => {
    const body = '{"fault":{"faultstring":"Invalid access token","detail":{"errorcode":"oauth.v2.InvalidAccessToken"}}}';
    expect(parseErrorBody(body)).toEqual({ shape: "fault", faultCode: "oauth.v2.InvalidAccessToken", faultString: "Invalid access token" });
  });

  it.each([
    ["", { shape: "empty" }],
    ["   \n", { shape: "empty" }],
    [HTML, { shape: "html", title: "502 Bad Gateway" }],
    ["<html><body>oops</body></html>", { shape: "html", title: null }],
    ["Bad Request: Invalid Credentials", { shape: "other", snippet: "Bad Request: Invalid Credentials" }],
    ["[1,2]", { shape: "other", snippet: "[1,2]" }],
    ["null", { shape: "other", snippet: "null" }],
    ['{"Envelope":"not an object"}', { shape: "other", snippet: '{"Envelope":"not an object"}' }],
  ])("never throws on %j", (text, expected) => {
    expect(parseErrorBody(text)).toEqual(expected);
  });
});

describe("classifyDarajaResponse", () => {
  it("400.002.02 is permanent and names the field", () => {
    const error = classifyDarajaResponse("stk_push", 400, envelope("400.002.02", "Bad Request - Invalid PhoneNumber"));
    expect(error).toBeInstanceOf(DarajaError);
    expect(error).toMatchObject({ kind: "permanent", field: "PhoneNumber", httpStatus: 400, errorCode: "400.002.02", requestId: "1c5b-4ba8-815c-ac45c57a3db01495926" });
    expect(error.message).toBe("Daraja rejected the PhoneNumber field");
  });

  it("400.002.02 on a merchant-side field is a configuration error", () => {
    expect(classifyDarajaResponse("stk_push", 400, envelope("400.002.02", "Bad Request - Invalid CallBackURL"))).toMatchObject({ kind: "configuration", field: "CallBackURL" });
    expect(classifyDarajaResponse("stk_push", 400, envelope("400.002.02", "The element BusinessShortCode is invalid"))).toMatchObject({ kind: "configuration", field: "BusinessShortCode" });
  });

  it("500.001.1001 Wrong credentials / Merchant does not exist are configuration errors", () => {
    expect(classifyDarajaResponse("stk_push", 500, envelope("500.001.1001", "Wrong credentials"))).toMatchObject({ kind: "configuration", message: expect.stringMatching(/^Wrong credentials/) });
    expect(classifyDarajaResponse("stk_push", 500, envelope("500.001.1001", "Merchant does not exist"))).toMatchObject({ kind: "configuration" });
  });

  it("500.001.1001 Unable to lock subscriber is permanent for the push, with a readable reason", () => {
    const error = classifyDarajaResponse("stk_push", 500, envelope("500.001.1001", "Unable to lock subscriber, a transaction is already in process for the current subscriber"));
    expect(error.kind).toBe("permanent");
    expect(error.message).toMatch(/another M-Pesa transaction in progress/);
  });

  it("an unrecognised 500.001.1001 on a push leaves the outcome unknown", () => {
    expect(classifyDarajaResponse("stk_push", 500, envelope("500.001.1001", ""))).toMatchObject({ kind: "unknown_outcome" });
    expect(classifyDarajaResponse("stk_query", 500, envelope("500.001.1001", "The transaction is being processed"))).toMatchObject({ kind: "retryable" });
  });

  it.each([
    ["500.003.02", "Error Occurred: Spike Arrest Violation"],
    ["500.003.02", "System is busy"],
    ["500.003.03", "Quota Violation"],
  ])("%s (%s) is retryable", (code, message) => {
    expect(classifyDarajaResponse("stk_push", 500, envelope(code, message))).toMatchObject({ kind: "retryable", errorCode: code, tokenRejected: false });
  });

  it("500.003.1001 is retryable for a query but unknown for a push", () => {
    expect(classifyDarajaResponse("stk_query", 500, envelope("500.003.1001", "Internal Server Error")).kind).toBe("retryable");
    expect(classifyDarajaResponse("stk_push", 500, envelope("500.003.1001", "Internal Server Error")).kind).toBe("unknown_outcome");
  });

  it.each([
    ["404.001.03", 404, "Invalid Access Token"],
    ["400.003.01", 400, "Invalid Access Token"],
    ["401.002.01", 401, "Error Occurred - Invalid Access Token - "],
  ])("%s marks the token as rejected", (code, status, message) => {
    expect(classifyDarajaResponse("stk_push", status, envelope(code, message))).toMatchObject({ kind: "retryable", tokenRejected: true });
  });

  it("401.003.01 (product not enabled) is configuration, not a token refresh", () => {
    const error = classifyDarajaResponse("stk_push", 401, envelope("401.003.01", "Error Occurred - Invalid Access Token - Invalid API call as no apiproduct match found"));
    expect(error).toMatchObject({ kind: "configuration", tokenRejected: false });
  });

  it("an Apigee invalid-token fault marks the token as rejected", () => {
    const body = '{"fault":{"faultstring":"Invalid access token","detail":{"errorcode":"oauth.v2.InvalidAccessToken"}}}';
    expect(classifyDarajaResponse("stk_query", 401, body)).toMatchObject({ tokenRejected: true, kind: "retryable" });
  });

  it("OAuth 400 with an empty body means wrong consumer key/secret", () => {
    const error = classifyDarajaResponse("oauth", 400, "");
    expect(error).toMatchObject({ kind: "configuration", httpStatus: 400 });
    expect(error.message).toMatch(/^Invalid consumer key\/secret/);
  });

  it("OAuth 400.008.02 (grant type) is a configuration error", () => {
    expect(classifyDarajaResponse("oauth", 400, envelope("400.008.02", "Invalid grant type passed")).kind).toBe("configuration");
  });

  it("a 5xx HTML page or SOAP fault on a push leaves the outcome unknown, and is retryable for a query", () => {
    expect(classifyDarajaResponse("stk_push", 502, HTML)).toMatchObject({ kind: "unknown_outcome", message: 'Daraja answered HTTP 502 with an HTML page ("502 Bad Gateway")' });
    expect(classifyDarajaResponse("stk_push", 500, SOAP_FAULT).kind).toBe("unknown_outcome");
    expect(classifyDarajaResponse("stk_query", 503, "").kind).toBe("retryable");
    expect(classifyDarajaResponse("oauth", 500, SOAP_FAULT).kind).toBe("retryable");
  });

  it("an Apigee unknown-proxy fault points at the base URL", () => {
    const body = '{"fault":{"faultstring":"Unable to identify proxy for host: default and url: /mpesa/stkpush/v9","detail":{"errorcode":"messaging.adaptors.http.flow.ApplicationNotFound"}}}';
    expect(classifyDarajaResponse("stk_push", 404, body)).toMatchObject({ kind: "configuration", message: expect.stringContaining("base URL") });
  });

  it("a bare 401 on an API call is treated as a rejected token", () => {
    expect(classifyDarajaResponse("stk_push", 401, "")).toMatchObject({ kind: "retryable", tokenRejected: true });
  });

  it("an unknown 4xx code is permanent; an unknown 5xx code is unknown for a push", () => {
    expect(classifyDarajaResponse("stk_push", 400, envelope("400.999.99", "Something new")).kind).toBe("permanent");
    expect(classifyDarajaResponse("stk_push", 500, envelope("500.999.99", "Something new")).kind).toBe("unknown_outcome");
    expect(classifyDarajaResponse("stk_query", 500, envelope("500.999.99", "Something new")).kind).toBe("retryable");
  });
});

describe("classifyDarajaResponse for the C2B, Pull and initiator APIs", () => {
  it("a 5xx leaves a reversal or B2C unknown (it may have moved money) but a status query retryable", () => {
    expect(movesMoney("reversal")).toBe(true);
    expect(movesMoney("b2c_payment")).toBe(true);
    expect(movesMoney("transaction_status")).toBe(false);
    expect(classifyDarajaResponse("b2c_payment", 503, "")).toMatchObject({ kind: "unknown_outcome" });
    expect(classifyDarajaResponse("reversal", 500, envelope("500.003.1001", "Internal Server Error")).message).toContain("M-Pesa may have carried it out");
    expect(classifyDarajaResponse("transaction_status", 500, envelope("500.003.1001", "Internal Server Error"))).toMatchObject({ kind: "retryable" });
  });

  it("a duplicate OriginatorConversationID did nothing: permanent", () => {
    expect(classifyDarajaResponse("b2c_payment", 500, envelope("500.002.1001", "Duplicate OriginatorConversationID."))).toMatchObject({ kind: "permanent", errorCode: "500.002.1001" });
  });

  it("the initiator's and the URLs' fields are configuration; the customer's are data", () => {
    expect(classifyDarajaResponse("reversal", 400, envelope("400.002.02", "Bad Request - Invalid RecieverIdentifierType"))).toMatchObject({ kind: "configuration", field: "RecieverIdentifierType" });
    expect(classifyDarajaResponse("b2c_payment", 400, envelope("400.002.02", "Bad Request - Invalid InitiatorName"))).toMatchObject({ kind: "configuration" });
    expect(classifyDarajaResponse("b2c_payment", 400, envelope("400.002.02", "Bad Request - Invalid PartyB"))).toMatchObject({ kind: "permanent", field: "PartyB" });
    expect(classifyDarajaResponse("reversal", 400, envelope("400.002.02", "Bad Request - Invalid TransactionID"))).toMatchObject({ kind: "permanent" });
  });

  it("Pull Transactions' 401.001 is a refused token", () => {
    expect(classifyDarajaResponse("pull_register", 401, envelope("401.001", "Error Occurred - Invalid Access Token - "))).toMatchObject({ tokenRejected: true });
  });
});
