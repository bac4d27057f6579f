/**
 * Sets up, over HTTP against a running Hearth, a group with members and one meeting starting
 * within the hour: what the live tests and the live benchmark need.
 */
import { oneOnlineMeeting } from './oneMeeting';

export interface Seeded {
  meetingId: string;
  groupId: string;
  /** Session cookies, the first is the steward (and the meeting's facilitator). */
  cookies: string[];
  userIds: string[];
}

// biome-ignore lint/suspicious/noExplicitAny: test responses are read field by field
type Json = any;

export async function call(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  cookie?: string,
): Promise<{ status: number; json: Json; cookie: string | undefined }> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      origin: base,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(cookie ? { cookie } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const setCookie = response.headers.get('set-cookie');
  const text = await response.text();
  return {
    status: response.status,
    json: text ? JSON.parse(text) : null,
    cookie: setCookie ? setCookie.split(';')[0] : undefined,
  };
}

let counter = 0;

export async function seedLiveMeeting(base: string, size: number, tag = 'live'): Promise<Seeded> {
  const cookies: string[] = [];
  const userIds: string[] = [];
  const run = `${tag}${Date.now().toString(36)}${counter++}`;
  for (let i = 0; i < size; i++) {
    const signup = await call(base, 'POST', '/api/auth/signup', {
      email: `${run}-${i}@example.org`,
      password: 'a long live session phrase',
      displayName: `Person ${i + 1}`,
    });
    if (signup.status !== 201 || !signup.cookie) throw new Error(`sign-up: ${signup.status}`);
    cookies.push(signup.cookie);
    userIds.push(signup.json.id);
  }
  const [steward, ...others] = cookies as [string, ...string[]];
  const group = await call(
    base,
    'POST',
    '/api/groups',
    { name: `Circle ${run}`, visibility: 'invite_only', sizeCap: Math.max(2, size) },
    steward,
  );
  const invite = await call(base, 'POST', `/api/groups/${group.json.id}/invites`, {}, steward);
  for (const cookie of others) {
    const accepted = await call(
      base,
      'POST',
      `/api/invites/${invite.json.token}/accept`,
      { confirm: true },
      cookie,
    );
    if (accepted.status !== 200) throw new Error(`join: ${accepted.status}`);
  }
  const planned = await call(
    base,
    'POST',
    `/api/groups/${group.json.id}/meetings`,
    oneOnlineMeeting(3_600_000),
    steward,
  );
  if (planned.status !== 201) throw new Error(`meeting: ${planned.status}`);
  // The steward facilitates: the rota may have given the role to someone else.
  const meetingId = planned.json.upcoming[0].id as string;
  return { meetingId, groupId: group.json.id, cookies, userIds };
}
