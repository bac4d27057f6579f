/**
 * Joining on purpose: a closed group's questionnaire, the mix of its members, and the window
 * a waitlisted person has to claim a freed seat. Pure rules.
 */

import peerSupport from '../templates/questionnaires/peer-support.en.json';
import professional from '../templates/questionnaires/professional.en.json';

export const QUESTION_KINDS = ['text', 'choice'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export interface Question {
  /** Stable within the group, so answers stay tied to their question when it is reworded. */
  id: string;
  kind: QuestionKind;
  prompt: string;
  required: boolean;
  /** For choice questions. */
  choices: string[];
  /** A "mix" question: stewards see the group's spread of answers beside each application. */
  mix: boolean;
}

export const MAX_QUESTIONS = 12;
export const MAX_CHOICES = 12;
export const MAX_ANSWER_LENGTH = 2000;

/** Good practice for a closed group, which the steward can change (a data file). */
/** Questions suited to a group of people with a shared lived experience: the default. */
export const PEER_SUPPORT_QUESTIONS: readonly Question[] = peerSupport.questions as Question[];
/** Questions suited to a professional network (where people work, and for how long). */
export const PROFESSIONAL_QUESTIONS: readonly Question[] = professional.questions as Question[];
export const DEFAULT_QUESTIONS = PEER_SUPPORT_QUESTIONS;

export type Answers = Readonly<Record<string, string>>;

export type AnswerProblem = 'answer_required' | 'answer_choice' | 'answer_too_long';

/**
 * Checks answers against the questions: required ones answered, choices from the list,
 * nothing too long. Returns a problem per question id that needs fixing (empty when fine).
 * Answers to questions that no longer exist are ignored.
 */
export function checkAnswers(
  questions: readonly Question[],
  answers: Answers,
): Record<string, AnswerProblem> {
  const problems: Record<string, AnswerProblem> = {};
  for (const q of questions) {
    const answer = (answers[q.id] ?? '').trim();
    if (!answer) {
      if (q.required) problems[q.id] = 'answer_required';
      continue;
    }
    if (q.kind === 'choice' && !q.choices.includes(answer)) {
      problems[q.id] = 'answer_choice';
    } else if (answer.length > MAX_ANSWER_LENGTH) {
      problems[q.id] = 'answer_too_long';
    }
  }
  return problems;
}

/** Keeps only answers to current questions, trimmed; empty answers are dropped. */
export function cleanAnswers(
  questions: readonly Question[],
  answers: Answers,
): Record<string, string> {
  const clean: Record<string, string> = {};
  for (const q of questions) {
    const answer = (answers[q.id] ?? '').trim();
    if (answer) clean[q.id] = answer;
  }
  return clean;
}

export interface MixRow {
  questionId: string;
  prompt: string;
  /** One entry per choice, then one for members whose answer is not known. */
  counts: { choice: string | null; members: number; withApplicant: number }[];
}

/**
 * The group's current mix for each mix question, and how one applicant would change it.
 * Members who never answered (they joined another way) count as "not known".
 */
export function mixTable(
  questions: readonly Question[],
  memberAnswers: readonly Answers[],
  applicant: Answers,
): MixRow[] {
  return questions
    .filter((q) => q.mix && q.kind === 'choice')
    .map((q) => {
      const tally = (choice: string | null, people: readonly Answers[]) =>
        people.filter((a) => {
          const answer = a[q.id];
          return choice === null ? !answer || !q.choices.includes(answer) : answer === choice;
        }).length;
      const withApplicant = [...memberAnswers, applicant];
      return {
        questionId: q.id,
        prompt: q.prompt,
        counts: [...q.choices, null].map((choice) => ({
          choice,
          members: tally(choice, memberAnswers),
          withApplicant: tally(choice, withApplicant),
        })),
      };
    });
}

const HOUR = 3_600_000;
/** How long a waitlisted person has to claim a freed seat when no meeting is near. */
export const OFFER_WINDOW_MS = 48 * HOUR;
/** The shortest claim window, however near the next meeting is. */
export const MIN_OFFER_WINDOW_MS = 2 * HOUR;

/**
 * The claim window for a freed seat: two days, shrinking to half the time left before the
 * next meeting as it nears (so the seat can still go to someone else), never under two hours.
 */
export function offerWindowMs(nowMs: number, nextMeetingMs: number | null): number {
  if (nextMeetingMs === null || nextMeetingMs <= nowMs) return OFFER_WINDOW_MS;
  return Math.min(OFFER_WINDOW_MS, Math.max(MIN_OFFER_WINDOW_MS, (nextMeetingMs - nowMs) / 2));
}
