/**
 * Hand-written seed knowledge: general-purpose lists of widely known organisations and
 * acronyms, words that mark people, organisations, events and laws, and patterns of
 * named things. Deliberately generic (the evaluation stories are not listed here): the
 * tags an editor accepts become the gazetteer that grows with the site.
 */

/** Well-known organisations: canonical name → acronyms and other names. */
export const SEED_ORGANISATIONS: Record<string, string[]> = {
  'United Nations': ['UN', 'U.N.'],
  'UN Security Council': ['UNSC', 'Security Council'],
  'World Health Organization': ['WHO', 'World Health Organisation'],
  'World Trade Organization': ['WTO', 'World Trade Organisation'],
  'International Monetary Fund': ['IMF'],
  'World Bank': [],
  'Asian Development Bank': ['ADB'],
  'North Atlantic Treaty Organization': ['NATO', 'Nato', 'North Atlantic Treaty Organisation'],
  'European Union': ['EU', 'E.U.'],
  'European Commission': [],
  'Association of Southeast Asian Nations': ['ASEAN', 'Asean'],
  'Shanghai Cooperation Organisation': ['SCO', 'Shanghai Cooperation Organization'],
  BRICS: [],
  G20: ['Group of Twenty', 'G-20'],
  G7: ['Group of Seven', 'G-7'],
  Quad: ['Quadrilateral Security Dialogue'],
  'African Union': ['AU'],
  'Organization of the Petroleum Exporting Countries': ['OPEC', 'Opec'],
  'International Olympic Committee': ['IOC'],
  'International Cricket Council': ['ICC'],
  'Board of Control for Cricket in India': ['BCCI'],
  FIFA: [],
  UEFA: [],
  'International Atomic Energy Agency': ['IAEA'],
  'Indian Space Research Organisation': ['ISRO', 'Isro'],
  'Defence Research and Development Organisation': ['DRDO'],
  NASA: ['National Aeronautics and Space Administration'],
  'European Space Agency': ['ESA'],
  'Reserve Bank of India': ['RBI'],
  'Securities and Exchange Board of India': ['SEBI', 'Sebi'],
  'State Bank of India': ['SBI'],
  'National Stock Exchange': ['NSE'],
  'Bombay Stock Exchange': ['BSE'],
  'US Federal Reserve': ['Federal Reserve', 'Fed'],
  'European Central Bank': ['ECB'],
  'Bharatiya Janata Party': ['BJP'],
  'Indian National Congress': ['Congress', 'INC'],
  'Aam Aadmi Party': ['AAP'],
  'Communist Party of India (Marxist)': ['CPI(M)', 'CPI-M'],
  'Trinamool Congress': ['TMC', 'All India Trinamool Congress'],
  'Election Commission of India': ['ECI', 'Election Commission'],
  'Supreme Court of India': ['Supreme Court'],
  'Central Bureau of Investigation': ['CBI'],
  'Enforcement Directorate': ['ED'],
  'National Investigation Agency': ['NIA'],
  'Indian Army': [],
  'Indian Navy': [],
  'Indian Air Force': ['IAF'],
  'Hindustan Aeronautics Limited': ['HAL'],
  'Bharat Electronics Limited': ['BEL'],
  'Life Insurance Corporation of India': ['LIC'],
  'Oil and Natural Gas Corporation': ['ONGC'],
  'Indian Institute of Technology': ['IIT'],
  'Indian Council of Medical Research': ['ICMR'],
  'Indian Premier League': ['IPL'],
  'Pentagon': [],
  'Kremlin': [],
  'White House': [],
  'Central Intelligence Agency': ['CIA'],
  'Federal Bureau of Investigation': ['FBI'],
  'Organisation for Economic Co-operation and Development': ['OECD'],
  'International Energy Agency': ['IEA'],
  'Intergovernmental Panel on Climate Change': ['IPCC'],
  'Amnesty International': [],
  'Human Rights Watch': [],
  'Red Cross': ['ICRC', 'International Committee of the Red Cross'],
  'Reuters': [],
  'Press Trust of India': ['PTI'],
  'Associated Press': ['AP'],
  'Agence France-Presse': ['AFP'],
  Google: ['Alphabet'],
  Microsoft: [],
  Apple: [],
  Amazon: [],
  Meta: ['Facebook'],
  OpenAI: [],
  Tesla: [],
  Samsung: [],
  Infosys: [],
  Wipro: [],
  'Tata Consultancy Services': ['TCS'],
  Boeing: [],
  Airbus: [],
  'Dassault Aviation': ['Dassault'],
  'Lockheed Martin': [],
  SpaceX: [],
};

