import { describe, expect, it } from "vitest";
import { validateJsonSchema } from "@/lib/testing/json-schema-subset";

const root = {
  components: {
    schemas: {
      Item: { type: "object", properties: { id: { type: "string", pattern: "^it_" }, n: { type: ["integer", "null"], minimum: 1 } }, required: ["id", "n"], additionalProperties: false },
      Open: { type: "object", properties: { a: { type: "string" } } },
    },
  },
};
const check = (schema: unknown, value: unknown, strict = false) => validateJsonSchema(schema, value, { root, strict });

describe("the JSON Schema subset validator used by the contract tests", () => {
  it("follows $refs and checks types, required and closed objects", () => {
    const item = { $ref: "#/components/schemas/Item" };
    expect(check(item, { id: "it_1", n: 2 })).toEqual([]);
    expect(check(item, { id: "it_1", n: null })).toEqual([]);
    expect(check(item, { id: "it_1" })).toEqual(['$: missing required "n"']);
    expect(check(item, { id: "x", n: 1.5 })).toHaveLength(2);
    expect(check(item, { id: "it_1", n: 0 })).toEqual(["$.n: below minimum 1"]);
    expect(check(item, { id: "it_1", n: 1, extra: true })).toEqual(["$.extra: no value is allowed here"]);
    expect(check({ type: "array", items: item }, [{ id: "it_1", n: 1 }, { id: 3, n: 1 }])).toHaveLength(1);
  });

  it("reports undeclared fields of open objects only in strict mode, across allOf parts", () => {
    const open = { $ref: "#/components/schemas/Open" };
    expect(check(open, { a: "x", b: 1 })).toEqual([]);
    expect(check(open, { a: "x", b: 1 }, true)).toEqual(["$.b: not in the schema"]);
    const composed = { allOf: [open, { properties: { c: { const: 1 } } }] };
    expect(check(composed, { a: "x", c: 1 }, true)).toEqual([]);
    expect(check(composed, { a: "x", c: 2 }, true)).toEqual(["$.c: must be 1"]);
    expect(check(composed, { a: "x", c: 1, d: 0 }, true)).toEqual(["$.d: not in the schema"]);
  });

  it("handles enum, anyOf, oneOf, lengths and propertyNames", () => {
    expect(check({ enum: ["a", "b"] }, "c")).toHaveLength(1);
    expect(check({ anyOf: [{ type: "string" }, { type: "integer" }] }, true)).toEqual(["$: matches none of anyOf"]);
    expect(check({ oneOf: [{ type: "number" }, { type: "integer" }] }, 1)).toEqual(["$: does not match exactly one of oneOf"]);
    expect(check({ type: "string", minLength: 2, maxLength: 3 }, "abcd")).toEqual(["$: longer than 3"]);
    expect(check({ type: "object", propertyNames: { pattern: "^[a-z]+$" } }, { ok: 1, "Not-OK": 2 })).toHaveLength(1);
  });

  it("refuses keywords it does not understand and references that do not resolve", () => {
    expect(() => check({ type: "object", unevaluatedProperties: false }, {})).toThrow(/unsupported JSON Schema keyword/);
    expect(() => check({ $ref: "#/components/schemas/Missing" }, {})).toThrow(/does not resolve/);
  });
});
