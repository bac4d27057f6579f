import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { me } from '../lib/session';
import { Loading } from './Notice';

/** Shows its children to signed-in people; sends everyone else to sign in, then back. */
export function RequireSignIn({ children }: { children: ComponentChildren }) {
  const location = useLocation();
  const signedOut = me.value === null;
  useEffect(() => {
    if (signedOut) location.route(`/signin?next=${encodeURIComponent(location.url)}`, true);
  }, [signedOut, location]);
  if (!me.value) return <Loading />;
  return <>{children}</>;
}
