import { describe, expect, it } from "vitest";
import { classifyInitiatorResult } from "@/lib/rails/daraja/initiator/result-codes";
import { outcomeOfFailedResult } from "./failed-result-outcome";

const now = new Date("2026-12-09T10:00:00Z");
const judge = (code: string) => outcomeOfFailedResult(classifyInitiatorResult("b2c", code), { reason: "said", source: "b2c_result", now, checkAfterMinutes: 5 });

describe("outcomeOfFailedResult", () => {
  it("fails a refund on a code M-Pesa documents as final", () => {
    expect(judge("2040")).toEqual({ kind: "failed", code: "2040", reason: "said", source: "b2c_result" });
    expect(judge("1")).toMatchObject({ kind: "failed", code: "1" });
  });

  it("keeps it unknown, asked again, on a duplicate or a code nobody knows", () => {
    for (const code of ["15", "4998"]) {
      expect(judge(code)).toEqual({ kind: "unknown", source: "b2c_result", checkAgainAt: new Date("2026-12-09T10:05:00Z"), reason: expect.stringContaining(`M-Pesa answered ${code}`) });
    }
  });
});
