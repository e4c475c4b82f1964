export interface DifferenceDatum {
  /** EAT day "YYYY-MM-DD". */
  day: string;
  value: number;
}

/**
 * Bars above or below a zero line, drawn on the server as SVG: the daily difference between two
 * totals. Screen readers get the figures as a table (the drawing is hidden from them); each bar
 * has a hover title. A day at zero draws no bar, so a clean range is a flat line.
 */
export function DifferenceChart({ title, data, format }: { title: string; data: DifferenceDatum[]; format: (value: number) => string }) {
  const width = 600;
  const half = 70;
  const gap = 2;
  const top = Math.max(1, ...data.map((d) => Math.abs(d.value)));
  const barWidth = width / Math.max(1, data.length) - gap;
  return (
    <figure data-testid="difference-chart">
      <figcaption className="mb-2 text-sm font-medium text-slate-700">{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${half * 2 + 20}`} className="h-auto w-full" aria-hidden="true" focusable="false">
        <line x1="0" y1={half} x2={width} y2={half} stroke="#94a3b8" />
        {data.map((d, i) => {
          const h = d.value === 0 ? 0 : Math.max(2, (Math.abs(d.value) / top) * (half - 6));
          return (
            <rect key={d.day} x={i * (barWidth + gap)} y={d.value > 0 ? half - h : half} width={barWidth} height={h} fill={d.value > 0 ? "#0369a1" : "#b91c1c"} rx="1">
              <title>{`${d.day}: ${d.value === 0 ? "no difference" : format(d.value)}`}</title>
            </rect>
          );
        })}
        <text x="0" y={half * 2 + 15} fontSize="11" fill="#475569">{data[0]?.day}</text>
        <text x={width} y={half * 2 + 15} fontSize="11" fill="#475569" textAnchor="end">{data.at(-1)?.day}</text>
      </svg>
      <table className="sr-only">
        <caption>{title}</caption>
        <thead><tr><th scope="col">Day (EAT)</th><th scope="col">Difference</th></tr></thead>
        <tbody>{data.map((d) => <tr key={d.day}><td>{d.day}</td><td>{d.value === 0 ? "no difference" : format(d.value)}</td></tr>)}</tbody>
      </table>
    </figure>
  );
}
