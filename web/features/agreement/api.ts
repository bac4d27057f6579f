/** The agreement feature's calls: the agreement, its versions and proposals. */

import type { ConsentResponse } from '../../../core/domain/consent';
import type {
  AgreementOverview,
  ChangeInput,
  ProposalDetail,
  TemplateList,
  VersionDetail,
} from '../../../core/protocol/agreement';
import { get, path, post, put } from '../../lib/api';

const base = (groupId: string) => path`/api/groups/${groupId}/agreement`;
const proposal = (groupId: string, proposalId: string) =>
  `${base(groupId)}${path`/proposals/${proposalId}`}`;

export const listTemplates = () => get<TemplateList>('/api/agreement-templates');
export const getAgreement = (groupId: string) => get<AgreementOverview>(base(groupId));
export const getVersion = (groupId: string, number: number | string) =>
  get<VersionDetail>(`${base(groupId)}${path`/versions/${number}`}`);
export const acknowledge = (groupId: string, version: number) =>
  post(`${base(groupId)}/acknowledge`, { version });

export const propose = (
  groupId: string,
  body: { change: ChangeInput; reason: string; deadlineDays?: number },
) => post<ProposalDetail>(`${base(groupId)}/proposals`, body);
export const getProposal = (groupId: string, proposalId: string) =>
  get<ProposalDetail>(proposal(groupId, proposalId));
export const respond = (
  groupId: string,
  proposalId: string,
  body: { response: ConsentResponse; note?: string },
) => put<ProposalDetail>(`${proposal(groupId, proposalId)}/response`, body);
export const revise = (
  groupId: string,
  proposalId: string,
  body: { change: ChangeInput; reason: string },
) => post<ProposalDetail>(`${proposal(groupId, proposalId)}/revise`, body);
export const withdraw = (groupId: string, proposalId: string) =>
  post<ProposalDetail>(`${proposal(groupId, proposalId)}/withdraw`);
export const close = (groupId: string, proposalId: string, note: string) =>
  post<ProposalDetail>(`${proposal(groupId, proposalId)}/close`, { note });
