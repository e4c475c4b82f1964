/**
 * The one error contract. Every deliberate failure is an AppError with a code from this table; the
 * route wrappers turn it into `{ error: { type, code, message, param? } }` with the code's status.
 * Anything else is a bug: logged with context, answered 500 with a generic message.
 */
export const ERROR_CODES = {
  // The request is malformed or a field is invalid (param names the field).
  invalid_request: { status: 400, type: "invalid_request_error" },
  invalid_json: { status: 400, type: "invalid_request_error" },
  validation_failed: { status: 422, type: "invalid_request_error" },
  // The API key is missing, malformed, unknown or revoked.
  unauthenticated: { status: 401, type: "authentication_error" },
  // A signed-in user lacks the role for this action.
  forbidden: { status: 403, type: "permission_error" },
  // The record does not exist, or belongs to another storefront (never 403: that would confirm it exists).
  not_found: { status: 404, type: "invalid_request_error" },
  method_not_allowed: { status: 405, type: "invalid_request_error" },
  // Same Idempotency-Key, different request; or the first request with this key is still running.
  idempotency_key_reused: { status: 409, type: "idempotency_error" },
  idempotency_key_in_use: { status: 409, type: "idempotency_error" },
  // The record changed meanwhile or is in a state that does not allow the action.
  conflict: { status: 409, type: "invalid_request_error" },
  invalid_state: { status: 409, type: "invalid_request_error" },
  payload_too_large: { status: 413, type: "invalid_request_error" },
  unsupported_media_type: { status: 415, type: "invalid_request_error" },
  rate_limited: { status: 429, type: "rate_limit_error" },
  // Safaricom refused the push (bad number, limits, wrong configuration).
  mpesa_rejected: { status: 402, type: "mpesa_error" },
  // Safaricom could not take the push right now; nothing reached the customer, retry later.
  mpesa_unavailable: { status: 503, type: "mpesa_error" },
  service_unavailable: { status: 503, type: "api_error" },
  internal: { status: 500, type: "api_error" },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly param?: string;
  readonly headers?: Record<string, string>;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: { param?: string; headers?: Record<string, string>; details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.param = options.param;
    this.headers = options.headers;
    this.details = options.details;
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }

  toBody(): { error: { type: string; code: ErrorCode; message: string; param?: string } & Record<string, unknown> } {
    return {
      error: { type: ERROR_CODES[this.code].type, code: this.code, message: this.message, ...(this.param ? { param: this.param } : {}), ...this.details },
    };
  }
}
