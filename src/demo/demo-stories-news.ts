/** Demo stories for the News section. All people, bodies and events are invented. */
import type { DemoStory } from './demo-types.js';
import { demoHoursAgo } from './demo-clock.js';
import { doc, h2, ol, p, quote, social, ul } from './doc-builders.js';

const floodAlerts: DemoStory = {
  section: 'news',
  headline: 'Pune switches on river flood alerts as 38 sensors go live along the Mula and Mutha',
  standfirst: 'The network texts warnings to 210,000 phones when the water rises fast, after two monsoons in which riverside residents said they had minutes, not hours, to move.',
  authors: ['anika-rao'],
  tags: [
    { name: 'Floods', kind: 'topic' },
    { name: 'Monsoon', kind: 'topic' },
    { name: 'Pune', kind: 'place' },
    { name: 'Deccan Rivers Authority', kind: 'organisation' },
  ],
  dateline: 'Pune',
  language: 'en',
  picture: 'pune-river-sensors',
  source: null,
  publishedHoursAgo: 5,
  updatedHoursAgo: 2,
  views: 4812,
  body: doc(
    p('Pune switched on a network of 38 river-level sensors along the Mula and Mutha on Tuesday, and from this monsoon residents of low-lying neighbourhoods will get a text message whenever the water rises faster than 30 centimetres an hour, the city’s disaster management cell said.'),
    p('The ₹14.6-crore system covers 44 kilometres of riverbank. Each sensor, bolted to a bridge pier or a concrete mast, measures the water surface by radar every five minutes and reports over two separate mobile networks, so that the failure of a single tower does not silence it.'),
    p('Officials said 210,000 phone numbers were already registered, most of them added automatically from property-tax records for buildings within 200 metres of the river. Residents elsewhere can sign up by sending the word RIVER and their pin code to a short code, or through the [registration page](https://example.org/pune/river-alerts).'),
    h2('Minutes instead of hours'),
    p('The network is the city’s answer to complaints after the last two monsoons, when sudden releases from upstream dams coincided with heavy local rain. On one night last July, water in riverside housing societies along the western bank rose by almost two metres in under three hours, and families said they had been warned by neighbours banging on doors rather than by any official channel.'),
    quote('We used to learn that the river was rising from the people standing in it. Now the river will tell us itself, and it will tell us early.', 'Meera Joshi, head of the city’s disaster management cell'),
    p('Joshi said the alerts come in three levels, each sent in Marathi, Hindi and English:'),
    ul(
      '**Watch**: the water is rising faster than 30 cm an hour at any sensor.',
      '**Warning**: the first flood mark is expected to be reached within two hours.',
      '**Evacuate**: the message names the relief centre for the ward and the safest route to it.',
    ),
    p('The Deccan Rivers Authority, which operates the dams upstream, has agreed to feed its planned release schedules into the same system, a step engineers say matters more than the sensors themselves. “A release decided at nine in the evening is water in the city by midnight,” said Vikram Salunkhe, the authority’s chief hydrologist. “If the city sees our numbers at five past nine, it has gained three hours.”'),
    p('Not everyone is convinced. Sanjana Pawar, who runs a residents’ group in a riverside colony, said many older residents do not read text messages and that sirens promised two years ago had never been tested. The disaster management cell said a siren trial at six locations would take place on June 28, before the heaviest rain of the season usually arrives.'),
    p('_This story was updated to include the date of the siren trial._'),
  ),
};

