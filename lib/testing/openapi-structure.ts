import { resolvePointer } from "@/lib/testing/json-schema-subset";

/**
 * Structural checks of an OpenAPI 3.1 document (what a validator package would check first):
 * version, info, paths and operations, parameters, responses, security, and that every $ref
 * resolves. Returns the problems found; empty means well-formed.
 */

const METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);
const PATH_ITEM_KEYS = new Set([...METHODS, "summary", "description", "parameters", "servers", "$ref"]);
const STATUS = /^([1-5]\d\d|[1-5]XX|default)$/;

type Json = Record<string, unknown>;

export function checkOpenApiDocument(doc: Json): string[] {
  const problems: string[] = [];
  const check = (ok: unknown, problem: string) => void (ok || problems.push(problem));
  check(typeof doc.openapi === "string" && /^3\.1\.\d+$/.test(doc.openapi), `openapi must be 3.1.x, is ${String(doc.openapi)}`);
  const info = doc.info as Json | undefined;
  check(typeof info?.title === "string" && typeof info?.version === "string", "info needs a title and a version");
  check(isObject(doc.paths) || isObject(doc.webhooks), "paths or webhooks is required");
  check(doc.components === undefined || isObject(doc.components), "components must be an object");
  const schemes = Object.keys(((doc.components as Json)?.securitySchemes as Json) ?? {});
  const operationIds = new Set<string>();

  const checkOperation = (where: string, op: Json, templateParams: string[]) => {
    if (typeof op.operationId === "string") {
      check(!operationIds.has(op.operationId), `${where}: duplicate operationId ${op.operationId}`);
      operationIds.add(op.operationId);
    }
    for (const requirement of ((op.security ?? doc.security) as Json[] | undefined) ?? []) {
      for (const name of Object.keys(requirement)) check(schemes.includes(name), `${where}: unknown security scheme ${name}`);
    }
    const params = ((op.parameters as Json[]) ?? []).map((p) => (typeof p.$ref === "string" ? (resolveSafe(doc, p.$ref) as Json) : p));
    for (const p of params) {
      check(typeof p?.name === "string" && ["query", "header", "path", "cookie"].includes(String(p?.in)), `${where}: parameter needs a name and a valid "in"`);
      check(p?.schema !== undefined || p?.content !== undefined, `${where}: parameter ${String(p?.name)} needs a schema`);
      if (p?.in === "path") check(p.required === true && templateParams.includes(String(p.name)), `${where}: path parameter ${String(p.name)} must be required and in the path`);
    }
    for (const name of templateParams) check(params.some((p) => p?.in === "path" && p.name === name), `${where}: {${name}} is not declared as a path parameter`);
    const responses = op.responses as Json | undefined;
    check(isObject(responses) && Object.keys(responses).length > 0, `${where}: responses are required`);
    for (const [status, response] of Object.entries(responses ?? {})) {
      check(STATUS.test(status), `${where}: bad response key ${status}`);
      check(typeof (response as Json).description === "string", `${where} ${status}: a response needs a description`);
    }
  };

  for (const [path, item] of Object.entries((doc.paths as Json) ?? {})) {
    check(path.startsWith("/"), `path ${path} must start with /`);
    const templateParams = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
    for (const [key, op] of Object.entries(item as Json)) {
      check(PATH_ITEM_KEYS.has(key), `${path}: unknown key ${key}`);
      if (METHODS.has(key)) checkOperation(`${key.toUpperCase()} ${path}`, op as Json, templateParams);
    }
  }
  for (const [name, item] of Object.entries((doc.webhooks as Json) ?? {})) {
    for (const [key, op] of Object.entries(item as Json)) if (METHODS.has(key)) checkOperation(`webhook ${name}`, op as Json, []);
  }
  for (const ref of collectRefs(doc)) check(resolveSafe(doc, ref) !== undefined, `$ref ${ref} does not resolve`);
  return problems;
}

function collectRefs(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => collectRefs(n, found));
  else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") found.push(value);
      else collectRefs(value, found);
    }
  }
  return found;
}

function resolveSafe(doc: unknown, ref: string): unknown {
  try {
    return resolvePointer(doc, ref);
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
