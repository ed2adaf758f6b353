"""The engine's vocabulary: words for sexes, scopes, rounds, places, months, nations and question cues.

Only language lives here (how fans say things), never athletics facts: which athlete holds what comes from
the database. Keys are folded the way bot/ask/tokens.py folds a question.
"""
from __future__ import annotations

SEX_WORDS = {
    "men": "M", "mens": "M", "man": "M", "male": "M", "males": "M", "boys": "M", "guys": "M",
    "women": "W", "womens": "W", "woman": "W", "female": "W", "females": "W", "ladies": "W", "girls": "W",
    "womans": "W", "wmn": "W", "w": "W", "mixed": "X",
}

# Words that make a record question's scope; nation and area words come from NATIONS and AREAS.
SCOPE_WORDS = {
    ("world", "record"): "world", ("wr",): "world", ("wrs",): "world", ("world", "records"): "world", ("world", "best"): "world", ("wb",): "world",
    ("olympic", "record"): "olympic", ("or",): "olympic",
    ("national", "record"): "national", ("nr",): "national", ("nrs",): "national", ("national", "records"): "national",
    ("area", "record"): "area", ("continental", "record"): "area", ("ar",): "area", ("area", "records"): "area",
    ("continental", "records"): "area", ("olympic", "records"): "olympic",
    ("championship", "record"): "championship", ("championships", "record"): "championship", ("cr",): "championship",
    ("meet", "record"): "championship", ("mr",): "championship",
}

AREAS = {
    ("european",): "EUR", ("europe",): "EUR", ("euro",): "EUR", ("african",): "AFR", ("africa",): "AFR", ("asian",): "ASI",
    ("asia",): "ASI", ("north", "american"): "NAC", ("north", "america"): "NAC", ("nacac",): "NAC",
    ("south", "american"): "SAM", ("south", "america"): "SAM", ("oceanian",): "OCE", ("oceania",): "OCE",
    ("area",): None,
}

