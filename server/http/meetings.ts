import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { groupParams } from '../../core/protocol/api';
import {
  attendanceBody,
  calendarFeedStatus,
  cancelMeetingBody,
  changeMeetingBody,
  changeRoleBody,
  commitmentView,
  emailPreferences,
  emailPreferencesView,
  feedParams,
  groupRoleParams,
  mailParams,
  meetingDetail,
  meetingParams,
  meetingSettingsBody,
  mySchedule,
  notReadyBody,
  outboxList,
  roleBody,
  rsvpBody,
  scheduleBody,
  scheduleOverview,
  swapBody,
  swapParams,
} from '../../core/protocol/meetings';
import type { Deps } from '../services/deps';
import { listMail, retryMail } from '../services/mail/outboxAdmin';
import {
  getEmailPreferencesByToken,
  getMyEmailPreferences,
  setEmailPreferencesByToken,
  setMyEmailPreferences,
} from '../services/mail/preferences';
import {
  feedIcs,
  getFeedStatus,
  meetingIcs,
  resetFeed,
  stopFeed,
} from '../services/meetings/calendar';
import { getCommitment, getMySchedule } from '../services/meetings/commitment';
import {
  cancelMeeting,
  changeMeeting,
  getMeeting,
  recordAttendance,
  respondToMeeting,
} from '../services/meetings/meeting';
import { addRole, planAgain, setNotReady, setRoleInRota } from '../services/meetings/roles';
import { createSchedule, getSchedule, updateMeetingSettings } from '../services/meetings/schedule';
import { answerSwap, requestSwap } from '../services/meetings/swaps';
import { errorResponses } from './errorResponses';
import { requireViewer } from './viewer';

const ICS = 'text/calendar; charset=utf-8';

