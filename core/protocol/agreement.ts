/**
 * The comfort agreement: templates, versions, proposals and acknowledgements. Responses to a
 * proposal are the consent engine's (./consent.ts).
 */
import { z } from 'zod';
import { CHANGE_PROBLEMS, ITEM_TEXT_MAX, ITEM_TITLE_MAX, ITEMS_MAX } from '../domain/agreement';
import { CONSENT_RESPONSES } from '../domain/consent';
import { deadlineDays, id } from './common';
import { responseView, tallyView } from './consent';

export const agreementItem = z
  .object({ id: z.string(), title: z.string(), text: z.string() })
  .meta({ id: 'AgreementItem' });

/** An item as a member writes it; a new item has no id yet. */
export const itemInput = z.strictObject({
  id: z.string().max(64).optional(),
  title: z
    .string({ error: 'Give the item a short title.' })
    .trim()
    .min(1, 'Give the item a short title.')
    .max(ITEM_TITLE_MAX, `Use at most ${ITEM_TITLE_MAX} characters.`),
  text: z
    .string({ error: 'Say what the item means.' })
    .trim()
    .min(1, 'Say what the item means.')
    .max(ITEM_TEXT_MAX, `Use at most ${ITEM_TEXT_MAX} characters.`),
});

export const changeInput = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('adopt'),
      items: z
        .array(itemInput)
        .min(1, 'An agreement needs at least one item.')
        .max(ITEMS_MAX, `An agreement can have at most ${ITEMS_MAX} items.`),
    }),
    z.strictObject({ kind: z.literal('add'), item: itemInput }),
    z.strictObject({ kind: z.literal('amend'), item: itemInput.extend({ id }) }),
    z.strictObject({ kind: z.literal('remove'), itemId: id }),
  ],
  { error: 'Choose what kind of change this is.' },
);
export type ChangeInput = z.infer<typeof changeInput>;

const reason = z
  .string({ error: 'Say why you propose this.' })
  .trim()
  .min(1, 'Say why you propose this.')
  .max(2000, 'Use at most 2,000 characters.');

export const proposeBody = z
  .strictObject({ change: changeInput, reason, deadlineDays })
  .meta({ id: 'ProposeChangeBody' });

export const reviseBody = z
  .strictObject({ change: changeInput, reason })
  .meta({ id: 'ReviseProposalBody' });

export const closeBody = z
  .strictObject({
    note: z
      .string({ error: 'Say why the proposal is being closed.' })
      .trim()
      .min(1, 'Say why the proposal is being closed.')
      .max(2000, 'Use at most 2,000 characters.'),
  })
  .meta({ id: 'CloseProposalBody' });

export const acknowledgeBody = z
  .strictObject({ version: z.number().int().min(1) })
  .meta({ id: 'AcknowledgeBody' });

export const proposalParams = z.strictObject({ id, proposalId: id });
export const versionParams = z.strictObject({ id, number: z.coerce.number().int().min(1) });

// ---- Responses ----------------------------------------------------------------------------

export const change = z
  .union([
    z.object({ kind: z.literal('adopt'), items: z.array(agreementItem) }),
    z.object({ kind: z.literal('add'), item: agreementItem }),
    z.object({ kind: z.literal('amend'), item: agreementItem }),
    z.object({ kind: z.literal('remove'), itemId: z.string(), title: z.string().optional() }),
  ])
  .meta({ id: 'AgreementChange' });

export const itemDiff = z
  .object({
    change: z.enum(['added', 'removed', 'changed', 'same']),
    item: agreementItem.optional(),
    before: agreementItem.optional(),
    after: agreementItem.optional(),
  })
  .meta({ id: 'ItemDiff' });
export type ItemDiffDto = z.infer<typeof itemDiff>;

export const PROPOSAL_STATUSES = ['open', 'adopted', 'lapsed', 'withdrawn', 'not_adopted'] as const;

export const proposalSummary = z
  .object({
    id,
    kind: z.enum(['adopt', 'add', 'amend', 'remove']),
    /** What the change is about: an item's title, or how many items a whole draft has. */
    subject: z.object({ title: z.string().nullable(), itemCount: z.number().int().nullable() }),
    proposerName: z.string(),
    status: z.enum(PROPOSAL_STATUSES),
    round: z.number().int(),
    createdAt: z.string(),
    deadlineAt: z.string(),
    objections: z.number().int(),
    needsMyResponse: z.boolean(),
  })
  .meta({ id: 'ProposalSummary' });
export type ProposalSummary = z.infer<typeof proposalSummary>;

export const proposalDetail = proposalSummary
  .extend({
    groupId: z.string(),
    groupName: z.string(),
    change,
    reason: z.string(),
    proposerId: z.string(),
    closedAt: z.string().nullable(),
    /** The steward's note when they closed it. */
    closeNote: z.string().nullable(),
    /** Why it could not be adopted though the group agreed: the agreement changed meanwhile. */
    closeReason: z.enum(CHANGE_PROBLEMS).nullable(),
    resultVersion: z.number().int().nullable(),
    /** What the agreement would look like: current version → after this change. */
    preview: z.array(itemDiff),
    decision: tallyView,
    responses: z.array(responseView),
    myResponse: z.enum(CONSENT_RESPONSES).nullable(),
    earlierRounds: z.array(
      z.object({
        round: z.number().int(),
        change,
        reason: z.string(),
        responses: z.array(responseView),
      }),
    ),
    can: z.object({
      respond: z.boolean(),
      revise: z.boolean(),
      withdraw: z.boolean(),
      close: z.boolean(),
    }),
  })
  .meta({ id: 'ProposalDetail' });
export type ProposalDetail = z.infer<typeof proposalDetail>;

export const versionSummary = z
  .object({
    number: z.number().int(),
    createdAt: z.string(),
    proposalId: z.string().nullable(),
    proposerName: z.string().nullable(),
    reason: z.string().nullable(),
    kind: z.string().nullable(),
  })
  .meta({ id: 'VersionSummary' });
export type VersionSummary = z.infer<typeof versionSummary>;

export const agreementOverview = z
  .object({
    groupId: z.string(),
    groupName: z.string(),
    current: z
      .object({ number: z.number().int(), createdAt: z.string(), items: z.array(agreementItem) })
      .nullable(),
    versions: z.array(versionSummary),
    myAcknowledgedVersion: z.number().int().nullable(),
    needsAcknowledgement: z.boolean(),
    /** Changes since the version the viewer last acknowledged (null if none acknowledged). */
    changesSinceAcknowledged: z.array(itemDiff).nullable(),
    proposals: z.array(proposalSummary),
    acknowledgements: z
      .array(
        z.object({
          userId: z.string(),
          displayName: z.string(),
          version: z.number().int().nullable(),
        }),
      )
      .nullable(),
    can: z.object({ propose: z.boolean(), seeAcknowledgements: z.boolean() }),
  })
  .meta({ id: 'AgreementOverview' });
export type AgreementOverview = z.infer<typeof agreementOverview>;

export const versionDetail = z
  .object({
    number: z.number().int(),
    createdAt: z.string(),
    items: z.array(agreementItem),
    changes: z.array(itemDiff),
    proposal: proposalDetail.nullable(),
  })
  .meta({ id: 'VersionDetail' });
export type VersionDetail = z.infer<typeof versionDetail>;

export const templateList = z
  .object({
    items: z.array(
      z.object({
        key: z.string(),
        name: z.string(),
        description: z.string(),
        items: z.array(z.object({ title: z.string(), text: z.string() })),
      }),
    ),
  })
  .meta({ id: 'AgreementTemplates' });
export type TemplateList = z.infer<typeof templateList>;
