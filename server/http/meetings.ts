import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { groupParams } from '../../core/protocol/common';
import {
  attendanceBody,
  cancelMeetingBody,
  changeMeetingBody,
  commitmentView,
  meetingDetail,
  meetingParams,
  meetingSettingsBody,
  mySchedule,
  rsvpBody,
  scheduleBody,
  scheduleOverview,
  swapBody,
  swapParams,
} from '../../core/protocol/meetings';
import { reflectionBody, speakingRecordView } from '../../core/protocol/speaking';
import type { Deps } from '../deps';
import { answerSwap } from '../services/meetings/answerSwap';
import { cancelMeeting } from '../services/meetings/cancelMeeting';
import { changeMeeting } from '../services/meetings/changeMeeting';
import { createSchedule } from '../services/meetings/createSchedule';
import { getCommitment } from '../services/meetings/getCommitment';
import { getMeeting } from '../services/meetings/getMeeting';
import { getMySchedule } from '../services/meetings/getMySchedule';
import { getSchedule } from '../services/meetings/getSchedule';
import { recordAttendance } from '../services/meetings/recordAttendance';
import { requestSwap } from '../services/meetings/requestSwap';
import { respondToMeeting } from '../services/meetings/respondToMeeting';
import {
  getSpeakingRecord,
  putReflection,
  removeReflection,
} from '../services/meetings/speakingRecord';
import { updateMeetingSettings } from '../services/meetings/updateMeetingSettings';
import { errorResponses } from './errorResponses';
import { requireViewer } from './viewer';

/** Meetings: a group's schedule, one meeting, RSVPs, attendance, swaps, commitment. */
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
      async (request) => getSchedule(deps, requireViewer(request), { groupId: request.params.id }),
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
        reply.code(201).send(
          await createSchedule(deps, requireViewer(request), {
            groupId: request.params.id,
            ...request.body,
          }),
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
        updateMeetingSettings(deps, requireViewer(request), {
          groupId: request.params.id,
          ...request.body,
        }),
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
      async (request) =>
        getCommitment(deps, requireViewer(request), { groupId: request.params.id }),
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
      async (request) => getMeeting(deps, requireViewer(request), request.params),
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
        changeMeeting(deps, requireViewer(request), { ...request.params, ...request.body }),
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
        cancelMeeting(deps, requireViewer(request), { ...request.params, ...request.body }),
    );

    app.get(
      '/api/meetings/:meetingId/speaking',
      {
        schema: {
          tags,
          summary:
            'How time was shared at the session: your numbers, the group’s picture, reflections',
          params: meetingParams,
          response: { 200: speakingRecordView, ...errors },
        },
      },
      async (request) =>
        getSpeakingRecord(deps, requireViewer(request), { meetingId: request.params.meetingId }),
    );

    app.put(
      '/api/meetings/:meetingId/reflection',
      {
        schema: {
          tags,
          summary: 'Your check-out reflection on the session (only you, or shared with the group)',
          params: meetingParams,
          body: reflectionBody,
          response: { 200: speakingRecordView, ...errors },
        },
      },
      async (request) =>
        putReflection(deps, requireViewer(request), {
          meetingId: request.params.meetingId,
          body: request.body,
        }),
    );

    app.delete(
      '/api/meetings/:meetingId/reflection',
      {
        schema: {
          tags,
          summary: 'Take back your check-out reflection',
          params: meetingParams,
          response: { 200: speakingRecordView, ...errors },
        },
      },
      async (request) =>
        removeReflection(deps, requireViewer(request), { meetingId: request.params.meetingId }),
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
        respondToMeeting(deps, requireViewer(request), { ...request.params, ...request.body }),
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
        recordAttendance(deps, requireViewer(request), { ...request.params, ...request.body }),
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
            await requestSwap(deps, requireViewer(request), { ...request.params, ...request.body }),
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
        async (request) =>
          answerSwap(deps, requireViewer(request), { swapId: request.params.swapId, answer }),
      );
    }

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
  };
}
