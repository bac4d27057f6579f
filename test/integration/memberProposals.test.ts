/**
 * A group that lets members propose small groups: the stewards' setting, and a member's
 * proposal in a live session that is already open when the setting changes.
 */
import { expect, it } from 'vitest';
import { circleOfFour, joinLive, liveApp, untilRoom } from '../helpers/liveCircle';

const { t, open, base: baseUrl } = await liveApp();

const proposal = {
  type: 'proposeBreakouts',
  mode: 'choose',
  size: 2,
  minutes: 10,
  facilitatorJoins: false,
} as const;

it('lets a member propose and run small groups once a steward allows it, in a session already open', async () => {
  const { ann, ben, cal, dee, groupId, meetingId } = await circleOfFour(t, 'Proposals');
  expect((await ann.get(`/api/groups/${groupId}`)).json().membersProposeSmallGroups).toBe(false);
  const a = await joinLive(baseUrl(), ann, meetingId, open);
  const b = await joinLive(baseUrl(), ben, meetingId, open);
  const c = await joinLive(baseUrl(), cal, meetingId, open);
  await joinLive(baseUrl(), dee, meetingId, open);
  await untilRoom(a, (r) => r.participants.filter((p) => p.present).length === 4);
  expect((await a.command({ type: 'startPhase', index: 2 })).ok).toBe(true);

  // Not allowed yet: only the facilitator proposes.
  expect(await b.command(proposal)).toMatchObject({ ok: false, refusal: 'not_facilitator' });
  // Only stewards change the setting.
  expect(
    (await ben.patch(`/api/groups/${groupId}`, { membersProposeSmallGroups: true })).statusCode,
  ).toBe(403);
  const changed = await ann.patch(`/api/groups/${groupId}`, { membersProposeSmallGroups: true });
  expect(changed.statusCode, changed.body).toBe(200);
  expect(changed.json().membersProposeSmallGroups).toBe(true);

  // Ben's open socket learns the group's new rule without reconnecting.
  await expect.poll(async () => (await b.command(proposal)).ok, { timeout: 5000 }).toBe(true);
  const forming = await untilRoom(c, (r) => r.breakouts?.status === 'forming');
  expect(forming.breakouts?.proposedBy).toBe(ben.id);
  // Cal may not replace Ben's proposal or start it; Ben starts it.
  expect(await c.command(proposal)).toMatchObject({ ok: false, refusal: 'already_proposed' });
  expect(await c.command({ type: 'startBreakouts' })).toMatchObject({ ok: false });
  expect((await b.command({ type: 'startBreakouts' })).ok).toBe(true);
  const running = await untilRoom(a, (r) => r.breakouts?.status === 'running');
  // Ann (facilitating) stayed out; Ben, Cal and Dee are in the groups.
  expect(running.breakouts?.groups.flatMap((g) => g.members).sort()).toEqual(
    [ben.id, cal.id, dee.id].sort(),
  );
  expect((await b.command({ type: 'endBreakouts' })).ok).toBe(true);
  await untilRoom(a, (r) => r.breakouts === null);
});
