// A real SMTP server on loopback for the end-to-end tests (the `smtp-server` package): the app
// sends its mail here through nodemailer exactly as it would to a company relay, and the specs
// read what arrived over a small HTTP endpoint. Nothing inside the app is faked.
import { createServer } from "node:http";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

const smtpPort = Number(process.env.SMTP_PORT ?? 3133);
const httpPort = Number(process.env.MAILBOX_PORT ?? 3134);
const received = [];

const smtp = new SMTPServer({
  // Loopback only, no TLS or login: the app connects with a plain smtp:// URL.
  disabledCommands: ["STARTTLS", "AUTH"],
  authOptional: true,
  logger: false,
  size: 1024 * 1024,
  onData(stream, session, callback) {
    simpleParser(stream)
      .then((mail) => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
          subject: mail.subject ?? "",
          text: mail.text ?? "",
          html: typeof mail.html === "string" ? mail.html : "",
          receivedAt: new Date().toISOString(),
        });
        callback();
      })
      .catch((error) => callback(error));
  },
});
smtp.listen(smtpPort, "127.0.0.1", () => console.log(`test SMTP receiver at smtp://127.0.0.1:${smtpPort}`));

const http = createServer((req, res) => {
  const url = new URL(req.url ?? "/", `http://127.0.0.1:${httpPort}`);
  if (url.pathname === "/health") return res.end("ok");
  if (url.pathname === "/messages") {
    const to = url.searchParams.get("to")?.toLowerCase();
    res.writeHead(200, { "content-type": "application/json" });
    return res.end(JSON.stringify(to ? received.filter((m) => m.to.includes(to)) : received));
  }
  res.writeHead(404);
  res.end();
});
http.listen(httpPort, "127.0.0.1");

for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => smtp.close(() => http.close(() => process.exit(0))));
