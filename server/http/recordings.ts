import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../core/errors';
import { meetingParams } from '../../core/protocol/meetings';
import {
  MAX_SLICE_BYTES,
  myTracksView,
  recordingsView,
  SLICE_TYPES,
  sliceParams,
  sliceResult,
  trackParams,
} from '../../core/protocol/recordings';
import type { Deps } from '../deps';
import { downloadTrack } from '../services/recordings/downloadTrack';
import { eraseTrack } from '../services/recordings/eraseTrack';
import { listMyTracks } from '../services/recordings/listMyTracks';
import { listRecordings } from '../services/recordings/listRecordings';
import { putSlice } from '../services/recordings/putSlice';
import { errorResponses } from './errorResponses';
import { requireViewer } from './viewer';

/** A file name as plain ASCII for old clients, and in full (RFC 5987) for the rest. */
function attachment(fileName: string): string {
  const plain = fileName
    .replace(/[^A-Za-z0-9._ -]+/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
  return `attachment; filename="${plain || 'recording.webm'}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Recordings of a session's call: slices up from each device, tracks down to members. */
export function recordingRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['recordings'];

    app.get(
      '/api/meetings/:meetingId/recordings',
      {
        schema: {
          tags,
          summary: 'The session’s recordings still kept, with a track for each person recorded',
          params: meetingParams,
          response: { 200: recordingsView, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) =>
        listRecordings(deps, requireViewer(request), { meetingId: request.params.meetingId }),
    );

    app.put(
      '/api/meetings/:meetingId/recordings/:recordingId/tracks/:userId/slices/:seq',
      {
        bodyLimit: MAX_SLICE_BYTES,
        schema: {
          tags,
          summary:
            'One slice of your own track, as your device recorded it (WebM); sending it again is safe',
          params: sliceParams,
          consumes: [...SLICE_TYPES],
          response: {
            200: sliceResult,
            ...errorResponses(401, 403, 404, 409, 410, 413, 415),
          },
        },
      },
      async (request) => {
        if (!(request.body instanceof Buffer)) {
          throw new AppError('request.content_type', 'Send the slice as audio/webm.');
        }
        return putSlice(deps, requireViewer(request), { ...request.params, data: request.body });
      },
    );

    app.get(
      '/api/meetings/:meetingId/recordings/:recordingId/tracks/:userId',
      {
        schema: {
          tags,
          summary: 'One person’s track as a WebM file (members only)',
          params: trackParams,
          response: {
            200: {
              description: 'The track (WebM, Opus)',
              content: { 'audio/webm': { schema: z.string() } },
            },
            ...errorResponses(401, 403, 404, 410),
          },
        },
      },
      async (request, reply) => {
        const track = await downloadTrack(deps, requireViewer(request), request.params);
        return (
          reply
            .header('content-type', 'audio/webm')
            .header('content-disposition', attachment(track.fileName))
            .header('content-length', track.bytes)
            .header('cache-control', 'no-store')
            // Bytes are sent as they are (Fastify serialises no Buffer); the schema documents them.
            .send(Buffer.concat(track.parts) as unknown as string)
        );
      },
    );

    app.delete(
      '/api/meetings/:meetingId/recordings/:recordingId/tracks/:userId',
      {
        schema: {
          tags,
          summary:
            'Erase your own track (in a group you have left too): what arrived is deleted, and nothing more is taken',
          params: trackParams,
          response: { 204: z.null(), ...errorResponses(401, 403, 404) },
        },
      },
      async (request, reply) => {
        await eraseTrack(deps, requireViewer(request), request.params);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/me/recordings',
      {
        schema: {
          tags,
          summary:
            'Recordings of your own voice that still hold something, wherever they were made',
          response: { 200: myTracksView, ...errorResponses(401) },
        },
      },
      async (request) => listMyTracks(deps, requireViewer(request)),
    );
  };
}