const lateFerries: DemoStory = {
  section: 'news',
  headline: 'Kochi harbour ferries add late-night crossings as weekday riders pass 40,000',
  standfirst: 'Boats on the four busiest routes will run until 11.30 pm from Monday, a change island residents had petitioned for since March.',
  authors: ['web-desk'],
  tags: [
    { name: 'Public transport', kind: 'topic' },
    { name: 'Kochi', kind: 'place' },
    { name: 'Vembanad Ferry Corporation', kind: 'organisation' },
  ],
  dateline: 'Kochi',
  language: 'en',
  picture: 'kochi-ferries',
  source: 'Asia Wire Network',
  publishedHoursAgo: 20,
  views: 1390,
  body: doc(
    p('The Vembanad Ferry Corporation will run boats until 11.30 pm on its four busiest routes from next Monday, extending the service by 90 minutes after weekday ridership passed 40,000 for the first time, the operator said on Thursday.'),
    p('The late crossings will link the mainland terminal with three island jetties every 30 minutes. Fares will not change, and passengers can use the same contactless card introduced last year for buses and ferries.'),
    p('Managing director Thomas Kurian said demand had grown faster than planned. Ridership averaged 26,500 a day a year ago; last month the figure was 40,800, with a peak of 47,200 on the Friday before a public holiday.'),
    quote('Most of our new passengers are not tourists. They are nurses coming off a shift, hotel staff, students from the evening colleges. The last boat at ten o’clock was simply too early for them.', 'Thomas Kurian, managing director, Vembanad Ferry Corporation'),
    p('The operator said it would move two of its 18 electric boats from quiet afternoon routes rather than buy new vessels for now. Each boat carries 100 passengers and recharges at the terminal in about 15 minutes, which lets crews keep to the timetable without diesel back-up.'),
    h2('Island residents welcome the change, with caveats'),
    p('Residents of the islands, several of which are connected to the mainland only by water, said the change was overdue. A petition calling for a later service collected more than 6,000 signatures in March.'),
    p('Lakshmi Menon, a pharmacist who commutes from one of the islands, said she had paid for auto-rickshaws and a much longer road route on most evenings. “It was costing me almost a third of what I earn in a week,” she told reporters at the terminal.'),
    p('Transport planners cautioned that night services needed safe, well-lit walking routes to and from the jetties. The corporation said it had asked the city to add street lighting at two jetty approaches and would post staff at each terminal until the last departure.'),
    p('The corporation plans to review the late timetable after three months and could extend it to weekends if boats are, on average, more than 60 per cent full, it said.'),
  ),
};

const libraryOfThings: DemoStory = {
  section: 'news',
  headline: 'Nagpur’s Civil Lines library now lends drills, sewing machines and a telescope',
  standfirst: 'More than 300 objects joined the catalogue this month. The most borrowed item of the first week was not a book but a pressure washer.',
  authors: ['anika-rao', 'farhan-siddiqui'],
  tags: [
    { name: 'Libraries', kind: 'topic' },
    { name: 'Nagpur', kind: 'place' },
    { name: 'Civil Lines Public Library', kind: 'organisation' },
  ],
  dateline: 'Nagpur',
  language: 'en',
  picture: 'library-of-things',
  source: null,
  publishedHoursAgo: 1,
  views: 1,
  body: doc(
    p('The Civil Lines Public Library in Nagpur has started lending power drills, sewing machines, camping tents and a 130-millimetre telescope alongside its books, in a pilot that librarians hope will bring back members who drifted away during years of falling visitor numbers.'),
    p('Members can borrow up to two objects at a time for a week, using the same card they use for books. There is no extra charge, although larger tools carry a refundable deposit of ₹500.'),
    p('The catalogue started this month with 312 objects, bought with a ₹9-lakh grant from a local charitable trust and donations from residents. A search of the library’s [online catalogue](https://example.org/civil-lines-library/things) now returns angle grinders between the atlases.'),
    quote('A family needs a drill for perhaps fifteen minutes in its whole life. It seemed silly for every flat in a building to own one.', 'Rekha Bhonsle, chief librarian'),
    h2('What people borrowed first'),
    p('In the first week the library recorded 486 loans of objects. The five most borrowed were:'),
    ol(
      'A pressure washer, with 38 loans',
      'A cordless drill and a set of bits, with 31',
      'A sewing machine, with 27',
      'A four-person tent, with 22',
      'The telescope, which now has a waiting list of 64 names',
    ),
    p('Bhonsle said the telescope had surprised staff. Volunteers from an amateur astronomy club now run a short induction every Saturday evening on the library roof, showing borrowers how to align the mount and find the Moon, Jupiter and Saturn.'),
    social({
      network: 'instagram',
      author: 'Civil Lines Public Library',
      handle: '@civillineslibrary',
      url: null,
      text: 'Week one of our Library of Things: 486 loans and zero lost drill bits (so far!). The telescope waiting list is 64 names long — join us on the roof this Saturday at 7 pm for a free stargazing induction. 🔭',
      postedAt: demoHoursAgo(9),
    }),
    p('Membership rose by 1,140 in the same week, the largest weekly increase since the library began keeping digital records in 2011. Book loans rose too, by **9 per cent**, which staff put down to visitors browsing the shelves on their way to the tool counter.'),
    p('Not every object has been a success. A bread-making machine has not been borrowed once, and a karaoke set was withdrawn after two days when neighbours of its first borrower complained. Bhonsle said members would vote on the next 100 objects the library buys.'),
  ),
};

