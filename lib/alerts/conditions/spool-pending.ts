import { eat, plural, type AlertCondition } from "@/lib/alerts/alert-condition";
import { latestSpoolReports, spoolSubject } from "@/lib/alerts/latest-spool-reports";

/** Callbacks waiting in a web host's spool: PostgreSQL could not store them when they arrived. */
export const spoolPending: AlertCondition = {
  kind: "spool_pending",
  title: "Callbacks waiting in a spool",
  description: "A web host holds callbacks on its disk that PostgreSQL could not store (an outage, or a database refusing writes). They drain by themselves once it accepts them; keep the host and its volume until they have.",
  severity: "critical",
  async evaluate({ db }) {
    const reports = await latestSpoolReports(db);
    return reports.filter((r) => r.spoolPending > 0).map((r) => ({
      subject: spoolSubject(r),
      summary: `${plural(r.spoolPending, "callback")} waiting in the spool of web host ${r.hostname} (${r.spoolDir}), as of ${eat(r.lastSeenAt)}: PostgreSQL is not storing them.`,
      details: { host: r.hostname, spoolDir: r.spoolDir, pending: r.spoolPending, reportedAt: r.lastSeenAt.toISOString() },
    }));
  },
};
