/** Demo stories for the Business section. Companies and people are invented. */
import type { DemoStory } from './demo-types.js';
import { demoHoursAgo } from './demo-clock.js';
import { doc, h2, p, quote, social, ul } from './doc-builders.js';

const rooftopSolar: DemoStory = {
  section: 'business',
  headline: 'Tiruppur garment makers rush to rooftop solar as factory power bills climb 22%',
  standfirst: 'Exporters connected more panels in five months than in the previous three years, an industry survey shows, as European buyers press them to report emissions.',
  authors: ['tomas-ferreira'],
  tags: [
    { name: 'Solar power', kind: 'topic' },
    { name: 'Textiles', kind: 'topic' },
    { name: 'Tiruppur', kind: 'place' },
    { name: 'Knitwear Exporters’ Guild', kind: 'organisation' },
  ],
  dateline: 'Tiruppur',
  language: 'en',
  picture: 'tiruppur-solar',
  source: null,
  publishedHoursAgo: 12,
  views: 2210,
  body: doc(
    p('Garment exporters in Tiruppur installed more rooftop solar capacity in the first five months of this year than in the previous three years combined, an industry survey showed, as factories try to cut electricity bills that have risen by about 22 per cent since last April.'),
    p('The survey of 640 units by the Knitwear Exporters’ Guild, a trade body, found that 96 megawatts of new rooftop panels had been connected between January and May, taking the cluster’s total to about 310 megawatts. Roughly two in five of the factories surveyed now generate at least part of their own power.'),
    p('Electricity is the second-largest cost for dyeing and knitting units after wages, and many of them run three shifts. Owners said the tariff increase, together with pressure from European buyers to report the emissions in their supply chains, had made the decision for them.'),
    quote('Two years ago solar was a nice thing to mention in the annual report. Today it is the difference between winning an order and losing it to someone in another country.', 'Senthil Kumaravel, president of the Knitwear Exporters’ Guild'),
    h2('Payback in under four years'),
    p('Installers said a typical 500-kilowatt rooftop system now costs about ₹2.1 crore and pays for itself in three and a half to four years at current tariffs. Falling panel prices have helped, as has a cluster-wide scheme under which a co-operative bank lends against the future savings on power bills.'),
    p('The main constraint is roof space. Older units in the town’s crowded industrial lanes often have small or shared roofs, and some are leasing roofs on nearby warehouses and schools. A group of 40 small dyeing units is planning a shared 12-megawatt ground-mounted plant outside the town, according to the survey.'),
    p('Bankers said the loans had performed well so far. “Solar is an easy loan to understand: the savings show up on the power bill every month,” said Anitha Raj, who heads small-business lending at Kongu Valley Co-operative Bank. None of the 212 solar loans the bank has made since 2023 is in default, she said.'),
    p('Not all of the cluster’s problems can be solved on a roof. Dyeing units still burn large amounts of firewood and coal in the boilers that heat their water, and the guild said replacing those with electric or biomass systems would be the harder and costlier step. It has asked for a low-interest credit line to help units switch by 2030.'),
  ),
};

