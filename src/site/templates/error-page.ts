import { html } from '../../shared/html.js';
import type { SiteInfo } from '../site-info.js';
import { layout } from './layout.js';

const MESSAGES: Record<number, { title: string; text: string }> = {
  400: { title: 'That request did not make sense', text: 'Something in the address is malformed.' },
  404: { title: 'Page not found', text: 'We could not find that page. It may have moved, or the address may be mistyped.' },
  410: { title: 'This story has been withdrawn', text: 'The story that was published at this address has been taken down by the editors.' },
  500: { title: 'Something went wrong', text: 'We could not show this page just now. Please try again in a moment.' },
  503: { title: 'Back in a moment', text: 'We cannot show this page just now. Please try again in a few seconds.' },
};

export function errorPage(site: SiteInfo, status: number, detail?: string): string {
  const message = MESSAGES[status] ?? MESSAGES[500]!;
  const content = html`<div class="error-page"><p class="kicker">Error ${status}</p><h1>${message.title}</h1><p>${detail ?? message.text}</p><p><a href="/">Go to the front page</a></p></div>`;
  return layout({ site, title: `${message.title} | ${site.name}`, description: message.text, canonical: null, head: html`<meta name="robots" content="noindex">`, content });
}