/** Meetings: schedules, roles and the rota, swaps, RSVPs, attendance, calendars, mail. */
export function meetingRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['meetings'];
    const errors = errorResponses(400, 401, 403, 404, 409, 415);

    app.get(
      '/api/groups/:id/meetings',
      {
        schema: {
          tags,
          summary: 'The group’s schedule: upcoming and recent meetings, roles and the rota',
          params: groupParams,
          response: { 200: scheduleOverview, ...errors },
        },
      },
      async (request) => getSchedule(deps, requireViewer(request), request.params.id),
    );

    app.post(
      '/api/groups/:id/meetings',
      {
        schema: {
          tags,
          summary: 'Plan one meeting or a recurring series (RFC 5545 rule, count or end date)',
          params: groupParams,
          body: scheduleBody,
          response: { 201: scheduleOverview, ...errors },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await createSchedule(deps, requireViewer(request), request.params.id, request.body),
          ),
    );

    app.patch(
      '/api/groups/:id/meeting-settings',
      {
        schema: {
          tags,
          summary: 'Time zone, usual length, and how lateness and absence are handled',
          params: groupParams,
          body: meetingSettingsBody,
          response: { 200: scheduleOverview, ...errors },
        },
      },
      async (request) =>
        updateMeetingSettings(deps, requireViewer(request), request.params.id, request.body),
    );

    app.post(
      '/api/groups/:id/roles',
      {
        schema: {
          tags,
          summary: 'Add a role of the group’s own',
          params: groupParams,
          body: roleBody,
          response: { 201: scheduleOverview, ...errors },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await addRole(deps, requireViewer(request), request.params.id, request.body)),
    );

    app.patch(
      '/api/groups/:id/roles/:roleId',
      {
        schema: {
          tags,
          summary: 'Put a role in the rota or leave it out',
          params: groupRoleParams,
          body: changeRoleBody,
          response: { 200: scheduleOverview, ...errors },
        },
      },
      async (request) =>
        setRoleInRota(
          deps,
          requireViewer(request),
          request.params.id,
          request.params.roleId,
          request.body,
        ),
    );

    app.put(
      '/api/groups/:id/roles/not-ready',
      {
        schema: {
          tags,
          summary: 'The roles you are not ready for yet',
          params: groupParams,
          body: notReadyBody,
          response: { 200: scheduleOverview, ...errors },
        },
      },
      async (request) =>
        setNotReady(deps, requireViewer(request), request.params.id, request.body.roleIds),
    );

    app.post(
      '/api/groups/:id/rota/plan',
      {
        schema: {
          tags,
          summary: 'Plan the rota again (roles settled in swaps stay)',
          params: groupParams,
          response: { 200: scheduleOverview, ...errors },
        },
      },
      async (request) => planAgain(deps, requireViewer(request), request.params.id),
    );

    app.get(
      '/api/groups/:id/commitment',
      {
        schema: {
          tags,
          summary: 'Attendance and lateness over the group’s meetings, for members',
          params: groupParams,
          response: { 200: commitmentView, ...errors },
        },
      },
      async (request) => getCommitment(deps, requireViewer(request), request.params.id),
    );

    app.get(
      '/api/meetings/:meetingId',
      {
        schema: {
          tags,
          summary: 'One meeting: when, where, roles, who is coming, attendance',
          params: meetingParams,
          response: { 200: meetingDetail, ...errors },
        },
      },
      async (request) => getMeeting(deps, requireViewer(request), request.params.meetingId),
    );

    app.patch(
      '/api/meetings/:meetingId',
      {
        schema: {
          tags,
          summary: 'Move a meeting, change its length or venue, with a note to members',
          params: meetingParams,
          body: changeMeetingBody,
          response: { 200: meetingDetail, ...errors },
        },
      },
      async (request) =>
        changeMeeting(deps, requireViewer(request), request.params.meetingId, request.body),
    );

    app.post(
      '/api/meetings/:meetingId/cancel',
      {
        schema: {
          tags,
          summary: 'Cancel one meeting, with a note to members',
          params: meetingParams,
          body: cancelMeetingBody,
          response: { 200: meetingDetail, ...errors },
        },
      },
      async (request) =>
        cancelMeeting(deps, requireViewer(request), request.params.meetingId, request.body),
    );

    app.put(
      '/api/meetings/:meetingId/rsvp',
      {
        schema: {
          tags,
          summary: 'Going, maybe or not going, with an optional note',
          params: meetingParams,
          body: rsvpBody,
          response: { 200: meetingDetail, ...errors },
        },
      },
      async (request) =>
        respondToMeeting(deps, requireViewer(request), request.params.meetingId, request.body),
    );

    app.put(
      '/api/meetings/:meetingId/attendance',
      {
        schema: {
          tags,
          summary: 'Record who came and when they arrived',
          params: meetingParams,
          body: attendanceBody,
          response: { 200: meetingDetail, ...errors },
        },
      },
      async (request) =>
        recordAttendance(deps, requireViewer(request), request.params.meetingId, request.body),
    );

    app.post(
      '/api/meetings/:meetingId/swaps',
      {
        schema: {
          tags,
          summary: 'Ask another member to take one of your roles',
          params: meetingParams,
          body: swapBody,
          response: { 201: meetingDetail, ...errors },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await requestSwap(deps, requireViewer(request), request.params.meetingId, request.body),
          ),
    );

    for (const answer of ['accept', 'decline', 'cancel'] as const) {
      app.post(
        `/api/swaps/:swapId/${answer}`,
        {
          schema: {
            tags,
            summary:
              answer === 'cancel'
                ? 'Withdraw your swap request'
                : `${answer === 'accept' ? 'Accept' : 'Decline'} a swap you were asked`,
            params: swapParams,
            response: { 200: meetingDetail, ...errors },
          },
        },
        async (request) => answerSwap(deps, requireViewer(request), request.params.swapId, answer),
      );
    }

    app.get(
      '/api/meetings/:meetingId/ics',
      {
        schema: {
          tags,
          summary: 'One meeting as an iCalendar file',
          params: meetingParams,
          produces: ['text/calendar'],
        },
      },
      async (request, reply) => {
        const body = await meetingIcs(deps, requireViewer(request), request.params.meetingId);
        return reply
          .type(ICS)
          .header('content-disposition', 'attachment; filename="meeting.ics"')
          .send(body);
      },
    );

    app.get(
      '/api/me/schedule',
      {
        schema: {
          tags,
          summary: 'Your next meetings across groups with your roles, and swaps awaiting you',
          response: { 200: mySchedule, ...errors },
        },
      },
      async (request) => getMySchedule(deps, requireViewer(request)),
    );

    app.get(
      '/api/me/calendar',
      {
        schema: {
          tags,
          summary: 'Whether your calendar feed is on',
          response: { 200: calendarFeedStatus, ...errors },
        },
      },
      async (request) => getFeedStatus(deps, requireViewer(request)),
    );

    app.post(
      '/api/me/calendar',
      {
        schema: {
          tags,
          summary: 'Make a new secret calendar address (any old one stops working)',
          response: { 200: calendarFeedStatus, ...errors },
        },
      },
      async (request) => resetFeed(deps, requireViewer(request)),
    );

    app.delete(
      '/api/me/calendar',
      {
        schema: {
          tags,
          summary: 'Turn your calendar feed off',
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await stopFeed(deps, requireViewer(request));
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/calendar/:token',
      {
        schema: {
          tags,
          summary:
            'A person’s calendar feed, read with its secret address (the token ends in .ics)',
          params: feedParams,
          produces: ['text/calendar'],
        },
      },
      async (request, reply) => {
        const body = await feedIcs(deps, request.params.token.replace(/\.ics$/, ''));
        return reply.type(ICS).header('cache-control', 'private, max-age=300').send(body);
      },
    );

    app.get(
      '/api/me/email-preferences',
      {
        schema: {
          tags,
          summary: 'Which emails you get',
          response: { 200: emailPreferencesView, ...errors },
        },
      },
      async (request) => getMyEmailPreferences(deps, requireViewer(request)),
    );

    app.put(
      '/api/me/email-preferences',
      {
        schema: {
          tags,
          summary: 'Choose which emails you get',
          body: emailPreferences,
          response: { 200: emailPreferencesView, ...errors },
        },
      },
      async (request) => setMyEmailPreferences(deps, requireViewer(request), request.body),
    );

    app.get(
      '/api/email-preferences/:token',
      {
        schema: {
          tags,
          summary: 'Which emails someone gets, from the link in a mail (no sign-in)',
          params: feedParams,
          response: { 200: emailPreferencesView, ...errors },
        },
      },
      async (request) => getEmailPreferencesByToken(deps, request.params.token),
    );

    app.put(
      '/api/email-preferences/:token',
      {
        schema: {
          tags,
          summary: 'Change which emails someone gets, from the link in a mail (no sign-in)',
          params: feedParams,
          body: emailPreferences,
          response: { 200: emailPreferencesView, ...errors },
        },
      },
      async (request) => setEmailPreferencesByToken(deps, request.params.token, request.body),
    );

    app.get(
      '/api/admin/mail',
      {
        schema: {
          tags: ['admin'],
          summary: 'The outbox: recent mail and what happened to it',
          response: { 200: outboxList, ...errors },
        },
      },
      async (request) => listMail(deps, requireViewer(request), deps.mail),
    );

    app.post(
      '/api/admin/mail/:mailId/retry',
      {
        schema: {
          tags: ['admin'],
          summary: 'Try a kept or failed mail again',
          params: mailParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await retryMail(deps, requireViewer(request), request.params.mailId);
        return reply.code(204).send(null);
      },
    );
  };
}
