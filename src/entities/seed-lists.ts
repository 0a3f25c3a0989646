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
  'Marshal', 'Cdr', 'Commander', 'Commodore', 'Cmde', 'Sgt', 'Constable', 'Superintendent', 'Justice', 'Judge', 'President', 'Prime', 'PM', 'Minister', 'Chancellor', 'Senator', 'Sen', 'Rep',
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
  'representative', 'raider', 'wicketkeeper', 'keeper', 'skipper', 'veteran', 'debutant', 'rookie', 'teenager', 'youngster', 'compatriot', 'all-rounder',
  'paddler', 'shuttler', 'archer', 'cyclist', 'swimmer', 'golfer', 'jockey', 'driver', 'rider', 'climber', 'mountaineer', 'weightlifter', 'thrower',
  'planner', 'architect', 'surgeon', 'doctor', 'physician', 'cardiologist', 'epidemiologist', 'historian', 'novelist', 'poet', 'filmmaker', 'director-general',
  'mother', 'father', 'brother', 'sister', 'widow', 'entrepreneur', 'billionaire', 'farmer', 'resident', 'student', 'nurse', 'volunteer',
]);

/** Words that begin a capitalised run at a sentence's start but are never part of a name. */
export const LEADING_NOISE = new Set([
  'The', 'A', 'An', 'In', 'On', 'At', 'For', 'But', 'And', 'If', 'When', 'While', 'After', 'Before', 'As', 'This', 'That', 'Shares',
  'Stocks', 'Members', 'Officials', 'Diplomats', 'Campaigners', 'Protesters', 'Analysts', 'Investors', 'Engineers', 'Scientists',
  'Rival', 'Rivals', 'Among', 'Including', 'Like', 'Both', 'Neither', 'Under', 'Speaking', 'According', 'Retired', 'Former', 'Outgoing',
]);

/** Last words of places that are buildings, grounds and landmarks ("Optus Stadium", "Buckingham Palace"). */
export const PLACE_SUFFIXES = new Set(['Stadium', 'Palace', 'Island', 'Islands', 'Airport', 'Temple', 'Fort', 'Port', 'Terminal', 'Bridge', 'Dam', 'River', 'Lake', 'Valley', 'Square', 'Street', 'Road', 'Ground', 'Arena', 'Park', 'Gardens', 'Mountains', 'Hills', 'Desert', 'Coast', 'Peninsula', 'Strait', 'Canal', 'Gate',
  'Sea', 'Ocean', 'Bay', 'Glacier', 'Shoal', 'Reef', 'Barrage', 'Plateau', 'Basin', 'Delta', 'Falls', 'Beach', 'Harbour', 'Harbor', 'Creek', 'Volcano', 'Archipelago', 'Atoll', 'Lagoon', 'Marsh', 'Forest', 'Circuit', 'Complex', 'Dockyard', 'Terminus', 'Cathedral', 'Mosque', 'Church', 'Monastery', 'Nagar', 'Vihar', 'Chowk', 'Ganj', 'Enclave', 'Avenue', 'Lane', 'Marg', 'Expressway', 'Highway', 'Motorway', 'Tunnel', 'Pass', 'Sound', 'Fjord', 'Cove', 'Heights', 'Ridge', 'Mountain', 'Peak', 'Bhavan', 'Bhawan', 'Mahal', 'Ghat']);

/** Words before a place's name ("Mount Everest", "Lake Chad", "Gulf of Aden"). */
export const PLACE_PREFIXES = new Set(['Mount', 'Mt', 'Lake', 'River', 'Cape', 'Gulf', 'Bay', 'Sea', 'Strait', 'Isle', 'Port', 'Fort', 'Glacier']);

/** Compass and height words before a known place that keep it a place ("Upper Assam", "Northern Ontario"). */
export const DIRECTION_WORDS = new Set(['Upper', 'Lower', 'North', 'South', 'East', 'West', 'Northern', 'Southern', 'Eastern', 'Western', 'Central', 'Greater', 'Inner', 'Outer', 'Northeast', 'Northwest', 'Southeast', 'Southwest', 'North-East', 'North-West', 'South-East', 'South-West', 'Old', 'Downtown', 'Coastal', 'Rural', 'Suburban']);

