import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { PROCESS_ENTRY_POINTS } from "@/lib/build/compile-processes";
import { parseEnv } from "@/lib/env";

/** docker-compose.yml, the image and the proxy, held to what README's Deployment section promises. */
const root = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => readFile(path.join(root, file), "utf8");

interface Service {
  image?: string;
  command?: string[];
  env_file?: string;
  environment?: Record<string, string>;
  ports?: string[];
  expose?: string[];
  networks?: string[];
  profiles?: string[];
  volumes?: string[];
  healthcheck?: { test?: string[]; disable?: boolean };
}
interface Compose {
  services: Record<string, Service>;
  networks: Record<string, { ipam?: { config: { subnet: string }[] } }>;
}

const compose = async () => parse(await read("docker-compose.yml"), { merge: true }) as Compose;
const MALIPO_SERVICES = ["migrate", "web", "worker", "simulator"];
const REQUIRED = /^\$\{(PUBLIC_URL|POSTGRES_PASSWORD):\?.+\}$/;

/** The settings an env example sets (uncommented KEY=value lines). */
async function envExample(file: string): Promise<Record<string, string>> {
  const lines = (await read(file)).split("\n").filter((line) => /^[A-Z][A-Z0-9_]*=/.test(line));
  return Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]));
}

describe("docker-compose.yml", () => {
  it("gives web no host port, so it scales, and reaches it only through the proxy on the edge network", async () => {
    const { services } = await compose();
    expect(services.web!.ports).toBeUndefined();
    expect(services.web!.expose).toEqual(["3000"]);
    expect(services.web!.networks).toEqual(["internal", "edge"]);
    expect(services.proxy!.networks).toEqual(["edge"]);
    expect(services.proxy!.image).toMatch(/^caddy:2\.\d+-alpine$/);
    expect(services.proxy!.ports).toEqual(["80:80", "443:443", "443:443/udp"]);
    const published = Object.entries(services).filter(([name, s]) => name !== "proxy" && (s.ports ?? []).some((p) => !p.startsWith("127.0.0.1:")));
    expect(published).toEqual([]);
  });

  it("trusts X-Forwarded-For from the proxy's network only, and the Caddyfile balances over every web replica", async () => {
    const { services, networks } = await compose();
    const subnet = networks.edge!.ipam!.config[0]!.subnet;
    expect(subnet).toBe("${MALIPO_EDGE_SUBNET:-172.30.0.0/24}");
    for (const name of MALIPO_SERVICES) expect(services[name]!.environment!.TRUSTED_PROXIES).toBe(subnet);
    const caddyfile = await read(".docker/Caddyfile");
    expect(services.proxy!.volumes).toContain("./.docker/Caddyfile:/etc/caddy/Caddyfile:ro");
    expect(caddyfile).toMatch(/\{\$PUBLIC_URL\} \{/);
    expect(caddyfile).toMatch(/dynamic a \{\s+name web\s+port 3000/);
  });

  it("passes every setting through one env file, requires PUBLIC_URL and the database password, and defaults no domain", async () => {
    const text = await read("docker-compose.yml");
    const { services } = await compose();
    for (const name of MALIPO_SERVICES) {
      const service = services[name]!;
      expect(service.env_file).toBe("${MALIPO_ENV_FILE:-.env}");
      expect(service.environment!.PUBLIC_URL).toMatch(REQUIRED);
      expect(service.environment!.DATABASE_URL).toMatch(/^postgresql:\/\/malipo:\$\{POSTGRES_PASSWORD:\?.+\}@postgres:5432\/malipo$/);
    }
    expect(services.postgres!.environment!.POSTGRES_PASSWORD).toMatch(REQUIRED);
    expect(services.proxy!.environment!.PUBLIC_URL).toMatch(REQUIRED);
    expect(text).not.toMatch(/PUBLIC_URL:-|POSTGRES_PASSWORD:-|example\.co\.ke/);
  });

  it("runs compiled JavaScript, checks web by liveness and the worker by its heartbeat", async () => {
    const { services } = await compose();
    const compiled = PROCESS_ENTRY_POINTS.map((entry) => entry.replace(/\.ts$/, ".js"));
    for (const name of MALIPO_SERVICES) {
      const command = services[name]!.command!;
      expect(command[0]).toBe("node");
      expect(command.join(" ")).not.toMatch(/tsx|\.ts\b/);
      expect(compiled).toContain(command.at(-1));
    }
    expect(services.web!.healthcheck!.test!.join(" ")).toContain("/api/health/live");
    expect(services.worker!.healthcheck!.test).toEqual(["CMD", "node", "lib/main/worker-alive.js"]);
    expect(services.migrate!.healthcheck).toEqual({ disable: true });
  });

  it("has a staging profile whose simulator the web and worker really use", async () => {
    const { services } = await compose();
    expect(services.simulator!.profiles).toEqual(["staging"]);
    expect(services.simulator!.environment).toMatchObject({ SIMULATOR_HOST: "0.0.0.0", SIMULATOR_CALLBACK_ORIGIN: "http://web:3000" });
    const staging = await envExample(".docker/staging.env.example");
    expect(staging).toMatchObject({ MALIPO_MODE: "staging", COMPOSE_PROFILES: "staging", DARAJA_TEST_BASE_URL: "http://simulator:4010" });
    // What the containers get: the env file plus compose's own values, once the operator filled it in.
    const env = parseEnv({ ...filled(staging), ...containerValues(), NODE_ENV: "production" });
    expect(env).toMatchObject({ mode: "staging", daraja: { live: null, test: { baseUrl: "http://simulator:4010", isSimulator: true } } });
  });

  it("ships a production env example that starts once filled in, and names only real settings", async () => {
    const production = await envExample(".docker/production.env.example");
    expect(production.MALIPO_MODE).toBe("production");
    expect(Object.entries(production).filter(([key, value]) => value === "" && !["PUBLIC_URL", "POSTGRES_PASSWORD"].includes(key)).map(([key]) => key))
      .toEqual(["AUTH_SECRET", "CALLBACK_SECRET", "DATA_SECRET", "DARAJA_LIVE_CONSUMER_KEY", "DARAJA_LIVE_CONSUMER_SECRET", "DARAJA_LIVE_SHORTCODE", "DARAJA_LIVE_PASSKEY"]);
    const live = { DARAJA_LIVE_CONSUMER_KEY: "key", DARAJA_LIVE_CONSUMER_SECRET: "secret", DARAJA_LIVE_SHORTCODE: "600000", DARAJA_LIVE_PASSKEY: "passkey" };
    expect(parseEnv({ ...filled(production), ...live, ...containerValues(), NODE_ENV: "production" }).mode).toBe("production");
    const settings = new Set([...(await read("lib/env.ts")).matchAll(/^ {2}([A-Z][A-Z0-9_]+): /gm)].map((m) => m[1]));
    const composeOnly = ["POSTGRES_PASSWORD", "COMPOSE_PROFILES"];
    for (const file of [".docker/production.env.example", ".docker/staging.env.example"]) {
      expect(Object.keys(await envExample(file)).filter((key) => !settings.has(key) && !composeOnly.includes(key))).toEqual([]);
    }
  });
});

describe("the image", () => {
  it("runs compiled output on Node 22 LTS as an unprivileged user, with a healthcheck", async () => {
    const dockerfile = await read(".docker/Dockerfile");
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:22-bookworm-slim$/m);
    expect(dockerfile).toMatch(/npm run build:processes -- \/out/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n.*\/api\/health\/live/m);
    expect(dockerfile).toMatch(/^CMD \["node", "--enable-source-maps", "lib\/main\/web\.js"\]$/m);
    expect(dockerfile).not.toMatch(/--import tsx|node_modules\/.bin\/tsx/);
  });

  it("never receives secrets, local data, installed or built output, test output or history", async () => {
    const ignored = (await read(".dockerignore")).split("\n").map((line) => line.trim());
    for (const entry of [".env", ".env.*", ".data", "node_modules", ".next", "test-results", "playwright-report", ".git"]) expect(ignored).toContain(entry);
  });
});

/** The env example with its blanks filled as an operator would. */
function filled(example: Record<string, string>): Record<string, string> {
  const secret = (name: string) => `${name.toLowerCase()}-0123456789abcdef0123456789abcdef`;
  return Object.fromEntries(Object.entries(example).map(([key, value]) => [key, value || (key.endsWith("_SECRET") ? secret(key) : value)]));
}

/** The values docker-compose.yml sets on top of the env file. */
function containerValues(): Record<string, string> {
  return { PUBLIC_URL: "https://pay.test", DATABASE_URL: "postgresql://malipo:0123abcd@postgres:5432/malipo", TRUSTED_PROXIES: "172.30.0.10", CALLBACK_SPOOL_DIR: "/app/.data/spool" };
}
