// Mail for the product: queue a message inside the transaction of the change that sends it;
// the mail worker (worker.ts) sends it afterwards through SMTP (SMTP_URL), or logs it and
// keeps it for the Sent mail page when no SMTP server is configured.
export { queueMail, type QueuedMail } from "@/lib/dal/mail";
export { renderMail, type MailContent } from "./render";