/** Lower-case words after a name that say it is a place ("Kebbi state", "the Indus river", "Ramgarh district"). */
export const PLACE_NOUNS_AFTER = new Set(['district', 'districts', 'state', 'province', 'region', 'county', 'river', 'village', 'town', 'city', 'island', 'islands', 'valley', 'glacier', 'lake', 'coast', 'basin', 'delta', 'desert', 'peninsula', 'hills', 'mountains', 'sea', 'shoal', 'reef', 'strait', 'prefecture', 'oblast', 'governorate', 'municipality', 'township', 'tehsil', 'taluk', 'block', 'constituency', 'airport', 'port', 'harbour', 'estuary', 'plateau', 'suburb', 'neighbourhood', 'neighborhood', 'locality', 'area', 'border', 'sector', 'range', 'forest', 'highway', 'expressway', 'corridor']);

/** Lower-case words before "of" that say a place follows ("the coastal town of Mahe", "the outskirts of Pune"). */
export const PLACE_NOUNS_BEFORE_OF = new Set(['town', 'city', 'village', 'district', 'state', 'province', 'region', 'island', 'islands', 'port', 'capital', 'outskirts', 'suburbs', 'suburb', 'coast', 'shores', 'banks', 'county', 'prefecture', 'municipality', 'north', 'south', 'east', 'west', 'northeast', 'northwest', 'southeast', 'southwest', 'heart', 'centre', 'center', 'streets', 'residents', 'people', 'mayor', 'governor']);

/** Words just before a name that say a place follows ("in", "near", "off the coast"). */
export const LOCATIVE_WORDS = new Set(['in', 'near', 'at', 'from', 'off', 'outside', 'across', 'into', 'towards', 'toward', 'through', 'along', 'around', 'via', 'between', 'within', 'inside', 'throughout', 'reach', 'reached', 'visited', 'visit', 'landed', 'arrived']);

/** Last words of programmes, schemes and vehicles: named things ("Jal Jeevan Mission", "Small Satellite Launch Vehicle"). */
export const THING_SUFFIXES = new Set(['Yojana', 'Yojna', 'Scheme', 'Abhiyan', 'Programme', 'Program', 'Mission', 'Project', 'Initiative', 'Satellite', 'Telescope', 'Rover', 'Lander', 'Orbiter', 'Vehicle', 'Vaccine', 'Missile', 'Rocket', 'Spacecraft']);

/** Lower-case words after a name that say it is a named thing ("the Sentinel satellite", "the Orbex vaccine", "INS X"). */
export const THING_NOUNS_AFTER = new Set(['satellite', 'satellites', 'spacecraft', 'rocket', 'launcher', 'rover', 'lander', 'orbiter', 'probe', 'telescope', 'missile', 'missiles', 'drone', 'drones', 'jet', 'jets', 'fighter', 'fighters', 'aircraft', 'helicopter', 'helicopters', 'tank', 'tanks', 'submarine', 'submarines', 'frigate', 'frigates', 'destroyer', 'destroyers', 'corvette', 'corvettes', 'warship', 'warships', 'vessel', 'carrier', 'howitzer', 'howitzers', 'rifle', 'rifles', 'vaccine', 'vaccines', 'drug', 'drugs', 'jab', 'app', 'apps', 'scheme', 'schemes', 'programme', 'program', 'chatbot', 'smartphone', 'smartphones', 'phone', 'phones', 'handset', 'chip', 'chips', 'processor', 'processors', 'scooter', 'scooters', 'motorcycle', 'motorcycles', 'sedan', 'suv', 'hatchback', 'console', 'airliner', 'airliners', 'engine', 'engines', 'locomotive', 'train', 'trains', 'radar', 'system', 'systems', 'software', 'model', 'tablet', 'tablets', 'injection', 'pill', 'platform']);

/** Ship prefixes: "INS Vikrant", "HMS Queen Elizabeth", "MV Ocean Star" name a ship. */
export const SHIP_PREFIXES = new Set(['INS', 'HMS', 'USS', 'USNS', 'MV', 'MT', 'MS', 'SS', 'RV', 'ICGS', 'PNS', 'HMAS', 'HMCS', 'HMNZS', 'CGS', 'BNS', 'SLNS', 'KRI', 'ROKS', 'JS', 'FS', 'ITS', 'TCG', 'RFS']);

/** Words before an event's name ("Exercise Desert Wind", "Operation Blue Star"). */
export const EVENT_PREFIXES = new Set(['Exercise', 'Operation']);

/** Lower-case words after a name that say it is an organisation's ("X chief executive", "X shares", "X manager Y"). */
export const ORG_WORDS_AFTER = new Set(['shares', 'stock', 'shareholders', 'investors', 'ceo', 'cfo', 'cto', 'coo', 'chairman', 'chairwoman', 'chairperson', 'founder', 'co-founder', 'cofounder', 'board', 'employees', 'workforce', 'manager', 'coach', 'striker', 'midfielder', 'goalkeeper', 'defender', 'winger', 'boss', 'squad', 'subsidiary']);

