import type { ServerResponse } from "node:http";
import { sendJson } from "./http";

/**
 * Daraja's gateway errors: one camelCase envelope `{requestId, errorCode, errorMessage}` with odd
 * HTTP statuses, e.g. 404 for an invalid STK token (FACTS.md §1, §3, §5).
 */
export interface DarajaError {
  status: number;
  code: string;
  message: string;
}

export const DARAJA_ERRORS = {
  invalidAuthType: { status: 400, code: "400.008.01", message: "Invalid authentication type passed" },
  invalidGrantType: { status: 400, code: "400.008.02", message: "Invalid grant type passed" },
  invalidAccessToken: { status: 404, code: "404.001.03", message: "Invalid Access Token" },
  invalidAuthHeader: { status: 404, code: "404.001.04", message: "Invalid Authentication Header" },
  resourceNotFound: { status: 404, code: "404.001.01", message: "Resource not found" },
  methodNotAllowed: { status: 405, code: "405.001", message: "Method Not Allowed" },
  merchantMissing: { status: 500, code: "500.001.1001", message: "Merchant does not exist" },
  wrongCredentials: { status: 500, code: "500.001.1001", message: "Wrong credentials" },
  stillProcessing: { status: 500, code: "500.001.1001", message: "The transaction is being processed" },
  transactionMissing: { status: 500, code: "500.001.1001", message: "The transaction does not Exist" },
  systemBusy: { status: 500, code: "500.003.02", message: "System is busy" },
  internal: { status: 500, code: "500.003.1001", message: "Internal Server Error" },
} satisfies Record<string, DarajaError>;

/** `400.002.02 Bad Request - Invalid <Field>`: the message names the first field that failed. */
export function invalidField(field: string): DarajaError {
  return { status: 400, code: "400.002.02", message: `Bad Request - Invalid ${field}` };
}

export function sendDarajaError(res: ServerResponse, error: DarajaError, requestId: string): void {
  sendJson(res, error.status, { requestId, errorCode: error.code, errorMessage: error.message });
}

/** Apigee's answer for a path no proxy serves (safaricom/mpesa-node-library#30). */
export function sendApigeeNotFound(res: ServerResponse, host: string, path: string): void {
  sendJson(res, 404, {
    fault: {
      faultstring: `Unable to identify proxy for host: ${host} and url: ${path}`,
      detail: { errorcode: "messaging.adaptors.http.flow.ApplicationNotFound" },
    },
  });
}
