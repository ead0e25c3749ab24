/**
 * A real SMTP server for tests (smtp-server on a free port, mailparser to read what arrived).
 * It can be stopped and started again on the same port, reject recipients with a code, and run
 * a hook after a message arrived but before it is accepted (for crash tests).
 */
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

type ReceivedMail = { parsed: ParsedMail; raw: Buffer; envelopeTo: string[] };

export type TestSmtpServer = {
  port: number;
  /** smtp://127.0.0.1:<port> (smtps:// when secure) */
  url: string;
  received: ReceivedMail[];
  /** Resolves once at least `count` mails arrived. */
  waitForMail: (count?: number, timeoutMs?: number) => Promise<ReceivedMail[]>;
  stop: () => Promise<void>;
  /** Listen again on the same port after stop(). */
  start: () => Promise<void>;
};

export type TestSmtpOptions = {
  /** Implicit TLS (smtps://) with smtp-server's built-in self-signed certificate. */
  secure?: boolean;
  /** Return an SMTP code (e.g. 550) to refuse a recipient. */
  rejectRecipient?: (address: string) => number | undefined;
  /** Runs after a message has fully arrived and before the server says 250. */
  beforeAccept?: (mail: ReceivedMail) => Promise<void> | void;
  /** Runs synchronously right after the server said 250 for message number `index` (0-based). */
  afterAccept?: (mail: ReceivedMail, index: number) => void;
};

export async function startTestSmtpServer(options: TestSmtpOptions = {}): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  let server: SMTPServer;
  let port = 0;

  const create = () =>
    new SMTPServer({
      secure: options.secure ?? false,
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(address, _session, callback) {
        const code = options.rejectRecipient?.(address.address);
        if (code) {
          const error = new Error(`${code} mailbox unavailable`) as Error & { responseCode: number };
          error.responseCode = code;
          return callback(error);
        }
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          simpleParser(raw)
            .then(async (parsed) => {
              const mail = { parsed, raw, envelopeTo: session.envelope.rcptTo.map((r) => r.address) };
              await options.beforeAccept?.(mail);
              received.push(mail);
              callback();
              options.afterAccept?.(mail, received.length - 1);
              for (const wake of waiters) wake();
            })
            .catch((error: Error) => callback(error));
        });
      },
    });

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = create();
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        port = (server.server.address() as AddressInfo).port;
        resolve();
      });
    });
  await listen();

  return {
    get port() {
      return port;
    },
    get url() {
      return `${options.secure ? 'smtps' : 'smtp'}://127.0.0.1:${port}`;
    },
    received,
    waitForMail: (count = 1, timeoutMs = 15_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (received.length >= count) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(received);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} mail(s), got ${received.length} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    start: listen,
  };
}