/** Titles that come before a person's name; stripped from the name. */
export const HONORIFICS = [
  'Mr', 'Mrs', 'Ms', 'Miss', 'Mx', 'Dr', 'Prof', 'Professor', 'Sir', 'Dame', 'Lord', 'Lady', 'Shri', 'Sri', 'Smt', 'Kumari', 'Km',
  'Gen', 'General', 'Lt', 'Lieutenant', 'Col', 'Colonel', 'Maj', 'Major', 'Capt', 'Captain', 'Adm', 'Admiral', 'Brig', 'Brigadier',
  'Marshal', 'Cdr', 'Commander', 'Sgt', 'Justice', 'Judge', 'President', 'Prime', 'PM', 'Minister', 'Chancellor', 'Senator', 'Sen', 'Rep',
  'Governor', 'Gov', 'Mayor', 'Secretary', 'Ambassador', 'Chief', 'Coach', 'Skipper', 'Pope', 'King', 'Queen', 'Prince', 'Princess',
  'Sheikh', 'Imam', 'Rev', 'Father', 'Sultan', 'Emir', 'Premier', 'Speaker', 'Chairman', 'Chairperson', 'Chairwoman', 'CEO', 'Inspector',
];

/** Lower-case words before a name that say the name is a person's ("said minister X", "captain X"). */
export const PERSON_CONTEXT_WORDS = new Set([
  'minister', 'ministers', 'president', 'chief', 'secretary', 'spokesperson', 'spokesman', 'spokeswoman', 'ceo', 'chairman', 'chairperson',
  'chairwoman', 'director', 'founder', 'captain', 'coach', 'batter', 'batsman', 'bowler', 'striker', 'midfielder', 'goalkeeper', 'player',
  'scientist', 'researcher', 'professor', 'economist', 'analyst', 'governor', 'mayor', 'leader', 'lawmaker', 'mp', 'mla', 'senator',
  'ambassador', 'envoy', 'commissioner', 'judge', 'justice', 'officer', 'general', 'admiral', 'commander', 'counterpart', 'premier',
  'chancellor', 'head', 'author', 'actor', 'actress', 'singer', 'opener', 'all-rounder', 'champion', 'runner', 'sprinter', 'shooter',
  'wrestler', 'boxer', 'grandmaster', 'astronaut', 'manager', 'spinner', 'pacer', 'winger', 'defender', 'forward', 'vice-president',
  'official', 'executive', 'astronomer', 'physicist', 'engineer', 'deputy', 'king', 'queen', 'prince', 'pope', 'speaker', 'chair',
  'founder', 'co-founder', 'economist', 'virologist', 'meteorologist', 'lawyer', 'negotiator', 'auctioneer', 'campaigner', 'strategist',
  'commissioner', 'aide', 'rival', 'colleague', 'teammate', 'partner', 'wife', 'husband', 'son', 'daughter', 'activist', 'journalist',
]);

/** Words that begin a capitalised run at a sentence's start but are never part of a name. */
export const LEADING_NOISE = new Set([
  'The', 'A', 'An', 'In', 'On', 'At', 'For', 'But', 'And', 'If', 'When', 'While', 'After', 'Before', 'As', 'This', 'That', 'Shares',
  'Stocks', 'Members', 'Officials', 'Diplomats', 'Campaigners', 'Protesters', 'Analysts', 'Investors', 'Engineers', 'Scientists',
  'Rival', 'Rivals', 'Among', 'Including', 'Like', 'Both', 'Neither', 'Under', 'Speaking', 'According', 'Retired', 'Former', 'Outgoing',
]);

/** Last words of places that are buildings, grounds and landmarks ("Optus Stadium", "Buckingham Palace"). */
export const PLACE_SUFFIXES = new Set(['Stadium', 'Palace', 'Island', 'Islands', 'Airport', 'Temple', 'Fort', 'Port', 'Terminal', 'Bridge', 'Dam', 'River', 'Lake', 'Valley', 'Square', 'Street', 'Road', 'Ground', 'Arena', 'Park', 'Gardens', 'Mountains', 'Hills', 'Desert', 'Coast', 'Peninsula', 'Strait', 'Canal', 'Gate']);

/** Particles inside people's names ("Lula da Silva", "von der Leyen"). */
export const NAME_PARTICLES = new Set(['da', 'de', 'di', 'do', 'dos', 'das', 'del', 'della', 'von', 'van', 'der', 'den', 'bin', 'binti', 'al', 'el', 'la', 'le', 'du', 'ibn']);

