/** The space feature's calls: threads, posts, reports, search, language. */
import type {
  SpaceName,
  ThreadKind,
  ThreadVolume,
  ThreadWants,
  WarmResponse,
} from '../../../core/domain/space';
import type {
  LanguageList,
  PostView,
  ReportList,
  SpacePage,
  ThreadView,
} from '../../../core/protocol/space';
import { del, get, patch, path, post, put } from '../../lib/api';

const group = (groupId: string) => path`/api/groups/${groupId}/space`;
const thread = (threadId: string) => path`/api/space/threads/${threadId}`;
const postUrl = (postId: string) => path`/api/space/posts/${postId}`;

export const getSpace = (groupId: string, space: SpaceName, before?: string) =>
  get<SpacePage>(
    `${group(groupId)}?space=${space}${before ? `&before=${encodeURIComponent(before)}` : ''}`,
  );
export const startThread = (
  groupId: string,
  body: {
    space: SpaceName;
    kind: ThreadKind;
    wants: ThreadWants;
    title: string;
    body: string;
    contentNote: string | null;
  },
) => post<{ threadId: string; postId: string }>(`${group(groupId)}/threads`, body);
export const searchSpace = (groupId: string, q: string) =>
  get<{
    items: {
      postId: string;
      threadId: string;
      title: string;
      space: SpaceName;
      authorName: string | null;
      excerpt: string;
      contentNote: string | null;
      createdAt: string;
    }[];
  }>(`${group(groupId)}/search?q=${encodeURIComponent(q)}`);
export const getReports = (groupId: string) => get<ReportList>(`${group(groupId)}/reports`);
export const getLanguage = (groupId: string) => get<LanguageList>(`${group(groupId)}/language`);
export const addLanguage = (
  groupId: string,
  body: { problem: string; suggestion: string; why: string },
) => post<LanguageList>(`${group(groupId)}/language`, body);
export const removeLanguage = (groupId: string, entryId: string) =>
  del<LanguageList>(`${group(groupId)}${path`/language/${entryId}`}`);

export const getThread = (threadId: string) => get<ThreadView>(thread(threadId));
export const getPostsAfter = (threadId: string, after: number) =>
  get<{ posts: PostView[]; lastSeq: number }>(`${thread(threadId)}/posts?after=${after}`);
export const reply = (
  threadId: string,
  body: { body: string; contentNote: string | null; quoteId: string | null },
) => post<{ postId: string; seq: number }>(`${thread(threadId)}/replies`, body);
export const markRead = (threadId: string, seq: number) =>
  put<{ readSeq: number }>(`${thread(threadId)}/read`, { seq });
export const setVolume = (threadId: string, volume: ThreadVolume) =>
  put<{ volume: ThreadVolume }>(`${thread(threadId)}/volume`, { volume });

export const editPost = (
  postId: string,
  body: { body: string; contentNote: string | null; title?: string },
) => patch(postUrl(postId), body);
export const deletePost = (postId: string) => del(postUrl(postId));
export const postHistory = (postId: string) =>
  get<{ items: { body: string; contentNote: string | null; replacedAt: string }[] }>(
    `${postUrl(postId)}/history`,
  );
export const markHelped = (postId: string, helped: boolean) =>
  put(`${postUrl(postId)}/helped`, { helped });
export const sendWarmth = (postId: string, kind: WarmResponse, on: boolean) =>
  put(`${postUrl(postId)}/warmth`, { kind, on });
export const report = (
  postId: string,
  body: { reason: 'agreement' | 'harm'; agreementItem: string | null; note: string },
) => post<{ reportId: string }>(`${postUrl(postId)}/reports`, body);
export const askSecondLook = (postId: string, note: string) =>
  post(`${postUrl(postId)}/second-look`, { note });
export const reviewHidden = (postId: string, show: boolean) =>
  put(`${postUrl(postId)}/hidden`, { show });
export const settleReport = (reportId: string, outcome: 'hide' | 'keep', note: string) =>
  post(path`/api/space/reports/${reportId}/settle`, { outcome, note });
