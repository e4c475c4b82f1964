import { describe, expect, it } from "vitest";
import { schemaFieldRows, typeLabel, type SchemaComponents } from "@/lib/api-reference/json-schema-rows";

const components: SchemaComponents = {
  Item: { type: "object", properties: { id: { type: "string" }, parent: { $ref: "#/components/schemas/Item" } }, required: ["id"] },
  List: { type: "object", properties: { data: { type: "array", items: { $ref: "#/components/schemas/Item" } } }, required: ["data"] },
};
const pick = (rows: ReturnType<typeof schemaFieldRows>) => rows.map((r) => [r.path, r.depth, r.type, r.required]);

describe("schemaFieldRows", () => {
  it("resolves $refs, indents nested objects and array items, and stops at a cycle", () => {
    expect(pick(schemaFieldRows({ $ref: "#/components/schemas/List" }, components))).toEqual([
      ["data", 0, "array of object (Item)", true],
      ["data[].id", 1, "string", true],
      ["data[].parent", 1, "object (Item)", false],
    ]);
  });

  it("states rules in words and drops zod's safe-integer bounds", () => {
    const [amount, phone, reference] = schemaFieldRows({
      type: "object",
      required: ["amount"],
      properties: {
        amount: { type: "integer", minimum: 1, maximum: 250000 },
        phone: { anyOf: [{ type: "string" }, { type: "integer", minimum: 0, maximum: Number.MAX_SAFE_INTEGER }] },
        reference: { anyOf: [{ type: "string", minLength: 1, maxLength: 12, pattern: "^[A-Z]+$" }, { type: "null" }], description: "Shown to the customer." },
      },
    }, {});
    expect(amount).toMatchObject({ type: "integer", required: true, constraints: [{ label: "1 to 250000", values: [] }] });
    expect(phone).toMatchObject({ type: "string | integer", required: false, constraints: [{ label: "at least 0", values: [] }] });
    expect(reference).toMatchObject({ type: "string | null", description: "Shown to the customer.",
      constraints: [{ label: "length 1 to 12", values: [] }, { label: "pattern", values: ["^[A-Z]+$"] }] });
  });

  it("lists a map as one {key} row carrying the key and value rules", () => {
    const rows = schemaFieldRows({ type: "object", properties: { metadata: {
      anyOf: [{ type: "object", propertyNames: { type: "string", maxLength: 40 }, additionalProperties: { enum: ["a", "b"] } }, { type: "null" }],
    } } }, {});
    expect(rows.map((r) => r.path)).toEqual(["metadata", "metadata.{key}"]);
    expect(rows[1]!.constraints).toEqual([{ label: "key length at most 40", values: [] }, { label: "one of", values: ["a", "b"] }]);
  });

  it("merges allOf parts into one object", () => {
    const rows = schemaFieldRows({ allOf: [{ $ref: "#/components/schemas/Item" }, { properties: { type: { const: "x" } } }] }, components);
    // The top level is not itself a $ref, so the self-reference is expanded once, then stops.
    expect(rows.map((r) => [r.path, r.type])).toEqual([["id", "string"], ["parent", "object (Item)"], ["parent.id", "string"], ["parent.parent", "object (Item)"], ["type", "string"]]);
    expect(rows.at(-1)!.constraints).toEqual([{ label: "always", values: ["x"] }]);
  });
});

describe("typeLabel", () => {
  it("names nullable and union types", () => {
    expect(typeLabel({ type: ["string", "null"] }, {})).toBe("string | null");
    expect(typeLabel({ const: true }, {})).toBe("boolean");
  });
});
