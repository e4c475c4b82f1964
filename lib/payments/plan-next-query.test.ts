import { describe, expect, it } from "vitest";
import { planNextQuery, type PlanNextQueryOptions } from "@/lib/payments/plan-next-query";

const schedule = { reconcileAfterSeconds: 60, reconcileMaxIntervalSeconds: 120, expiredReconcileHours: 72 };
const deadline = new Date(Date.UTC(2026, 11, 5, 8, 0, 0));
const at = (seconds: number) => new Date(deadline.getTime() + seconds * 1000);
const plan = (o: Partial<PlanNextQueryOptions>) => planNextQuery({ status: "PENDING", expiresAt: deadline, answer: "unfinished", queryCount: 1, schedule, now: at(-600), ...o });

describe("planNextQuery", () => {
  it("keeps an open payment on its backoff until the deadline", () => {
    expect(plan({})).toEqual({ nextQueryAt: at(-540), expires: false, windowEnded: false });
    expect(plan({ now: at(-30), queryCount: 5 })).toMatchObject({ nextQueryAt: deadline, expires: false });
  });

  it("expires an open payment after its query at the deadline, and starts its post-expiry queries", () => {
    expect(plan({ now: at(0), answer: "unanswered" })).toEqual({ nextQueryAt: at(60), expires: true, windowEnded: false });
    expect(plan({ now: at(1), answer: "unfinished" })).toMatchObject({ nextQueryAt: at(121), expires: true });
    expect(plan({ now: at(0), schedule: { ...schedule, expiredReconcileHours: 0 } })).toMatchObject({ nextQueryAt: null, expires: true });
  });

  it("keeps asking an expired payment until its window ends", () => {
    expect(plan({ status: "EXPIRED", now: at(12), answer: "unanswered" })).toEqual({ nextQueryAt: at(72), expires: false, windowEnded: false });
    expect(plan({ status: "EXPIRED", now: at(72 * 3600) })).toEqual({ nextQueryAt: null, expires: false, windowEnded: true });
  });

  it("ends the schedule on a final answer, whoever asked, and leaves it alone for an admin's unfinished one", () => {
    for (const status of ["PENDING", "EXPIRED", "INITIATING"] as const) {
      expect(plan({ status, answer: "final" }).nextQueryAt).toBeNull();
      expect(plan({ status, answer: "final", schedule: null }).nextQueryAt).toBeNull();
      expect(plan({ status, answer: "unanswered", schedule: null })).toEqual({ nextQueryAt: undefined, expires: false, windowEnded: false });
    }
    expect(plan({ status: "SUCCEEDED", answer: "unfinished" }).nextQueryAt).toBeNull();
  });
});
