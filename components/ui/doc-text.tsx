import { parseInlineMarkdown, type InlineSegment } from "@/lib/api-reference/parse-inline-markdown";

/** Documentation prose (code spans, bold, italics) as React text: nothing in it is ever HTML. */
export function DocText({ text, className = "space-y-2" }: { text: string | null | undefined; className?: string }) {
  if (!text) return null;
  return (
    <div className={className}>
      {parseInlineMarkdown(text).map((paragraph, i) => <p key={i}><Inline segments={paragraph} /></p>)}
    </div>
  );
}

/** One line of documentation prose, for table cells and summaries. */
export function DocInline({ text }: { text: string | null | undefined }) {
  if (!text) return null;
  return <Inline segments={parseInlineMarkdown(text).flat()} />;
}

function Inline({ segments }: { segments: InlineSegment[] }) {
  return segments.map((s, i) => {
    if (s.kind === "code") return <code key={i} className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em] text-slate-900">{s.text}</code>;
    if (s.kind === "strong") return <strong key={i} className="font-semibold">{s.text}</strong>;
    if (s.kind === "em") return <em key={i}>{s.text}</em>;
    return <span key={i}>{s.text}</span>;
  });
}
