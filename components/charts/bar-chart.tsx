import { eatDateOf } from "@/lib/time/eat";

export interface BarDatum {
  /** EAT day "YYYY-MM-DD". */
  day: string;
  value: number | null;
}

interface BarChartProps {
  title: string;
  data: BarDatum[];
  format: (value: number) => string;
  /** Fixed top of the scale (100 for percentages); otherwise the largest value. */
  max?: number;
  colour?: string;
}

/**
 * A dependency-free SVG bar chart rendered on the server. Screen readers get the figures as a
 * table (visually hidden) instead of the drawing; each bar also has a hover title.
 */
export function BarChart({ title, data, format, max, colour = "#047857" }: BarChartProps) {
  const width = 600;
  const height = 160;
  const gap = 2;
  const top = max ?? Math.max(1, ...data.map((d) => d.value ?? 0));
  const barWidth = width / Math.max(1, data.length) - gap;
  return (
    <figure>
      <figcaption className="mb-2 text-sm font-medium text-slate-700">{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height + 20}`} className="h-auto w-full" aria-hidden="true" focusable="false">
        <line x1="0" y1={height} x2={width} y2={height} stroke="#cbd5e1" />
        {data.map((d, i) => {
          const h = d.value === null ? 0 : Math.max(d.value > 0 ? 2 : 0, (d.value / top) * (height - 10));
          const x = i * (barWidth + gap);
          return (
            <rect key={d.day} x={x} y={height - h} width={barWidth} height={h} fill={colour} rx="1">
              <title>{`${d.day}: ${d.value === null ? "no finished payments" : format(d.value)}`}</title>
            </rect>
          );
        })}
        <text x="0" y={height + 15} fontSize="11" fill="#475569">{data[0]?.day}</text>
        <text x={width} y={height + 15} fontSize="11" fill="#475569" textAnchor="end">{data.at(-1)?.day ?? eatDateOf(new Date())}</text>
      </svg>
      <table className="sr-only">
        <caption>{title}</caption>
        <thead><tr><th scope="col">Day (EAT)</th><th scope="col">Value</th></tr></thead>
        <tbody>
          {data.map((d) => (
            <tr key={d.day}><td>{d.day}</td><td>{d.value === null ? "–" : format(d.value)}</td></tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
