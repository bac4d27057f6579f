/**
 * Who is signed in and the deployment's settings, as signals the whole app reads.
 * `undefined` means "not known yet"; `null` means "signed out".
 */
import { signal } from '@preact/signals';
import type { Me } from '../../core/protocol/accounts';
import type { NotificationList } from '../../core/protocol/notifications';
import type { PublicSettings } from '../../core/protocol/settings';
import { ApiError, get, post } from './api';

export const me = signal<Me | null | undefined>(undefined);
export const settings = signal<PublicSettings | undefined>(undefined);
/** How many notifications the signed-in person has not seen. */
export const unreadNotifications = signal(0);

export async function loadMe(): Promise<void> {
  try {
    me.value = await get<Me>('/api/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) me.value = null;
    else throw error;
  }
}

export async function loadSettings(): Promise<void> {
  settings.value = await get<PublicSettings>('/api/settings');
}

export async function signOut(): Promise<void> {
  await post('/api/auth/logout');
  me.value = null;
}

/** Refreshes the unread count shown in the header. */
export async function loadUnread(): Promise<void> {
  try {
    unreadNotifications.value = (await get<NotificationList>('/api/me/notifications')).unread;
  } catch {
    /* the count is a nicety; a failure leaves the last one */
  }
}
