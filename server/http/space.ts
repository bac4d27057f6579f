import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { THREAD_VOLUMES } from '../../core/domain/space';
import { groupParams, id } from '../../core/protocol/common';
import {
  editPostBody,
  helpedBody,
  languageBody,
  languageList,
  languageParams,
  postedReply,
  postHistory,
  postParams,
  postsAfter,
  postsAfterQuery,
  readBody,
  replyBody,
  reportBody,
  reportList,
  reportParams,
  reviewHiddenBody,
  searchQuery,
  searchResults,
  secondLookBody,
  settleReportBody,
  spacePage,
  spaceQuery,
  startedThread,
  startThreadBody,
  threadParams,
  threadView,
  volumeBody,
  warmthBody,
} from '../../core/protocol/space';
import type { Deps } from '../deps';
import { askSecondLook } from '../services/space/askSecondLook';
import { deletePost } from '../services/space/deletePost';
import { editPost } from '../services/space/editPost';
import { getPostHistory } from '../services/space/getPostHistory';
import { getSpace } from '../services/space/getSpace';
import { getPostsAfter, getThread } from '../services/space/getThread';
import {
  addGroupLanguage,
  getGroupLanguage,
  removeGroupLanguage,
} from '../services/space/groupLanguage';
import { listReports } from '../services/space/listReports';
import { markHelped } from '../services/space/markHelped';
import { markRead } from '../services/space/markRead';
import { replyToThread } from '../services/space/replyToThread';
import { reportPost } from '../services/space/reportPost';
import { reviewHidden } from '../services/space/reviewHidden';
import { searchSpace } from '../services/space/searchSpace';
import { sendWarmth } from '../services/space/sendWarmth';
import { setThreadVolume } from '../services/space/setThreadVolume';
import { settleReport } from '../services/space/settleReport';
import { startThread } from '../services/space/startThread';
import { errorResponses } from './errorResponses';
import { requireViewer } from './viewer';

