import { createTransport, type Transporter } from "nodemailer";
import type { AlertMessage } from "@/lib/alerts/render-alert-message";
import type { Env } from "@/lib/env";

type SmtpSettings = NonNullable<Env["alerts"]["smtp"]>;

// One pooled transport per SMTP configuration and process.
const transports = new Map<string, Transporter>();

/**
 * Sends one alert e-mail over SMTP_* (nodemailer). `starttls` refuses a server that does not offer
 * TLS; `none` is for a relay on the same host or network. The X-Malipo-Alert-* headers let mail
 * rules (and tests) sort alerts without reading the body. Throws when the server refuses.
 */
export async function sendAlertEmail(smtp: SmtpSettings | null, to: string, message: AlertMessage, headers: Record<string, string>): Promise<void> {
  if (!smtp) throw new Error("SMTP is not configured (SMTP_HOST): e-mail alerts cannot be sent");
  await transportFor(smtp).sendMail({ from: smtp.from, to, subject: message.subject, text: message.text, headers });
}

function transportFor(smtp: SmtpSettings): Transporter {
  const key = JSON.stringify(smtp);
  let transport = transports.get(key);
  if (!transport) {
    transport = createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.security === "tls",
      requireTLS: smtp.security === "starttls",
      ignoreTLS: smtp.security === "none",
      auth: smtp.user && smtp.password ? { user: smtp.user, pass: smtp.password } : undefined,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
    transports.set(key, transport);
  }
  return transport;
}
