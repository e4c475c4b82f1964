// Baseline for callback ingest: the least a callback endpoint can do — a bare Node HTTP server that
// reads the body and does one INSERT into the same database, then answers. No validation, no queue.
import http from "node:http";
import pg from "pg";

const port = Number(process.env.BASELINE_PORT);
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 20) });
await pool.query(`CREATE TABLE IF NOT EXISTS bench_baseline_callbacks (id bigserial PRIMARY KEY, path text NOT NULL, body text NOT NULL, received_at timestamptz NOT NULL DEFAULT now())`);

http
  .createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      pool.query("INSERT INTO bench_baseline_callbacks (path, body) VALUES ($1, $2)", [req.url ?? "", Buffer.concat(chunks).toString("utf8")]).then(
        () => { res.writeHead(200, { "content-type": "application/json" }); res.end('{"ResultCode":0,"ResultDesc":"Accepted"}'); },
        () => { res.writeHead(500); res.end(); },
      );
    });
  })
  .listen(port, "127.0.0.1", () => process.stdout.write("ready\n"));
process.on("SIGTERM", () => process.exit(0));
