/**
 * The web app's pages, as its router names them. The server answers these with the app and
 * anything else with a 404 (the app still shows its own "not found" page), so probes and
 * scanners are not told that every path exists. A test keeps this list and the router equal.
 */
export const PAGE_PATHS = [
  '/',
  '/signup',
  '/signin',
  '/forgot-password',
  '/reset-password/:token',
  '/verify-email/:token',
  '/confirm-email/:token',
  '/groups',
  '/groups/new',
  '/groups/:id',
  '/groups/:id/agreement',
  '/groups/:id/agreement/proposals/:proposalId',
  '/groups/:id/agreement/versions/:number',
  '/groups/:id/meetings',
  '/groups/:id/commitment',
  '/groups/:id/join',
  '/groups/:id/applications',
  '/groups/:id/purpose',
  '/groups/:id/life',
  '/groups/:id/record',
  '/groups/:id/settings',
  '/groups/:id/space',
  '/groups/:id/space/new',
  '/groups/:id/space/care',
  '/space/threads/:threadId',
  '/decisions/:decisionId',
  '/meetings/:meetingId',
  '/meetings/:meetingId/live',
  '/meetings/:meetingId/speaking',
  '/email-preferences/:token',
  '/notifications',
  '/directory',
  '/invite/:token',
  '/account',
  '/admin',
  '/help-now',
  '/privacy',
] as const;

const PATTERNS = PAGE_PATHS.map(
  (page) => new RegExp(`^${page.replace(/:[a-zA-Z]+/g, '[^/.][^/]*').replace(/\/$/, '')}/?$`),
);

/** Whether a URL's path (no query) is one of the app's pages. */
export function isPagePath(pathname: string): boolean {
  return PATTERNS.some((pattern) => pattern.test(pathname));
}
