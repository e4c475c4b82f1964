import { Card } from "@/components/ui/card";
import { VERIFICATION_SNIPPETS } from "@/lib/events/verification-snippets";

const codeBlock = "overflow-x-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100";

/** Signature verification in the storefront's language: the same functions the README shows and the tests run. */
export function SnippetsSection() {
  return (
    <Card title="Verifying webhooks: code" id="verify">
      <div className="space-y-5 text-sm text-slate-800" data-testid="verification-snippets">
        <p className="text-slate-700">
          Each function takes the raw request body, the <code className="font-mono">Malipo-Signature</code> header and the endpoint&apos;s signing secret,
          and returns true only for a genuine webhook signed in the last 5 minutes. Standard library only.
        </p>
        {VERIFICATION_SNIPPETS.map((s) => (
          <section key={s.language} aria-labelledby={`snippet-${s.language}`}>
            <h3 id={`snippet-${s.language}`} className="mb-2 text-base font-semibold">{s.title}</h3>
            <pre className={codeBlock} tabIndex={0} aria-label={`${s.title} verification code`} data-testid={`snippet-${s.language}`}>{s.code}</pre>
          </section>
        ))}
      </div>
    </Card>
  );
}