/** The members' space between meetings: threads, replies, reports, search. */
export function spaceRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['space'];
    const reads = errorResponses(400, 401, 404);
    const writes = errorResponses(400, 401, 403, 404, 409, 415);
    const none = { 204: z.null(), ...writes };

    app.get(
      '/api/groups/:id/space',
      {
        schema: {
          tags,
          summary: 'A page of one of the group’s spaces, most recently active threads first',
          params: groupParams,
          querystring: spaceQuery,
          response: { 200: spacePage, ...reads },
        },
      },
      async (request) =>
        getSpace(deps, requireViewer(request), {
          groupId: request.params.id,
          space: request.query.space,
          before: request.query.before,
        }),
    );

    app.post(
      '/api/groups/:id/space/threads',
      {
        schema: {
          tags,
          summary: 'Start a thread: a share or a question, saying what the author would like back',
          params: groupParams,
          body: startThreadBody,
          response: { 201: startedThread, ...writes },
        },
      },
      async (request, reply) => {
        const made = await startThread(deps, requireViewer(request), {
          groupId: request.params.id,
          ...request.body,
        });
        return reply.code(201).send(made);
      },
    );

    app.get(
      '/api/groups/:id/space/search',
      {
        schema: {
          tags,
          summary: 'Search the posts of the group this person may read',
          params: groupParams,
          querystring: searchQuery,
          response: { 200: searchResults, ...reads },
        },
      },
      async (request) =>
        searchSpace(deps, requireViewer(request), {
          groupId: request.params.id,
          q: request.query.q,
        }),
    );

    app.get(
      '/api/groups/:id/space/reports',
      {
        schema: {
          tags,
          summary: 'Open reports and requests for a second look (stewards)',
          params: groupParams,
          response: { 200: reportList, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => listReports(deps, requireViewer(request), { groupId: request.params.id }),
    );

    app.get(
      '/api/groups/:id/space/language',
      {
        schema: {
          tags,
          summary: 'The group’s own additions to the language suggestions',
          params: groupParams,
          response: { 200: languageList, ...reads },
        },
      },
      async (request) =>
        getGroupLanguage(deps, requireViewer(request), { groupId: request.params.id }),
    );

    app.post(
      '/api/groups/:id/space/language',
      {
        schema: {
          tags,
          summary: 'Add a phrase and what to say instead (stewards)',
          params: groupParams,
          body: languageBody,
          response: { 200: languageList, ...writes },
        },
      },
      async (request) =>
        addGroupLanguage(deps, requireViewer(request), {
          groupId: request.params.id,
          ...request.body,
        }),
    );

    app.delete(
      '/api/groups/:id/space/language/:entryId',
      {
        schema: {
          tags,
          summary: 'Take a phrase off the group’s list (stewards)',
          params: languageParams,
          response: { 200: languageList, ...writes },
        },
      },
      async (request) =>
        removeGroupLanguage(deps, requireViewer(request), {
          groupId: request.params.id,
          entryId: request.params.entryId,
        }),
    );

    app.get(
      '/api/space/threads/:threadId',
      {
        schema: {
          tags,
          summary: 'A thread with its posts',
          params: threadParams,
          response: { 200: threadView, ...reads },
        },
      },
      async (request) =>
        getThread(deps, requireViewer(request), { threadId: request.params.threadId }),
    );

    app.get(
      '/api/space/threads/:threadId/posts',
      {
        schema: {
          tags,
          summary: 'The posts after a sequence number (what a live notice says is new)',
          params: threadParams,
          querystring: postsAfterQuery,
          response: { 200: postsAfter, ...reads },
        },
      },
      async (request) =>
        getPostsAfter(deps, requireViewer(request), {
          threadId: request.params.threadId,
          after: request.query.after,
        }),
    );

    app.post(
      '/api/space/threads/:threadId/replies',
      {
        schema: {
          tags,
          summary: 'Reply in a thread (a reply may quote another post of it)',
          params: threadParams,
          body: replyBody,
          response: { 201: postedReply, ...writes },
        },
      },
      async (request, reply) => {
        const made = await replyToThread(deps, requireViewer(request), {
          threadId: request.params.threadId,
          ...request.body,
        });
        return reply.code(201).send(made);
      },
    );

    app.put(
      '/api/space/threads/:threadId/read',
      {
        schema: {
          tags,
          summary: 'Move my place in the thread forward',
          params: threadParams,
          body: readBody,
          response: { 200: z.object({ readSeq: z.number().int() }), ...writes },
        },
      },
      async (request) =>
        markRead(deps, requireViewer(request), {
          threadId: request.params.threadId,
          seq: request.body.seq,
        }),
    );

    app.put(
      '/api/space/threads/:threadId/volume',
      {
        schema: {
          tags,
          summary: 'How much I hear of this thread: all, normal or mute',
          params: threadParams,
          body: volumeBody,
          response: { 200: z.object({ volume: z.enum(THREAD_VOLUMES) }), ...writes },
        },
      },
      async (request) =>
        setThreadVolume(deps, requireViewer(request), {
          threadId: request.params.threadId,
          volume: request.body.volume,
        }),
    );

    app.patch(
      '/api/space/posts/:postId',
      {
        schema: {
          tags,
          summary: 'Change my post (its earlier words stay in its history, for me)',
          params: postParams,
          body: editPostBody,
          response: none,
        },
      },
      async (request, reply) => {
        await editPost(deps, requireViewer(request), {
          postId: request.params.postId,
          ...request.body,
        });
        return reply.code(204).send(null);
      },
    );

    app.delete(
      '/api/space/posts/:postId',
      {
        schema: {
          tags,
          summary: 'Delete my post (it keeps its place as deleted by its author)',
          params: postParams,
          response: none,
        },
      },
      async (request, reply) => {
        await deletePost(deps, requireViewer(request), { postId: request.params.postId });
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/space/posts/:postId/history',
      {
        schema: {
          tags,
          summary: 'What my post said before each change',
          params: postParams,
          response: { 200: postHistory, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) =>
        getPostHistory(deps, requireViewer(request), { postId: request.params.postId }),
    );

    app.put(
      '/api/space/posts/:postId/helped',
      {
        schema: {
          tags,
          summary: 'Mark a reply to my thread as having helped (or not)',
          params: postParams,
          body: helpedBody,
          response: none,
        },
      },
      async (request, reply) => {
        await markHelped(deps, requireViewer(request), {
          postId: request.params.postId,
          helped: request.body.helped,
        });
        return reply.code(204).send(null);
      },
    );

    app.put(
      '/api/space/posts/:postId/warmth',
      {
        schema: {
          tags,
          summary: 'Send or take back a warm response',
          params: postParams,
          body: warmthBody,
          response: none,
        },
      },
      async (request, reply) => {
        await sendWarmth(deps, requireViewer(request), {
          postId: request.params.postId,
          ...request.body,
        });
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/space/posts/:postId/reports',
      {
        schema: {
          tags,
          summary: 'Report a post to the group’s stewards',
          params: postParams,
          body: reportBody,
          response: { 201: z.object({ reportId: id }), ...writes },
        },
      },
      async (request, reply) => {
        const made = await reportPost(deps, requireViewer(request), {
          postId: request.params.postId,
          ...request.body,
        });
        return reply.code(201).send(made);
      },
    );

    app.post(
      '/api/space/posts/:postId/second-look',
      {
        schema: {
          tags,
          summary: 'Ask the stewards to look again at my hidden post',
          params: postParams,
          body: secondLookBody,
          response: none,
        },
      },
      async (request, reply) => {
        await askSecondLook(deps, requireViewer(request), {
          postId: request.params.postId,
          note: request.body.note,
        });
        return reply.code(204).send(null);
      },
    );

    app.put(
      '/api/space/posts/:postId/hidden',
      {
        schema: {
          tags,
          summary: 'After a second look: show the post again, or keep it hidden (stewards)',
          params: postParams,
          body: reviewHiddenBody,
          response: none,
        },
      },
      async (request, reply) => {
        await reviewHidden(deps, requireViewer(request), {
          postId: request.params.postId,
          show: request.body.show,
        });
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/space/reports/:reportId/settle',
      {
        schema: {
          tags,
          summary: 'Hide the reported post with a note to its author, or keep it (stewards)',
          params: reportParams,
          body: settleReportBody,
          response: none,
        },
      },
      async (request, reply) => {
        await settleReport(deps, requireViewer(request), {
          reportId: request.params.reportId,
          ...request.body,
        });
        return reply.code(204).send(null);
      },
    );
  };
}
