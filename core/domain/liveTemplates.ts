/**
 * Session agendas, shipped as data. Each phase has a share of the meeting's length; a
 * session's plan is the template scaled to the meeting's duration. Groups keep their own
 * copies later; these are the starting points.
 */
import type { Phase, PhaseKind } from './live';

export interface TemplatePhase {
  id: string;
  title: string;
  kind: PhaseKind;
  /** Share of the meeting's time, in percent; a template's shares add up to 100. */
  share: number;
  /** What the phase is for, shown to everyone. */
  guide: string;
}

export interface SessionTemplate {
  id: string;
  name: string;
  phases: TemplatePhase[];
}

export const SESSION_TEMPLATES: readonly SessionTemplate[] = [
  {
    id: 'peer-support',
    name: 'Peer support',
    phases: [
      {
        id: 'check-in',
        title: 'Check-in round',
        kind: 'round',
        share: 15,
        guide: 'A few words each: how you are arriving today.',
      },
      {
        id: 'members-time',
        title: 'Members’ time',
        kind: 'round',
        share: 40,
        guide: 'Equal time each. Choose to be listened to, ask for feedback or coaching, or pass.',
      },
      {
        id: 'small-groups',
        title: 'Small groups',
        kind: 'open',
        share: 15,
        guide: 'Talk in twos or threes about what came up.',
      },
      {
        id: 'input',
        title: 'Facilitator input',
        kind: 'open',
        share: 10,
        guide: 'A short piece from the facilitator or a member.',
      },
      {
        id: 'discussion',
        title: 'Open discussion',
        kind: 'open',
        share: 10,
        guide: 'Raise your hand to speak; the queue is in the order hands went up.',
      },
      {
        id: 'check-out',
        title: 'Check-out round',
        kind: 'round',
        share: 10,
        guide: 'One thing you take away.',
      },
    ],
  },
  {
    id: 'peer-development',
    name: 'Peer development',
    phases: [
      {
        id: 'check-in',
        title: 'Check-in round',
        kind: 'round',
        share: 10,
        guide: 'What you bring today, in a sentence or two.',
      },
      {
        id: 'cases',
        title: 'Cases and questions',
        kind: 'round',
        share: 50,
        guide: 'Bring a situation from work; ask for feedback or coaching on a focus you name.',
      },
      {
        id: 'input',
        title: 'Input',
        kind: 'open',
        share: 15,
        guide: 'A method or idea to try.',
      },
      {
        id: 'discussion',
        title: 'Discussion',
        kind: 'open',
        share: 15,
        guide: 'How the idea fits our work.',
      },
      {
        id: 'check-out',
        title: 'Check-out and reflection',
        kind: 'round',
        share: 10,
        guide: 'What you will try before next time.',
      },
    ],
  },
  {
    id: 'incident-review',
    name: 'Peer development: incident review',
    phases: [
      {
        id: 'check-in',
        title: 'Check-in round',
        kind: 'round',
        share: 10,
        guide: 'How you are, before we look at what happened.',
      },
      {
        id: 'account',
        title: 'What happened',
        kind: 'open',
        share: 20,
        guide: 'The person closest to it tells it, uninterrupted. No blame.',
      },
      {
        id: 'questions',
        title: 'Questions to understand',
        kind: 'round',
        share: 30,
        guide: 'Each person asks what they need to understand; no advice yet.',
      },
      {
        id: 'learning',
        title: 'What we learn',
        kind: 'open',
        share: 30,
        guide: 'What would help next time, for us and for the system around us.',
      },
      {
        id: 'check-out',
        title: 'Check-out round',
        kind: 'round',
        share: 10,
        guide: 'How you are leaving.',
      },
    ],
  },
  {
    id: 'focus-group',
    name: 'Focus group',
    phases: [
      {
        id: 'welcome',
        title: 'Welcome and consent',
        kind: 'open',
        share: 10,
        guide: 'What the study is, how notes are kept, and that anyone may stop at any time.',
      },
      {
        id: 'introductions',
        title: 'Introductions',
        kind: 'round',
        share: 15,
        guide: 'Your name and one thing about you that relates to the topic.',
      },
      {
        id: 'question-1',
        title: 'Question 1',
        kind: 'open',
        share: 25,
        guide: 'The first question from the guide.',
      },
      {
        id: 'question-2',
        title: 'Question 2',
        kind: 'open',
        share: 25,
        guide: 'The second question from the guide.',
      },
      {
        id: 'closing',
        title: 'Anything we missed',
        kind: 'round',
        share: 25,
        guide: 'A last word each: anything the questions did not reach.',
      },
    ],
  },
];

export const DEFAULT_TEMPLATE_ID = 'peer-support';

/** The template's phases for a meeting of `minutes`, each a whole number of minutes. */
export function planPhases(template: SessionTemplate, minutes: number): Phase[] {
  let used = 0;
  return template.phases.map((phase, i) => {
    const last = i === template.phases.length - 1;
    const length = last
      ? Math.max(1, minutes - used)
      : Math.max(1, Math.round((minutes * phase.share) / 100));
    used += length;
    return {
      id: phase.id,
      title: phase.title,
      kind: phase.kind,
      plannedMs: length * 60_000,
      guide: phase.guide,
    };
  });
}

export function findTemplate(id: string): SessionTemplate {
  return (
    SESSION_TEMPLATES.find((t) => t.id === id) ??
    (SESSION_TEMPLATES.find((t) => t.id === DEFAULT_TEMPLATE_ID) as SessionTemplate)
  );
}

/** A phase of a group's own agenda, in minutes of a typical meeting. */
export interface AgendaPhase {
  title: string;
  kind: PhaseKind;
  minutes: number;
  guide: string;
}

export const OWN_AGENDA_ID = 'group';
export const MAX_AGENDA_PHASES = 12;

/** A group's own agenda as a template: each phase's share is its part of the total minutes. */
export function agendaTemplate(name: string, phases: readonly AgendaPhase[]): SessionTemplate {
  const total = phases.reduce((n, p) => n + p.minutes, 0) || 1;
  return {
    id: OWN_AGENDA_ID,
    name,
    phases: phases.map((p, i) => ({
      id: `phase-${i + 1}`,
      title: p.title,
      kind: p.kind,
      share: (p.minutes / total) * 100,
      guide: p.guide,
    })),
  };
}

/** A shipped template as a group's own agenda, in minutes for a meeting of `minutes`. */
export function templateAsAgenda(template: SessionTemplate, minutes: number): AgendaPhase[] {
  return planPhases(template, minutes).map((p) => ({
    title: p.title,
    kind: p.kind,
    minutes: Math.round(p.plannedMs / 60_000),
    guide: p.guide ?? '',
  }));
}
