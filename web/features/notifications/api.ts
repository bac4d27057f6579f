/** The signed-in person's notifications. */
import type { NotificationList } from '../../../core/protocol/notifications';
import { get, post } from '../../lib/api';

export const listNotifications = () => get<NotificationList>('/api/me/notifications');
export const markAllRead = () => post('/api/me/notifications/read');
