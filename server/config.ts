/**
 * The only reader of process.env. Every setting has a default or a clear start-up error
 * naming the variable; see the configuration table in README.md.
 */
import path from 'node:path';
import { z } from 'zod';

const positiveInt = z.coerce.number().int().positive();

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// (leave it unset to use SQLite)')
    .optional(),
  DATABASE_POOL_SIZE: positiveInt.default(10),
  DATABASE_CONNECT_TIMEOUT_SECONDS: positiveInt.default(10),
  LIVE_GRACE_SECONDS: positiveInt.default(60),
  LIVE_SAVE_EVERY: positiveInt.optional(),
  PUBLIC_URL: z
    .url({ error: 'must be a full address such as https://hearth.example.org' })
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ADMIN_EMAILS: z.string().default(''),
  TRUST_PROXY: z
    .string()
    .transform((value, ctx): false | string[] => {
      const v = value.trim().toLowerCase();
      if (['false', 'no', '0'].includes(v)) return false;
      if (['true', 'yes', '1'].includes(v) || /^\d+$/.test(v)) {
        ctx.addIssue({
          code: 'custom',
          message:
            'must list the addresses of the proxies in front of Hearth (e.g. 127.0.0.1 for nginx on this machine, or 10.0.0.0/8): trusting every hop, or a count of hops, lets anyone forge their address with X-Forwarded-For',
        });
        return z.NEVER;
      }
      const list = v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const address = /^(loopback|linklocal|uniquelocal|[0-9a-f.:]+(\/\d{1,3})?)$/;
      if (list.length === 0 || !list.every((s) => address.test(s))) {
        ctx.addIssue({
          code: 'custom',
          message:
            'must be false or a comma-separated list of proxy addresses (e.g. 127.0.0.1 or 10.0.0.0/8)',
        });
        return z.NEVER;
      }
      return list;
    })
    .default(false),
  SESSION_IDLE_HOURS: positiveInt.default(24 * 7),
  SESSION_ABSOLUTE_DAYS: positiveInt.default(30),
  RATE_LIMIT_LOGIN_PER_IP: positiveInt.default(100),
  RATE_LIMIT_LOGIN_PER_ACCOUNT: positiveInt.default(10),
  RATE_LIMIT_SIGNUP_PER_IP: positiveInt.default(50),
  RATE_LIMIT_WINDOW_MINUTES: positiveInt.default(15),
  WEB_DIST_DIR: z.string().min(1).default('./dist/web'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps:// (leave it unset to keep mail)')
    .optional(),
  MAIL_FROM: z.string().min(3).optional(),
  MAIL_INTERVAL_SECONDS: positiveInt.default(5),
  /** STUN servers for calls (comma-separated stun: addresses); none by default. */
  STUN_URLS: z
    .string()
    .transform((v, ctx) => urlList(v, /^stuns?:[^\s,]+$/, 'stun:', ctx))
    .optional(),
  /** TURN servers for calls (turn: or turns: addresses), run with coturn's use-auth-secret. */
  TURN_URLS: z
    .string()
    .transform((v, ctx) => urlList(v, /^turns?:[^\s,]+$/, 'turn: or turns:', ctx))
    .optional(),
  /** coturn's static-auth-secret: Hearth mints short-lived credentials from it. */
  TURN_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  TURN_CREDENTIAL_HOURS: positiveInt.max(48).default(6),
});

