import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { settings } from '../lib/session';

let firstPage = true;

/**
 * A page: sets the document title and, after an in-app navigation, moves focus to the
 * heading so screen reader and keyboard users start at the top of the new page.
 */
export function Page({
  title,
  lead,
  children,
}: {
  title: string;
  lead?: ComponentChildren;
  children?: ComponentChildren;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const site = settings.value?.deploymentName ?? 'Hearth';
  useEffect(() => {
    document.title = title === site ? site : `${title} · ${site}`;
  }, [title, site]);
  useEffect(() => {
    if (firstPage) firstPage = false;
    else heading.current?.focus();
  }, []);
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {lead ? <p class="lead">{lead}</p> : null}
      {children}
    </>
  );
}
