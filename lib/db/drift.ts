import { readFile } from "node:fs/promises";
import path from "node:path";
import { get_dmmf } from "@prisma/prisma-schema-wasm";
import pg from "pg";

/**
 * Compares what schema.prisma declares with what the migrations actually built in a database:
 * tables, columns (type and nullability), enums, unique constraints and indexes. Prisma's own
 * `migrate diff` needs a schema engine these machines cannot download; this needs only the WASM
 * schema parser and the catalog.
 */

export const SCHEMA_PATH = path.resolve(import.meta.dirname, "../../prisma/schema.prisma");

interface DmmfField { name: string; dbName?: string | null; kind: string; type: string; isRequired: boolean; isList: boolean; nativeType?: [string, string[]] | null }
interface DmmfModel { name: string; dbName: string | null; fields: DmmfField[] }
interface DmmfIndex { model: string; type: "id" | "unique" | "normal" | "fulltext"; fields: { name: string }[] }
interface Dmmf { datamodel: { models: DmmfModel[]; enums: { name: string; dbName?: string | null; values: { name: string }[] }[]; indexes: DmmfIndex[] } }

export interface Shape {
  tables: Map<string, Map<string, { type: string; nullable: boolean }>>;
  enums: Map<string, string[]>;
  uniques: Set<string>;
  indexes: Set<string>;
}

export async function expectedShape(schemaPath = SCHEMA_PATH): Promise<Shape> {
  const prismaSchema = await readFile(schemaPath, "utf8");
  const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema }))) as Dmmf;
  const { models, enums, indexes } = dmmf.datamodel;
  const shape: Shape = { tables: new Map(), enums: new Map(), uniques: new Set(), indexes: new Set() };
  for (const e of enums) shape.enums.set(e.dbName ?? e.name, e.values.map((v) => v.name));
  const column = (m: DmmfModel, field: string) => {
    const f = m.fields.find((x) => x.name === field);
    return f?.dbName ?? field;
  };
  for (const m of models) {
    const cols = new Map<string, { type: string; nullable: boolean }>();
    for (const f of m.fields) {
      if (f.kind === "object") continue;
      cols.set(f.dbName ?? f.name, { type: prismaTypeToPg(f), nullable: !f.isRequired });
    }
    shape.tables.set(m.dbName ?? m.name, cols);
  }
  for (const ix of indexes) {
    const m = models.find((x) => x.name === ix.model);
    if (!m) continue;
    const key = `${m.dbName ?? m.name}(${ix.fields.map((f) => column(m, f.name)).join(",")})`;
    if (ix.type === "unique" || ix.type === "id") shape.uniques.add(key);
    else shape.indexes.add(key);
  }
  return shape;
}

function prismaTypeToPg(f: DmmfField): string {
  if (f.kind === "enum") return `enum:${f.type}`;
  const base: Record<string, string> = { String: "text", Int: "integer", BigInt: "bigint", Boolean: "boolean", Json: "jsonb", Float: "double precision", Decimal: "numeric" };
  if (f.type === "DateTime") {
    if (f.nativeType?.[0] === "Date") return "date";
    const precision = f.nativeType?.[1][0] ?? "3";
    return f.nativeType?.[0] === "Timestamptz" ? `timestamptz(${precision})` : `timestamp(${precision})`;
  }
  const t = base[f.type];
  if (!t) throw new Error(`drift: unsupported Prisma type ${f.type}`);
  return f.isList ? `${t}[]` : t;
}

