import { Counter, Histogram, Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { parsePrometheusText, sampleValue } from "@/lib/testing/prometheus-text";

describe("the strict Prometheus text reader", () => {
  it("reads prom-client's output: counters with escaped labels, histograms", async () => {
    const registry = new Registry();
    const counter = new Counter({ name: "t_total", help: 'Help with a \\ backslash\nand a line', labelNames: ["l"], registers: [registry] });
    counter.inc({ l: 'quote " and \\ and\nnewline' }, 3);
    const histogram = new Histogram({ name: "t_seconds", help: "h", buckets: [0.1, 1], labelNames: ["o"], registers: [registry] });
    histogram.observe({ o: "a" }, 0.05);
    histogram.observe({ o: "a" }, 5);
    const families = parsePrometheusText(await registry.metrics());
    expect(families.get("t_total")).toMatchObject({ type: "counter", help: "Help with a \\ backslash\nand a line" });
    expect(sampleValue(families, "t_total", { l: 'quote " and \\ and\nnewline' })).toBe(3);
    expect(sampleValue(families, "t_seconds_bucket", { o: "a", le: "0.1" })).toBe(1);
    expect(sampleValue(families, "t_seconds_bucket", { o: "a", le: "+Inf" })).toBe(2);
    expect(sampleValue(families, "t_seconds_count", { o: "a" })).toBe(2);
  });

  it.each([
    ["garbage", "garbage line {{"],
    ["an unterminated label value", 'a{x="1} 2'],
    ["a bad escape", 'a{x="\\q"} 2'],
    ["a value that is not a number", "a 1,5"],
    ["a bad metric name", "# TYPE 1a counter\n1a 1"],
    ["a family split in two", "a 1\nb 1\na{x=\"y\"} 2"],
    ["a TYPE after the samples", "a 1\n# TYPE a counter"],
    ["a series given twice", "a 1\na 2"],
    ["an unknown type", "# TYPE a meter\na 1"],
    ["buckets that shrink", '# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 1\nh_count 1\nh_sum 1'],
    ["a +Inf bucket that is not the count", '# TYPE h histogram\nh_bucket{le="+Inf"} 2\nh_count 3\nh_sum 1'],
  ])("refuses %s", (_, text) => {
    expect(() => parsePrometheusText(text)).toThrow();
  });
});
