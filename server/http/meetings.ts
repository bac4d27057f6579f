import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
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
import {
  codebookBody,
  codebookView,
  groupNotesBody,
  groupNotesParams,
  groupNotesView,
  noteBody,
  noteParams,
  notesView,
  noteView,
  timelineView,
} from '../../core/protocol/observer';
import { reflectionBody, speakingRecordView } from '../../core/protocol/speaking';
import type { Deps } from '../deps';
import { timelineCsv } from '../export/timelineCsv';
import { answerSwap } from '../services/meetings/answerSwap';
import { cancelMeeting } from '../services/meetings/cancelMeeting';
import { changeMeeting } from '../services/meetings/changeMeeting';
import { createSchedule } from '../services/meetings/createSchedule';
import { getCommitment } from '../services/meetings/getCommitment';
import { getMeeting } from '../services/meetings/getMeeting';
import { getMySchedule } from '../services/meetings/getMySchedule';
import { getSchedule } from '../services/meetings/getSchedule';
import {
  getCodebook,
  getNotes,
  getTimeline,
  putCodebook,
  putNote,
  removeNote,
} from '../services/meetings/observerNotes';
import { recordAttendance } from '../services/meetings/recordAttendance';
import { requestSwap } from '../services/meetings/requestSwap';
import { respondToMeeting } from '../services/meetings/respondToMeeting';
import { getGroupNotes, putGroupNotes } from '../services/meetings/smallGroupNotes';
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

    app.get(
      '/api/groups/:id/codebook',
      {
        schema: {
          tags,
          summary: 'The group’s codebook for observer notes (one key per code)',
          params: groupParams,
          response: { 200: codebookView, ...errors },
        },
      },
      async (request) => getCodebook(deps, requireViewer(request), { groupId: request.params.id }),
    );

    app.put(
      '/api/groups/:id/codebook',
      {
        schema: {
          tags,
          summary: 'Change the group’s codebook (stewards); notes already taken keep their codes',
          params: groupParams,
          body: codebookBody,
          response: { 200: codebookView, ...errors },
        },
      },
      async (request) =>
        putCodebook(deps, requireViewer(request), {
          groupId: request.params.id,
          codes: request.body.codes,
        }),
    );

    app.get(
      '/api/meetings/:meetingId/notes',
      {
        schema: {
          tags,
          summary:
            'The observer’s notes: the observer reads their own, the facilitator all, nobody else any',
          params: meetingParams,
          response: { 200: notesView, ...errors },
        },
      },
      async (request) =>
        getNotes(deps, requireViewer(request), { meetingId: request.params.meetingId }),
    );

    app.put(
      '/api/meetings/:meetingId/notes/:noteId',
      {
        schema: {
          tags,
          summary:
            'Keep one observer note under the id the device chose (the same again is one note)',
          params: noteParams,
          body: noteBody,
          response: { 200: noteView, ...errors },
        },
      },
      async (request) =>
        putNote(deps, requireViewer(request), { ...request.params, body: request.body }),
    );

    app.delete(
      '/api/meetings/:meetingId/notes/:noteId',
      {
        schema: {
          tags,
          summary: 'Take back an observer note (its author only)',
          params: noteParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await removeNote(deps, requireViewer(request), request.params);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/meetings/:meetingId/small-groups/:breakoutsId/:groupId/notes',
      {
        schema: {
          tags,
          summary:
            'A small group’s own notes: for its people, and for everyone if they shared them',
          params: groupNotesParams,
          response: { 200: groupNotesView, ...errors },
        },
      },
      async (request) => getGroupNotes(deps, requireViewer(request), request.params),
    );

    app.put(
      '/api/meetings/:meetingId/small-groups/:breakoutsId/:groupId/notes',
      {
        schema: {
          tags,
          summary: 'Keep a small group’s notes (its people, while it runs)',
          params: groupNotesParams,
          body: groupNotesBody,
          response: { 200: groupNotesView, ...errors },
        },
      },
      async (request) =>
        putGroupNotes(deps, requireViewer(request), { ...request.params, text: request.body.text }),
    );

    app.get(
      '/api/meetings/:meetingId/timeline',
      {
        schema: {
          tags,
          summary:
            'The session as one timeline: parts, turns, hands, who spoke, and notes for those who may read them',
          params: meetingParams,
          response: { 200: timelineView, ...errors },
        },
      },
      async (request) =>
        getTimeline(deps, requireViewer(request), { meetingId: request.params.meetingId }),
    );

    app.get(
      '/api/meetings/:meetingId/timeline/csv',
      {
        schema: {
          tags,
          summary: 'The session’s timeline as a CSV file',
          params: meetingParams,
          response: {
            200: { description: 'A CSV file', content: { 'text/csv': { schema: z.string() } } },
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const timeline = await getTimeline(deps, requireViewer(request), {
          meetingId: request.params.meetingId,
        });
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="session-timeline.csv"')
          .header('cache-control', 'no-store')
          .serializer((payload: unknown) => payload as string)
          .send(timelineCsv(timeline));
      },
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