function urlList(value: string, shape: RegExp, scheme: string, ctx: z.RefinementCtx): string[] {
  const list = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!list.every((s) => shape.test(s))) {
    ctx.addIssue({
      code: 'custom',
      message: `must be a comma-separated list of ${scheme} addresses`,
    });
    return z.NEVER;
  }
  return list;
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** `postgres` when DATABASE_URL is set, otherwise the embedded SQLite file in DATA_DIR. */
  database:
    | { kind: 'sqlite'; file: string }
    | { kind: 'postgres'; url: string; poolSize: number; connectTimeoutMs: number };
  /** The address people use to reach Hearth, without a trailing slash. */
  publicUrl: string;
  secureCookies: boolean;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  adminEmails: ReadonlySet<string>;
  /** Which proxies' X-Forwarded-For to believe: none, or those at these addresses. */
  trustProxy: false | string[];
  session: { idleMs: number; absoluteMs: number };
  rateLimits: {
    windowMs: number;
    loginPerIp: number;
    loginPerAccount: number;
    signupPerIp: number;
  };
  webDistDir: string;
  /** Outgoing mail: without an SMTP URL, mail is kept in the outbox for the administrator. */
  mail: { smtpUrl: string | null; from: string; intervalMs: number };
  argon2: { memoryCost: number; timeCost: number; parallelism: number };
  live: {
    /** How long a person who drops out of a live session keeps their place. */
    graceMs: number;
    /**
     * A live room is saved whole at least every this many changes; between, its command log
     * carries it (decision 022). 1 saves every change.
     */
    saveEvery: number;
  };
  /** Calls: STUN, and TURN with the secret its credentials are minted from (both optional). */
  call: { stunUrls: string[]; turnUrls: string[]; turnSecret: string | null; credentialMs: number };
}

/** How often a live room is saved whole on SQLite, by default (docs/PERFORMANCE.md). */
const LIVE_SAVE_EVERY_SQLITE = 32;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment into a Config, or throws a ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => key in schema.shape && value !== ''),
  );
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Hearth cannot start: some settings are not valid.\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if ((e.TURN_URLS === undefined) !== (e.TURN_SECRET === undefined)) {
    throw new ConfigError(
      'Hearth cannot start: some settings are not valid.\n  TURN_URLS and TURN_SECRET: set both (coturn with use-auth-secret), or neither.',
    );
  }
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database: e.DATABASE_URL
      ? {
          kind: 'postgres',
          url: e.DATABASE_URL,
          poolSize: e.DATABASE_POOL_SIZE,
          connectTimeoutMs: e.DATABASE_CONNECT_TIMEOUT_SECONDS * 1000,
        }
      : { kind: 'sqlite', file: path.join(dataDir, 'hearth.sqlite') },
    publicUrl,
    secureCookies: publicUrl.startsWith('https://'),
    logLevel: e.LOG_LEVEL,
    adminEmails: new Set(
      e.ADMIN_EMAILS.split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
    ),
    trustProxy: e.TRUST_PROXY,
    session: {
      idleMs: e.SESSION_IDLE_HOURS * 3_600_000,
      absoluteMs: e.SESSION_ABSOLUTE_DAYS * 86_400_000,
    },
    rateLimits: {
      windowMs: e.RATE_LIMIT_WINDOW_MINUTES * 60_000,
      loginPerIp: e.RATE_LIMIT_LOGIN_PER_IP,
      loginPerAccount: e.RATE_LIMIT_LOGIN_PER_ACCOUNT,
      signupPerIp: e.RATE_LIMIT_SIGNUP_PER_IP,
    },
    webDistDir: path.resolve(e.WEB_DIST_DIR),
    mail: {
      smtpUrl: e.SMTP_URL ?? null,
      from: e.MAIL_FROM ?? `Hearth <hearth@${new URL(publicUrl).hostname}>`,
      intervalMs: e.MAIL_INTERVAL_SECONDS * 1000,
    },
    // OWASP's argon2id recommendation: 19 MiB, two passes, one lane.
    argon2: { memoryCost: 19456, timeCost: 2, parallelism: 1 },
    live: {
      graceMs: e.LIVE_GRACE_SECONDS * 1000,
      // One node on SQLite holds its rooms and reads them back only after a restart; on
      // PostgreSQL every node reads each new version, so each is saved whole.
      saveEvery: e.LIVE_SAVE_EVERY ?? (e.DATABASE_URL ? 1 : LIVE_SAVE_EVERY_SQLITE),
    },
    call: {
      stunUrls: e.STUN_URLS ?? [],
      turnUrls: e.TURN_URLS ?? [],
      turnSecret: e.TURN_SECRET ?? null,
      credentialMs: e.TURN_CREDENTIAL_HOURS * 3_600_000,
    },
  };
}
