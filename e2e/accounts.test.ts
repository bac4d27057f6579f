/**
 * Accounts in the browser, with Hearth sending mail to a real SMTP server started here:
 * signing up from the mailed link, choosing a new password by mail, and changing one's
 * name, password and address. On a phone and on a desktop.
 */
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningNode, spawnNode } from '../test/helpers/spawnNode';
import { checkPage, DESKTOP, launchBrowser, newPerson, type Watched } from './browser';

let server: RunningNode;
let browser: Browser;
/** Passkeys need a name, not an address: the app is served and opened as localhost. */
let base = '';
const received: { to: string; body: string }[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    let body = '';
    stream.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    stream.on('end', () => {
      received.push({ to: session.envelope.rcptTo[0]?.address ?? '', body });
      callback();
    });
  },
});

beforeAll(async () => {
  const port = await new Promise<number>((resolve) => {
    smtp.listen(0, '127.0.0.1', () => resolve((smtp.server.address() as { port: number }).port));
  });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hearth-e2e-accounts-'));
  const appPort = await freePort();
  base = `http://localhost:${appPort}`;
  [server, browser] = await Promise.all([
    spawnNode({
      PORT: String(appPort),
      PUBLIC_URL: base,
      DATA_DIR: dataDir,
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      MAIL_INTERVAL_SECONDS: '1',
    }),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Undoes quoted-printable soft breaks and escapes, enough to read a link. */
const decoded = (body: string) =>
  body
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

/** The newest link to `page` mailed to the address, as a path on this server. */
async function mailedLink(to: string, page: string, after = 0): Promise<string> {
  const pattern = new RegExp(`https?://[^/\\s]+(/${page}/[A-Za-z0-9_-]{43})`);
  let found: string | undefined;
  await expect
    .poll(
      () => {
        const mail = received
          .slice(after)
          .filter((m) => m.to === to)
          .map((m) => pattern.exec(decoded(m.body))?.[1])
          .filter(Boolean);
        found = mail.at(-1);
        return found;
      },
      { timeout: 15_000 },
    )
    .toBeTruthy();
  return `${base}${found}`;
}

async function signUp(person: Watched, email: string, name: string, password: string) {
  const { page } = person;
  await page.goto(`${base}/signup`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Name to show other members').fill(name);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
}

it('signs up from the mailed link, and chooses a new password by mail (phone)', async () => {
  const iris = await newPerson(browser);
  const { page } = iris;
  const email = 'iris@example.org';
  await signUp(iris, email, 'Iris', 'soft rain on the window');
  await page.getByText(`We have sent a mail to ${email}`).waitFor();
  await checkPage(iris, 'signup-check-inbox');

  // Signing in before confirming says what to do, and sends the link again.
  await mailedLink(email, 'verify-email');
  const first = received.length;
  await page.goto(`${base}/signin`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill('soft rain on the window');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByText('Please confirm your email address first').waitFor();

  await page.goto(await mailedLink(email, 'verify-email', first));
  await page.getByRole('heading', { name: 'Confirm your email address' }).waitFor();
  await checkPage(iris, 'verify-email');
  await page.getByRole('button', { name: 'Confirm my email address' }).click();
  await page.getByText('your email address is confirmed').waitFor();
  await page.getByRole('heading', { name: 'My groups' }).waitFor();

  // A link used once does not work again, and says what to do.
  const used = await mailedLink(email, 'verify-email', first);
  await page.goto(used);
  await page.getByRole('button', { name: 'Confirm my email address' }).click();
  await page.getByText('This link has expired or has already been used').waitFor();

  // Signed out, she has forgotten her password.
  await page.goto(`${base}/account`);
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.getByRole('heading', { name: 'Peer support, well run' }).waitFor();
  await page.goto(`${base}/signin`);
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
  await checkPage(iris, 'forgot-password');
  const before = received.length;
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Send me a link' }).click();
  await page.getByText(`If ${email} has an account here`).waitFor();
  await checkPage(iris, 'forgot-password-sent');

  await page.goto(await mailedLink(email, 'reset-password', before));
  await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
  // Too short is caught before sending, without losing anything.
  await page.getByLabel('New password', { exact: true }).fill('short');
  await page.getByRole('button', { name: 'Save my new password' }).click();
  await page.getByRole('alert').waitFor();
  await checkPage(iris, 'reset-password-errors');
  await page.getByLabel('New password', { exact: true }).fill('a lighthouse at dusk');
  await page.getByRole('button', { name: 'Save my new password' }).click();
  await page.getByText('Your new password is saved').waitFor();
  await checkPage(iris, 'reset-password-done');
  // The mail that says so arrived too.
  await expect
    .poll(
      () => received.some((m) => m.to === email && /password was changed/.test(decoded(m.body))),
      { timeout: 15_000 },
    )
    .toBe(true);
});

it('changes name, password and address on the account page (desktop)', async () => {
  const jun = await newPerson(browser, DESKTOP);
  const { page } = jun;
  const email = 'jun@example.org';
  await signUp(jun, email, 'Jun', 'maple leaves in autumn');
  await page.goto(await mailedLink(email, 'verify-email'));
  await page.getByRole('button', { name: 'Confirm my email address' }).click();
  await page.getByRole('heading', { name: 'My groups' }).waitFor();

  await page.goto(`${base}/account`);
  await page.getByRole('heading', { name: 'About you' }).waitFor();
  await checkPage(jun, 'account-details');

  await page.getByText('Change your name').click();
  await page.getByLabel('Name to show other members').fill('Jun H');
  await page.getByRole('button', { name: 'Save name' }).click();
  await page.getByText('Other members now see your new name').waitFor();

  await page.getByText('Change your password').click();
  await page.locator('#currentPassword').fill('wrong guess here');
  await page.getByLabel('New password', { exact: true }).fill('winter light on snow');
  await page.getByRole('button', { name: 'Save new password' }).click();
  await page.getByText('That is not your current password').first().waitFor();
  await checkPage(jun, 'account-password-wrong');
  await page.locator('#currentPassword').fill('maple leaves in autumn');
  await page.getByRole('button', { name: 'Save new password' }).click();
  await page.getByText('Your new password is saved. Other devices').waitFor();

  const before = received.length;
  await page.getByText('Change your email address').click();
  await page.getByLabel('New email address').fill('jun.new@example.org');
  await page.locator('#emailPassword').fill('winter light on snow');
  await page.getByRole('button', { name: 'Send the link' }).click();
  await page.getByText('We have sent a link to jun.new@example.org').waitFor();
  // The old address is told, without the new one in full.
  const notice = () =>
    received
      .slice(before)
      .find((m) => m.to === email && decoded(m.body).includes('is being changed'));
  await expect.poll(() => notice() !== undefined, { timeout: 15_000 }).toBe(true);
  expect(decoded(notice()?.body ?? '')).not.toContain('jun.new@');

  await page.goto(await mailedLink('jun.new@example.org', 'confirm-email', before));
  await checkPage(jun, 'confirm-new-email');
  await page.getByRole('button', { name: 'Use this address' }).click();
  await page.getByText('Your account now uses jun.new@example.org').waitFor();
  await page.getByRole('link', { name: 'Back to your account' }).click();
  await page.getByText('jun.new@example.org').first().waitFor();
  // The new name shows once the account page has loaded again.
  await page.getByText('Jun H').first().waitFor();
});

it('closes an account and opens it again by signing in (phone)', async () => {
  const kai = await newPerson(browser);
  const { page } = kai;
  const email = 'kai@example.org';
  await signUp(kai, email, 'Kai', 'quiet harbour at noon');
  await page.goto(await mailedLink(email, 'verify-email'));
  await page.getByRole('button', { name: 'Confirm my email address' }).click();
  await page.getByRole('heading', { name: 'My groups' }).waitFor();

  await page.goto(`${base}/account`);
  await page.getByText('What closing your account means').click();
  await page.getByText('After 14 days').waitFor();
  await checkPage(kai, 'account-close');
  await page.locator('#closePassword').fill('quiet harbour at noon');
  await page.getByRole('button', { name: 'Close my account' }).click();
  await page.getByText('Your account is closed').waitFor();
  await checkPage(kai, 'account-closed');

  await page.goto(`${base}/signin`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill('quiet harbour at noon');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByText('Welcome back: your account is open again').waitFor();
  await checkPage(kai, 'account-reopened');
});

it('signs up and in with a passkey, and adds and removes passkeys (desktop)', async () => {
  const lin = await newPerson(browser, DESKTOP);
  const { page, context } = lin;
  // Chromium's virtual authenticator: a platform passkey that always says yes.
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const authenticator = {
    options: {
      protocol: 'ctap2' as const,
      transport: 'internal' as const,
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  };
  const { authenticatorId: phone } = await cdp.send(
    'WebAuthn.addVirtualAuthenticator',
    authenticator,
  );

  const email = 'lin@example.org';
  await page.goto(`${base}/signup`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Name to show other members').fill('Lin');
  await page.getByLabel('Use a passkey instead of a password').check();
  await expect(page.getByLabel('Password', { exact: true }).count()).resolves.toBe(0);
  await checkPage(lin, 'signup-passkey');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
  await page.goto(await mailedLink(email, 'verify-email'));
  await page.getByRole('button', { name: 'Confirm my email address' }).click();
  await page.getByRole('heading', { name: 'My groups' }).waitFor();

  await page.goto(`${base}/account`);
  await page.getByRole('heading', { name: 'Passkeys' }).waitFor();
  await page.getByText('Set a password').waitFor();
  await checkPage(lin, 'account-passkeys');

  // Signed out, she signs in with the passkey alone.
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.getByRole('heading', { name: 'Peer support, well run' }).waitFor();
  await page.goto(`${base}/signin`);
  await checkPage(lin, 'signin-passkey');
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await page.getByRole('heading', { name: 'My groups' }).waitFor();

  // The same device cannot hold two passkeys for her; a second device can.
  await page.goto(`${base}/account`);
  await page.getByRole('button', { name: 'Add a passkey' }).click();
  await page.getByText('This device already has a passkey').waitFor();
  await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: phone });
  await cdp.send('WebAuthn.addVirtualAuthenticator', authenticator);
  await page.getByLabel('Name for a new passkey (optional)').fill('Laptop');
  await page.getByRole('button', { name: 'Add a passkey' }).click();
  await page.getByText('Your passkey is added').waitFor();
  await page.getByText('Laptop', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'Remove' }).last().click();
  await page.getByRole('button', { name: 'Yes, remove it' }).click();
  await page.getByText('The passkey is removed.').waitFor();
  await expect(page.getByText('Laptop', { exact: true }).count()).resolves.toBe(0);
});