/** Lower-case words after "X's" that say X is an organisation ("X's chief executive", "X's shares", "X's profit"). */
export const ORG_POSSESSIONS = new Set(['shares', 'stock', 'shareholders', 'investors', 'ceo', 'cfo', 'cto', 'coo', 'chairman', 'chairwoman', 'chairperson', 'founder', 'co-founder', 'cofounder', 'board', 'employees', 'workforce', 'revenue', 'revenues', 'profit', 'profits', 'earnings', 'sales', 'subsidiary', 'unit', 'factory', 'factories', 'plant', 'plants', 'headquarters', 'customers', 'products', 'valuation', 'squad', 'striker', 'goalkeeper', 'midfielder', 'stadium', 'ipo', 'listing', 'app', 'quarterly', 'operating', 'net', 'merger', 'executives', 'directors']);

/** Lower-case words before "of" that say an organisation follows ("chief executive of X", "shares of X"). */
export const ORG_ROLES_BEFORE_OF = new Set(['executive', 'ceo', 'cfo', 'cto', 'coo', 'chairman', 'chairwoman', 'chairperson', 'founder', 'co-founder', 'cofounder', 'shares', 'stake', 'shareholders', 'shareholder', 'owner', 'owners', 'subsidiary', 'unit', 'arm', 'division', 'employees', 'employee', 'investors', 'spokesperson', 'spokesman', 'spokeswoman', 'md', 'executives', 'manager', 'coach']);

/** Korean family names: with a hyphenated given name ("Lee Min-ho") the pair is a person's name. */
export const KOREAN_SURNAMES = new Set(['Kim', 'Lee', 'Park', 'Choi', 'Jung', 'Jeong', 'Kang', 'Cho', 'Jo', 'Yoon', 'Yun', 'Jang', 'Lim', 'Im', 'Han', 'Oh', 'Seo', 'Shin', 'Kwon', 'Hwang', 'Ahn', 'An', 'Song', 'Yoo', 'Yu', 'Hong', 'Jeon', 'Ko', 'Moon', 'Yang', 'Son', 'Bae', 'Baek', 'Heo', 'Nam', 'Noh', 'Roh', 'Ha', 'Kwak', 'Sung', 'Cha', 'Joo', 'Woo', 'Min', 'Ryu', 'Na', 'Jin', 'Ji', 'Chae', 'Won', 'Chun', 'Bang', 'Gong', 'Hyun', 'Ham', 'Byun', 'Yeo', 'Choo', 'Do', 'Seok', 'Sun', 'Ma', 'Gil', 'Yeon', 'Pyo', 'Myung', 'Ki', 'Ban', 'Wang', 'Ok', 'Yook', 'Maeng', 'Je', 'Mo', 'Tak', 'Eom', 'Um', 'Chang', 'Chung', 'Rhee', 'Kye', 'Sohn']);

/** Words that open a sentence or a clause and are never the start of a name ("Her", "On", "Tuesday"). */
export const LEADING_FUNCTION = new Set([
  'The', 'A', 'An', 'In', 'On', 'At', 'For', 'But', 'And', 'Or', 'If', 'When', 'While', 'After', 'Before', 'As', 'This', 'That', 'These',
  'Those', 'It', 'Its', 'He', 'She', 'They', 'We', 'I', 'You', 'His', 'Her', 'Their', 'Our', 'My', 'Your', 'There', 'Here', 'What',
  'Why', 'How', 'Who', 'Where', 'Which', 'With', 'Without', 'From', 'To', 'Of', 'By', 'About', 'Under', 'Over', 'Since', 'Until',
  'Although', 'Though', 'Despite', 'However', 'Meanwhile', 'Also', 'Yet', 'So', 'Still', 'Then', 'Now', 'Today', 'Yesterday',
  'Tomorrow', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'Some', 'Many', 'Most', 'Each',
  'Every', 'No', 'Not', 'Sources', 'Asked', 'Earlier', 'Later', 'Once', 'Only', 'Even', 'Such', 'Other', 'Another', 'More', 'Several',
  'During', 'Between', 'Against', 'Into', 'Through', 'Following', 'Unlike', 'Because', 'Whether', 'Instead', 'Nor', 'Do', 'Does', 'Did',
  'Is', 'Are', 'Was', 'Were', 'Will', 'Would', 'Should', 'Could', 'Can', 'Let', 'Per', 'Via', 'Just', 'Unless', 'Thus', 'Hence',
  'Besides', 'Last', 'Next', 'Every', 'Dear', 'Hello', 'Yes', 'Please', 'Thanks', 'Overall', 'Separately', 'Elsewhere', 'Similarly',
]);


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
  'Laboratory', 'Corps', 'Equities', 'International', 'Sports', 'Hospitals', 'Healthcare', 'Logistics', 'Solutions', 'Enterprises', 'Infrastructure', 'Infra', 'Power', 'Petroleum', 'Chemicals', 'Textiles', 'Foods', 'Beverages', 'Brewery', 'Mills', 'Motors', 'Automotive', 'Auto', 'Software', 'Semiconductor', 'Semiconductors', 'Robotics', 'Dynamics', 'Therapeutics', 'Biosciences', 'Diagnostics', 'Realty', 'Properties', 'Developers', 'Constructions', 'Engineering', 'Works', 'Sabha', 'Parishad', 'Sangh', 'Morcha', 'Sena', 'Dal', 'Biotec', 'Biotech', 'Technology', 'Facility', 'Shipbuilders', 'Directorate',
]);

