/**
 * A failed call to a payment provider, whichever rail made it: the seam's one error type, so the
 * core, the alerts and the API answer a Daraja and a Vodacom failure alike. Each rail subclasses it
 * (DarajaError, VodacomError) and classifies its own answers into these kinds.
 * - permanent: refused for good (bad input, a rule); asking again gives the same answer.
 * - retryable: nothing was done (unreachable, rate limited, busy); asking again later is safe.
 * - unknown_outcome: the call may have moved money (a timeout after sending): never simply repeat it.
 * - configuration: the provider refuses Malipo's own settings (credentials, shortcode, product).
 */
export type RailErrorKind = "permanent" | "retryable" | "unknown_outcome" | "configuration";

export interface RailErrorInit {
  kind: RailErrorKind;
  message: string;
  httpStatus?: number | null;
  errorCode?: string | null;
  errorMessage?: string | null;
  requestId?: string | null;
  field?: string | null;
  tokenRejected?: boolean;
  cause?: unknown;
}

/**
 * `message` is readable by operators and finance staff; `errorMessage` is the provider's own text,
 * `errorCode` its code and `requestId` its reference for the call. `field` names the request field
 * refused (by the provider or by our own checks before sending). `tokenRejected`: the provider
 * refused the access token or session, so nothing was processed.
 */
export class RailError extends Error {
  readonly kind: RailErrorKind;
  readonly httpStatus: number | null;
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
  readonly requestId: string | null;
  readonly field: string | null;
  readonly tokenRejected: boolean;

  constructor(init: RailErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "RailError";
    this.kind = init.kind;
    this.httpStatus = init.httpStatus ?? null;
    this.errorCode = init.errorCode ?? null;
    this.errorMessage = init.errorMessage ?? null;
    this.requestId = init.requestId ?? null;
    this.field = init.field ?? null;
    this.tokenRejected = init.tokenRejected ?? false;
  }
}
