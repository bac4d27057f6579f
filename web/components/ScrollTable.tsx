import type { ComponentChildren } from 'preact';

/**
 * A wide table that scrolls sideways on a small screen. It can take focus, so keyboard users
 * can scroll it too, and it is named for screen readers.
 */
export function ScrollTable({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must be reachable by keyboard
    <section class="table-scroll" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}
