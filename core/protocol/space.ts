/** The members' space: threads, posts, reports, language suggestions, search. */
import { z } from 'zod';
import { STAFF_ROLES } from '../domain/membership';
import {
  BODY_MAX,
  CONTENT_NOTE_MAX,
  REPORT_REASONS,
  SPACES,
  THREAD_KINDS,
  THREAD_VOLUMES,
  THREAD_WANTS,
  TITLE_MAX,
  WARM_RESPONSES,
} from '../domain/space';
import { id, isoTime, oneLine } from './common';

export const spaceName = z.enum(SPACES, { error: 'Choose which space.' });

const body = z
  .string({ error: 'Write something first.' })
  .trim()
  .min(1, 'Write something first.')
  .max(BODY_MAX, `Use at most ${BODY_MAX} characters.`);

const contentNote = z
  .string()
  .trim()
  .max(CONTENT_NOTE_MAX, `Use at most ${CONTENT_NOTE_MAX} characters.`)
  .refine(oneLine, 'Write the note on one line.')
  .nullish()
  .transform((v) => v || null);

const title = z
  .string({ error: 'Give it a title.' })
  .trim()
  .min(1, 'Give it a title.')
  .max(TITLE_MAX, `Use at most ${TITLE_MAX} characters.`)
  .refine(oneLine, 'Write the title on one line.');

export const spaceQuery = z.strictObject({
  space: spaceName.default('everyone'),
  /** The last thread of the page before: `<lastPostAt>~<id>`. */
  before: z.string().max(120).optional(),
});

export const threadParams = z.strictObject({ threadId: id });
export const postParams = z.strictObject({ postId: id });
export const reportParams = z.strictObject({ reportId: id });
export const languageParams = z.strictObject({ id, entryId: id });

export const startThreadBody = z
  .strictObject({
    space: spaceName,
    kind: z.enum(THREAD_KINDS, { error: 'Choose a share or a question.' }),
    wants: z.enum(THREAD_WANTS, { error: 'Say what you would like back.' }),
    title,
    body,
    contentNote,
  })
  .meta({ id: 'StartThreadBody' });

export const replyBody = z
  .strictObject({ body, contentNote, quoteId: id.nullish() })
  .meta({ id: 'ReplyBody' });

export const editPostBody = z
  .strictObject({ body, contentNote, title: title.optional() })
  .meta({ id: 'EditPostBody' });

export const helpedBody = z.strictObject({ helped: z.boolean() });
export const warmthBody = z.strictObject({
  kind: z.enum(WARM_RESPONSES, { error: 'Choose a response.' }),
  on: z.boolean(),
});
export const readBody = z.strictObject({ seq: z.number().int().min(0).max(1_000_000_000) });
export const volumeBody = z.strictObject({
  volume: z.enum(THREAD_VOLUMES, { error: 'Choose all, normal or mute.' }),
});

export const reportBody = z
  .strictObject({
    reason: z.enum(REPORT_REASONS, { error: 'Say why you are reporting it.' }),
    /** For `agreement`: the agreement item it goes against. */
    agreementItem: z.string().trim().max(64).nullish(),
    note: z.string().trim().max(1000, 'Use at most 1000 characters.').nullish(),
  })
  .meta({ id: 'ReportBody' });

export const settleReportBody = z.strictObject({
  outcome: z.enum(['hide', 'keep'], { error: 'Choose to hide the post or keep it.' }),
  /** To the author when the post is hidden: what it went against, kindly. */
  note: z.string().trim().max(1000, 'Use at most 1000 characters.').optional(),
});
export const secondLookBody = z.strictObject({
  note: z.string().trim().max(1000, 'Use at most 1000 characters.').optional(),
});
export const reviewHiddenBody = z.strictObject({ show: z.boolean() });

export const searchQuery = z.strictObject({
  q: z
    .string({ error: 'Type something to look for.' })
    .trim()
    .min(1, 'Type something to look for.')
    .max(200, 'Use at most 200 characters.'),
});

export const languageBody = z
  .strictObject({
    problem: z
      .string({ error: 'Write the word or phrase.' })
      .trim()
      .min(2, 'Write the word or phrase.')
      .max(60, 'Use at most 60 characters.')
      .refine(oneLine, 'Write it on one line.'),
    suggestion: z
      .string({ error: 'Write what to say instead.' })
      .trim()
      .min(1, 'Write what to say instead.')
      .max(120, 'Use at most 120 characters.')
      .refine(oneLine, 'Write it on one line.'),
    why: z.string().trim().max(200, 'Use at most 200 characters.').default(''),
  })
  .meta({ id: 'LanguageBody' });

const warmth = z.object({
  kind: z.enum(WARM_RESPONSES),
  /** Who sent it, by name: never a count. */
  names: z.array(z.string()),
  mine: z.boolean(),
});

