export type BadgeTone = "green" | "red" | "amber" | "blue" | "slate" | "purple";

// Text always carries the meaning; colour only reinforces it (colour-blind users, greyscale prints).
const TONES: Record<BadgeTone, string> = {
  green: "bg-emerald-50 text-emerald-800 ring-emerald-600/30",
  red: "bg-red-50 text-red-800 ring-red-600/30",
  amber: "bg-amber-50 text-amber-900 ring-amber-600/40",
  blue: "bg-sky-50 text-sky-800 ring-sky-600/30",
  slate: "bg-slate-100 text-slate-700 ring-slate-500/30",
  purple: "bg-violet-50 text-violet-800 ring-violet-600/30",
};

export function Badge({ tone, children, title }: { tone: BadgeTone; children: React.ReactNode; title?: string }) {
  return (
    <span title={title} className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[tone]}`}>
      {children}
    </span>
  );
}
