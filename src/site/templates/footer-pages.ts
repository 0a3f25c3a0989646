import { html, type TrustedHtml } from '../../shared/html.js';
import { staticPagePath, type SiteInfo } from '../site-info.js';

/**
 * The footer's links to About, Contact, Editorial standards and Privacy: what readers
 * and search engines (and news aggregators' publisher checks) look for on every page.
 */
export function footerPagesNav(site: SiteInfo): TrustedHtml {
  if (!site.footerPages.length) return html``;
  return html`<nav aria-label="About this site" class="footer-pages"><ul>${site.footerPages.map((p) => html`<li><a href="${staticPagePath(p.slug)}">${p.title}</a></li>`)}</ul></nav>`;
}
