import { eat, plural, type AlertCondition } from "@/lib/alerts/alert-condition";
import { latestSpoolReports, spoolSubject } from "@/lib/alerts/latest-spool-reports";
import { QUARANTINE_DIR } from "@/lib/callbacks/spool/read-spool";

/** Spool files that could not be stored at all (torn writes, refused rows): only a person can help. */
export const spoolQuarantined: AlertCondition = {
  kind: "spool_quarantined",
  title: "Quarantined spool files",
  description: `Spooled callbacks PostgreSQL refused for their own content, or files left incomplete by a crash, moved to the spool's ${QUARANTINE_DIR}/ folder. Read the logs, fix, and move a file back to retry it.`,
  severity: "critical",
  async evaluate({ db }) {
    const reports = await latestSpoolReports(db);
    return reports.filter((r) => r.spoolQuarantined > 0).map((r) => ({
      subject: spoolSubject(r),
      summary: `${plural(r.spoolQuarantined, "file")} in ${r.spoolDir}/${QUARANTINE_DIR} on web host ${r.hostname}, as of ${eat(r.lastSeenAt)}: they wait for a person.`,
      details: { host: r.hostname, spoolDir: r.spoolDir, quarantined: r.spoolQuarantined, reportedAt: r.lastSeenAt.toISOString() },
    }));
  },
};
