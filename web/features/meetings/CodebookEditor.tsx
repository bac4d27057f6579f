import { useState } from 'preact/hooks';
import { type Code, DEFAULT_CODEBOOK, MAX_CODES } from '../../../core/domain/codebook';
import type { CodebookView } from '../../../core/protocol/observer';
import { Notice } from '../../components/Notice';
import { t } from '../../i18n/t';
import { problemText } from '../../lib/api';
import { useLoad } from '../../lib/useLoad';
import { getCodebook, saveCodebook } from './api';

/** The group's codebook for observer notes: a name and one key for each code. Stewards edit it. */
export function CodebookEditor({ groupId }: { groupId: string }) {
  const loaded = useLoad(() => getCodebook(groupId), [groupId]);
  if (!loaded.data?.canEdit) return null;
  return <CodebookForm groupId={groupId} initial={loaded.data} />;
}

function CodebookForm({ groupId, initial }: { groupId: string; initial: CodebookView }) {
  const [codes, setCodes] = useState<Code[]>(initial.codes);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const update = (i: number, patch: Partial<Code>) =>
    setCodes((all) => all.map((c, k) => (k === i ? { ...c, ...patch } : c)));
  const keys = codes.map((c) => c.key);
  const clash = keys.some((k, i) => k !== '' && keys.indexOf(k) !== i);
  return (
    <section class="card panel" aria-labelledby="codebook-title">
      <h2 id="codebook-title">{t('codebook.title')}</h2>
      <p class="hint">{t('codebook.lead')}</p>
      {problem ? <Notice tone="warning">{problem}</Notice> : null}
      {done ? <Notice tone="success">{done}</Notice> : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (clash) {
            setProblem(t('codebook.clash'));
            return;
          }
          setBusy(true);
          setProblem(null);
          setDone(null);
          saveCodebook(
            groupId,
            codes.map((c) => ({ key: c.key.toLowerCase(), label: c.label.trim() })),
          )
            .then(
              (saved) => {
                setCodes(saved.codes);
                setDone(t('codebook.saved'));
              },
              (error) => setProblem(problemText(error)),
            )
            .finally(() => setBusy(false));
        }}
      >
        <ol class="codebook">
          {codes.map((c, i) => (
            <li key={i}>
              <div class="field">
                <label for={`code-${i}-label`}>{t('codebook.name', { n: i + 1 })}</label>
                <input
                  id={`code-${i}-label`}
                  maxLength={40}
                  value={c.label}
                  onInput={(e) => update(i, { label: (e.currentTarget as HTMLInputElement).value })}
                />
              </div>
              <div class="field key-field">
                <label for={`code-${i}-key`}>{t('codebook.key')}</label>
                <input
                  id={`code-${i}-key`}
                  maxLength={1}
                  size={2}
                  autocapitalize="off"
                  value={c.key}
                  onInput={(e) =>
                    update(i, {
                      key: (e.currentTarget as HTMLInputElement).value.toLowerCase(),
                    })
                  }
                />
              </div>
              <button
                type="button"
                class="button secondary small"
                disabled={codes.length <= 1}
                onClick={() => setCodes((all) => all.filter((_, k) => k !== i))}
              >
                {t('codebook.remove', { name: c.label || t('codebook.name', { n: i + 1 }) })}
              </button>
            </li>
          ))}
        </ol>
        {clash ? <p class="error">{t('codebook.clash')}</p> : null}
        <div class="actions">
          <button
            type="button"
            class="button secondary"
            disabled={codes.length >= MAX_CODES}
            onClick={() => setCodes((all) => [...all, { key: '', label: '' }])}
          >
            {t('codebook.add')}
          </button>
          <button
            type="button"
            class="button secondary"
            onClick={() => setCodes([...DEFAULT_CODEBOOK])}
          >
            {t('codebook.reset')}
          </button>
          <button type="submit" class="button primary" disabled={busy}>
            {t('codebook.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
