import net from "node:net";

export interface RawSocketAnswer {
  /** The status of the answer's first line; null when the server closed or stalled without one. */
  status: number | null;
  /** The head of the answer, for failure messages. */
  head: string;
}

/**
 * Sends bytes exactly as given over a fresh TCP connection and reads the answer's status line. No
 * HTTP client is involved, so a test can send what clients refuse to: invalid UTF-8 and NUL in the
 * request line or headers, malformed framing, oversized heads.
 */
export function sendRawRequest(port: number, request: Buffer, timeoutMs = 10_000): Promise<RawSocketAnswer> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    const chunks: Buffer[] = [];
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString("latin1");
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1];
      resolve({ status: status ? Number(status) : null, head: text.slice(0, 300) });
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      // The status line is all we need; waiting for the body would only slow the test down.
      if (Buffer.concat(chunks).includes("\r\n\r\n")) finish();
    });
    socket.on("error", finish);
    socket.on("close", finish);
    // Not end(): the server may close its side once it has answered, not when the client stops sending.
    socket.on("connect", () => socket.write(request));
  });
}
