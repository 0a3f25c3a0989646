/** Demo stories for the Culture section. Artists, books and festivals are invented. */
import type { DemoStory } from './demo-types.js';
import { demoHoursAgo } from './demo-clock.js';
import { doc, h2, p, quote, social, ul } from './doc-builders.js';

const letterpressStudio: DemoStory = {
  section: 'culture',
  headline: 'A shuttered letterpress becomes the old city’s busiest art studio',
  standfirst: 'Thirty-five artists now share the machines that printed wedding cards for 58 years — taught by the man who ran them for four decades.',
  authors: ['clara-whitmore'],
  tags: [
    { name: 'Printmaking', kind: 'topic' },
    { name: 'Heritage', kind: 'topic' },
    { name: 'Ahmedabad', kind: 'place' },
    { name: 'Loose Type', kind: 'event' },
  ],
  dateline: 'Ahmedabad',
  language: 'en',
  picture: 'letterpress-studio',
  source: null,
  publishedHoursAgo: 135,
  views: 703,
  body: doc(
    p('For 58 years, the Laxmi Letterpress in Ahmedabad’s old city printed wedding cards, ledgers and cinema handbills on heavy iron machines. It closed in 2019, when the last of its regular customers moved to digital printing. This spring it reopened as a shared studio for 35 artists, and on most evenings it is the busiest room in the neighbourhood.'),
    p('The new tenants include painters, illustrators, two bookbinders and a collective of young designers who have taught themselves to set type by hand from the press’s 400 cases of wood and metal letters, many of them in Gujarati and Devanagari designs that are no longer made.'),
    quote('When my father closed the doors, I thought these machines would be sold for scrap by the kilo. Now they are printing again, and the people using them are younger than the machines were when he bought them.', 'Hasmukh Shah, whose father founded the press'),
    p('Shah rents the building to a non-profit arts trust for a nominal fee. The trust, which raised ₹32 lakh from donors and a crowdfunding campaign, restored the wiring, the roof and three of the five presses. Artists pay between ₹2,500 and ₹6,000 a month for a desk or a bench, depending on its size.'),
    h2('Open evenings'),
    p('Every Thursday the studio opens to the public. Visitors can print a postcard on a 1962 platen press under the eye of Ramesh Parmar, 71, who ran the machines for 40 years and now teaches the newcomers.'),
    p('Parmar said the younger artists were bolder than his old customers. “A wedding card had to be centred, gold ink, very proper. These children print crooked on purpose. At first it hurt me. Now I like it,” he said.'),
    p('The studio’s first exhibition, _Loose Type_, opens next month with prints, artists’ books and a wall of posters made entirely from the press’s damaged and incomplete sets of letters. It will run for six weeks, and entry is free.'),
    p('Conservationists say the building is one of only a handful of working letterpress shops left in the old city. The trust is cataloguing the type and plans to publish a [digital archive](https://example.org/laxmi-letterpress/archive) of the Gujarati wood-type designs, some of which were carved by hand in the 1960s and exist nowhere else.'),
  ),
};

const saltOrchardReview: DemoStory = {
  section: 'culture',
  headline: 'Review: ‘The Salt Orchard’ is a quiet, devastating debut about a family and a vanishing lake',
  standfirst: 'Rukmini Dass’s first novel is slower than most books about climate and loss, and better for it.',
  authors: ['clara-whitmore'],
  tags: [
    { name: 'Books', kind: 'topic' },
    { name: 'Reviews', kind: 'topic' },
    { name: 'Rukmini Dass', kind: 'person' },
    { name: 'The Salt Orchard', kind: 'thing' },
  ],
  dateline: null,
  language: 'en',
  picture: 'salt-orchard',
  source: null,
  publishedHoursAgo: 190,
  views: 3,
  body: doc(
    p('Early in Rukmini Dass’s first novel, a girl named Tara walks out across the cracked bed of a lake that, a summer before, was deep enough to drown in. She finds a bicycle, a brass lamp and the ribs of a boat her grandfather built. She tells no one. It is typical of _The Salt Orchard_ that the discovery matters less than the silence that follows it.'),
    p('The novel follows three generations of a family of fishermen and salt-makers on the shore of an invented inland lake that is slowly disappearing as the rivers that feed it are diverted upstream. Nobody in the book makes speeches about water. The lake simply retreats a little further in every chapter, and the family rearranges its life around the distance.'),
    quote('Every year the water went a little further away, like a guest who has been insulted and is too polite to say so.', 'Rukmini Dass, The Salt Orchard'),
    h2('A family told in fragments'),
    p('The story is told in short sections that move between Tara, her mother Sunanda and her grandfather Keshav, and between the 1970s and the near future. The structure is disorienting for the first fifty pages, but Dass rewards patience: small details planted early — a debt, a locked trunk, a song nobody will sing — return with real force in the final third.'),
    p('Keshav is the book’s great creation. A stubborn, funny, occasionally cruel man who measures his life by the catch, he refuses to accept what is happening to the lake even as he rows further out each morning to find it. His scenes with Tara, who is patient with him in a way no one else is, are the emotional heart of the novel.'),
    p('Dass is less sure-footed with Sunanda, whose years in a city garment factory are summarised rather than dramatised, and a subplot involving a visiting engineer feels as though it belongs to a different, more conventional book.'),
    h2('Prose that earns its silences'),
    p('What lingers is the prose. Dass writes in plain, exact sentences and trusts the reader to feel the weight of what she leaves out. She has a gift for the physical world — the sting of salt in a cut, the smell of fish drying on a hot roof, the sound of a dry lakebed cracking at night — that makes the loss concrete rather than abstract.'),
    p('_The Salt Orchard_ does not announce its own importance. By the final pages, when Tara returns to the lake as an adult, the silence she kept as a girl has become almost unbearable.'),
    ul(
      '**The Salt Orchard** by Rukmini Dass',
      'Lanternfield Books, 312 pages, ₹599',
      'Verdict: four stars out of five',
    ),
  ),
};

