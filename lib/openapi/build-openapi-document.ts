import { z } from "zod";
import { ERROR_CODES, type ErrorCode } from "@/lib/errors";
import { API_OPERATIONS, REQUEST_SCHEMAS, RESPONSE_SCHEMAS, type ApiOperation, type ResponseHeaderName } from "@/lib/openapi/api-operations";
import { PAYMENT_ERROR_CODES } from "@/lib/openapi/error-schemas";
import { OPENAPI_DESCRIPTION, WEBHOOKS_DESCRIPTION } from "@/lib/openapi/descriptions";
import { WEBHOOK_EVENT_TYPES } from "@/lib/payments/webhook-event-schema";

type Json = Record<string, unknown>;
export type OpenApiDocument = Json & { openapi: string; paths: Record<string, Record<string, Json>>; components: Json; webhooks: Json };

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/**
 * The OpenAPI 3.1 document of the storefront API, generated from the operations table and the
 * routes' own zod schemas (zod's JSON Schema 2020-12 output, which OpenAPI 3.1 uses as is).
 */
export function buildOpenApiDocument({ serverUrl }: { serverUrl: string }): OpenApiDocument {
  const paths: OpenApiDocument["paths"] = {};
  for (const op of API_OPERATIONS) (paths[op.path] ??= {})[op.method] = operationObject(op);
  return {
    openapi: "3.1.0",
    info: { title: "Malipo API", version: "1", description: OPENAPI_DESCRIPTION },
    servers: [{ url: serverUrl }],
    security: [{ ApiKey: [] }],
    tags: [{ name: "Payments" }, { name: "Refunds" }, { name: "Checkout" }, { name: "Events" }, { name: "Meta" }],
    paths,
    webhooks: webhookObjects(),
    components: {
      schemas: { ...componentSchemas(RESPONSE_SCHEMAS, "output"), ...componentSchemas(REQUEST_SCHEMAS, "input") },
      securitySchemes: {
        ApiKey: { type: "http", scheme: "bearer", description: "A secret key, `sk_test_…` or `sk_live_…`. Its mode decides which payments you see and which M-Pesa you reach." },
      },
      parameters: {
        IdempotencyKey: {
          name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", minLength: 1, maxLength: 255, pattern: "^[\\x21-\\x7E]+$" },
          description: "Any unique string per intended payment (an order id). Retrying with the same key and body returns the first answer (Idempotent-Replayed: true) and never pushes twice; the same key with another body is a 409. Kept 24 h, per mode.",
        },
      },
      headers: HEADERS,
    },
  };
}

function componentSchemas(schemas: Record<string, z.ZodType>, io: "input" | "output"): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const { schemas: converted } = z.toJSONSchema(registry, { target: "draft-2020-12", io, uri: (id) => `#/components/schemas/${id}` });
  // Each entry would otherwise carry its own $schema and $id; the document's dialect is 2020-12.
  return Object.fromEntries(Object.entries(converted).map(([id, { $schema: _s, $id: _i, ...rest }]) => [id, rest as Json]));
}

function operationObject(op: ApiOperation): Json {
  const parameters: Json[] = [];
  for (const [name, schema] of Object.entries(op.pathParams?.shape ?? {})) {
    const { description, ...rest } = z.toJSONSchema(schema as z.ZodType, { target: "draft-2020-12", io: "input" }) as Json;
    delete rest.$schema;
    parameters.push({ name, in: "path", required: true, description, schema: rest });
  }
  if (op.query) parameters.push(...queryParameters(op.query, op.queryDescriptions ?? {}));
  if (op.idempotencyKey) parameters.push({ $ref: "#/components/parameters/IdempotencyKey" });

  const responses: Record<string, Json> = {};
  for (const [status, spec] of Object.entries(op.success)) {
    const schema = spec.body === "OpenApiDocument" ? { type: "object", description: "An OpenAPI 3.1 document." } : ref(spec.body);
    responses[status] = { description: spec.description, headers: headerRefs(spec.headers ?? []), content: { "application/json": { schema } } };
  }
  for (const [status, codes] of groupByStatus(op.errors)) {
    const schema = codes.some((c) => PAYMENT_ERROR_CODES.includes(c)) ? "PaymentError" : "Error";
    const headers: ResponseHeaderName[] = ["Request-Id", ...(status === 429 ? ["Retry-After" as const] : []), ...(status === 401 ? ["WWW-Authenticate" as const] : [])];
    responses[String(status)] = {
      description: codes.map((c) => `\`${c}\``).join(", "),
      headers: headerRefs(headers),
      content: { "application/json": { schema: ref(schema) } },
      // The codes this status carries on this operation; the contract test holds the routes to them.
      "x-error-codes": codes,
    };
  }
  return {
    operationId: op.operationId,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: [op.tag],
    ...(op.authenticated ? {} : { security: [] }),
    ...(parameters.length ? { parameters } : {}),
    ...(op.requestBody ? { requestBody: { required: true, content: { "application/json": { schema: ref(op.requestBody) } } } } : {}),
    responses,
  };
}

function queryParameters(schema: z.ZodType, descriptions: Record<string, string>): Json[] {
  const converted = z.toJSONSchema(schema, { target: "draft-2020-12", io: "input" }) as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(converted.properties ?? {}).map(([name, { description, ...rest }]) => ({
    name, in: "query", required: converted.required?.includes(name) ?? false, description: descriptions[name] ?? description, schema: rest,
  }));
}

function groupByStatus(codes: ErrorCode[]): Map<number, ErrorCode[]> {
  const groups = new Map<number, ErrorCode[]>();
  for (const code of codes) groups.set(ERROR_CODES[code].status, [...(groups.get(ERROR_CODES[code].status) ?? []), code]);
  return new Map([...groups].sort(([a], [b]) => a - b));
}

const headerRefs = (names: ResponseHeaderName[]) => Object.fromEntries(names.map((n) => [n, { $ref: `#/components/headers/${n}` }]));

const HEADERS: Record<ResponseHeaderName, Json> = {
  "Request-Id": { description: "Identifies this request in Malipo's logs; quote it when asking for help.", schema: { type: "string" } },
  "Idempotent-Replayed": { description: "`true` when this is the stored answer to an earlier request with the same Idempotency-Key.", schema: { type: "string", const: "true" } },
  "Retry-After": { description: "Seconds until this key may call again.", schema: { type: "string", pattern: "^\\d+$" } },
  "WWW-Authenticate": { description: "The Bearer challenge.", schema: { type: "string" } },
};

function webhookObjects(): Json {
  return Object.fromEntries(WEBHOOK_EVENT_TYPES.map((type) => [type, {
    post: {
      operationId: `webhook.${type}`,
      summary: `The \`${type}\` event`,
      description: WEBHOOKS_DESCRIPTION,
      security: [],
      parameters: [
        { name: "Malipo-Signature", in: "header", required: true, schema: { type: "string" }, description: "`t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<raw body>\">`, with one v1 per valid secret during a rotation." },
        { name: "Malipo-Event-Id", in: "header", required: true, schema: { type: "string" }, description: "The event's id (the body's `id`): deduplicate on it." },
      ],
      requestBody: { required: true, content: { "application/json": { schema: { allOf: [ref(type === "c2b.received" ? "C2bReceivedEvent" : type.startsWith("refund.") ? "RefundEvent" : "PaymentEvent"), { properties: { type: { const: type } } }] } } } },
      responses: { "2XX": { description: "Acknowledged. Anything else, or no answer in time, is retried with backoff." } },
    },
  }]));
}
