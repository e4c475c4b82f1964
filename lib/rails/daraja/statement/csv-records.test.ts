import { describe, expect, it } from "vitest";
import { readCsvRecords, type CsvEvent } from "./csv-records";

async function read(chunks: (string | Uint8Array)[], maxRecordChars?: number): Promise<CsvEvent[]> {
  const events: CsvEvent[] = [];
  for await (const batch of readCsvRecords(chunks, { maxRecordChars })) events.push(...batch);
  return events;
}
const records = (events: CsvEvent[]) => events.map((e) => (e.type === "record" ? [e.line, e.fields] : [e.line, e.reason]));

describe("readCsvRecords", () => {
  it("reads plain, quoted, doubled-quote and empty fields with their line numbers", async () => {
    expect(records(await read(['a,"b,c","say ""hi""",\n1,2,3,4\n']))).toEqual([[1, ["a", "b,c", 'say "hi"', ""]], [2, ["1", "2", "3", "4"]]]);
  });

  it("handles CRLF, lone CR, a BOM and a last line without a line end", async () => {
    expect(records(await read(["\uFEFFa,b\r\nc,d\re,f"]))).toEqual([[1, ["a", "b"]], [2, ["c", "d"]], [3, ["e", "f"]]]);
  });

  it("keeps line breaks inside quotes and counts the physical lines", async () => {
    expect(records(await read(['x,"two\r\nlines"\r\ny,z\r\n']))).toEqual([[1, ["x", "two\r\nlines"]], [3, ["y", "z"]]]);
  });

  it("reads across chunk boundaries: a split CRLF, a split doubled quote, a split UTF-8 character and BOM", async () => {
    const bytes = new TextEncoder().encode('\uFEFFé,"a""b"\r\nc,d');
    const chunks = Array.from(bytes, (b) => new Uint8Array([b]));
    expect(records(await read(chunks))).toEqual([[1, ["é", 'a"b']], [2, ["c", "d"]]]);
  });

  it("keeps a quote inside an unquoted field as text", async () => {
    expect(records(await read(['ab"c,d\n']))).toEqual([[1, ['ab"c', "d"]]]);
  });

  it("reports a quote that never closes once and goes on at the next line", async () => {
    expect(records(await read(['a,"never closed\nb,c\nd,e\n'], 12))).toEqual([[1, "a quoted field never ends (or the line is too long)"], [2, ["b", "c"]], [3, ["d", "e"]]]);
    expect(records(await read(['a,"never closed\nb,c']))).toEqual([[1, "a quoted field never ends"]]);
  });

  it("reports an over-long line and resumes", async () => {
    expect(records(await read([`${"x".repeat(50)}\nok\n`], 20))).toEqual([[1, "the line is longer than 20 characters"], [2, ["ok"]]]);
  });
});
