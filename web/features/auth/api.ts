/** The auth feature's calls: signing up and in. */
import type { Me } from '../../../core/protocol/accounts';
import { post } from '../../lib/api';

export const signUp = (body: { email: string; displayName: string; password: string }) =>
  post<Me>('/api/auth/signup', body);

export const signIn = (body: { email: string; password: string }) =>
  post<Me>('/api/auth/login', body);
