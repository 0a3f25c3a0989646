/**
 * The four pages every news site links from its footer, for the demo newsroom. The
 * addresses are invented (example.com). The privacy page describes what Dateline itself
 * stores today (src/audience, src/admin): keep it true when that changes.
 */
import type { DocNode, ParagraphNode } from '../doc/types.js';
import { doc, h2, p, ul } from './doc-builders.js';

export interface DemoPage {
  slug: string;
  title: string;
  body: DocNode;
}

/** A paragraph that ends in an e-mail link (the inline markup of doc-builders knows only https links). */
function mail(lead: string, address: string): ParagraphNode {
  return { type: 'paragraph', content: [{ type: 'text', text: lead }, { type: 'text', text: address, marks: [{ type: 'link', attrs: { href: `mailto:${address}` } }] }, { type: 'text', text: '.' }] };
}

const about: DemoPage = {
  slug: 'about',
  title: 'About us',
  body: doc(
    p('Dateline is a small, independent newsroom covering our cities, the country and the world beyond, in English and Hindi. Our reporters work from the places they write about; our web desk edits agency copy around the clock and says plainly where each report comes from.'),
    p('We believe a reader should be able to see who wrote a story, when it was published, when it last changed and why. Every story carries a byline, a publication date and, when we fix something, a dated correction.'),
    h2('Who we are'),
    p('The newsroom is led by the editors of its desks: city, business, technology, sport, culture, science and Hindi. Each author page lists what that reporter has written for us.'),
    h2('This site'),
    p('This is a demonstration. The stories, people and pictures on it were written and drawn for Dateline, the open-source newsroom software that runs the site, and every person, agency and quotation in them is invented.'),
  ),
};

const contact: DemoPage = {
  slug: 'contact',
  title: 'Contact',
  body: doc(
    p('We read everything that reaches us, though we cannot answer every message. Please write to the desk that fits best.'),
    mail('News tips and story ideas: ', 'tips@example.com'),
    mail('Corrections and complaints about our journalism: ', 'corrections@example.com'),
    mail('Questions about your data: ', 'privacy@example.com'),
    mail('Everything else, including permission to reuse our stories or pictures: ', 'desk@example.com'),
    h2('By post'),
    p('Dateline Newsroom, 12 Example Lane, Sample Town 000000.'),
    p('If your tip is sensitive, say so in your first message and do not send documents until we have agreed how to receive them safely.'),
  ),
};

const standards: DemoPage = {
  slug: 'standards',
  title: 'Editorial standards and corrections',
  body: doc(
    p('These are the rules our reporters and editors work to. They apply to everything published under our name, including copy from news agencies.'),
    h2('Accuracy and sourcing'),
    ul(
      'We check facts before we publish, and we say how we know what we report.',
      'We name our sources wherever we can. When we grant anonymity, we explain why and an editor knows who the source is.',
      'Agency reports carry the agency’s name, and pictures carry their credit. Where a picture comes from a third party, a line under the story says so.',
      'We do not alter news photographs beyond ordinary cropping and colour correction.',
    ),
    h2('Independence'),
    p('Advertisers, owners and officials do not decide what we cover or how. Reporters declare any personal interest in a story to their editor, who decides whether someone else should write it.'),
    h2('Corrections'),
    p('When we get something wrong, we correct it openly and quickly. We do not quietly change facts in a published story.'),
    ul(
      'A correction is added at the end of the story, with the date it was made and a short note on what was wrong.',
      'The story then shows “Updated On” with the date of the change.',
      'A story we withdraw is replaced by a notice that it has been withdrawn, rather than disappearing without a word.',
      'Small fixes of spelling or style that do not change the meaning are made without a note.',
    ),
    mail('To report an error, write to ', 'corrections@example.com'),
    p('Tell us which story, what is wrong and, if you can, how you know. An editor who was not involved in the story reviews every request, usually within two working days.'),
  ),
};

const privacy: DemoPage = {
  slug: 'privacy',
  title: 'Privacy',
  body: doc(
    p('This page says what this site stores about you when you read it, and what it stores about the staff who write it.'),
    h2('Readers'),
    ul(
      'We set no cookies when you read the site, and we use no advertising or tracking scripts. Pictures, styles and the one small script come from our own server.',
      'When you open a story, your browser tells our server once that the story was read. We add one to that story’s total and to its count for the day. We do not store your IP address, your browser’s details or any identifier with that count, so we cannot tell who read what.',
      'Requests from search engines and other crawlers are recognised by the name their software sends, and are not counted. That name is checked, not stored.',
      'Our server does not keep a log of each page you visit. When something goes wrong, it records the address of the page that failed.',
    ),
    p('The share buttons under each story are plain links. Nothing is sent to a social network until you click one, and then that network’s own privacy policy applies.'),
    p('If this site is served through a hosting company or a content delivery network, they may keep their own access logs. Ask us which ones we use.'),
    h2('Staff'),
    p('Editors and reporters sign in with an e-mail address and password. The password is stored only as a one-way hash. Signing in sets one cookie that keeps the session open; it is not used for anything else. Each session records when it started, when it was last used and the name of the browser that opened it; sessions end after a period without use, or when you sign out. To slow down password guessing, the site counts failed sign-ins for a short time, keeping only hashes of the e-mail address and network address, never the addresses themselves.'),
    h2('Questions'),
    mail('Write to ', 'privacy@example.com'),
  ),
};

/** In footer order. */
export const demoPages: DemoPage[] = [about, contact, standards, privacy];
