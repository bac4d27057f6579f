import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { t } from '../i18n/t';
import { loadUnread, me, settings, unreadNotifications } from '../lib/session';

function NavLink({ href, children }: { href: string; children: ComponentChildren }) {
  const { path } = useLocation();
  const current = path === href || path.startsWith(`${href}/`);
  return (
    <a href={href} aria-current={current ? 'page' : undefined}>
      {children}
    </a>
  );
}

function Mark() {
  return (
    <svg class="mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" />
      <path d="M16 6c1.5 4 6 6.5 6 11.5a6 6 0 0 1-12 0c0-2.6 1.4-4.3 2.8-5.6.2 1.9 1.1 3.1 2.4 3.6-.6-3.6.2-6.6.8-9.5z" />
    </svg>
  );
}

/** The frame of every page: skip link, header and navigation, main, and the footer's help. */
export function Layout({ children }: { children: ComponentChildren }) {
  const person = me.value;
  const { path } = useLocation();
  // Moving between pages is a good moment to see whether anything new has arrived.
  useEffect(() => {
    if (person) void loadUnread();
  }, [path, person]);
  const site = settings.value?.deploymentName ?? 'Hearth';
  return (
    <>
      <a class="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header class="site-header">
        <div class="wrap header-inner">
          <a class="brand" href={person ? '/groups' : '/'}>
            <Mark />
            <span>{site}</span>
          </a>
          <nav aria-label={t('nav.label')}>
            <ul>
              {person ? (
                <>
                  <li>
                    <NavLink href="/groups">{t('nav.myGroups')}</NavLink>
                  </li>
                  <li>
                    <NavLink href="/directory">{t('nav.directory')}</NavLink>
                  </li>
                  <li>
                    <NavLink href="/notifications">
                      {unreadNotifications.value > 0 ? (
                        <>
                          <span aria-hidden="true">{t('nav.notifications')}</span>
                          <span class="count" aria-hidden="true">
                            {unreadNotifications.value}
                          </span>
                          <span class="visually-hidden">
                            {t('nav.notificationsUnread', { count: unreadNotifications.value })}
                          </span>
                        </>
                      ) : (
                        t('nav.notifications')
                      )}
                    </NavLink>
                  </li>
                  <li>
                    <NavLink href="/account">{t('nav.account')}</NavLink>
                  </li>
                  {person.isAdmin ? (
                    <li>
                      <NavLink href="/admin">{t('nav.admin')}</NavLink>
                    </li>
                  ) : null}
                </>
              ) : person === null ? (
                <>
                  <li>
                    <NavLink href="/directory">{t('nav.directory')}</NavLink>
                  </li>
                  <li>
                    <NavLink href="/signin">{t('nav.signIn')}</NavLink>
                  </li>
                </>
              ) : null}
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" class="wrap" tabIndex={-1}>
        {children}
      </main>
      <footer class="site-footer">
        <div class="wrap footer-inner">
          <a class="help-link" href="/help-now">
            <span aria-hidden="true">♥ </span>
            {t('footer.help')}
          </a>
          <p class="muted small">
            {t('footer.notCrisis')} · <a href="/privacy">{t('footer.privacy')}</a> ·{' '}
            <a href="/api/docs/">{t('footer.api')}</a>
          </p>
        </div>
      </footer>
    </>
  );
}
