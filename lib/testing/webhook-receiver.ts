import http from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedWebhook {
  body: string;
  headers: http.IncomingHttpHeaders;
  eventId: string;
  signature: string;
  receivedAt: number;
  finishedAt: number;
}

export interface WebhookReply {
  status: number;
  body?: string;
  delayMs?: number;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Most requests for one event id that were open at the same moment. */
  maxConcurrentPerEvent(): number;
  close(): Promise<void>;
}

/**
 * A stand-in storefront on loopback: records every request with its raw body and answers as
 * `reply` decides (by the nth request for the same event id, from 1), 200 by default.
 */
export async function startWebhookReceiver(reply: (nth: number, eventId: string) => WebhookReply = () => ({ status: 200 })): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const open = new Map<string, number>();
  const seen = new Map<string, number>();
  let maxConcurrent = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const receivedAt = Date.now();
      const eventId = String(req.headers["malipo-event-id"] ?? "");
      open.set(eventId, (open.get(eventId) ?? 0) + 1);
      maxConcurrent = Math.max(maxConcurrent, open.get(eventId)!);
      const nth = (seen.get(eventId) ?? 0) + 1;
      seen.set(eventId, nth);
      const answer = reply(nth, eventId);
      setTimeout(() => {
        open.set(eventId, open.get(eventId)! - 1);
        received.push({ body: Buffer.concat(chunks).toString("utf8"), headers: req.headers, eventId, signature: String(req.headers["malipo-signature"] ?? ""), receivedAt, finishedAt: Date.now() });
        res.writeHead(answer.status, { "Content-Type": "text/plain" }).end(answer.body ?? "ok");
      }, answer.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/malipo`,
    received,
    maxConcurrentPerEvent: () => maxConcurrent,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
