import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  adviceOpenings,
  type LanguageEntry,
  languageSuggestions,
  riskPhrases,
  SHIPPED_LANGUAGE,
} from '../../../core/domain/space';
import { CrisisResources } from '../../components/CrisisResources';
import { Field } from '../../components/Field';
import { t } from '../../i18n/t';
import { useLoad } from '../../lib/useLoad';
import { getLanguage } from './api';

/**
 * The box members write in: gentle suggestions for stigmatising words (whole words only,
 * each dismissible, never blocking), and, when the author asked only to be heard, a quiet
 * flag on advice-shaped openings. All of it runs here, in the browser.
 */
export function Writer(props: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onValue: (value: string) => void;
  error?: string | undefined;
  language: string;
  groupLanguage: readonly LanguageEntry[];
  /** The author of the thread asked to be heard: flag advice. */
  listening?: boolean;
  rows?: number;
}) {
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const entries = useMemo(
    () => [
      ...(SHIPPED_LANGUAGE[props.language] ?? SHIPPED_LANGUAGE.en ?? []),
      ...props.groupLanguage,
    ],
    [props.language, props.groupLanguage],
  );
  const suggestions = languageSuggestions(props.value, entries, dismissed);
  const advice = props.listening
    ? adviceOpenings(props.value).filter((a) => !dismissed.has(a.text.toLowerCase()))
    : [];
  const dismiss = (text: string) => setDismissed(new Set([...dismissed, text.toLowerCase()]));
  return (
    <div class="writer">
      <Field
        id={props.id}
        label={props.label}
        hint={props.hint}
        value={props.value}
        onValue={props.onValue}
        error={props.error}
        multiline
        rows={props.rows ?? 6}
      />
      {advice.length > 0 || suggestions.length > 0 ? (
        <ul class="suggestions" aria-label={t('space.suggestions')}>
          {advice.map((a) => (
            <li key={`advice-${a.index}`} class="suggestion">
              <p>{t('space.adviceFlag', { words: a.text })}</p>
              <button type="button" class="button link small" onClick={() => dismiss(a.text)}>
                {t('space.dismiss')}
              </button>
            </li>
          ))}
          {suggestions.map((s) => (
            <li key={`word-${s.index}`} class="suggestion">
              <p>
                {t('space.languageFlag', { words: s.text, suggestion: s.suggestion })}{' '}
                <span class="muted">{s.why}</span>
              </p>
              {s.suggestion.includes('/') ? null : (
                <button
                  type="button"
                  class="button secondary small"
                  onClick={() =>
                    props.onValue(
                      props.value.slice(0, s.index) +
                        s.suggestion +
                        props.value.slice(s.index + s.text.length),
                    )
                  }
                >
                  {t('space.useSuggestion')}
                </button>
              )}
              <button type="button" class="button link small" onClick={() => dismiss(s.text)}>
                {t('space.dismiss')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** Optional content note: readers see it first and open the post when they are ready. */
export function ContentNoteField(props: {
  id: string;
  value: string;
  onValue: (value: string) => void;
  error?: string | undefined;
}) {
  return (
    <Field
      id={props.id}
      label={t('space.contentNote')}
      hint={t('space.contentNoteHint')}
      value={props.value}
      onValue={props.onValue}
      error={props.error}
    />
  );
}

/**
 * Before posting words that suggest someone may be at risk now: where to find help, and the
 * choice to post anyway. Nothing is hidden and nobody is told.
 */
export function CrisisCheck(props: { onPost: () => void; onBack: () => void; busy: boolean }) {
  const box = useRef<HTMLElement>(null);
  // It appears in place of the send button: focus moves to it, so nobody misses it.
  useEffect(() => box.current?.focus(), []);
  return (
    <section ref={box} class="card crisis-check" aria-labelledby="crisis-check-title" tabIndex={-1}>
      <h2 id="crisis-check-title">{t('space.crisisTitle')}</h2>
      <p>{t('space.crisisLead')}</p>
      <CrisisResources />
      <p class="muted">{t('space.crisisPrivacy')}</p>
      <div class="actions">
        <button type="button" class="button primary" disabled={props.busy} onClick={props.onPost}>
          {t('space.crisisPost')}
        </button>
        <button type="button" class="button secondary" onClick={props.onBack}>
          {t('space.crisisBack')}
        </button>
      </div>
    </section>
  );
}

/**
 * The send buttons, or, when the words call for it, the crisis check in their place; posting
 * from the check closes it (`onBack`) and sends without checking again.
 */
export function SendOrCheck(props: {
  checking: boolean;
  busy: boolean;
  onPost: () => void;
  onBack: () => void;
  children: ComponentChildren;
}) {
  return props.checking ? (
    <CrisisCheck
      busy={props.busy}
      onPost={() => {
        props.onBack();
        props.onPost();
      }}
      onBack={props.onBack}
    />
  ) : (
    <>{props.children}</>
  );
}

/** The group's own additions to the language suggestions, in the shape the checks take. */
export function useGroupLanguage(groupId: string | undefined): LanguageEntry[] {
  const list = useLoad(() => (groupId ? getLanguage(groupId) : Promise.resolve(null)), [groupId]);
  return useMemo(
    () => list.data?.entries.map((e) => ({ ...e, problem: [e.problem] })) ?? [],
    [list.data],
  );
}

/** Whether the words call for the crisis check before they are posted. */
export const needsCrisisCheck = (text: string, language: string) =>
  riskPhrases(text, language).length > 0;
