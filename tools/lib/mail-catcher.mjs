// For the single-machine start only: a local SMTP server that keeps every e-mail the platform
// sends as an .eml file and prints its subject and links, so invitations and password resets
// can be followed without a mail server.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

export async function startMailCatcher({ directory, port, log }) {
  mkdirSync(directory, { recursive: true });
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks = [];
      stream.on('data', (chunk) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        count += 1;
        const file = join(directory, `${new Date().toISOString().replace(/[:.]/g, '-')}-${count}.eml`);
        writeFileSync(file, raw);
        const unfolded = raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
        const subject = /^Subject: (.*)$/m.exec(raw)?.[1] ?? '(no subject)';
        const links = [...new Set(unfolded.match(/https?:\/\/[^\s"<>]+/g) ?? [])];
        log(
          `Mail to ${session.envelope.rcptTo.map((r) => r.address).join(', ')}: ${subject}${links.length ? `\n    ${links.join('\n    ')}` : ''}`,
        );
        callback();
      });
    },
  });
  await new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', done);
  });
  return { url: `smtp://127.0.0.1:${port}?ignoreTLS=true`, stop: () => new Promise((done) => server.close(done)) };
}