# Adjectives, demonyms and country names -> IOC/WA three-letter codes. "american" is the US national record,
# as fans use it ("American record"); North American is an area (AREAS, matched first as the longer phrase).
NATIONS = {
    "american": "USA", "usa": "USA", "us": "USA", "united states": "USA", "america": "USA", "u s": "USA",
    "british": "GBR", "gb": "GBR", "uk": "GBR", "britain": "GBR", "great britain": "GBR", "english": "GBR",
    "scottish": "GBR", "welsh": "GBR", "england": "GBR", "scotland": "GBR", "brit": "GBR",
    "kenyan": "KEN", "kenya": "KEN", "ethiopian": "ETH", "ethiopia": "ETH", "ugandan": "UGA", "uganda": "UGA",
    "norwegian": "NOR", "norway": "NOR", "swedish": "SWE", "sweden": "SWE", "danish": "DEN", "denmark": "DEN",
    "finnish": "FIN", "finland": "FIN", "icelandic": "ISL", "iceland": "ISL",
    "jamaican": "JAM", "jamaica": "JAM", "canadian": "CAN", "canada": "CAN", "mexican": "MEX", "mexico": "MEX",
    "australian": "AUS", "australia": "AUS", "aussie": "AUS", "new zealand": "NZL", "kiwi": "NZL",
    "german": "GER", "germany": "GER", "french": "FRA", "france": "FRA", "italian": "ITA", "italy": "ITA",
    "spanish": "ESP", "spain": "ESP", "portuguese": "POR", "portugal": "POR", "dutch": "NED",
    "netherlands": "NED", "holland": "NED", "belgian": "BEL", "belgium": "BEL", "swiss": "SUI",
    "switzerland": "SUI", "austrian": "AUT", "austria": "AUT", "irish": "IRL", "ireland": "IRL",
    "polish": "POL", "poland": "POL", "czech": "CZE", "czechia": "CZE", "slovak": "SVK", "slovakia": "SVK",
    "hungarian": "HUN", "hungary": "HUN", "romanian": "ROU", "romania": "ROU", "bulgarian": "BUL",
    "bulgaria": "BUL", "greek": "GRE", "greece": "GRE", "turkish": "TUR", "turkey": "TUR", "turkiye": "TUR",
    "ukrainian": "UKR", "ukraine": "UKR", "russian": "RUS", "russia": "RUS", "belarusian": "BLR",
    "belarus": "BLR", "lithuanian": "LTU", "lithuania": "LTU", "latvian": "LAT", "latvia": "LAT",
    "estonian": "EST", "estonia": "EST", "croatian": "CRO", "croatia": "CRO", "serbian": "SRB", "serbia": "SRB",
    "slovenian": "SLO", "slovenia": "SLO", "bosnian": "BIH", "cypriot": "CYP", "cyprus": "CYP",
    "chinese": "CHN", "china": "CHN", "japanese": "JPN", "japan": "JPN", "korean": "KOR", "south korean": "KOR",
    "korea": "KOR", "indian": "IND", "india": "IND", "pakistani": "PAK", "qatari": "QAT", "qatar": "QAT",
    "bahraini": "BRN", "bahrain": "BRN", "saudi": "KSA", "iranian": "IRI", "iran": "IRI", "israeli": "ISR",
    "israel": "ISR", "kazakh": "KAZ", "kazakhstan": "KAZ", "uzbek": "UZB", "thai": "THA", "taiwanese": "TPE",
    "chinese taipei": "TPE", "filipino": "PHI", "philippines": "PHI", "indonesian": "INA",
    "moroccan": "MAR", "morocco": "MAR", "algerian": "ALG", "algeria": "ALG", "tunisian": "TUN",
    "tunisia": "TUN", "egyptian": "EGY", "egypt": "EGY", "nigerian": "NGR", "nigeria": "NGR",
    "ghanaian": "GHA", "ghana": "GHA", "south african": "RSA", "south africa": "RSA", "botswanan": "BOT",
    "botswana": "BOT", "motswana": "BOT", "namibian": "NAM", "namibia": "NAM", "zimbabwean": "ZIM",
    "eritrean": "ERI", "eritrea": "ERI", "tanzanian": "TAN", "tanzania": "TAN", "burundian": "BDI",
    "djiboutian": "DJI", "ivorian": "CIV", "senegalese": "SEN", "cameroonian": "CMR", "zambian": "ZAM",
    "brazilian": "BRA", "brazil": "BRA", "argentine": "ARG", "argentinian": "ARG", "argentina": "ARG",
    "colombian": "COL", "colombia": "COL", "venezuelan": "VEN", "venezuela": "VEN", "chilean": "CHI",
    "chile": "CHI", "peruvian": "PER", "peru": "PER", "ecuadorian": "ECU", "ecuador": "ECU",
    "cuban": "CUB", "cuba": "CUB", "bahamian": "BAH", "bahamas": "BAH", "trinidadian": "TTO",
    "trinidad": "TTO", "barbadian": "BAR", "grenadian": "GRN", "grenada": "GRN", "puerto rican": "PUR",
    "dominican": "DOM", "haitian": "HAI", "guatemalan": "GUA", "costa rican": "CRC", "panamanian": "PAN",
    "st lucian": "LCA", "saint lucia": "LCA", "antiguan": "ANT", "kittitian": "SKN", "bermudian": "BER",
    "soviet": "URS", "east german": "GDR", "west german": "FRG", "yugoslav": "YUG", "czechoslovak": "TCH",
    # more of the nations on the national record lists (adjective first: the record's name); names that are
    # also given names or meetings (Chad, Jordan, Georgia, Monaco) are left out on purpose
    "honduran": "HON", "honduras": "HON", "nicaraguan": "NCA", "nicaragua": "NCA", "salvadoran": "ESA",
    "el salvador": "ESA", "belizean": "BIZ", "belize": "BIZ", "guyanese": "GUY", "guyana": "GUY",
    "surinamese": "SUR", "suriname": "SUR", "uruguayan": "URU", "uruguay": "URU", "paraguayan": "PAR",
    "paraguay": "PAR", "bolivian": "BOL", "bolivia": "BOL", "albanian": "ALB", "albania": "ALB",
    "maltese": "MLT", "malta": "MLT", "luxembourgish": "LUX", "luxembourg": "LUX", "montenegrin": "MNE",
    "montenegro": "MNE", "macedonian": "MKD", "north macedonia": "MKD", "moldovan": "MDA", "moldova": "MDA",
    "armenian": "ARM", "armenia": "ARM", "azerbaijani": "AZE", "azerbaijan": "AZE", "kosovan": "KOS",
    "kosovo": "KOS", "bosnia": "BIH", "mongolian": "MGL", "mongolia": "MGL", "vietnamese": "VIE",
    "vietnam": "VIE", "malaysian": "MAS", "malaysia": "MAS", "singaporean": "SGP", "singapore": "SGP",
    "sri lankan": "SRI", "sri lanka": "SRI", "nepalese": "NEP", "nepal": "NEP", "afghan": "AFG",
    "afghanistan": "AFG", "iraqi": "IRQ", "iraq": "IRQ", "syrian": "SYR", "syria": "SYR", "lebanese": "LBN",
    "lebanon": "LBN", "kuwaiti": "KUW", "kuwait": "KUW", "omani": "OMA", "oman": "OMA", "emirati": "UAE",
    "uae": "UAE", "libyan": "LBA", "libya": "LBA", "sudanese": "SUD", "sudan": "SUD", "somali": "SOM",
    "somalia": "SOM", "rwandan": "RWA", "rwanda": "RWA", "burundi": "BDI", "mozambican": "MOZ",
    "mozambique": "MOZ", "angolan": "ANG", "angola": "ANG", "malagasy": "MAD", "madagascar": "MAD",
    "mauritian": "MRI", "mauritius": "MRI", "malawian": "MAW", "malawi": "MAW", "zambia": "ZAM",
    "zimbabwe": "ZIM", "liberian": "LBR", "liberia": "LBR", "sierra leonean": "SLE", "sierra leone": "SLE",
    "gambian": "GAM", "gambia": "GAM", "beninese": "BEN", "benin": "BEN", "burkinabe": "BUR",
    "burkina faso": "BUR", "cape verdean": "CPV", "cape verde": "CPV", "congolese": "CGO", "congo": "CGO",
    "gabonese": "GAB", "gabon": "GAB", "cameroon": "CMR", "ivory coast": "CIV", "senegal": "SEN",
    "djibouti": "DJI", "fijian": "FIJ", "fiji": "FIJ",
    "papua new guinea": "PNG", "panama": "PAN", "guatemala": "GUA", "costa rica": "CRC", "haiti": "HAI",
    "dominican republic": "DOM", "barbados": "BAR", "bermuda": "BER", "puerto rico": "PUR",
    "saint kitts": "SKN", "antigua": "ANT", "st vincent": "VIN", "saudi arabia": "KSA", "pakistan": "PAK",
    "thailand": "THA", "taiwan": "TPE", "indonesia": "INA", "uzbekistan": "UZB",
    # Abbreviations fans type in lower case ("nz record", "fastest aus 800"): only those that are no English
    # word and no athlete's name ("ken", "ned", "fra", "pol", "sui" are people; "jam", "can", "nor" are words)
    "nz": "NZL", "nzl": "NZL", "aus": "AUS", "rsa": "RSA", "ger": "GER", "jpn": "JPN", "gbr": "GBR",
    "eth": "ETH", "ita": "ITA", "ukr": "UKR", "chn": "CHN", "kor": "KOR", "cze": "CZE", "ngr": "NGR",
    "gha": "GHA", "tto": "TTO", "mex": "MEX", "uga": "UGA", "alg": "ALG",
}