export async function actualShape(databaseUrl: string): Promise<Shape> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const shape: Shape = { tables: new Map(), enums: new Map(), uniques: new Set(), indexes: new Set() };
    const cols = await client.query<{ table_name: string; column_name: string; data_type: string; udt_name: string; is_nullable: string; datetime_precision: number | null }>(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable, datetime_precision
         FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
        ORDER BY table_name, ordinal_position`,
    );
    for (const c of cols.rows) {
      const table = shape.tables.get(c.table_name) ?? new Map();
      const type = c.data_type === "USER-DEFINED" ? `enum:${c.udt_name}`
        : c.data_type === "timestamp with time zone" ? `timestamptz(${c.datetime_precision})`
        : c.data_type === "timestamp without time zone" ? `timestamp(${c.datetime_precision})`
        : c.data_type === "ARRAY" ? `${c.udt_name.replace(/^_/, "")}[]`
        : c.data_type;
      table.set(c.column_name, { type, nullable: c.is_nullable === "YES" });
      shape.tables.set(c.table_name, table);
    }
    const enums = await client.query<{ name: string; value: string }>(
      `SELECT t.typname AS name, e.enumlabel AS value FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
        JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' ORDER BY t.typname, e.enumsortorder`,
    );
    for (const r of enums.rows) shape.enums.set(r.name, [...(shape.enums.get(r.name) ?? []), r.value]);
    // Indexes with their column lists in order; partial and expression indexes are ours to add by
    // hand in SQL for performance and are not part of Prisma's model, so they are left out.
    const idx = await client.query<{ table: string; unique: boolean; columns: string[] }>(
      `SELECT t.relname AS table, i.indisunique AS unique,
              array_agg(a.attname::text ORDER BY k.ord) AS columns
         FROM pg_index i
         JOIN pg_class t ON t.oid = i.indrelid
         JOIN pg_class ic ON ic.oid = i.indexrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
         CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
        WHERE n.nspname = 'public' AND t.relname <> '_prisma_migrations'
          AND i.indpred IS NULL AND i.indexprs IS NULL
          AND ic.relname NOT LIKE '%\\_manual' ESCAPE '\\'
        GROUP BY t.relname, ic.relname, i.indisunique`,
    );
    for (const r of idx.rows) (r.unique ? shape.uniques : shape.indexes).add(`${r.table}(${r.columns.join(",")})`);
    return shape;
  } finally {
    await client.end();
  }
}

/** Every difference between the two shapes, as sentences; empty when they agree. */
export function diffShapes(expected: Shape, actual: Shape): string[] {
  const out: string[] = [];
  for (const [table, cols] of expected.tables) {
    const got = actual.tables.get(table);
    if (!got) { out.push(`table ${table} is in schema.prisma but not in the migrations`); continue; }
    for (const [col, def] of cols) {
      const g = got.get(col);
      if (!g) out.push(`column ${table}.${col} is in schema.prisma but not in the migrations`);
      else {
        if (g.type !== def.type) out.push(`column ${table}.${col} is ${def.type} in schema.prisma but ${g.type} in the migrations`);
        if (g.nullable !== def.nullable) out.push(`column ${table}.${col} is ${def.nullable ? "nullable" : "required"} in schema.prisma but not in the migrations`);
      }
    }
    for (const col of got.keys()) if (!cols.has(col)) out.push(`column ${table}.${col} is in the migrations but not in schema.prisma`);
  }
  for (const table of actual.tables.keys()) if (!expected.tables.has(table)) out.push(`table ${table} is in the migrations but not in schema.prisma`);
  for (const [name, values] of expected.enums) {
    const got = actual.enums.get(name);
    if (!got) out.push(`enum ${name} is in schema.prisma but not in the migrations`);
    else if (got.join(",") !== values.join(",")) out.push(`enum ${name} is (${values}) in schema.prisma but (${got}) in the migrations`);
  }
  for (const name of actual.enums.keys()) if (!expected.enums.has(name)) out.push(`enum ${name} is in the migrations but not in schema.prisma`);
  for (const [kind, e, a] of [["unique constraint", expected.uniques, actual.uniques], ["index", expected.indexes, actual.indexes]] as const) {
    for (const k of e) if (!a.has(k)) out.push(`${kind} ${k} is in schema.prisma but not in the migrations`);
    for (const k of a) if (!e.has(k)) out.push(`${kind} ${k} is in the migrations but not in schema.prisma`);
  }
  return out;
}
