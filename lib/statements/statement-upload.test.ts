import { describe, expect, it } from "vitest";
import { parseStatementText } from "@/lib/rails/daraja/statement/parse-statement";
import { LAYOUT_A, LAYOUT_B } from "@/lib/rails/daraja/statement/statement.fixtures";
import { cleanFileName } from "./receive-statement-upload";
import { describeCoverage } from "./statement-coverage";
import { emptyCounts, importMessage } from "./statement-import-report";

async function okReport(text: string) {
  const { report } = await parseStatementText(text);
  if (!report.ok) throw new Error(report.error);
  return report;
}

describe("statement upload helpers", () => {
  it("keep only a printable base name of the uploaded file", () => {
    expect(cleanFileName("C:\\Users\\finance\\ORG_600984_Utility Account.csv")).toBe("ORG_600984_Utility Account.csv");
    expect(cleanFileName("../../etc/passwd")).toBe("passwd");
    expect(cleanFileName("a\u0000b\r\n.csv")).toBe("ab.csv");
    expect(cleanFileName("   ")).toBe("statement.csv");
  });

  it("count a period as covered only when it is stated, read without rejections, and its totals add up", async () => {
    const whole = await okReport(LAYOUT_A);
    expect(describeCoverage(whole, 0)).toEqual({ recorded: true, note: expect.stringContaining("covered") });
    expect(describeCoverage(whole, 2)).toEqual({ recorded: false, note: expect.stringContaining("2 rejected lines") });
    const badTotal = await okReport(LAYOUT_A.replace("Total Paid In:,3500.00", "Total Paid In:,3600.00"));
    expect(describeCoverage(badTotal, 0)).toEqual({ recorded: false, note: expect.stringContaining("Total Paid In") });
    expect(describeCoverage(await okReport(LAYOUT_B), 0)).toEqual({ recorded: false, note: expect.stringContaining("states no period") });
  });

  it("say in one sentence what an import did", () => {
    const counts = { ...emptyCounts(), read: 5, recorded: 3, alreadyKnown: 1, rejected: 1, skippedCharges: 1 };
    expect(importMessage(counts, false)).toBe("Statement imported: 5 lines read, 3 recorded, 1 already known, 1 rejected, 1 skipped (charges, internal transfers, not completed). Partial: its period does not count as covered.");
  });
});
