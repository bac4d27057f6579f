import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { calendarFeedStatus, feedParams } from '../../core/protocol/calendar';
import { meetingParams } from '../../core/protocol/meetings';
import type { Deps } from '../deps';
import { feedIcs } from '../services/calendar/feedIcs';
import { getFeedStatus } from '../services/calendar/getFeedStatus';
import { meetingIcs } from '../services/calendar/meetingIcs';
import { resetFeed } from '../services/calendar/resetFeed';
import { stopFeed } from '../services/calendar/stopFeed';
import { errorResponses } from './errorResponses';
import { requireViewer } from './viewer';

const ICS = 'text/calendar; charset=utf-8';

/** An iCalendar file (RFC 5545), as the OpenAPI document declares it. */
const calendarFile = {
  description: 'An iCalendar file (RFC 5545)',
  content: { 'text/calendar': { schema: z.string() } },
};

/** Calendars: one meeting as a file, and each person's secret feed. */
export function calendarRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['calendar'];
    const errors = errorResponses(400, 401, 403, 404, 409, 415);

    app.get(
      '/api/meetings/:meetingId/ics',
      {
        schema: {
          tags,
          summary: 'One meeting as an iCalendar file',
          params: meetingParams,
          response: { 200: calendarFile, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        const body = await meetingIcs(deps, requireViewer(request), request.params);
        return reply
          .type(ICS)
          .header('content-disposition', 'attachment; filename="meeting.ics"')
          .send(body);
      },
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
          response: { 200: calendarFile, ...errorResponses(400, 404) },
        },
      },
      async (request, reply) => {
        const body = await feedIcs(deps, { token: request.params.token.replace(/\.ics$/, '') });
        return reply.type(ICS).header('cache-control', 'private, max-age=300').send(body);
      },
    );
  };
}
