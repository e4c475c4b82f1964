import { callbackRoute } from "@/lib/callbacks/callback-route";
import { vodacomResultAck } from "@/lib/rails/vodacom/result-ack";

/**
 * POST /api/callbacks/vodacom/{token}: Vodacom's asynchronous result of a push, on the one response
 * URL of its app. Stored first and acknowledged at once in Vodacom's own shape (the same route core
 * as STK callbacks: raw storage, spool); the worker applies it.
 */
export const postVodacomResult = callbackRoute("callbacks.vodacom_result", "VODACOM_RESULT", vodacomResultAck);
