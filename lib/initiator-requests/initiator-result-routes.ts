import { callbackRoute } from "@/lib/callbacks/callback-route";

/** What Daraja is answered for a result or a queue timeout notice it posted (the C2B confirmation's shape). */
const RESULT_ACK = Object.freeze({ ResultCode: 0, ResultDesc: "Accepted" });

/**
 * POST /api/callbacks/results/{token}/result: the asynchronous result of a Transaction Status
 * request. Stored first and acknowledged at once, like STK callbacks (the same route core, allowlist
 * and spool); the worker reads it into its request and the ledger.
 */
export const postInitiatorResult = callbackRoute("callbacks.initiator_result", "INITIATOR_RESULT", RESULT_ACK);

/** POST /api/callbacks/results/{token}/timeout: M-Pesa's queue timed the request out (QueueTimeOutURL). */
export const postInitiatorTimeout = callbackRoute("callbacks.initiator_timeout", "INITIATOR_TIMEOUT", RESULT_ACK);