const monsoonFestival: DemoStory = {
  section: 'culture',
  headline: 'Cloudburst monsoon music festival returns to the hills with 60 acts on four stages',
  standfirst: 'After a two-year break and one very muddy final night, the organisers have a new site, a cap on crowds and a lot of gravel.',
  authors: ['clara-whitmore', 'web-desk'],
  tags: [
    { name: 'Music', kind: 'topic' },
    { name: 'Festivals', kind: 'topic' },
    { name: 'Cloudburst Festival', kind: 'event' },
    { name: 'Lonavala', kind: 'place' },
  ],
  dateline: 'Lonavala',
  language: 'en',
  picture: 'cloudburst-festival',
  source: null,
  publishedHoursAgo: 226,
  updatedHoursAgo: 180,
  views: 1210,
  body: doc(
    p('The Cloudburst Festival will return to the hills outside Lonavala for three days in late July with 60 acts on four stages, its organisers said on Monday, after a two-year break caused by the loss of its original site.'),
    p('The festival, which began in 2016 as a one-day gathering of 800 people in a hillside field, drew 14,000 visitors a day at its peak. It is known for holding concerts in the middle of the monsoon, when the hills are green and audiences stand in rain ponchos through sudden downpours.'),
    p('This year’s programme mixes folk musicians from across the country with electronic producers, jazz ensembles and two orchestras of young musicians. More than half of the acts are appearing at the festival for the first time, and 22 are led by women.'),
    social({
      network: 'instagram',
      author: 'Cloudburst Festival',
      handle: '@cloudburstfest',
      url: null,
      text: 'WE’RE BACK ☔ 60 acts · 4 stages · 3 days in the clouds. Full line-up on our website. Ponchos not included (but strongly recommended).',
      postedAt: demoHoursAgo(228),
    }),
    h2('A new site, and a plan for the mud'),
    p('The festival’s new home is a 40-acre former dairy farm about 12 km from the original site. Co-founder Ishaan Deshmukh said the team had spent the break digging drainage channels, laying gravel paths and building raised, covered stages, after heavy rain at the last edition turned the main field into a swamp and forced the cancellation of the final evening.'),
    quote('We love the rain. The rain is the whole point. But we learned that if you want 10,000 people to love it with you, you need a lot of gravel.', 'Ishaan Deshmukh, co-founder, Cloudburst Festival'),
    p('Daily attendance will be capped at 9,000. Tickets will be sold only online, with a limited number of reduced-price day passes for local residents. Shuttle buses will run from the railway station every 15 minutes, and private cars will not be allowed on the site.'),
    p('The festival will ban single-use plastic bottles and install 40 free drinking-water points. Food stalls will be run by restaurants and home cooks from nearby villages, chosen through an open call.'),
    p('Some residents of villages near the new site have raised concerns about noise and traffic. Deshmukh said music on the outdoor stages would stop at **10 pm**, and that the festival had agreed to hire 120 local people as stewards, cooks and drivers.'),
    p('_Updated to add the daily attendance cap and the festival’s transport plan._'),
  ),
};

export const cultureStories: DemoStory[] = [letterpressStudio, saltOrchardReview, monsoonFestival];