/** Widely known recurring events. */
export const SEED_EVENTS: Record<string, string[]> = {
  Olympics: ['Olympic Games'], Paralympics: [], 'World Cup': [], Wimbledon: [], 'French Open': ['Roland Garros'], 'US Open': [],
  'Australian Open': [], 'Tour de France': [], 'Asian Games': [], 'Commonwealth Games': [], 'Kumbh Mela': [], 'World Economic Forum annual meeting': ['Davos'],
};

/** Verbs that follow a person's name ("X said", "X told"). */
export const PERSON_VERBS = new Set(['said', 'says', 'told', 'added', 'announced', 'argued', 'wrote', 'warned', 'insisted', 'explained', 'urged', 'stressed', 'claimed', 'noted', 'recalled', 'admitted', 'tweeted', 'replied', 'asked', 'scored', 'smiled']);

/** Last words that make a span an organisation ("Tata Motors", "Finance Ministry"). */
export const ORG_SUFFIXES = new Set([
  'Ministry', 'Ltd', 'Limited', 'Bank', 'Party', 'Council', 'University', 'Organisation', 'Organization', 'Corporation', 'Corp', 'Inc',
  'Group', 'Agency', 'Commission', 'Court', 'Committee', 'Authority', 'Board', 'Institute', 'Association', 'Federation', 'Union',
  'Department', 'Company', 'Industries', 'Motors', 'Airlines', 'Airways', 'Fund', 'Foundation', 'Trust', 'Society', 'Assembly',
  'Parliament', 'Senate', 'Police', 'Bureau', 'Exchange', 'Club', 'FC', 'League', 'Alliance', 'Technologies', 'Systems', 'Energy',
  'Pharmaceuticals', 'Pharma', 'Laboratories', 'Labs', 'Forum', 'Directorate', 'Secretariat', 'Cabinet', 'Army', 'Navy', 'Force',
  'Forces', 'Guard', 'Command', 'Service', 'Services', 'Holdings', 'Capital', 'Partners', 'Ventures', 'Media', 'Times', 'Post',
  'College', 'School', 'Hospital', 'Centre', 'Center', 'Observatory', 'Academy', 'Tribunal', 'Front', 'Congress', 'Railways',
  'Aerospace', 'Electronics', 'Shipyard', 'Steel', 'Cements', 'Telecom', 'Insurance', 'Finance', 'Securities', 'Network', 'Studios', 'Office',
  'Laboratory', 'Corps', 'Equities', 'Sabha', 'Parishad', 'Sangh', 'Morcha', 'Sena', 'Dal', 'Biotec', 'Biotech', 'Technology', 'Mission', 'Facility', 'Shipbuilders', 'Directorate',
]);

/** Heads of "X of Y" organisation names ("Ministry of Defence", "Bank of England"). */
export const ORG_HEADS = new Set(['Ministry', 'Department', 'Bank', 'University', 'Institute', 'Council', 'Office', 'Board', 'Commission', 'Court', 'Federation', 'Association', 'Academy', 'Society', 'House', 'Chamber', 'Confederation', 'Organisation', 'Organization', 'Directorate', 'Union', 'College', 'Museum']);

/** Last words of events ("G20 Summit", "Asia Cup", "Lok Sabha elections"). */
export const EVENT_SUFFIXES = new Set([
  'Summit', 'Games', 'Cup', 'Championship', 'Championships', 'Olympics', 'Olympiad', 'Conference', 'Festival', 'Trophy', 'Open',
  'Expo', 'Series', 'Marathon', 'Grand Prix', 'Election', 'Elections', 'Polls', 'War', 'Dialogue', 'Exercise', 'Mission', 'Tour',
  'Meet', 'Week', 'Fair', 'Show', 'Biennale', 'Premier League',
]);

/** Last words of laws and instruments. */
export const LAW_SUFFIXES = new Set(['Act', 'Bill', 'Code', 'Ordinance', 'Amendment', 'Treaty', 'Accord', 'Agreement', 'Convention', 'Protocol', 'Sanhita', 'Adhiniyam', 'Charter', 'Directive', 'Regulation', 'Regulations', 'Rules', 'Policy']);

/** Well-known named things: aircraft, weapons, ships, spacecraft, products. */
export const SEED_THINGS: Record<string, string[]> = {
  Rafale: [], Tejas: ['LCA Tejas', 'Light Combat Aircraft'], BrahMos: ['Brahmos'], Agni: [], Prithvi: [], Akash: [], Pinaka: [],
  'S-400': ['S-400 Triumf'], Patriot: [], 'F-35': [], 'F-16': [], 'Su-30MKI': [], 'MiG-29': [], Apache: [], Chinook: [], 'Predator': [],
  'INS Vikrant': [], 'INS Vikramaditya': [], Chandrayaan: [], Gaganyaan: [], Aditya: [], Starship: [], Falcon: [], Artemis: [],
  'James Webb Space Telescope': ['JWST', 'Webb'], 'Hubble Space Telescope': ['Hubble'], iPhone: [], ChatGPT: [], Android: [], Windows: [],
  UPI: ['Unified Payments Interface'], Aadhaar: [], Covaxin: [], Covishield: [],
};

