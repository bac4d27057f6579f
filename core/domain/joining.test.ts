import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkAnswers,
  cleanAnswers,
  DEFAULT_QUESTIONS,
  MIN_OFFER_WINDOW_MS,
  mixTable,
  OFFER_WINDOW_MS,
  offerWindowMs,
  PEER_SUPPORT_QUESTIONS,
  PROFESSIONAL_QUESTIONS,
} from './joining';

describe('the ready-made questions', () => {
  it('ask a peer support group about lived experience, never about work, by default', () => {
    expect(DEFAULT_QUESTIONS).toBe(PEER_SUPPORT_QUESTIONS);
    const prompts = DEFAULT_QUESTIONS.map((q) => q.prompt).join(' ');
    expect(prompts).not.toMatch(/work/i);
    expect(PROFESSIONAL_QUESTIONS.map((q) => q.id)).toContain('area');
  });
});

describe('checkAnswers', () => {
  it('needs the required questions answered and choices from the list', () => {
    expect(checkAnswers(PROFESSIONAL_QUESTIONS, {})).toEqual({
      hope: 'answer_required',
      bring: 'answer_required',
      commit: 'answer_required',
    });
    expect(
      checkAnswers(PROFESSIONAL_QUESTIONS, {
        hope: 'Company',
        bring: 'Listening',
        commit: 'Yes, all of them',
        area: 'Astronomy',
      }),
    ).toEqual({ area: 'answer_choice' });
    expect(
      checkAnswers(PROFESSIONAL_QUESTIONS, { hope: ' ', bring: 'x', commit: 'Most of them' }),
    ).toEqual({ hope: 'answer_required' });
  });

  it('keeps only answers to current questions', () => {
    expect(
      cleanAnswers(PROFESSIONAL_QUESTIONS, { hope: ' Company ', gone: 'x', area: '' }),
    ).toEqual({
      hope: 'Company',
    });
  });
});

describe('mixTable', () => {
  it('shows the members’ spread and how the applicant would change it', () => {
    const rows = mixTable(
      PROFESSIONAL_QUESTIONS,
      [{ area: 'Health', experience: 'Over 5 years' }, { area: 'Health' }, {}],
      { area: 'Education', experience: 'Under 2 years' },
    );
    expect(rows.map((r) => r.questionId)).toEqual(['area', 'experience']);
    const area = rows[0]?.counts ?? [];
    expect(area.find((c) => c.choice === 'Health')).toEqual({
      choice: 'Health',
      members: 2,
      withApplicant: 2,
    });
    expect(area.find((c) => c.choice === 'Education')).toEqual({
      choice: 'Education',
      members: 0,
      withApplicant: 1,
    });
    expect(area.find((c) => c.choice === null)).toEqual({
      choice: null,
      members: 1,
      withApplicant: 1,
    });
  });

  it('accounts for every member and the applicant exactly once per question', () => {
    const choice = fc.constantFrom(...(PROFESSIONAL_QUESTIONS[3]?.choices ?? []), '', 'Gone');
    const answers = fc.record({ area: choice });
    fc.assert(
      fc.property(fc.array(answers, { maxLength: 12 }), answers, (members, applicant) => {
        for (const row of mixTable(PROFESSIONAL_QUESTIONS, members, applicant)) {
          const total = row.counts.reduce((n, c) => n + c.members, 0);
          const after = row.counts.reduce((n, c) => n + c.withApplicant, 0);
          expect(total).toBe(members.length);
          expect(after).toBe(members.length + 1);
        }
      }),
    );
  });
});

describe('offerWindowMs', () => {
  const now = Date.UTC(2026, 0, 1);
  const hours = (n: number) => n * 3_600_000;

  it('is two days when no meeting is near', () => {
    expect(offerWindowMs(now, null)).toBe(OFFER_WINDOW_MS);
    expect(offerWindowMs(now, now + hours(24 * 10))).toBe(OFFER_WINDOW_MS);
  });

  it('shrinks to half the time left as the meeting nears, but never below two hours', () => {
    expect(offerWindowMs(now, now + hours(24))).toBe(hours(12));
    expect(offerWindowMs(now, now + hours(3))).toBe(MIN_OFFER_WINDOW_MS);
    expect(offerWindowMs(now, now - hours(1))).toBe(OFFER_WINDOW_MS);
  });
});
