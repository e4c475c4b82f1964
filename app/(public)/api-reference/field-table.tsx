import { DocInline } from "@/components/ui/doc-text";
import type { FieldRow } from "@/lib/api-reference/json-schema-rows";

// Literal class names, so Tailwind generates them; deeper levels keep the last indent.
const INDENT = ["pl-0", "pl-5", "pl-10", "pl-15", "pl-20", "pl-25"];

/**
 * Fields of a schema (or parameters) as a table. Nested fields are indented under their parent and
 * carry the parent's path for screen readers ("error.code"), which do not see the indent.
 */
export function FieldTable({ rows, caption, testId }: { rows: FieldRow[]; caption: string; testId?: string }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">No fields.</p>;
  // Parameters (which carry a location) are headed "Name"; a schema's entries "Field".
  const withLocation = rows.some((r) => r.location);
  return (
    <table className="w-full border-collapse text-left text-sm" data-testid={testId}>
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-600">
          <th scope="col" className="py-2 pr-3 font-semibold">{withLocation ? "Name" : "Field"}</th>
          <th scope="col" className="py-2 pr-3 font-semibold">Type</th>
          <th scope="col" className="py-2 font-semibold">Details</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.path} className="border-b border-slate-100 align-top last:border-0" data-testid="field-row" data-field={r.path}>
            <th scope="row" className={`py-2 pr-3 text-left font-normal ${INDENT[Math.min(r.depth, INDENT.length - 1)]}`}>
              {r.depth > 0 ? <span aria-hidden="true" className="mr-1 text-slate-500">↳</span> : null}
              {r.depth > 0 ? <span className="sr-only">{r.path.slice(0, r.path.length - r.name.length)}</span> : null}
              <code className="font-mono font-semibold text-slate-900 wrap-break-word">{r.name}</code>
              <span className="block text-xs">
                {r.location ? <span className="text-slate-600">{r.location} · </span> : null}
                {r.required ? <span className="font-medium text-slate-900">required</span> : <span className="text-slate-600">optional</span>}
              </span>
            </th>
            <td className="py-2 pr-3"><code className="font-mono text-xs text-slate-800 wrap-break-word">{r.type}</code></td>
            <td className="py-2 text-slate-800">
              {r.description ? <p><DocInline text={r.description} /></p> : null}
              {r.constraints.length ? (
                <ul className="mt-1 space-y-0.5 text-xs text-slate-700">
                  {r.constraints.map((c) => (
                    <li key={`${c.label}:${c.values.join("|")}`}>
                      {c.label}{c.values.length ? " " : ""}
                      {c.values.map((v, i) => (
                        <span key={i}>{i > 0 ? ", " : ""}<code className="rounded bg-slate-100 px-1 font-mono wrap-anywhere">{v}</code></span>
                      ))}
                    </li>
                  ))}
                </ul>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
