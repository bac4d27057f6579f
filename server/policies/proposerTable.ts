/**
 * For the table tests of policies whose rules also ask "did this viewer propose it?"
 * (agreement proposals, group decisions): every action against every role, as proposer and
 * not, each expected answer written out.
 */
import type { GroupViewerRole, Rule } from './predicates';
import { GROUP_VIEWER_ROLES } from './predicates';

export type Who = `${GroupViewerRole}${'' | '+proposer'}`;

export interface ProposerCase<A extends string> {
  action: A;
  who: Who;
  expected: boolean;
  actual: boolean;
}

/** Each action × role × proposer-or-not, with the rule's answer and the table's. */
export function proposerCases<A extends string>(
  policy: Record<A, Rule<{ isProposer?: boolean }>>,
  allowed: Record<A, Who[]>,
): ProposerCase<A>[] {
  return (Object.keys(policy) as A[]).flatMap((action) =>
    GROUP_VIEWER_ROLES.flatMap((role) =>
      [false, true].map((isProposer) => {
        const who = `${role}${isProposer ? '+proposer' : ''}` as Who;
        return {
          action,
          who,
          expected: allowed[action].includes(who),
          actual: policy[action](role, { visibility: 'open', stage: 'active', isProposer }),
        };
      }),
    ),
  );
}