const coopBank: DemoStory = {
  section: 'business',
  headline: 'Sahyadri Co-operative Bank posts record quarter as small-business lending grows 18%',
  standfirst: 'Profit rose 40 per cent and bad loans fell to a ten-year low, but analysts warned about the bank’s fast-growing gold-loan book.',
  authors: ['tomas-ferreira'],
  tags: [
    { name: 'Banking', kind: 'topic' },
    { name: 'Earnings', kind: 'topic' },
    { name: 'Sahyadri Co-operative Bank', kind: 'organisation' },
    { name: 'Kolhapur', kind: 'place' },
  ],
  dateline: 'Kolhapur',
  language: 'en',
  picture: 'coop-bank',
  source: null,
  publishedHoursAgo: 58,
  views: 960,
  body: doc(
    p('Sahyadri Co-operative Bank reported the highest quarterly profit in its history on Friday, as loans to small manufacturers and traders grew 18 per cent from a year earlier and the share of loans in arrears fell to its lowest level in a decade.'),
    p('Net profit for the April–June quarter rose to ₹86.4 crore from ₹61.9 crore a year earlier, the bank said in a statement. Deposits grew 11 per cent to ₹21,300 crore, and the loan book reached ₹15,900 crore.'),
    p('Gross non-performing assets — loans on which borrowers have stopped paying for 90 days or more — fell to **3.1 per cent** of total loans, from 4.6 per cent a year ago. Chief executive Nandini Gokhale said stronger repayments from sugar, foundry and textile customers in the region had driven the improvement.'),
    quote('Our borrowers had two difficult years, and they did not walk away from their loans. This quarter is as much their result as ours.', 'Nandini Gokhale, chief executive, Sahyadri Co-operative Bank'),
    h2('Where the growth came from'),
    ul(
      '**Small-business loans**: up 18 per cent to ₹7,450 crore, led by engineering and auto-parts makers.',
      '**Gold loans**: up 24 per cent, which the bank said reflected higher gold prices rather than more borrowers.',
      '**Home loans**: up 6 per cent, in line with last year.',
      '**Farm loans**: flat, after a weaker monsoon in parts of the region.',
    ),
    p('The bank added 46,000 customers during the quarter, about a third of them through a mobile app launched in February. Gokhale said the app had cut the time needed to open an account from three days to about 20 minutes.'),
    p('Analysts who follow co-operative lenders called the results strong but said rapid growth in gold loans could leave the bank exposed if prices fell. “Gold loans look safe until the metal drops 15 per cent in a month,” said Harish Venkat, an analyst at a Mumbai research firm. “The bank will need to show it keeps its lending against gold conservative.”'),
    p('The board recommended a dividend of 12 per cent to the bank’s 380,000 member-shareholders, up from 10 per cent last year. The bank plans to open 18 branches this year, mostly in smaller towns, and to expand lending for solar and electric-vehicle projects.'),
  ),
};

const spiceColdStore: DemoStory = {
  section: 'business',
  headline: 'Kochi spice traders pool money for a shared cold store to stop monsoon losses',
  standfirst: 'About 120 family firms have built a 2,400-tonne warehouse that none of them could have afforded alone.',
  authors: ['tomas-ferreira'],
  tags: [
    { name: 'Spices', kind: 'thing' },
    { name: 'Small business', kind: 'topic' },
    { name: 'Kochi', kind: 'place' },
    { name: 'Old Market Spice Merchants’ Association', kind: 'organisation' },
  ],
  dateline: 'Kochi',
  language: 'en',
  picture: 'kochi-spice-market',
  source: null,
  publishedHoursAgo: 122,
  views: 534,
  body: doc(
    p('About 120 spice traders in Kochi’s old market district have pooled ₹6.8 crore to build a shared, climate-controlled warehouse, in an effort to cut the losses they suffer every monsoon when humidity spoils pepper, cardamom and turmeric stored in ageing godowns.'),
    p('The 2,400-tonne store, built on land leased from a former timber yard, opened this week. It keeps produce at between 10 and 15 degrees Celsius and below 60 per cent humidity — conditions the traders say most of their own warehouses cannot reach between June and September.'),
    p('Traders lose between 4 and 7 per cent of the value of their stocks each monsoon to mould, insects and moisture, according to the Old Market Spice Merchants’ Association, which organised the project.'),
    quote('Cardamom that has sat through a wet August in a warm godown loses its colour, and a buyer can see that from across the room. The price drops by a third before anyone has even smelled it.', 'Joseph Varghese, secretary of the Old Market Spice Merchants’ Association'),
    p('Members pay for the space they use by the tonne and by the month, and smaller traders can book as little as half a tonne. Each lot is tracked with a barcode, and owners can check the temperature and humidity of their section from a phone.'),
    social({
      network: 'x',
      author: 'Old Market Spice Merchants',
      handle: '@oldmarketspices',
      url: null,
      text: 'Doors open! Our shared cold store is now taking bookings: 2,400 tonnes, 10–15°C, humidity under 60%. Members can book from half a tonne. The first lots of black pepper went in this morning.',
      postedAt: demoHoursAgo(130),
    }),
    h2('Cheaper than going it alone'),
    p('Varghese said a modern cold store would cost an individual trader between ₹40 lakh and ₹1 crore, out of reach for most of the family firms in the market, many of which are in their third or fourth generation. Sharing brings the cost down to about ₹350 a tonne a month.'),
    p('The project was financed by members’ contributions and a loan from a state-backed agricultural infrastructure fund. The association expects to repay the loan within seven years if the warehouse is at least 70 per cent full on average.'),
    p('Exporters said better storage could also help the market meet tougher rules on contamination in Europe and the Gulf, where a rejected consignment is costly. Cool, dry storage reduces the risk of mould toxins developing after harvest.'),
    p('Older traders were more cautious. Abdul Rasheed, whose family has dealt in pepper from the same shopfront since 1952, said he would move only part of his stock at first. “My grandfather’s godown has thick walls and high ceilings. It has worked for 70 years,” he said. “But I will admit it has never worked in August.”'),
  ),
};

