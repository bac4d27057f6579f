import { useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import type { SpaceName, ThreadKind, ThreadWants } from '../../../core/domain/space';
import { TITLE_MAX } from '../../../core/domain/space';
import { Choices } from '../../components/Choices';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Field } from '../../components/Field';
import { Loaded } from '../../components/Loaded';
import { Page } from '../../components/Page';
import { RequireSignIn } from '../../components/RequireSignIn';
import { t } from '../../i18n/t';
import { useForm } from '../../lib/useForm';
import { useLoad } from '../../lib/useLoad';
import { getSpace, startThread } from './api';
import {
  ContentNoteField,
  needsCrisisCheck,
  SendOrCheck,
  useGroupLanguage,
  Writer,
} from './Writer';

function NewThread({ groupId, space }: { groupId: string; space: SpaceName }) {
  const group = useLoad(() => getSpace(groupId, space), [groupId, space]);
  const groupLanguage = useGroupLanguage(groupId);
  const { route } = useLocation();
  const form = useForm();
  const [kind, setKind] = useState<ThreadKind>('share');
  const [wants, setWants] = useState<ThreadWants | null>(null);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [note, setNote] = useState('');
  const [checking, setChecking] = useState(false);

  const send = (skipCheck: boolean) =>
    form.submit(
      () => {
        const problems: Record<string, string> = {};
        if (!title.trim()) problems.title = t('space.titleNeeded');
        else if (title.trim().length > TITLE_MAX)
          problems.title = t('field.too_long', { max: TITLE_MAX });
        if (!body.trim()) problems.body = t('space.bodyNeeded');
        if (!wants) problems.wants = t('space.wantsNeeded');
        return problems;
      },
      async () => {
        const lang = group.data?.language ?? 'en';
        if (!skipCheck && needsCrisisCheck(`${title}\n${body}`, lang)) {
          setChecking(true);
          return;
        }
        const made = await startThread(groupId, {
          space,
          kind,
          wants: wants ?? 'listening',
          title: title.trim(),
          body,
          contentNote: note.trim() || null,
        });
        route(`/space/threads/${made.threadId}`);
      },
    );

  return (
    <Loaded state={group}>
      {(g) => (
        <div class="narrow">
          <Page title={t('space.newTitle')} lead={`${g.groupName} · ${t(`space.tab.${space}`)}`}>
            {space === 'peers' ? <p class="muted">{t('space.peersAbout')}</p> : null}
            {g.can.write ? null : <p>{t('space.readOnly')}</p>}
            <form
              hidden={!g.can.write}
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                void send(false);
              }}
            >
              <ErrorSummary message={form.message} fields={form.fields} />
              <Choices
                name="kind"
                legend={t('space.kindLegend')}
                options={[
                  { value: 'share', label: t('space.kind.share'), hint: t('space.kind.shareHint') },
                  {
                    value: 'question',
                    label: t('space.kind.question'),
                    hint: t('space.kind.questionHint'),
                  },
                ]}
                value={kind}
                onChange={setKind}
              />
              <Choices
                name="wants"
                legend={t('space.wantsLegend')}
                options={(['listening', 'ideas', 'advice'] as const).map((value) => ({
                  value,
                  label: t(`space.wants.${value}`),
                  hint: t(`space.wants.${value}.hint`),
                }))}
                value={wants}
                onChange={setWants}
              />
              {form.fields.wants ? <p class="field-error">{form.fields.wants}</p> : null}
              <Field
                id="title"
                label={t('space.threadTitle')}
                value={title}
                onValue={setTitle}
                error={form.fields.title}
              />
              <Writer
                id="body"
                label={t('space.body')}
                hint={t('space.formatHint')}
                value={body}
                onValue={setBody}
                error={form.fields.body}
                language={g.language}
                groupLanguage={groupLanguage}
              />
              <ContentNoteField
                id="contentNote"
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
                <div class="actions">
                  <button type="submit" class="button primary" disabled={form.busy}>
                    {form.busy ? t('common.saving') : t('space.post')}
                  </button>
                  <a
                    class="button secondary"
                    href={`/groups/${groupId}/space${space === 'peers' ? '?space=peers' : ''}`}
                  >
                    {t('common.cancel')}
                  </a>
                </div>
              </SendOrCheck>
            </form>
          </Page>
        </div>
      )}
    </Loaded>
  );
}

export default function NewThreadPage() {
  const { params } = useRoute();
  const { query } = useLocation();
  return (
    <RequireSignIn>
      <NewThread groupId={params.id ?? ''} space={query.space === 'peers' ? 'peers' : 'everyone'} />
    </RequireSignIn>
  );
}
