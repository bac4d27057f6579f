/**
 * Session agendas. The shipped ones are data files (core/templates/agendas); each phase has
 * a share of the meeting's length, and a session's plan is the template scaled to the
 * meeting's duration. A group can keep its own agenda, made from any of them.
 */
import { AGENDA_TEMPLATES } from '../templates/agendas';
import type { Phase } from './live';
import type { PhaseKind } from './liveCommands';

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
  /** Everyone is asked at the start whether they agree to be observed (focus groups). */
  observationConsent?: boolean;
  phases: TemplatePhase[];
}

export const SESSION_TEMPLATES = AGENDA_TEMPLATES as readonly SessionTemplate[];

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

/**
 * A group's own agenda as a template: each phase's share is its part of the total minutes.
 * It has no name of its own: the web app calls it the group's own agenda.
 */
export function agendaTemplate(phases: readonly AgendaPhase[]): SessionTemplate {
  const total = phases.reduce((n, p) => n + p.minutes, 0) || 1;
  return {
    id: OWN_AGENDA_ID,
    name: '',
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
    guide: p.guide,
  }));
}
