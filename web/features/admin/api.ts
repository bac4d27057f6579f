/** The administrators' calls: the deployment's settings and the outbox. */
import type { OutboxList } from '../../../core/protocol/mail';
import type { PublicSettings } from '../../../core/protocol/settings';
import { get, patch, path, post } from '../../lib/api';

export const updateSettings = (changes: Partial<Omit<PublicSettings, 'recommendedSize'>>) =>
  patch<PublicSettings>('/api/admin/settings', changes);

export const listOutbox = () => get<OutboxList>('/api/admin/mail');
export const readMail = (mailId: string) =>
  get<{ subject: string; text: string }>(path`/api/admin/mail/${mailId}`);
export const retryMail = (mailId: string) => post(path`/api/admin/mail/${mailId}/retry`);
