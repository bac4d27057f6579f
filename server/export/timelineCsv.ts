import type { TimelineView } from '../../core/protocol/observer';
import { csvText } from './csv';

const COLUMNS = ['at', 'kind', 'part', 'who', 'code', 'text', 'until'] as const;

/** A session's timeline as a CSV file (safe to open in a spreadsheet). */
export function timelineCsv(timeline: TimelineView): string {
  return csvText(COLUMNS, timeline.entries);
}
