/**
 * What members write, as HTML: a small Markdown subset (paragraphs and line breaks, emphasis,
 * lists, quotes, inline code, links) by markdown-it with HTML off, so nothing a member types
 * reaches a page unescaped. Links must be http(s) or mailto (markdown-it's own check refuses
 * `javascript:` and friends; this one is stricter) and carry rel="noopener nofollow ugc".
 */
import MarkdownIt from 'markdown-it';

const markdown = new MarkdownIt('zero', {
  html: false,
  breaks: true,
  linkify: true,
  typographer: false,
}).enable([
  'paragraph',
  'newline',
  'emphasis',
  'list',
  'blockquote',
  'backticks',
  'link',
  'linkify',
  'escape',
  'entity',
]);

const SAFE_LINK = /^(https?:\/\/|mailto:)/i;
const defaultValidate = markdown.validateLink.bind(markdown);
markdown.validateLink = (url: string) => defaultValidate(url) && SAFE_LINK.test(url.trim());

markdown.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  const token = tokens[idx];
  if (token) {
    token.attrSet('rel', 'noopener nofollow ugc');
    token.attrSet('target', '_blank');
  }
  return self.renderToken(tokens, idx, options);
};

/** The member's words as safe HTML. */
export function renderMarkdown(text: string): string {
  return markdown.render(text);
}
