import { useState } from 'preact/hooks';
import {
  REFLECTION_MAX,
  type ReflectionView,
  type SpeakingRecordView,
} from '../../../core/protocol/speaking';
import { Choices } from '../../components/Choices';
import { Notice } from '../../components/Notice';
import { t } from '../../i18n/t';
import { problemText } from '../../lib/api';
import { removeReflection, saveReflection } from './api';

const RATINGS = ['1', '2', '3', '4', '5'] as const;
type Rating = (typeof RATINGS)[number];

/**
 * Check-out: how was today, in a word or a line, and an optional 1–5, kept for the group's
 * review; the person chooses whether the group may read it.
 */
export function ReflectionForm({
  meetingId,
  reflection,
  onSaved,
}: {
  meetingId: string;
  reflection: ReflectionView | null;
  onSaved?: (record: SpeakingRecordView) => void;
}) {
  const [words, setWords] = useState(reflection?.words ?? '');
  const [rating, setRating] = useState<Rating | null>(
    reflection?.rating ? (String(reflection.rating) as Rating) : null,
  );
  const [shared, setShared] = useState<'me' | 'group'>(reflection?.shared ? 'group' : 'me');
  const [saved, setSaved] = useState<ReflectionView | null>(reflection);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<SpeakingRecordView>, message: string) => {
    setBusy(true);
    setProblem(null);
    setDone(null);
    try {
      const record = await work();
      setSaved(record.reflection);
      setDone(message);
      onSaved?.(record);
    } catch (error) {
      setProblem(problemText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card panel" aria-labelledby="reflection-title">
      <h2 id="reflection-title">{t('reflection.title')}</h2>
      <p class="muted">{t('reflection.lead')}</p>
      {problem ? <Notice tone="warning">{problem}</Notice> : null}
      {done ? <Notice tone="success">{done}</Notice> : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!words.trim()) {
            setProblem(t('reflection.empty'));
            return;
          }
          void run(
            () =>
              saveReflection(meetingId, {
                words: words.trim(),
                rating: rating ? Number(rating) : null,
                shared: shared === 'group',
              }),
            t('reflection.saved'),
          );
        }}
      >
        <div class="field">
          <label for="reflection-words">{t('reflection.words')}</label>
          <input
            id="reflection-words"
            maxLength={REFLECTION_MAX}
            value={words}
            aria-describedby="reflection-words-hint"
            onInput={(e) => setWords((e.currentTarget as HTMLInputElement).value)}
          />
          <p class="hint" id="reflection-words-hint">
            {t('reflection.wordsHint')}
          </p>
        </div>
        <fieldset class="field rating">
          <legend>{t('reflection.rating')}</legend>
          <div class="rating-options">
            {RATINGS.map((r) => (
              <label key={r} class="rating-option">
                <input
                  type="radio"
                  name="reflection-rating"
                  value={r}
                  checked={rating === r}
                  onChange={() => setRating(r)}
                />{' '}
                {r}
              </label>
            ))}
          </div>
          <p class="hint">{t('reflection.ratingHint')}</p>
          {rating ? (
            <button type="button" class="link-button" onClick={() => setRating(null)}>
              {t('reflection.noRating')}
            </button>
          ) : null}
        </fieldset>
        <Choices<'me' | 'group'>
          name="reflection-shared"
          legend={t('reflection.who')}
          value={shared}
          onChange={setShared}
          options={[
            { value: 'me', label: t('reflection.onlyMe'), hint: t('reflection.onlyMeHint') },
            { value: 'group', label: t('reflection.group'), hint: t('reflection.groupHint') },
          ]}
        />
        <div class="actions">
          <button type="submit" class="button primary" disabled={busy}>
            {t(saved ? 'reflection.update' : 'reflection.save')}
          </button>
          {saved ? (
            <button
              type="button"
              class="button secondary"
              disabled={busy}
              onClick={() =>
                void run(() => removeReflection(meetingId), t('reflection.removed')).then(() => {
                  setWords('');
                  setRating(null);
                  setShared('me');
                })
              }
            >
              {t('reflection.remove')}
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
}
