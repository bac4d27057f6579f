import type { AgreementChange, AgreementItem } from '../../../core/domain/agreement';
import type { VersionRow } from '../../db/queries/agreementVersions';

/** A stored version's items. */
export function itemsOf(version: VersionRow | undefined): AgreementItem[] | null {
  return version ? (JSON.parse(version.items) as AgreementItem[]) : null;
}

/** A stored proposal's change. */
export function changeOf(row: { change: string }): AgreementChange {
  return JSON.parse(row.change) as AgreementChange;
}
