import { expect } from "@playwright/test";

// Reads the loopback SMTP receiver (e2e/smtp-receiver.mjs) the app really sends to.
const port = Number(process.env.E2E_PORT ?? 3100);
export const smtpPort = port + 3;
export const mailboxPort = port + 4;

export type ReceivedMail = { to: string[]; from: string | null; subject: string; text: string; html: string; receivedAt: string };

export async function mailTo(address: string): Promise<ReceivedMail[]> {
  const response = await fetch(`http://127.0.0.1:${mailboxPort}/messages?to=${encodeURIComponent(address)}`);
  return (await response.json()) as ReceivedMail[];
}

// Waits for the count-th message to this address and returns the link in it that goes to `path`.
export async function waitForLink(address: string, path: string, count = 1): Promise<{ mail: ReceivedMail; link: string }> {
  let found: ReceivedMail | undefined;
  await expect
    .poll(async () => {
      const mails = (await mailTo(address)).filter((m) => m.text.includes(path));
      found = mails[count - 1];
      return mails.length;
    }, { timeout: 20_000, message: `mail to ${address} with a ${path} link` })
    .toBeGreaterThanOrEqual(count);
  const link = found!.text.match(new RegExp(`https?://\\S+${path.replace(/\//g, "\\/")}\\?token=[A-Za-z0-9_-]+`))?.[0];
  expect(link, "the mail carries the link").toBeTruthy();
  return { mail: found!, link: link! };
}