export const postView = z
  .object({
    id,
    seq: z.number().int(),
    authorId: id.nullable(),
    authorName: z.string().nullable(),
    /** Safe HTML of what was written; null when deleted, or hidden from this reader. */
    html: z.string().nullable(),
    /** What was written, for its author to edit; null for everyone else. */
    source: z.string().nullable(),
    contentNote: z.string().nullable(),
    quote: z.object({ id, authorName: z.string().nullable(), excerpt: z.string() }).nullable(),
    createdAt: isoTime,
    editedAt: isoTime.nullable(),
    deleted: z.boolean(),
    /** Hidden by the stewards: the note to the author, shown to the author and stewards. */
    hidden: z.object({ note: z.string().nullable(), secondLookAsked: z.boolean() }).nullable(),
    helped: z.boolean(),
    warmth: z.array(warmth),
    mine: z.boolean(),
  })
  .meta({ id: 'SpacePost' });
export type PostView = z.infer<typeof postView>;

export const threadSummary = z
  .object({
    id,
    space: spaceName,
    kind: z.enum(THREAD_KINDS),
    wants: z.enum(THREAD_WANTS),
    title: z.string(),
    authorName: z.string().nullable(),
    createdAt: isoTime,
    lastPostAt: isoTime,
    replies: z.number().int(),
    answered: z.boolean(),
    unread: z.number().int(),
    volume: z.enum(THREAD_VOLUMES),
  })
  .meta({ id: 'SpaceThreadSummary' });
export type ThreadSummary = z.infer<typeof threadSummary>;

const spaceCan = z.object({
  write: z.boolean(),
  moderate: z.boolean(),
  manageLanguage: z.boolean(),
  /** Whether this viewer may open the members-only space. */
  peers: z.boolean(),
});

export const spacePage = z
  .object({
    groupId: id,
    groupName: z.string(),
    /** The group's language: which shipped language suggestions apply. */
    language: z.string(),
    space: spaceName,
    threads: z.array(threadSummary),
    next: z.string().nullable(),
    /** Unread posts in each space this viewer may read. */
    unread: z.object({ everyone: z.number().int(), peers: z.number().int().nullable() }),
    /** Open reports and second looks, for stewards; 0 for everyone else. */
    openReports: z.number().int(),
    staff: z.array(z.object({ name: z.string(), role: z.enum(STAFF_ROLES) })),
    can: spaceCan,
  })
  .meta({ id: 'SpacePage' });
export type SpacePage = z.infer<typeof spacePage>;

export const threadView = z
  .object({
    groupId: id,
    groupName: z.string(),
    thread: threadSummary.extend({ authorId: id.nullable(), lastSeq: z.number().int() }),
    posts: z.array(postView),
    /** This reader's place before opening the thread (what is new to them comes after). */
    readSeq: z.number().int(),
    language: z.string(),
    can: spaceCan.extend({ markHelped: z.boolean() }),
  })
  .meta({ id: 'SpaceThread' });
export type ThreadView = z.infer<typeof threadView>;

export const postsAfter = z
  .object({ posts: z.array(postView), lastSeq: z.number().int() })
  .meta({ id: 'SpacePostsAfter' });
export const postsAfterQuery = z.strictObject({
  after: z.coerce.number().int().min(0).max(1_000_000_000).default(0),
});

export const startedThread = z.object({ threadId: id, postId: id }).meta({ id: 'StartedThread' });
export const postedReply = z
  .object({ postId: id, seq: z.number().int() })
  .meta({ id: 'PostedReply' });

export const postHistory = z
  .object({
    items: z.array(
      z.object({ body: z.string(), contentNote: z.string().nullable(), replacedAt: isoTime }),
    ),
  })
  .meta({ id: 'SpacePostHistory' });

export const searchResults = z
  .object({
    items: z.array(
      z.object({
        postId: id,
        threadId: id,
        title: z.string(),
        space: spaceName,
        authorName: z.string().nullable(),
        /** A plain-text excerpt; empty when the post has a content note (it stays folded). */
        excerpt: z.string(),
        contentNote: z.string().nullable(),
        createdAt: isoTime,
      }),
    ),
  })
  .meta({ id: 'SpaceSearch' });

export const reportList = z
  .object({
    reports: z.array(
      z.object({
        id,
        postId: id,
        threadId: id,
        threadTitle: z.string(),
        reason: z.enum(REPORT_REASONS),
        agreementItem: z.object({ id: z.string(), title: z.string(), text: z.string() }).nullable(),
        note: z.string().nullable(),
        createdAt: isoTime,
        post: z.object({
          authorName: z.string().nullable(),
          html: z.string(),
          contentNote: z.string().nullable(),
          hidden: z.boolean(),
          deleted: z.boolean(),
        }),
      }),
    ),
    secondLooks: z.array(
      z.object({
        postId: id,
        threadId: id,
        threadTitle: z.string(),
        authorName: z.string().nullable(),
        html: z.string(),
        hiddenNote: z.string().nullable(),
        note: z.string().nullable(),
        askedAt: isoTime,
      }),
    ),
  })
  .meta({ id: 'SpaceReports' });
export type ReportList = z.infer<typeof reportList>;

export const languageList = z
  .object({
    entries: z.array(
      z.object({ id, problem: z.string(), suggestion: z.string(), why: z.string() }),
    ),
  })
  .meta({ id: 'SpaceLanguage' });
export type LanguageList = z.infer<typeof languageList>;
