/** Demo stories for the Sport section. Clubs, leagues and athletes are invented. */
import type { DemoStory } from './demo-types.js';
import { demoHoursAgo } from './demo-clock.js';
import { doc, h2, p, quote, social } from './doc-builders.js';

const harbourCityTitle: DemoStory = {
  section: 'sport',
  headline: 'Late penalty gives Harbour City FC their first league title in 31 years',
  standfirst: 'Captain Tomasz Wieczorek, who missed from the spot against the same opponents in December, scored in the 88th minute to seal a 2-1 win.',
  authors: ['devika-kulkarni'],
  tags: [
    { name: 'Football', kind: 'topic' },
    { name: 'Harbour City FC', kind: 'organisation' },
    { name: 'Elena Moretti', kind: 'person' },
    { name: 'Coastal Premier League', kind: 'event' },
  ],
  dateline: 'Harbour City',
  language: 'en',
  picture: 'harbour-city-stadium',
  source: null,
  publishedHoursAgo: 14,
  views: 4950,
  body: doc(
    p('Harbour City FC won their first league championship in 31 years on Sunday when captain Tomasz Wieczorek scored an 88th-minute penalty to beat Redmoor United 2-1 in front of a sell-out crowd of 27,400 at the Quayside Ground.'),
    p('The win took Harbour City to 78 points with one game remaining, five clear of second-placed Ashford Rovers, who had drawn 0-0 at Fenwick Athletic earlier in the afternoon. The club last won the title in the 1993–94 season, when several of the current players’ parents were in the stands.'),
    p('Redmoor took the lead in the 23rd minute through a header by Oduya Mensah from a corner, and for more than an hour it looked as though the celebrations would have to wait. Harbour City equalised in the 67th minute when substitute Leo Carrasco volleyed in from the edge of the area, 90 seconds after coming on.'),
    p('The decisive moment came when winger Ayo Balogun was brought down in the penalty area by Redmoor defender Callum Reid. The referee pointed to the spot after a brief check with the video assistant, and Wieczorek sent the goalkeeper the wrong way.'),
    quote('I have been thinking about that miss for five months. I told myself, if it comes again, I will not change my mind at the last second. Low, left corner. That is all I thought about.', 'Tomasz Wieczorek, Harbour City captain'),
    social({
      network: 'x',
      author: 'Harbour City FC',
      handle: '@HarbourCityFC',
      url: null,
      text: 'CHAMPIONS. 31 years. Thank you to every single one of you who never stopped believing. See you on the harbour wall. ⚓',
      postedAt: demoHoursAgo(15),
    }),
    h2('From a relegation fight to the title'),
    p('The title completes a remarkable turnaround for a club that finished 14th two seasons ago and was close to administration in 2021, before a supporters’ trust and a local shipping company bought it. Manager Elena Moretti, appointed in the summer of 2023, built her side around young players from the club’s academy and inexpensive signings from the lower divisions.'),
    p('Harbour City have lost only three league matches all season and conceded 24 goals, the fewest in the division. Moretti, 41, is the first woman to win the league as a manager.'),
    quote('People talk about the budget. We have the 11th-biggest wage bill in this league. What we had was a group that ran for each other every week, and a city that came with us.', 'Elena Moretti, Harbour City manager'),
    p('Thousands of supporters gathered along the harbour wall after the match. The club said it would hold an open-top bus parade next Sunday, after the final game of the season.'),
  ),
};

const juniorSwimmer: DemoStory = {
  section: 'sport',
  headline: 'Sixteen-year-old Meher Dalal breaks national junior 200m medley record twice in one day',
  standfirst: 'Dalal lowered the six-year-old mark in the morning heats, then took almost a second and a half off it in the evening final.',
  authors: ['devika-kulkarni'],
  tags: [
    { name: 'Swimming', kind: 'topic' },
    { name: 'Meher Dalal', kind: 'person' },
    { name: 'Junior aquatics championships', kind: 'event' },
    { name: 'Guwahati', kind: 'place' },
  ],
  dateline: 'Guwahati',
  language: 'en',
  picture: 'junior-swimming',
  source: null,
  publishedHoursAgo: 76,
  views: 330,
  body: doc(
    p('Sixteen-year-old Meher Dalal broke the national junior record in the girls’ 200 metres individual medley twice on Friday, first in the heats and then in the final of the junior aquatics championships in Guwahati.'),
    p('Dalal touched in **2 minutes 17.84 seconds** in the final, almost a second and a half inside the record of 2:19.31 that had stood for six years. She had already lowered it to 2:18.95 in the morning heats, a swim her coach said was meant to be “comfortable”.'),
    p('She finished more than a second ahead of the silver medallist, Tanvi Raman, 17, who also went inside the old record with 2:19.06.'),
    quote('In the morning I was nervous and it still went well, so in the final I just tried to enjoy the breaststroke leg, which is usually where I suffer.', 'Meher Dalal'),
    h2('A year of steady gains'),
    p('Dalal, who trains with a squad of 14 swimmers at a municipal pool in Pune, has improved her best time by more than five seconds in 12 months. Her coach, Sameer Joglekar, said most of the gain had come from her breaststroke, once the weakest of her four strokes, and from a training plan with longer blocks of work and fewer races.'),
    p('“We stopped chasing a best time at every meet,” Joglekar said. “She raced only six times this season. The rest was work.”'),
    p('Her time would have placed her in the final of last year’s senior national championships. Selectors are expected to name a squad for an Asian junior meet next month, and Dalal is likely to be included.'),
    p('The championships, which run until Tuesday, have drawn 860 swimmers from 27 teams. Three other national junior records have fallen so far, in the boys’ 50m butterfly, the boys’ 1,500m freestyle and the girls’ 4x100m freestyle relay.'),
    p('Officials said the run of records reflected the number of 50-metre pools built in the past decade, which let young swimmers train year-round in the same conditions they race in at championships.'),
  ),
};

export const sportStories: DemoStory[] = [harbourCityTitle, juniorSwimmer];
