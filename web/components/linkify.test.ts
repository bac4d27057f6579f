import { describe, expect, it } from 'vitest';
import { linkify } from './CrisisResources';

type Part = string | { props: { href: string; children: string } };

describe('linkify', () => {
  it('makes phone numbers tap-to-call and addresses links, leaving the words as written', () => {
    const parts = linkify(
      'Samaritans: call 116 123 (free, 24/7) or visit samaritans.org. US: 988 or +1 800-273-8255.',
    ) as Part[];
    const links = parts.filter((p): p is Exclude<Part, string> => typeof p !== 'string');
    expect(links.map((l) => [l.props.children, l.props.href])).toEqual([
      ['116 123', 'tel:116123'],
      ['samaritans.org', 'https://samaritans.org'],
      ['988', 'tel:988'],
      ['+1 800-273-8255', 'tel:+18002738255'],
    ]);
    expect(parts.filter((p) => typeof p === 'string').join('')).toContain('(free, 24/7)');
  });

  it('makes email addresses mail links, whole', () => {
    const parts = linkify('Write to jo@samaritans.org or privacy@evaluation.example.') as Part[];
    const links = parts.filter((p): p is Exclude<Part, string> => typeof p !== 'string');
    expect(links.map((l) => l.props.href)).toEqual([
      'mailto:jo@samaritans.org',
      'mailto:privacy@evaluation.example',
    ]);
  });
});