ROUND_WORDS = {
    "final": "F", "finals": "F", "semi": "SF", "semis": "SF", "semifinal": "SF", "semifinals": "SF",
    "semi final": "SF", "semi finals": "SF", "heat": "H", "heats": "H", "prelim": "H", "prelims": "H",
    "qualifying": "Q", "qualification": "Q", "quarterfinal": "QF", "quarter final": "QF", "quarters": "QF",
    "repechage": "RR", "repechages": "RR", "repechage round": "RR", "preliminary round": "PR",
}

ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "runner up": 2, "runnerup": 2, "third": 3, "3rd": 3,
    "fourth": 4, "4th": 4, "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7,
    "eighth": 8, "8th": 8, "ninth": 9, "9th": 9, "tenth": 10, "10th": 10, "last": -1,
}
# "12th", "21st", "100th": a place in a race or on a list, written in figures
ORDINALS.update({f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}": n
                 for n in range(11, 101)})

NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "twenty": 20, "fifteen": 15, "twelve": 12, "fifty": 50, "hundred": 100}

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

MEDALS = {"gold": "gold", "golds": "gold", "silver": "silver", "silvers": "silver", "bronze": "bronze",
          "bronzes": "bronze", "medal": "any", "medals": "any", "titles": "gold", "title": "gold"}

