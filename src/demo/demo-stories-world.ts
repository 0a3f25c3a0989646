/** Demo stories for the World section: wire copy about invented events. */
import type { DemoStory } from './demo-types.js';
import { doc, h2, p, quote, ul } from './doc-builders.js';

const lisbonTrams: DemoStory = {
  section: 'world',
  headline: 'Lisbon to bring three retired tram lines back into service by 2027',
  standfirst: 'The city’s transport company will rebuild 11 kilometres of track and buy 20 narrow, low-floor trams painted in the colours of the old yellow cars.',
  authors: ['web-desk'],
  tags: [
    { name: 'Trams', kind: 'thing' },
    { name: 'Public transport', kind: 'topic' },
    { name: 'Lisbon', kind: 'place' },
    { name: 'Portugal', kind: 'place' },
  ],
  dateline: 'Lisbon',
  language: 'en',
  picture: 'lisbon-trams',
  source: 'Continental Press Service',
  publishedHoursAgo: 70,
  views: 742,
  body: doc(
    p('Lisbon’s public transport company will reopen three tram lines that were closed in the 1990s and early 2000s, rebuilding about 11 kilometres of track and buying 20 new low-floor trams, it said on Wednesday. The first of the three lines is due to carry passengers in the spring of 2027.'),
    p('The €148 million plan, paid for by the city, a national green-transport fund and a European infrastructure loan, would roughly double the length of the network, which has shrunk to a handful of routes best known to visitors for their steep climbs through the old quarters.'),
    p('The new vehicles will be narrower than a standard modern tram so that they fit the old streets, and will be painted yellow and white in a nod to the historic fleet. Unlike the century-old cars still used on the hill routes, they will have step-free boarding and air-conditioning.'),
    quote('For many neighbourhoods the tram never really left. The rails are still under the asphalt and people still give directions by the old stops. We are bringing back a network the city already remembers.', 'Inês Carvalho, director of planning at the transport company'),
    h2('Works on busy streets'),
    p('Construction will begin in October on the first line, which runs along the river to the western districts, with work on the other two following in 2026. The company said it would dig up sections of about 400 metres at a time to limit disruption, and that replacement buses would run along each closed stretch.'),
    p('Shopkeepers on one of the affected avenues said they feared a long period of lost trade. “Twelve months of barriers in front of my window is a long time for a café,” said Rui Antunes, who has run a pastry shop on the route for 22 years. The city said a compensation scheme for affected businesses would be published next month.'),
    p('Transport researchers said trams could move more people than buses through narrow streets while producing no exhaust along the route. Ana Lopes, who studies urban mobility at a university in the city, said the plan would stand or fall on frequency. “A tram every 20 minutes is a heritage attraction. A tram every six minutes is public transport,” she said.'),
    p('The company said it was aiming for a tram every seven minutes at peak times, and every twelve minutes in the evening.'),
  ),
};

