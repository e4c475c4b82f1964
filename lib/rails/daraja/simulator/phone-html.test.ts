import { describe, expect, it } from "vitest";
import { escapeHtml, renderPhone, renderPhoneIndex } from "./phone-html";
import { SCENARIOS } from "./scenarios";

const prompt = {
  checkoutRequestId: "ws_CO_14032025153013069708374149",
  amount: 1500,
  accountReference: `<script>alert("x")</script>`,
  shortcode: "174379",
  sentAt: new Date("2025-03-14T12:30:13Z"),
  status: "Waiting for your answer",
  awaiting: true,
};

describe("phone page HTML", () => {
  it("escapes the characters that could open markup or attributes", () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe("&#60;a href=&#34;x&#34; onclick=&#39;y&#39;&#62;&#38;&#60;/a&#62;");
  });

  it("never renders a caller's account reference as markup", () => {
    const html = renderPhone("254708000012", [prompt], "1234");
    expect(html).not.toContain("<script>");
    expect(html).toContain("&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;");
  });

  it("shows amount, reference, Nairobi time and Accept/Cancel forms for a waiting prompt", () => {
    const html = renderPhone("254708000012", [prompt], "1234");
    expect(html).toContain("Ksh 1,500");
    expect(html).toContain("15:30:13");
    expect(html).toContain(`action="/phone/254708000012/${prompt.checkoutRequestId}/accept"`);
    expect(html).toContain(`action="/phone/254708000012/${prompt.checkoutRequestId}/cancel"`);
    expect(html).toContain('name="pin"');
  });

  it("shows no forms once a prompt is answered", () => {
    const html = renderPhone("254708000012", [{ ...prompt, awaiting: false, status: "Cancelled" }], "1234");
    expect(html).not.toContain("<form");
    expect(html).toContain("Cancelled");
  });

  it("lists phones and every test number on the index", () => {
    const html = renderPhoneIndex(["254712345678"], SCENARIOS);
    expect(html).toContain('href="/phone/254712345678"');
    for (const s of SCENARIOS) expect(html).toContain(s.msisdn);
  });
});