# Fans' names for athletes. Each maps to the athlete's name as the database has it; the database decides who
# that is (birth date, nation), so this list holds only what people call them.
NICKNAMES = {
    "mondo": "Armand Duplantis", "el g": "Hicham El Guerrouj", "elg": "Hicham El Guerrouj",
    "sml": "Sydney McLaughlin-Levrone",
    "flo jo": "Florence Griffith-Joyner", "flojo": "Florence Griffith-Joyner", "flo-jo": "Florence Griffith-Joyner",
    "the lightning bolt": "Usain Bolt", "lightning bolt": "Usain Bolt", "mo": "Mohamed Farah",
    "kip": "Eliud Kipchoge", "shelly ann": "Shelly-Ann Fraser-Pryce", "sfp": "Shelly-Ann Fraser-Pryce",
    "pocket rocket": "Shelly-Ann Fraser-Pryce", "jj": "Jackie Joyner-Kersee", "jjk": "Jackie Joyner-Kersee",
    "gebre": "Haile Gebrselassie",
    "geb": "Haile Gebrselassie", "mj": "Michael Johnson", "bubka": "Sergey Bubka", "sha carri": "Sha'Carri Richardson",
    "shacarri": "Sha'Carri Richardson", "kb": "Kenenisa Bekele",
    "pre": "Steve Prefontaine",
}

# Words that carry no name and no slot: removed before athletes are looked up.
STOPWORDS = frozenset("""
a an the of in on at for to by from with and or is was were be been has have had do does did what whats who
whos whose which when where how much many ever all time alltime best top fastest slowest quickest longest
highest furthest farthest biggest most record records holder holds held hold set sets setting broke break
breaks broken run ran runs running race races raced jump jumped jumps throw threw throws win won wins winner
winners winning champion champions victory results result full list show me tell give please can you i my
about say said says quote quotes pb pr pbs prs sb sbs personal season lifetime world lead leader leads wl
this that these those it its his her their he she they them there here than then vs versus v against head
h2h times time marks mark current currently now today yesterday did anyone someone somebody person people
athlete athletes runner runners sprinter jumper thrower meet meeting event events year years last since
before after first second third podium medal medals medallist medallists medalist medalists gold golds silver
bronze under sub below faster quicker better over above beat beaten beating equivalent convert conversion
worth into as progression history evolution happened happen profile bio info about number count total
indoor indoors outdoor outdoors short track men women mens womens man woman male female ever hi hey hello
lol pls plz ok okay up down doing wht wat wot edition race day athletics track field tf sport sports
trackandfield really did do gone go went get got getting ran run anything something everything events
are you your we our us like know think good great goat tall joke capital classic meeting
championships championship gala invitational meetings meets
""".split())