const heatSchools: DemoStory = {
  section: 'news',
  headline: 'Schools in three desert districts move to 7 am starts as temperatures pass 46°C',
  standfirst: 'About 1.2 million pupils will finish classes by 11.30 am until at least the end of the month; forecasters expect little relief for a week.',
  authors: ['anika-rao', 'web-desk'],
  tags: [
    { name: 'Heatwave', kind: 'topic' },
    { name: 'Education', kind: 'topic' },
    { name: 'Jodhpur', kind: 'place' },
  ],
  dateline: 'Jodhpur',
  language: 'en',
  picture: 'heat-schools',
  source: null,
  publishedHoursAgo: 28,
  updatedHoursAgo: 9,
  views: 3675,
  body: doc(
    p('District administrations in Jodhpur, Barmer and Bikaner ordered all schools to start classes at 7 am and close by 11.30 am from Monday, after the maximum temperature passed 46 degrees Celsius for a fifth consecutive day, officials said.'),
    p('The order covers about 1.2 million pupils in government and private schools and will stay in force until at least the end of the month. Examinations already scheduled will be held in the morning, and midday meals will be handed out as take-home rations where school kitchens cannot finish cooking in time.'),
    p('The regional weather office said a slow-moving area of high pressure was holding hot, dry air over the west of the state and that it expected little relief for at least a week. The overnight minimum in Barmer on Sunday was 33.1°C, which forecasters said was as dangerous as the daytime peak, because bodies cannot recover at night.'),
    quote('Children do not complain about heat the way adults do. They go quiet, they stop drinking, and then they fall ill. We would rather lose a few hours of teaching than take that chance.', 'Dr Kavita Rathore, district health officer, Jodhpur'),
    h2('What schools have been told to do'),
    ul(
      'Keep drinking water in every classroom and call a water break every 40 minutes.',
      'Cancel outdoor assemblies, sports periods and any activity in direct sun.',
      'Stock oral rehydration salts and train one teacher on each floor to recognise heat exhaustion.',
      'Send pupils home in groups, with older siblings collecting younger ones where possible.',
    ),
    p('Head teachers said the early start brought its own problems. Bus operators in rural blocks begin their first rounds before 6 am, and some children walk several kilometres to school. Mahesh Purohit, who runs a government school on the edge of Jodhpur, said attendance on the first morning was 71 per cent, against about 90 per cent normally.'),
    p('Hospitals in the three districts have treated **212 patients** for heat-related illness in the past week, most of them outdoor workers, the health department said. No deaths among children had been reported.'),
    p('Labour officials separately advised construction sites to stop work between noon and 4 pm and to provide shade and water for workers. Several parents asked whether the same protection would extend to private coaching centres, which the schools order does not cover. District officials said they would issue guidance to coaching centres by Wednesday.'),
    p('_Updated with the number of patients treated for heat-related illness._'),
  ),
};

export const newsStories: DemoStory[] = [floodAlerts, lateFerries, libraryOfThings, heatSchools];
