import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { AgreementItem } from '../../../core/domain/agreement';
import type { FieldErrors } from '../../../core/errors';
import type { ChangeInput, ProposalDetail } from '../../../core/protocol/agreement';
import { ErrorSummary } from '../../components/ErrorSummary';
import { t } from '../../i18n/t';
import { useForm } from '../../lib/useForm';
import { propose, revise } from './api';
import { type ItemDraft, ItemFields, itemProblems } from './ItemFields';
import { ReasonAndSend } from './ReasonAndSend';

export type ProposeMode =
  | { kind: 'add' }
  | { kind: 'amend'; item: AgreementItem }
  | { kind: 'remove'; item: AgreementItem };

/**
 * Proposing one change: a new item, a changed item, or removing one, always with a reason.
 * Used to make a proposal and, by its proposer, to revise it.
 */
export function ProposeForm({
  groupId,
  mode,
  onCancel,
  revising,
}: {
  groupId: string;
  mode: ProposeMode;
  onCancel: () => void;
  /** When set, this form revises that proposal instead of making a new one. */
  revising?: { proposalId: string; reason: string; onDone: (p: ProposalDetail) => void };
}) {
  const location = useLocation();
  const [item, setItem] = useState<ItemDraft>(
    mode.kind === 'add' ? { title: '', text: '' } : { ...mode.item },
  );
  const [reason, setReason] = useState(revising?.reason ?? '');
  const form = useForm();
  const prefix = `propose-${mode.kind}`;
  const labels = {
    reason: t('agreement.reason'),
    [`${prefix}-title`]: t('agreement.itemTitle'),
    [`${prefix}-text`]: t('agreement.itemText'),
  };

  const check = (): FieldErrors => {
    const problems: FieldErrors = {};
    if (mode.kind !== 'remove') {
      const p = itemProblems(item);
      if (p.title) problems[`${prefix}-title`] = p.title;
      if (p.text) problems[`${prefix}-text`] = p.text;
    }
    if (!reason.trim()) problems.reason = t('agreement.reasonNeeded');
    return problems;
  };

  const change = (): ChangeInput =>
    mode.kind === 'remove'
      ? { kind: 'remove', itemId: mode.item.id }
      : mode.kind === 'amend'
        ? { kind: 'amend', item: { id: mode.item.id, title: item.title, text: item.text } }
        : { kind: 'add', item: { title: item.title, text: item.text } };

  const onSubmit = (event: Event) => {
    event.preventDefault();
    void form.submit(check, async () => {
      if (revising) {
        revising.onDone(await revise(groupId, revising.proposalId, { change: change(), reason }));
        return;
      }
      const proposal = await propose(groupId, { change: change(), reason });
      location.route(`/groups/${groupId}/agreement/proposals/${proposal.id}`);
    });
  };

  return (
    <form class="propose-form" onSubmit={onSubmit} noValidate>
      <ErrorSummary message={form.message} fields={form.fields} labels={labels} />
      {mode.kind === 'remove' ? null : (
        <ItemFields
          prefix={prefix}
          item={item}
          onChange={setItem}
          errors={{ title: form.fields[`${prefix}-title`], text: form.fields[`${prefix}-text`] }}
        />
      )}
      <ReasonAndSend
        reason={reason}
        onReason={setReason}
        error={form.fields.reason}
        busy={form.busy}
        sendLabel={revising ? t('proposal.sendRevision') : t('agreement.sendProposal')}
        onCancel={onCancel}
      />
    </form>
  );
}