# Misspelt question words, read as the word meant where a question word stands (bot/ask/understand._typos):
# "wen" and "hou" are also surnames, so only there, never as a name. ("whos" is read as it is: CUES.)
QUESTION_TYPOS = {"wich": "which", "whcih": "which", "whch": "which", "wat": "what", "wot": "what",
                  "wht": "what", "waht": "what", "hw": "how", "hwo": "how", "wen": "when", "whn": "when",
                  "wer": "where", "wehre": "where", "whoes": "whose"}
# Words that change a question however it reads (negations, exclusions, qualifiers, comparisons, what the data
# lacks): a word of these the engine cannot place is never ignored, the question is declined (bot/ask/engine)
MEANING_WORDS = frozenset("""
not no never nor without except apart besides excluding exclude excluded but only just solely first last latest
earliest before after since until till between among why lane lanes wind windy split splits lap laps reaction
margin close closer bigger smaller higher lower faster slower better worse more less most least fewer average
total each every per percent age aged old older young younger tall height weight coach shoes prize money indoor
outdoor junior juniors youth masters u20 u18 para illegal assisted aided hand manual electronic automatic
heat heats semi final finals round qualifying qualification relay relays leg legs women men woman man female male
going into change changed changes put rank ranked ranks position stand stands far long much many times record
records lose lost beat beaten ahead behind than then if also or vs versus did does was were go went gone come came
over under above below sub ever career season year years time
""".split())
# Fans' short forms, read as the word anywhere in a question ("last yr", "3 ppl", "how many comps")
SHORT_FORMS = {"yr": "year", "yrs": "years", "ppl": "people", "comps": "competitions", "comp": "competition",
               "mtrs": "metres", "mins": "minutes", "secs": "seconds", "whered": "where", "wherd": "where"}
# Words after which a misspelt question word still asks ("hw many", "wen did …", "wat was …")
QUESTION_NEXT = frozenset("""many much fast far high long old did does do was were is are has had have won
athlete athletes country nation event year time mark record""".split())

# What fans ask about athletes that no source of mine holds: the phrase -> what to say I lack. Declined by name
# (bot/ask/engine), never answered with a profile or with the word dropped.
LACKED = {
    ("how", "tall"): "heights", ("height",): "heights", ("heights",): "heights",
    ("weigh",): "weights", ("weighs",): "weights", ("weight",): "weights", ("how", "heavy"): "weights",
    ("coach",): "coaches", ("coaches",): "coaches", ("coached",): "coaches", ("trainer",): "coaches",
    ("shoe",): "shoes", ("shoes",): "shoes", ("spikes",): "shoes", ("sneakers",): "shoes",
    ("prize", "money"): "prize money", ("prize",): "prize money", ("earnings",): "prize money",
    ("salary",): "prize money", ("paid",): "prize money",
    ("sponsor",): "sponsors", ("sponsors",): "sponsors", ("sponsored",): "sponsors", ("sponsorship",): "sponsors",
    # a race's wind reading is data; the weather is not ("wind forecast for the weekend")
    ("forecast",): "weather forecasts", ("forecasts",): "weather forecasts", ("weather",): "weather forecasts",
    ("temperature",): "weather forecasts",
    # no source gives lane draws (the Rio results have reaction times and splits, not lanes)
    ("lane",): "lane draws", ("lanes",): "lane draws", ("lane", "draw"): "lane draws", ("lane", "draws"): "lane draws",
}
# Words that only go with a lacked attribute ("what shoes does he wear"): placed with it.
LACKED_WITH = frozenset({"wear", "wears", "wore", "wearing", "brand", "does", "much", "make", "makes", "get",
                         "earn", "earned", "earns", "who", "whos", "is", "his", "her", "their"})