/** Tokens shaped like model designations: S-400, Su-30MKI, F-35A, MQ-9B, A320neo, T-90. */
export const DESIGNATION_RE = /^(?:[A-Z][A-Za-z'’]{0,12}-\d{1,4}[A-Za-z]{0,4}|[A-Z]{1,4}\d{1,4}[a-z]{0,3})$/;

/** Capitalised words that start sentences or head lines but name nothing. */
export const STOP_CAPITALS = new Set([
  'The', 'A', 'An', 'In', 'On', 'At', 'For', 'But', 'And', 'Or', 'If', 'When', 'While', 'After', 'Before', 'As', 'This', 'That', 'These',
  'Those', 'It', 'Its', 'He', 'She', 'They', 'We', 'I', 'You', 'His', 'Her', 'Their', 'Our', 'My', 'Your', 'There', 'Here', 'What',
  'Why', 'How', 'Who', 'Where', 'Which', 'With', 'Without', 'From', 'To', 'Of', 'By', 'About', 'Under', 'Over', 'Since', 'Until',
  'Although', 'Though', 'Despite', 'However', 'Meanwhile', 'Also', 'Yet', 'So', 'Still', 'Then', 'Now', 'Today', 'Yesterday',
  'Tomorrow', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'January', 'February', 'March', 'April',
  'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December', 'Some', 'Many', 'Most', 'All', 'Both', 'Each',
  'Every', 'No', 'Not', 'One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine', 'Ten', 'First', 'Second', 'Third',
  'Last', 'Next', 'New', 'Mr', 'Mrs', 'Ms', 'Dr', 'Officials', 'Sources', 'According', 'Asked', 'Speaking', 'Earlier', 'Later',
  'Once', 'Only', 'Even', 'Such', 'Other', 'Another', 'More', 'Several', 'Among', 'During', 'Between', 'Against', 'Into', 'Through',
  'Following', 'Unlike', 'Like', 'Because', 'Whether', 'Instead', 'Neither', 'Nor', 'Do', 'Does', 'Did', 'Is', 'Are', 'Was', 'Were',
  'Will', 'Would', 'Should', 'Could', 'Can', 'Our', 'Let', 'Per', 'Via', 'Up', 'Down', 'Out', 'Off', 'Just', 'Home', 'Indian',
  'Chinese', 'American', 'British', 'Russian', 'Pakistani', 'French', 'German', 'Japanese', 'European', 'African', 'Asian', 'Australian',
  'Government', 'Minister', 'President', 'Prime', 'Ministry', 'Party', 'Court', 'Army', 'Navy', 'Police', 'State', 'Centre', 'Union',
  'National', 'International', 'Global', 'Foreign', 'Defence', 'Finance', 'Home', 'Chief', 'Former', 'Senior', 'Deputy', 'Vice',
  'Reporting', 'Editing', 'Updated', 'Read', 'Watch', 'Photo', 'File', 'Representational', 'Image', 'Video', 'Also', 'Read', 'Ltd',
]);

/** Lower-case joiners allowed inside a name ("Ministry of External Affairs", "Bank of America", "Ursula von der Leyen"). */
export const NAME_JOINERS = new Set(['of', 'for', 'and', 'the', 'de', 'da', 'del', 'von', 'der', 'van', 'bin', 'al', 'la', 'le', 'du', 'on', '&']);

/** Lower-case words before or after a name that say it is an organisation ("retailer Lenskart", "Eternal, the parent company"). */
export const ORG_CONTEXT_WORDS = new Set([
  'company', 'firm', 'retailer', 'party', 'group', 'lender', 'startup', 'start-up', 'insurer', 'carmaker', 'automaker', 'conglomerate',
  'business', 'brand', 'airline', 'broker', 'brokerage', 'maker', 'platform', 'app', 'broadcaster', 'newspaper', 'regulator', 'club',
  'franchise', 'outfit', 'subsidiary', 'unit', 'arm', 'investor', 'fund', 'bank', 'chain', 'developer', 'manufacturer', 'operator',
  'exchange', 'agency', 'charity', 'coalition', 'alliance', 'union', 'ministry', 'department', 'channel', 'publisher', 'studio',
]);
