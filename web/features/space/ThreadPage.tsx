import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import {
  REPORT_REASONS,
  THREAD_VOLUMES,
  type ThreadVolume,
  WARM_RESPONSES,
  type WarmResponse,
} from '../../../core/domain/space';
import type { FieldErrors } from '../../../core/errors';
import type { PostView, ThreadView } from '../../../core/protocol/space';
import { ConfirmButton } from '../../components/ConfirmButton';
import { CrisisResources } from '../../components/CrisisResources';
import { Loaded } from '../../components/Loaded';
import { Notice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { RequireSignIn } from '../../components/RequireSignIn';
import { plural, t } from '../../i18n/t';
import { problemText } from '../../lib/api';
import { formatDateTime } from '../../lib/time';
import { useForm } from '../../lib/useForm';
import { useLoad } from '../../lib/useLoad';
import { getAgreement } from '../agreement/api';
import {
  askSecondLook,
  deletePost,
  editPost,
  getPostsAfter,
  getThread,
  markHelped,
  markRead,
  postHistory,
  reply,
  report,
  sendWarmth,
  setVolume,
} from './api';
import { openSpaceNotices } from './spaceSocket';
import {
  ContentNoteField,
  needsCrisisCheck,
  SendOrCheck,
  useGroupLanguage,
  Writer,
} from './Writer';

type LanguageEntries = { problem: string[]; suggestion: string; why: string }[];

interface Context {
  view: ThreadView;
  language: LanguageEntries;
  reload: () => Promise<void>;
  quote: (post: PostView) => void;
}

/** The post's words: folded behind its content note until the reader opens it. */
function PostBody({ post }: { post: PostView }) {
  if (post.html === null) return null;
  // Rendered on the server by markdown-it with HTML off: safe to place as HTML.
  const body = <div class="post-body" dangerouslySetInnerHTML={{ __html: post.html }} />;
  if (!post.contentNote) return body;
  return (
    <details class="content-note">
      <summary>{t('space.noteFold', { note: post.contentNote })}</summary>
      {body}
    </details>
  );
}

function Warmth({
  post,
  canSend,
  reload,
}: {
  post: PostView;
  canSend: boolean;
  reload: () => Promise<void>;
}) {
  const [problem, setProblem] = useState<string | null>(null);
  const sent = new Map(post.warmth.map((w) => [w.kind, w]));
  if (post.deleted || post.html === null) return null;
  return (
    <div class="warmth">
      {post.warmth.length > 0 ? (
        <ul class="warmth-names">
          {post.warmth.map((w) => (
            <li key={w.kind}>
              {t(`space.warm.${w.kind}`)}: {w.names.join(', ')}
            </li>
          ))}
        </ul>
      ) : null}
      {canSend && !post.mine ? (
        <fieldset class="warmth-buttons">
          <legend class="visually-hidden">
            {t('space.warmLabel', { name: post.authorName ?? '' })}
          </legend>
          {WARM_RESPONSES.map((kind: WarmResponse) => {
            const on = sent.get(kind)?.mine === true;
            return (
              <button
                key={kind}
                type="button"
                class="button secondary small"
                aria-pressed={on}
                onClick={async () => {
                  try {
                    await sendWarmth(post.id, kind, !on);
                    await reload();
                  } catch (error) {
                    setProblem(problemText(error));
                  }
                }}
              >
                {t(`space.warm.${kind}`)}
              </button>
            );
          })}
        </fieldset>
      ) : null}
      {problem ? <Notice tone="warning">{problem}</Notice> : null}
    </div>
  );
}

function ReportForm({
  post,
  groupId,
  onDone,
}: {
  post: PostView;
  groupId: string;
  onDone: () => void;
}) {
  const agreement = useLoad(() => getAgreement(groupId).catch(() => null), [groupId]);
  const [reason, setReason] = useState<'agreement' | 'harm' | null>(null);
  const [item, setItem] = useState('');
  const [note, setNote] = useState('');
  const [sent, setSent] = useState(false);
  const form = useForm();
  const items = agreement.data?.current?.items ?? [];
  if (sent) {
    return (
      <Notice tone="success">
        {t('space.report.sent')}{' '}
        <button type="button" class="button link small" onClick={onDone}>
          {t('space.report.close')}
        </button>
      </Notice>
    );
  }
  return (
    <form
      class="card panel report-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void form.submit(
          (): FieldErrors => {
            if (!reason) return { reason: t('space.report.reasonNeeded') };
            if (reason === 'agreement' && !item)
              return { agreementItem: t('space.report.itemNeeded') };
            return {};
          },
          async () => {
            await report(post.id, {
              reason: reason ?? 'harm',
              agreementItem: reason === 'agreement' ? item : null,
              note,
            });
            setSent(true);
          },
        );
      }}
    >
      <h3>{t('space.report.title')}</h3>
      <p class="muted">{t('space.report.lead')}</p>
      {form.message ? <Notice tone="warning">{form.message}</Notice> : null}
      <fieldset class="field">
        <legend>{t('space.report.why')}</legend>
        {/* Going against the agreement needs an agreement to name. */}
        {(items.length > 0 ? REPORT_REASONS : (['harm'] as const)).map((r) => (
          <label class="check" key={r}>
            <input
              type="radio"
              name={`reason-${post.id}`}
              checked={reason === r}
              onChange={() => setReason(r)}
            />{' '}
            {t(`space.report.${r}`)}
          </label>
        ))}
        {form.fields.reason ? <p class="field-error">{form.fields.reason}</p> : null}
      </fieldset>
      {reason === 'agreement' ? (
        <div class="field">
          <label for={`item-${post.id}`}>{t('space.report.item')}</label>
          {form.fields.agreementItem ? (
            <p class="field-error">{form.fields.agreementItem}</p>
          ) : null}
          <select
            id={`item-${post.id}`}
            value={item}
            onChange={(e) => setItem(e.currentTarget.value)}
          >
            <option value="">{t('space.report.chooseItem')}</option>
            {items.map((i) => (
              <option key={i.id} value={i.id}>
                {i.title}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {reason === 'harm' ? (
        <div>
          <p>{t('space.report.harmLead')}</p>
          <CrisisResources />
        </div>
      ) : null}
      <div class="field">
        <label for={`note-${post.id}`}>{t('space.report.note')}</label>
        <textarea
          id={`note-${post.id}`}
          rows={3}
          value={note}
          onInput={(e) => setNote(e.currentTarget.value)}
        />
      </div>
      <div class="actions">
        <button type="submit" class="button primary" disabled={form.busy}>
          {t('space.report.send')}
        </button>
        <button type="button" class="button secondary" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function EditForm({ post, ctx, onDone }: { post: PostView; ctx: Context; onDone: () => void }) {
  const [body, setBody] = useState(post.source ?? '');
  const [note, setNote] = useState(post.contentNote ?? '');
  const form = useForm();
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void form.submit(
          (): FieldErrors => (body.trim() ? {} : { [`edit-${post.id}`]: t('space.bodyNeeded') }),
          async () => {
            await editPost(post.id, { body, contentNote: note.trim() || null });
            await ctx.reload();
            onDone();
          },
        );
      }}
    >
      {form.message ? <Notice tone="warning">{form.message}</Notice> : null}
      <Writer
        id={`edit-${post.id}`}
        label={t('space.editLabel')}
        value={body}
        onValue={setBody}
        error={form.fields[`edit-${post.id}`] ?? form.fields.body}
        language={ctx.view.language}
        groupLanguage={ctx.language}
      />
      <ContentNoteField id={`note-edit-${post.id}`} value={note} onValue={setNote} />
      <div class="actions">
        <button type="submit" class="button primary" disabled={form.busy}>
          {t('space.saveEdit')}
        </button>
        <button type="button" class="button secondary" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function History({ postId }: { postId: string }) {
  const history = useLoad(() => postHistory(postId), [postId]);
  return (
    <Loaded state={history}>
      {(h) => (
        <ol class="history">
          {h.items.map((item) => (
            <li key={item.replacedAt}>
              <p class="muted small">
                {t('space.before', { when: formatDateTime(item.replacedAt) })}
              </p>
              <p class="pre">{item.body}</p>
            </li>
          ))}
        </ol>
      )}
    </Loaded>
  );
}

function PostItem({ post, ctx }: { post: PostView; ctx: Context }) {
  const { view } = ctx;
  const [mode, setMode] = useState<'read' | 'edit' | 'report' | 'history'>('read');
  const [problem, setProblem] = useState<string | null>(null);
  const [lookNote, setLookNote] = useState('');
  const opening = post.seq === 1;
  const act = async (work: () => Promise<unknown>) => {
    try {
      setProblem(null);
      await work();
      await ctx.reload();
    } catch (error) {
      setProblem(problemText(error));
    }
  };
  return (
    <article
      id={`post-${post.id}`}
      class={`card post${opening ? ' opening' : ''}${post.helped ? ' helped' : ''}`}
    >
      <header class="meta">
        <strong>{post.authorName ?? t('space.formerMember')}</strong>
        <time dateTime={post.createdAt}>{formatDateTime(post.createdAt)}</time>
        {post.editedAt ? <span>{t('space.edited')}</span> : null}
        {post.helped ? <span class="badge answered">{t('space.helped')}</span> : null}
      </header>
      {post.quote ? (
        <blockquote class="quote">
          <p class="small muted">
            {t('space.quoting', { name: post.quote.authorName ?? t('space.formerMember') })}
          </p>
          <p>{post.quote.excerpt || t('space.quoteGone')}</p>
        </blockquote>
      ) : null}
      {post.deleted ? <p class="muted">{t('space.deleted')}</p> : null}
      {post.hidden && post.html === null ? <p class="muted">{t('space.hiddenForOthers')}</p> : null}
      {post.hidden && post.html !== null ? (
        <Notice tone="warning">
          {t('space.hiddenNotice')} {post.hidden.note ? <q>{post.hidden.note}</q> : null}
        </Notice>
      ) : null}
      {mode === 'edit' ? (
        <EditForm post={post} ctx={ctx} onDone={() => setMode('read')} />
      ) : (
        <PostBody post={post} />
      )}
      <Warmth post={post} canSend={view.can.write} reload={ctx.reload} />
      {problem ? <Notice tone="warning">{problem}</Notice> : null}
      {post.deleted || mode === 'edit' ? null : (
        <div class="post-actions">
          {view.can.write && post.html !== null ? (
            <button type="button" class="button link small" onClick={() => ctx.quote(post)}>
              {t('space.replyQuoting')}
            </button>
          ) : null}
          {view.can.markHelped && !opening && !post.mine && post.html !== null ? (
            <button
              type="button"
              class="button link small"
              aria-pressed={post.helped}
              onClick={() => act(() => markHelped(post.id, !post.helped))}
            >
              {post.helped ? t('space.unmarkHelped') : t('space.markHelped')}
            </button>
          ) : null}
          {post.mine ? (
            <>
              <button type="button" class="button link small" onClick={() => setMode('edit')}>
                {t('space.edit')}
              </button>
              {post.editedAt ? (
                <button
                  type="button"
                  class="button link small"
                  aria-expanded={mode === 'history'}
                  onClick={() => setMode(mode === 'history' ? 'read' : 'history')}
                >
                  {t('space.history')}
                </button>
              ) : null}
              <ConfirmButton
                small
                tone="secondary"
                label={t('space.delete')}
                question={t('space.deleteQuestion')}
                confirmLabel={t('space.deleteConfirm')}
                onConfirm={() => act(() => deletePost(post.id))}
              />
            </>
          ) : (
            <button type="button" class="button link small" onClick={() => setMode('report')}>
              {t('space.report.open')}
            </button>
          )}
        </div>
      )}
      {mode === 'history' ? <History postId={post.id} /> : null}
      {mode === 'report' ? (
        <ReportForm post={post} groupId={view.groupId} onDone={() => setMode('read')} />
      ) : null}
      {post.mine && post.hidden && !post.hidden.secondLookAsked ? (
        <form
          class="second-look"
          onSubmit={(e) => {
            e.preventDefault();
            void act(() => askSecondLook(post.id, lookNote));
          }}
        >
          <label for={`look-${post.id}`}>{t('space.secondLook.note')}</label>
          <textarea
            id={`look-${post.id}`}
            rows={2}
            value={lookNote}
            onInput={(e) => setLookNote(e.currentTarget.value)}
          />
          <button type="submit" class="button secondary small">
            {t('space.secondLook.ask')}
          </button>
        </form>
      ) : null}
      {post.mine && post.hidden?.secondLookAsked ? (
        <p class="muted small">{t('space.secondLook.asked')}</p>
      ) : null}
    </article>
  );
}

function ReplyBox({
  ctx,
  quoted,
  clearQuote,
}: {
  ctx: Context;
  quoted: PostView | null;
  clearQuote: () => void;
}) {
  const { view } = ctx;
  const [body, setBody] = useState('');
  const [note, setNote] = useState('');
  const [checking, setChecking] = useState(false);
  const [done, setDone] = useState(false);
  const form = useForm();
  const listening = view.thread.wants === 'listening';
  const author = view.thread.authorName ?? t('space.formerMember');
  const send = (skipCheck: boolean) =>
    form.submit(
      (): FieldErrors => (body.trim() ? {} : { reply: t('space.bodyNeeded') }),
      async () => {
        if (!skipCheck && needsCrisisCheck(body, view.language)) {
          setChecking(true);
          return;
        }
        await reply(view.thread.id, {
          body,
          contentNote: note.trim() || null,
          quoteId: quoted?.id ?? null,
        });
        setBody('');
        setNote('');
        clearQuote();
        setDone(true);
        await ctx.reload();
      },
    );
  return (
    <form
      class="card panel reply-box"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setDone(false);
        void send(false);
      }}
    >
      <h2>{t('space.replyTitle')}</h2>
      <p class={listening ? 'wants-note listening' : 'wants-note'}>
        {t(`space.replyWants.${view.thread.wants}`, { name: author })}
      </p>
      {done ? <Notice tone="success">{t('space.replied')}</Notice> : null}
      {form.message ? <Notice tone="warning">{form.message}</Notice> : null}
      {quoted ? (
        <div class="quote-chip">
          <span>
            {t('space.quotingChip', { name: quoted.authorName ?? t('space.formerMember') })}
          </span>
          <button type="button" class="button link small" onClick={clearQuote}>
            {t('space.removeQuote')}
          </button>
        </div>
      ) : null}
      <Writer
        id="reply"
        label={t('space.replyLabel')}
        hint={t('space.formatHint')}
        value={body}
        onValue={setBody}
        error={form.fields.reply ?? form.fields.body}
        language={view.language}
        groupLanguage={ctx.language}
        listening={listening}
        rows={4}
      />
      <ContentNoteField
        id="replyNote"
        value={note}
        onValue={setNote}
        error={form.fields.contentNote}
      />
      <SendOrCheck
        checking={checking}
        busy={form.busy}
        onPost={() => void send(true)}
        onBack={() => setChecking(false)}
      >
        <button type="submit" class="button primary" disabled={form.busy}>
          {form.busy ? t('common.saving') : t('space.sendReply')}
        </button>
      </SendOrCheck>
    </form>
  );
}

function Volume({ view }: { view: ThreadView }) {
  const [volume, setLocal] = useState<ThreadVolume>(view.thread.volume);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <fieldset class="field volume">
      <legend>{t('space.volume.legend')}</legend>
      {THREAD_VOLUMES.map((v) => (
        <label class="check" key={v}>
          <input
            type="radio"
            name="volume"
            checked={volume === v}
            onChange={async () => {
              try {
                setLocal((await setVolume(view.thread.id, v)).volume);
              } catch (error) {
                setProblem(problemText(error));
              }
            }}
          />{' '}
          {t(`space.volume.${v}`)}
        </label>
      ))}
      {problem ? <Notice tone="warning">{problem}</Notice> : null}
    </fieldset>
  );
}

function Thread({ threadId }: { threadId: string }) {
  const state = useLoad(() => getThread(threadId), [threadId]);
  const [extra, setExtra] = useState<PostView[]>([]);
  const [quoted, setQuoted] = useState<PostView | null>(null);
  const [arrived, setArrived] = useState<string | null>(null);
  const groupId = state.data?.groupId;
  const groupLanguage = useGroupLanguage(groupId);
  const lastSeq = useRef(0);
  const { path } = useLocation();

  const view = state.data;
  const posts = view
    ? [...view.posts, ...extra.filter((p) => !view.posts.some((q) => q.id === p.id))]
    : [];
  lastSeq.current = posts.at(-1)?.seq ?? 0;

  // My place moves on to the newest post I have on screen.
  useEffect(() => {
    if (view && lastSeq.current > view.readSeq && document.visibilityState === 'visible') {
      void markRead(threadId, lastSeq.current).catch(() => {});
    }
  }, [view, extra.length]);

  const reload = async () => {
    await state.reload();
    setExtra([]);
    setArrived(null);
  };

  useEffect(() => {
    if (!groupId) return;
    const socket = openSpaceNotices(groupId, async (notice) => {
      if (notice.type === 'resync') return reload();
      if (notice.threadId !== threadId) return;
      if (notice.seq === 0) return reload();
      if (notice.seq <= lastSeq.current) return;
      const fresh = await getPostsAfter(threadId, lastSeq.current);
      const others = fresh.posts.filter((p) => !p.mine);
      setExtra((shown) => [
        ...shown,
        ...fresh.posts.filter((p) => !shown.some((s) => s.id === p.id)),
      ]);
      if (others.length > 0) {
        setArrived(
          plural('space.arrived', others.length, {
            names: [...new Set(others.map((p) => p.authorName ?? t('space.formerMember')))].join(
              ', ',
            ),
          }),
        );
      }
    });
    return () => socket.close();
  }, [groupId, threadId]);

  // Arriving from a search result: show the post it named.
  useEffect(() => {
    const hash = location.hash;
    if (view && hash.startsWith('#post-')) document.getElementById(hash.slice(1))?.scrollIntoView();
  }, [view?.thread.id, path]);

  return (
    <Loaded state={state}>
      {(v) => {
        const ctx: Context = {
          view: v,
          language: groupLanguage,
          reload,
          quote: (post) => {
            setQuoted(post);
            const box = document.getElementById('reply');
            box?.scrollIntoView({ block: 'center' });
            box?.focus();
          },
        };
        return (
          <div class="narrow thread">
            <Page title={v.thread.title} lead={v.groupName}>
              <p class="meta">
                <span class="badge">{t(`space.kind.${v.thread.kind}`)}</span>
                {v.thread.kind === 'question' && v.thread.answered ? (
                  <span class="badge answered">{t('space.answered')}</span>
                ) : null}
                <span>{t(`space.wants.${v.thread.wants}.short`)}</span>
                {v.thread.space === 'peers' ? <span>{t('space.tab.peers')}</span> : null}
              </p>
              <div class="posts">
                {posts.map((post) => (
                  <PostItem key={post.id} post={post} ctx={ctx} />
                ))}
              </div>
              <p class="visually-hidden" role="status" aria-live="polite">
                {arrived ?? ''}
              </p>
              {arrived ? <p class="notice info arrived">{arrived}</p> : null}
              {v.can.write ? (
                <ReplyBox ctx={ctx} quoted={quoted} clearQuote={() => setQuoted(null)} />
              ) : (
                <p class="muted">{t('space.readOnly')}</p>
              )}
              <Volume view={v} />
              <p>
                <a
                  href={`/groups/${v.groupId}/space${v.thread.space === 'peers' ? '?space=peers' : ''}`}
                >
                  {t('space.backToSpace')}
                </a>
              </p>
            </Page>
          </div>
        );
      }}
    </Loaded>
  );
}

export default function ThreadPage() {
  const { params } = useRoute();
  return (
    <RequireSignIn>
      <Thread threadId={params.threadId ?? ''} />
    </RequireSignIn>
  );
}