# Championships my data holds no results of, by the names fans use: a question about one is declined naming
# it (and saying what the data covers), never read as an athlete or as another meet ("asian games" is not the
# Olympic Games). Which championships the data holds is the database's (series): only names live here.
OTHER_CHAMPIONSHIPS = {
    "European Championships": ["european championships", "european championship", "european champs", "euros",
                               "euro champs", "europeans", "european athletics championships"],
    "European Indoor Championships": ["european indoor championships", "european indoors", "euro indoors",
                                      "european indoor champs"],
    "European Team Championships": ["european team championships", "european games"],
    "Commonwealth Games": ["commonwealth games", "commonwealths", "comm games", "commonwealth championships"],
    "Asian Games": ["asian games"],
    "Asian Championships": ["asian championships", "asian athletics championships", "asian indoor championships"],
    "African Championships": ["african championships", "african games", "african athletics championships"],
    "Pan American Games": ["pan american games", "pan am games", "pan ams", "panam games"],
    "NCAA Championships": ["ncaa", "ncaas", "ncaa championships", "ncaa indoors", "ncaa outdoors"],
    "World Relays": ["world relays", "world athletics relays"],
    "World U20 Championships": ["world u20 championships", "world u20s", "world juniors", "world junior championships",
                                "world u20"],
    "Olympic Trials": ["olympic trials", "us trials", "usatf championships", "us championships", "trials"],
    "World University Games": ["universiade", "world university games", "world student games"],
    "Youth Olympic Games": ["youth olympics", "youth olympic games"],
    "Continental Cup": ["continental cup", "world cup"],
}

# Short names fans use for championship cities.
CITY_SHORT = {"los angeles": "la"}
# Cities fans write as letters, read as the city's words wherever they stand ("nyc marathon 2024")
CITY_LETTERS = {"nyc": ("new", "york")}

# English names of cities the sources write in the local language ("Olympic Stadium, Athina").
CITY_EXONYMS = {
    "athina": "athens", "moskva": "moscow", "roma": "rome", "munchen": "munich", "goteborg": "gothenburg",
    "sevilla": "seville", "beograd": "belgrade", "ciudad de mexico": "mexico city", "lisboa": "lisbon",
    "montreal": "montreal", "praha": "prague", "warszawa": "warsaw", "bruxelles": "brussels",
    "torino": "turin", "wien": "vienna", "kobenhavn": "copenhagen", "firenze": "florence",
}

def city_names(city: str) -> tuple[str, ...]:
    """A city's names as venue texts may write them: 'rome' -> ('rome', 'roma')."""
    return (city, *sorted(k for k, v in CITY_EXONYMS.items() if v == city and k != city))


# Events only one sex contests: the event alone says who.
EVENT_SEX = {"100mH": "W", "HEP": "W", "PEN": "W", "110mH": "M", "DEC": "M"}

EXAMPLES = [
    "who won pre 2024 mile",
    "kerr 1500 pb",
    "ingebrigtsen vs kerr",
    "fastest women's 800 ever",
    "mile world record",
    "who held the british mile record before kerr",
    "olympic 1500 medallists 2021",
    "what happened on july 7",
]


def sex_fits(code: str, sex: str | None) -> bool:
    """Can this event be the one meant for that sex? The 110 m hurdles are men's, the 100 m hurdles women's."""
    if code == "110mH":
        return sex in (None, "M")
    if code == "100mH":
        return sex == "W"
    return True

# Cities of the big road races, known by their city alone ("the chicago marathon"): no championship or meeting
# names those races in the sources, so the city's races are read from the venue (bot/ask/results._race_in_city).
ROAD_CITIES = ("chicago", "boston", "new york", "rotterdam", "amsterdam", "frankfurt", "hamburg", "fukuoka", "houston",
               "dubai", "valencia")