const coastalWings: DemoStory = {
  section: 'business',
  headline: 'Start-up airline Coastal Wings orders 12 turboprops to link smaller western cities',
  standfirst: 'The carrier, which has yet to fly a paying passenger, says coastal towns of half a million people are four hours from the nearest daily flight.',
  authors: ['web-desk'],
  tags: [
    { name: 'Aviation', kind: 'topic' },
    { name: 'Coastal Wings', kind: 'organisation' },
    { name: 'Mumbai', kind: 'place' },
  ],
  dateline: 'Mumbai',
  language: 'en',
  picture: 'coastal-wings',
  source: 'Continental Press Service',
  publishedHoursAgo: 200,
  views: 97,
  body: doc(
    p('Coastal Wings, a regional airline that has yet to fly a paying passenger, has ordered 12 turboprop aircraft with 72 seats each and taken options on eight more, as it prepares to connect smaller cities along the western coast that have few or no direct flights.'),
    p('The airline, founded last year by a group of former airline and airport executives, said the order was worth about $330 million at list prices, although airlines usually receive large discounts. It did not name the manufacturer, saying the contract was still subject to final financing.'),
    p('The first aircraft is due in the second quarter of next year, and flights will begin once the aviation regulator issues an operating certificate. The airline plans to start with six routes from two bases and to reach 30 daily departures within two years.'),
    quote('There are towns of half a million people on this coast where the nearest airport with a daily flight is four hours away by road. That is our market.', 'Farah Dsouza, co-founder and chief executive, Coastal Wings'),
    h2('A difficult market'),
    p('Regional aviation has a mixed record. Several small airlines that tried to connect minor airports have stopped flying in the past decade, undone by high fuel costs, thin demand on weekdays and the difficulty of keeping a small fleet in the air when a single aircraft needs maintenance.'),
    p('Dsouza said Coastal Wings would keep costs down by flying one aircraft type on short sectors of under 90 minutes and selling most tickets directly. It has raised $85 million from investors including two family offices and a logistics company that plans to use the cargo hold on early-morning flights.'),
    p('Aviation consultant Rohan Mistry said turboprops suited short runways and short hops, but that the airline’s fortunes would depend on getting take-off and landing slots at the large airports at one end of many of its routes. “Flying between two small towns is easy. Flying from a small town into a full hub at eight in the morning is the hard part,” he said.'),
    p('The airline said it had begun recruiting 140 pilots and 200 cabin crew and engineers, who will train at a simulator centre in the city.'),
  ),
};

export const businessStories: DemoStory[] = [rooftopSolar, coopBank, spiceColdStore, coastalWings];
