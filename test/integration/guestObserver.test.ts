/**
 * A focus group's observer from outside the group, invited to one meeting only: the invitation,
 * what they can see (that meeting, its session as a silent observer, their own notes) and what
 * they cannot (the group's members, its space, its other meetings and sessions).
 */
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { circleOfFour, joinLive, liveApp, untilRoom } from '../helpers/liveCircle';
import { connectLive } from '../helpers/liveClient';
import { oneOnlineMeeting } from '../helpers/oneMeeting';

const { t, open, base: baseUrl } = await liveApp();

it('lets an observer invited to one meeting observe that session, and see nothing else of the group', async () => {
  const { ann, ben, cal, groupId, meetingId } = await circleOfFour(t, 'Focus');
  const later = (
    await ann.post(`/api/groups/${groupId}/meetings`, oneOnlineMeeting(3 * 86_400_000))
  ).json();
  const otherMeeting = later.upcoming.find((m: { id: string }) => m.id !== meetingId).id as string;

  // Only an observer is invited to one meeting, and only to one of this group's.
  const asMember = await ann.post(`/api/groups/${groupId}/invites`, { meetingId });
  expect(asMember.statusCode).toBe(400);
  expect(asMember.json().error.fields.meetingId.code).toBe('meeting_observer_only');
  const elsewhere = await circleOfFour(t, 'Elsewhere');
  const wrong = await ann.post(`/api/groups/${groupId}/invites`, {
    role: 'observer',
    meetingId: elsewhere.meetingId,
  });
  expect(wrong.json().error.fields.meetingId.code).toBe('meeting_not_in_group');
  expect(
    (await ben.post(`/api/groups/${groupId}/invites`, { role: 'observer', meetingId })).statusCode,
  ).toBe(403);
  const made = await ann.post(`/api/groups/${groupId}/invites`, { role: 'observer', meetingId });
  expect(made.statusCode, made.body).toBe(201);
  expect(made.json()).toMatchObject({ role: 'observer', meetingId, maxUses: 1 });
  const { token } = made.json();

  // Before accepting, the guest cannot reach the meeting; the invitation says what it is for.
  const olu = await t.signUp('Olu Researcher');
  expect((await olu.get(`/api/meetings/${meetingId}`)).statusCode).toBe(404);
  const preview = (await olu.get(`/api/invites/${token}`)).json();
  expect(preview).toMatchObject({ role: 'observer', meeting: { id: meetingId } });
  const accepted = await olu.post(`/api/invites/${token}/accept`, { confirm: true });
  expect(accepted.statusCode, accepted.body).toBe(200);
  expect(accepted.json().members).toBeNull();
  // The link was for one person.
  const another = await t.signUp('Someone Else');
  expect((await another.post(`/api/invites/${token}/accept`, { confirm: true })).statusCode).toBe(
    410,
  );

  // That meeting, and nothing else: not a member, no space, not the other meeting.
  expect((await olu.get(`/api/meetings/${meetingId}`)).statusCode).toBe(200);
  expect((await olu.get(`/api/meetings/${otherMeeting}`)).statusCode).toBe(404);
  // The invite-only group itself stays hidden from them.
  expect((await olu.get(`/api/groups/${groupId}`)).statusCode).toBe(404);
  expect((await olu.get(`/api/groups/${groupId}/space`)).statusCode).toBeGreaterThanOrEqual(403);
  expect((await olu.get(`/api/groups/${groupId}/meetings`)).statusCode).toBeGreaterThanOrEqual(403);
  await expect(connectLive(baseUrl(), otherMeeting, olu.cookie)).rejects.toMatchObject({
    status: 404,
  });
  // Nor the members' record of how the session went.
  expect((await olu.get(`/api/meetings/${meetingId}/speaking`)).statusCode).toBe(403);

  // In the session: a silent observer, the session's observer, seen by everyone.
  const a = await joinLive(baseUrl(), ann, meetingId, open);
  await joinLive(baseUrl(), ben, meetingId, open);
  const c = await joinLive(baseUrl(), cal, meetingId, open);
  const o = await joinLive(baseUrl(), olu, meetingId, open);
  const seen = await untilRoom(c, (r) => r.participants.some((p) => p.userId === olu.id));
  expect(seen.participants.find((p) => p.userId === olu.id)).toMatchObject({
    observer: true,
    present: true,
  });
  expect(seen.observerId).toBe(olu.id);
  // The check-in round has no turn for the observer.
  expect((await a.command({ type: 'startPhase', index: 0 })).ok).toBe(true);
  const round = await untilRoom(c, (r) => r.status === 'running');
  expect(round.order).not.toContain(olu.id);
  expect(await o.command({ type: 'hand', raised: true })).toMatchObject({ ok: true });

  // Their notes: kept, read by them and the facilitator, nobody else.
  const noteId = randomUUID();
  const put = await olu.put(`/api/meetings/${meetingId}/notes/${noteId}`, {
    code: 'Interaction',
    text: 'Ben and Cal nod at each other.',
    partId: null,
    people: [ben.id, cal.id],
    startsAt: Date.now(),
    endsAt: null,
    span: false,
  });
  expect(put.statusCode, put.body).toBe(200);
  const mine = (await olu.get(`/api/meetings/${meetingId}/notes`)).json();
  expect(mine.notes).toHaveLength(1);
  expect(mine.codes.length).toBeGreaterThan(0);
  expect((await ben.get(`/api/meetings/${meetingId}/notes`)).statusCode).toBe(403);
  const facilitator = a.room()?.facilitatorId;
  const reader = [ann, ben, cal].find((p) => p.id === facilitator);
  if (reader) {
    expect((await reader.get(`/api/meetings/${meetingId}/notes`)).json().notes).toHaveLength(1);
  }
});
