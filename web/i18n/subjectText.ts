import type { ProposalSummary } from '../../core/protocol/agreement';
import { plural, t } from './t';

/** What a proposal is about, in a few words: "Add “Breaks”", "Adopt the agreement (4 items)". */
export function subjectText(p: Pick<ProposalSummary, 'kind' | 'subject'>): string {
  const { title, itemCount } = p.subject;
  switch (p.kind) {
    case 'adopt':
      return plural('proposal.subject.adopt', itemCount ?? 0);
    case 'add':
      return t('proposal.subject.add', { title: title ?? '' });
    case 'amend':
      return t('proposal.subject.amend', { title: title ?? '' });
    case 'remove':
      return title ? t('proposal.subject.remove', { title }) : t('proposal.subject.removeUntitled');
  }
}