/** Heads of "X of Y" organisation names ("Ministry of Defence", "Bank of England"). */
export const ORG_HEADS = new Set(['Ministry', 'Department', 'Bank', 'University', 'Institute', 'Council', 'Office', 'Board', 'Commission', 'Court', 'Federation', 'Association', 'Academy', 'Society', 'House', 'Chamber', 'Confederation', 'Organisation', 'Organization', 'Directorate', 'Union', 'College', 'Museum']);

/** Last words of events ("G20 Summit", "Asia Cup", "Lok Sabha elections"). */
export const EVENT_SUFFIXES = new Set([
  'Summit', 'Games', 'Cup', 'Championship', 'Championships', 'Olympics', 'Olympiad', 'Conference', 'Festival', 'Trophy', 'Open',
  'Expo', 'Series', 'Marathon', 'Grand Prix', 'Election', 'Elections', 'Polls', 'War', 'Dialogue', 'Exercise', 'Tour',
  'Meet', 'Week', 'Fair', 'Show', 'Biennale', 'Premier League', 'Day', 'Classic', 'Rally', 'Regatta', 'Derby',
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
export const DESIGNATION_RE = /^(?:[A-Z][A-Za-z'’]{0,12}-\d{1,4}[A-Za-z]{0,4}|[A-Z]{1,4}\d{1,4}[a-z]{0,3}|[A-Z][A-Za-z]{0,5}\d{1,4}[A-Za-z\d]{0,5})$/;

/** Letter-and-digit tokens that are not model designations: years, quarters, age groups, formats, viruses, money. */
export const NOT_DESIGNATION_RE = /^(?:FY|CY|Q\d|H\d|G\d|COVID|Covid|SARS|Sars|MERS|T20|T10|U\d\d|F1|F2|B2[BC]|D2C|P2P|Rs|INR|USD|EUR|GBP|Tk|AD\d|BC\d|PM\d|No\d|Vol|Gen\d|Class|Grade|Level|Phase|Stage|Section|Article|Sector|Ward|Zone)/;

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

/** Plural groups whose possessive begins a name ("People's Liberation Army", "Women's World Cup"). */
export const GROUP_POSSESSORS = new Set(['People', 'Peoples', 'Women', 'Men', 'Children', 'Workers', 'Farmers', 'Girls', 'Boys', 'Veterans', 'Teachers', 'Citizens', 'Nations', 'Ladies', 'Students', 'Employees', 'Traders', 'Journalists', 'Lawyers', 'Writers', 'Nurses', 'Doctors', 'Consumers', 'Taxpayers', 'Soldiers', 'Martyrs', 'Fishermen', 'Merchants']);

/** Words glued by a hyphen after a name that say what the name is to the next word ("Bengaluru-based", "Walmart-owned"). */
export const HYPHEN_MODIFIERS = new Set(['based', 'born', 'made', 'built', 'headquartered', 'listed', 'bound', 'owned', 'backed', 'funded', 'led', 'run', 'controlled', 'registered', 'focused', 'centred', 'centered', 'designed', 'developed', 'manufactured', 'produced', 'supplied', 'operated', 'sponsored', 'allied', 'aligned', 'linked', 'affiliated', 'origin', 'bred', 'raised', 'educated', 'trained', 'class']);

/** Modifiers after which the name glued on is the one that owns or backs something: an organisation unless it is a place. */
export const OWNER_MODIFIERS = new Set(['owned', 'backed', 'funded', 'controlled', 'sponsored', 'operated', 'affiliated']);
