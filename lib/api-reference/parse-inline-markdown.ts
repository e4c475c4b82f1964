/** A run of text with its emphasis: the little Markdown the OpenAPI descriptions use. */
export interface InlineSegment {
  kind: "text" | "code" | "strong" | "em";
  text: string;
}

// `code` first, so asterisks inside code stay literal.
const INLINE = /`([^`]+)`|\*\*([^*]+)\*\*|\*([^*\s][^*]*)\*/g;

/**
 * Splits CommonMark prose into paragraphs of segments. Only code spans, bold and italics are
 * understood; everything else stays literal text, so nothing in a description can become markup.
 */
export function parseInlineMarkdown(text: string): InlineSegment[][] {
  return text.split(/\n\s*\n/).map((p) => p.replace(/\s*\n\s*/g, " ").trim()).filter(Boolean).map(segments);
}

function segments(paragraph: string): InlineSegment[] {
  const out: InlineSegment[] = [];
  let last = 0;
  for (const m of paragraph.matchAll(INLINE)) {
    if (m.index > last) out.push({ kind: "text", text: paragraph.slice(last, m.index) });
    if (m[1] !== undefined) out.push({ kind: "code", text: m[1] });
    else if (m[2] !== undefined) out.push({ kind: "strong", text: m[2] });
    else out.push({ kind: "em", text: m[3]! });
    last = m.index + m[0].length;
  }
  if (last < paragraph.length) out.push({ kind: "text", text: paragraph.slice(last) });
  return out;
}