const icelandTomatoes: DemoStory = {
  section: 'world',
  headline: 'Geothermal greenhouse co-operative in Iceland ships its first tomatoes to mainland Europe',
  standfirst: 'Fourteen farms heated by water from underground have pooled their harvests to fill a weekly container to the Netherlands.',
  authors: ['web-desk'],
  tags: [
    { name: 'Agriculture', kind: 'topic' },
    { name: 'Geothermal energy', kind: 'topic' },
    { name: 'Iceland', kind: 'place' },
    { name: 'Sólvangur Growers’ Co-operative', kind: 'organisation' },
  ],
  dateline: 'Hveragerði',
  language: 'en',
  picture: 'iceland-greenhouse',
  source: 'Meridian News Agency',
  publishedHoursAgo: 100,
  views: 415,
  body: doc(
    p('A co-operative of 14 greenhouse farms heated by geothermal water in southern Iceland sent its first refrigerated container of tomatoes to the Netherlands this week, betting that European shoppers will pay a premium for winter vegetables grown with almost no fossil fuel.'),
    p('The 18-tonne shipment left on a container ship from the south-west coast and is expected to reach a wholesale market near Rotterdam in five days, said the Sólvangur Growers’ Co-operative, which was formed two years ago to share packaging, marketing and shipping.'),
    p('Iceland’s greenhouses have long used hot water from underground to warm their glasshouses, and increasingly use electricity from hydropower and geothermal plants to run grow lights through the dark winter. Most of what they grow has been sold on the island itself.'),
    quote('We have the heat and the light in the ground beneath us. What we did not have was the scale to sell abroad. On our own, none of us could fill a container.', 'Guðrún Einarsdóttir, chair of the co-operative'),
    p('The co-operative said the carbon footprint of each kilogram, including sea freight, was about a fifth of that of tomatoes grown in gas-heated greenhouses in northern Europe, citing a life-cycle study it commissioned from an independent consultancy. The figure could not be independently verified.'),
    h2('Freight is the hard part'),
    p('The challenge is getting a fragile crop across the North Atlantic quickly. The tomatoes are picked slightly under-ripe and kept at 12 degrees Celsius, and the co-operative has booked space on a weekly sailing. A missed connection could mean a lost load.'),
    p('Growers will also have to persuade buyers to accept the price. Wholesale prices for the Icelandic tomatoes are expected to be 20 to 30 per cent above those of produce from southern Europe in winter.'),
    p('Pieter van Dijk, a fresh-produce buyer for a group of independent grocers in the Netherlands, said early interest was strongest among shops with climate-conscious customers. “People ask where a tomato in January comes from now. A good answer to that question is worth something,” he said.'),
    p('The co-operative plans to send one container a week through the winter if the first month goes well, and to add peppers and fresh herbs next year.'),
  ),
};

const balticShorePower: DemoStory = {
  section: 'world',
  headline: 'Six Baltic ports agree on one shore-power plug so ships can switch off their engines at berth',
  standfirst: 'A common standard for cables and sockets removes the main reason ferry owners gave for not fitting the equipment.',
  authors: ['web-desk'],
  tags: [
    { name: 'Shipping', kind: 'topic' },
    { name: 'Air pollution', kind: 'topic' },
    { name: 'Baltic Sea', kind: 'place' },
    { name: 'Gdańsk', kind: 'place' },
  ],
  dateline: 'Gdańsk',
  language: 'en',
  picture: 'baltic-port',
  source: 'Northgate Wire',
  publishedHoursAgo: 150,
  views: 188,
  body: doc(
    p('Six ports around the Baltic Sea have agreed to install the same type of shore-power connection at their ferry and cruise berths, so that ships calling at any of them can plug into the local grid and switch off their diesel generators while docked, the ports said in a joint statement on Monday.'),
    p('The agreement, signed at a meeting in Gdańsk, covers ports in Poland, Germany, Denmark, Sweden, Finland and Estonia. It fixes a common voltage, frequency, cable length and socket position on the quay — details that have held back investment because shipowners feared buying equipment that would work in one port and not the next.'),
    p('Ships at berth usually keep auxiliary engines running to power lights, kitchens, ventilation and refrigeration. A large cruise ship can burn several tonnes of fuel during a day in port, releasing nitrogen oxides and soot close to homes in city-centre harbours.'),
    quote('Every ferry captain told us the same thing: I will fit the plug the day I know it works everywhere I go. Today we gave them that answer.', 'Marta Kowalczyk, chair of the ports’ working group'),
    h2('What the ports have agreed'),
    ul(
      'A common 11-kilovolt, 50-hertz connection at all new shore-power berths by 2028.',
      'A shared register of which berths are ready, published online and updated every month.',
      'One booking and billing system, so ships do not need a contract with every local utility.',
      'A review in 2027 to add cargo berths, which were left out of the first phase.',
    ),
    p('The ports estimate that the berths covered by the plan receive about 9,000 ship calls a year. If most of those ships plugged in, the group said, around 60,000 tonnes of marine fuel a year would not be burned.'),
    p('Shipowners’ associations welcomed the standard but noted that electricity on some quays still costs more than running an onboard generator, because marine fuel is often exempt from the taxes applied to grid power. The ports said they had asked their national authorities to look at the difference.'),
    p('Environmental groups in several of the port cities, which have campaigned for years against ship emissions near housing, called the agreement a useful step that had come late. They asked for a firm date after which ships able to plug in would be required to do so.'),
  ),
};

export const worldStories: DemoStory[] = [lisbonTrams, icelandTomatoes, balticShorePower];
