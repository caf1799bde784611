import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/server/env";
import { log } from "@/lib/server/log";

// One attempt at sending one message: over SMTP when SMTP_URL is set, else written to the
// console (with its link, so a demo or a laptop can follow it) and kept for Sent mail. It
// never throws: the outcome goes to the outbox row.

export type Outgoing = { id: string; to: string; subject: string; text: string; html: string };
export type MailOutcome = { ok: boolean; transport: "smtp" | "console"; error: string | null };

let transporter: { url: string; instance: Transporter } | undefined;

function smtp(url: string): Transporter {
  if (transporter?.url !== url) {
    transporter = { url, instance: nodemailer.createTransport(url, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 }) };
  }
  return transporter.instance;
}

export async function sendMail(message: Outgoing): Promise<MailOutcome> {
  const config = env();
  if (!config.SMTP_URL) {
    log.info("mail.logged", { mailId: message.id, to: message.to, subject: message.subject, text: message.text });
    return { ok: true, transport: "console", error: null };
  }
  try {
    await smtp(config.SMTP_URL).sendMail({ from: config.MAIL_FROM, to: message.to, subject: message.subject, text: message.text, html: message.html });
    log.info("mail.sent", { mailId: message.id });
    return { ok: true, transport: "smtp", error: null };
  } catch (error) {
    const text = error instanceof Error ? `${(error as NodeJS.ErrnoException).code ?? error.name}: ${error.message}` : String(error);
    return { ok: false, transport: "smtp", error: text.slice(0, 300) };
  }
}
