/**
 * Where mail goes: an SMTP server from SMTP_URL (nodemailer), or nowhere, in which case
 * the outbox keeps it for the administrator to see.
 */
import type { Transporter } from 'nodemailer';
import type { Config } from '../config';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

export interface MailTransport {
  kind: 'smtp' | 'none';
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** An error the server gave that will not change on a retry (an SMTP 5xx reply). */
export function isPermanentFailure(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

export function createMailTransport(
  config: Pick<Config['mail'], 'smtpUrl' | 'from'>,
): MailTransport {
  if (!config.smtpUrl) {
    return {
      kind: 'none',
      send: () => Promise.reject(new Error('No SMTP_URL is set.')),
      close: () => {},
    };
  }
  const { smtpUrl, from } = config;
  // nodemailer is loaded with the first mail, not at start.
  let transporter: Promise<Transporter> | undefined;
  return {
    kind: 'smtp',
    async send(mail) {
      transporter ??= import('nodemailer').then(
        ({ default: nodemailer }) => nodemailer.createTransport(smtpUrl, { from }),
        (error: unknown) => {
          transporter = undefined;
          throw error;
        },
      );
      await (await transporter).sendMail({ from, ...mail });
    },
    close: () => void transporter?.then((t) => t.close()),
  };
}
