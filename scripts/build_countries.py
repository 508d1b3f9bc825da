"""Build src/blocwatch/data/countries.csv from public reference data plus hand edits.

The committed CSV is the product; this script documents how it was derived.
Names, official names, ISO codes, capitals and regions come from mledoze/countries
(ODbL); independence dates of post-1945 states from the Gleditsch-Ward state list.
Everything a news resolver needs beyond that (short forms, plurals, metonyms,
names that must not resolve alone) is written by hand below.

Run: .venv/bin/python scripts/build_countries.py [--reference ../shared/reference]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "blocwatch" / "data" / "countries.csv"
COLUMNS = [
    "iso3", "iso2", "name", "official_name", "aliases", "demonyms", "adjectives",
    "capital", "seats", "region", "un_member", "start", "end", "ambiguous",
]
# UN members plus the non-member states and territories news treats as actors. Hong
# Kong and Macau are China's, but have their own governments and police and are coded
# separately by CAMEO and ICEWS, so imported events keep them apart.
EXTRA = {"TWN", "UNK", "PSE", "VAT", "ESH", "HKG", "MAC"}
# mledoze uses the user-assigned UNK for Kosovo; XKX is what the EU, IMF and
# World Bank use, so imported data matches it.
RECODE = {"UNK": "XKX"}

# English alternative forms in mledoze that are worth keeping: anything else
# there is a native-language spelling or an ISO code that would misfire in
# English text ("Island" for Iceland, "Timor" for Timor-Leste, "Thai").
ENGLISH_FORM = re.compile(
    r"\b(Republic|Kingdom|State|States|Federation|Commonwealth|Union|Principality|"
    r"Sultanate|Emirates|Confederation|Federated|Grand Duchy|Islands)\b"
)

# Foreign-language forms that slip through ENGLISH_FORM.
NOT_ENGLISH = {"Union des Comores"}

# Hand edits: every key overrides or extends the derived value. Lists are
# appended to what mledoze gives, strings replace it.
HAND: dict[str, dict[str, object]] = {
    "USA": {
        "aliases": ["US", "U.S.", "USA", "U.S.A.", "United States of America", "America"],
        "demonyms": ["American", "Americans"],
        "adjectives": ["American", "U.S.", "US"],
        "capital": "Washington, D.C.",
        "seats": ["the White House", "White House", "Washington", "Washington, D.C.",
                  "Washington D.C.", "the Pentagon", "Pentagon",
                  "Foggy Bottom", "the State Department", "State Department",
                  "Capitol Hill", "the Oval Office", "Oval Office", "the CIA", "CIA",
                  "the FBI", "FBI", "the NSA", "Langley", "US Congress", "U.S. Congress",
                  "Voice of America", "VOA", "Radio Free Europe", "Radio Free Asia"],
        # Latin, South, Central and North America are groups (groups.csv), which stops
        # a longest-match scanner there too.
        "ambiguous": ["the Americas", "Washington state", "Washington State", "American Samoa",
                      "Native American", "Native Americans"],
    },
    "GBR": {
        "name": "United Kingdom",
        "aliases": ["UK", "U.K.", "Britain", "Great Britain", "the United Kingdom",
                    "Northern Ireland", "Scotland", "Wales", "England"],
        "demonyms": ["British", "Briton", "Britons", "Brits", "Scot", "Scots", "Welsh",
                     "Northern Irish"],
        "adjectives": ["British", "UK", "U.K.", "Scottish", "Welsh", "Anglo-"],
        "seats": ["Downing Street", "Number 10", "No 10", "No. 10", "Whitehall", "Westminster",
                  "London", "the Foreign Office", "Foreign Office",
                  "Foreign and Commonwealth Office", "FCDO", "MI6", "MI5", "GCHQ",
                  "Royal Navy", "Royal Air Force", "RAF", "BBC"],
        "ambiguous": ["New England", "New South Wales"],
    },
    "RUS": {
        "aliases": ["Russian Federation"],
        "demonyms": ["Russian", "Russians"],
        "adjectives": ["Russian", "Russo-"],
        "seats": ["the Kremlin", "Kremlin", "Moscow", "the Duma", "State Duma",
                  "Federation Council", "the FSB", "FSB", "SVR", "GRU",
                  "Smolenskaya Square", "Rosgvardia", "TASS", "RIA Novosti", "RT", "Sputnik",
                  "Gazprom", "Rosneft", "Rosatom", "Rosoboronexport"],
    },
    "CHN": {
        "aliases": ["PRC", "P.R.C.", "People's Republic of China", "Mainland China",
                    "mainland China"],
        "demonyms": ["Chinese"],
        "adjectives": ["Chinese", "Sino-"],
        "seats": ["Zhongnanhai", "Beijing", "Peking", "the Great Hall of the People",
                  "Great Hall of the People", "People's Liberation Army", "PLA",
                  "Chinese Communist Party", "Communist Party of China", "CCP", "CPC",
                  "Politburo Standing Committee", "National People's Congress", "NPC",
                  "Ministry of State Security", "MSS", "Xinhua", "CCTV", "CGTN",
                  "People's Daily", "Global Times", "China Daily", "Sinopec", "CNPC", "CNOOC"],
        "ambiguous": ["South China Sea", "East China Sea", "South China",
                      "Indochina", "Indo-China"],
    },
    "TWN": {
        "official_name": "Republic of China",
        "aliases": ["Republic of China", "ROC", "R.O.C.", "Chinese Taipei", "Formosa",
                    "Republic of China (Taiwan)"],
        "demonyms": ["Taiwanese"],
        "adjectives": ["Taiwanese"],
        "seats": ["Taipei", "Legislative Yuan", "Executive Yuan"],
    },
    "KOR": {
        "aliases": ["ROK", "Republic of Korea", "S. Korea", "S Korea"],
        "demonyms": ["South Korean", "South Koreans"],
        "adjectives": ["South Korean"],
        "seats": ["the Blue House", "Blue House", "Cheong Wa Dae", "Yongsan", "Seoul", "Yonhap"],
        "ambiguous": ["Korea", "Koreans", "Korean", "Korean Peninsula"],
    },
    "PRK": {
        "aliases": ["DPRK", "D.P.R.K.", "Democratic People's Republic of Korea",
                    "N. Korea", "N Korea"],
        "demonyms": ["North Korean", "North Koreans"],
        "adjectives": ["North Korean"],
        "seats": ["Pyongyang", "Korean People's Army", "Workers' Party of Korea", "KCNA",
                  "Rodong Sinmun"],
        "ambiguous": ["Korea", "Koreans", "Korean", "Korean Peninsula"],
    },
    "COD": {
        "name": "Democratic Republic of the Congo",
        "aliases": ["DR Congo", "D.R. Congo", "DRC", "Congo-Kinshasa",
                    "Democratic Republic of Congo", "Congo (Kinshasa)", "Zaire"],
        "demonyms": ["Congolese"],
        "adjectives": [],
        "seats": ["Kinshasa"],
        "ambiguous": ["Congo", "the Congo", "Congolese"],
    },
    "COG": {
        "name": "Republic of the Congo",
        "aliases": ["Republic of Congo", "Congo-Brazzaville", "Congo Republic",
                    "Congo (Brazzaville)"],
        "demonyms": ["Congolese"],
        "adjectives": [],
        "seats": ["Brazzaville"],
        "ambiguous": ["Congo", "the Congo", "Congolese"],
    },
    "GEO": {
        "aliases": ["Sakartvelo"],
        "seats": ["Tbilisi"],
        "ambiguous": ["Georgia"],
    },
    "CIV": {
        "name": "Ivory Coast",
        "aliases": ["Côte d'Ivoire", "Cote d'Ivoire", "Cote dIvoire", "Ivory Coast"],
        "seats": ["Abidjan"],
    },
    "CZE": {
        "aliases": ["Czech Republic", "Czechia"],
        "demonyms": ["Czech", "Czechs"],
        "adjectives": ["Czech"],
        "seats": ["Prague"],
    },
    "TUR": {
        "name": "Turkey",
        "aliases": ["Türkiye", "Turkiye", "Turkey", "Republic of Turkey", "Republic of Türkiye"],
        "demonyms": ["Turk", "Turks", "Turkish"],
        "adjectives": ["Turkish", "Turco-"],
        "seats": ["Ankara", "Grand National Assembly", "Bestepe", "Beştepe", "Anadolu Agency"],
    },
    "NLD": {
        "name": "Netherlands",
        "aliases": ["Holland", "the Netherlands", "The Netherlands"],
        "demonyms": ["Dutch", "Dutchman", "Dutchmen", "Dutchwoman"],
        "adjectives": ["Dutch"],
        # The Hague is mostly the ICC and the ICJ in international news, not the Dutch
        # government: no seat.
        "seats": [],
    },
    "MMR": {
        "aliases": ["Burma"],
        "demonyms": ["Burmese", "Myanmarese"],
        "adjectives": ["Burmese", "Myanmar"],
        "seats": ["Naypyidaw", "Naypyitaw", "Nay Pyi Taw", "Tatmadaw"],
    },
    "FRA": {
        "demonyms": ["French", "Frenchman", "Frenchmen", "Frenchwoman"],
        "adjectives": ["French", "Franco-"],
        "seats": ["the Elysée", "the Élysée", "the Elysee", "Elysée", "Élysée", "Elysee",
                  "Elysée Palace", "Élysée Palace", "Elysee Palace", "Quai d'Orsay",
                  "Matignon", "Paris", "DGSE", "Agence France-Presse", "AFP"],
    },
    "DEU": {
        "aliases": ["West Germany", "FRG"],
        "demonyms": ["German", "Germans", "West German", "West Germans"],
        "adjectives": ["German", "Germano-"],
        "seats": ["the Chancellery", "Berlin", "the Bundestag", "Bundestag", "Bundesrat",
                  "the Bundeswehr", "Bundeswehr", "BND", "Deutsche Welle"],
    },
    "JPN": {
        "demonyms": ["Japanese"],
        "adjectives": ["Japanese"],
        "seats": ["Kasumigaseki", "Nagatacho", "the Kantei", "Kantei", "Tokyo",
                  "Japan Self-Defense Forces", "Self-Defense Forces", "JSDF", "NHK", "Kyodo"],
        "ambiguous": ["Sea of Japan"],
    },
    "IND": {
        "aliases": ["Bharat", "Republic of India"],
        "demonyms": ["Indian", "Indians"],
        "adjectives": ["Indian"],
        "seats": ["South Block", "Raisina Hill", "North Block", "New Delhi", "Delhi",
                  "Lok Sabha", "Rajya Sabha"],
        "ambiguous": ["Indian Ocean", "West Indies", "West Indian", "American Indian",
                      "American Indians", "Indian Ocean Rim"],
    },
    "PAK": {
        "seats": ["Islamabad", "Rawalpindi", "ISI", "Inter-Services Intelligence"],
    },
    "IRN": {
        "aliases": ["Islamic Republic of Iran"],
        "demonyms": ["Iranian", "Iranians"],
        "adjectives": ["Iranian"],
        "seats": ["Tehran", "Teheran", "IRGC", "Revolutionary Guards",
                  "Islamic Revolutionary Guard Corps", "Quds Force", "IRNA", "Press TV",
                  "Fars News Agency", "Tasnim"],
    },
    "ISR": {
        "seats": ["Jerusalem", "Tel Aviv", "the Knesset", "Knesset", "Mossad", "Shin Bet",
                  "the IDF", "IDF", "Israel Defense Forces", "Israel Defence Forces"],
    },
    "UKR": {
        "aliases": ["the Ukraine"],
        "seats": ["Kyiv", "Kiev", "Bankova", "Verkhovna Rada", "the Rada", "SBU"],
    },
    "SAU": {
        "aliases": ["Saudi", "KSA", "the Kingdom of Saudi Arabia"],
        "demonyms": ["Saudi", "Saudis", "Saudi Arabian", "Saudi Arabians"],
        "adjectives": ["Saudi", "Saudi Arabian"],
        "seats": ["Riyadh", "Saudi Press Agency", "Aramco", "Saudi Aramco"],
    },
    "ARE": {
        "aliases": ["UAE", "U.A.E.", "the Emirates", "Emirates"],
        "demonyms": ["Emirati", "Emiratis"],
        "adjectives": ["Emirati"],
        "seats": ["Abu Dhabi", "WAM"],
    },
    "VAT": {
        "name": "Vatican City",
        "official_name": "Holy See",
        "aliases": ["Vatican", "the Vatican", "Holy See", "the Holy See", "Vatican City State"],
        "demonyms": [],
        "adjectives": ["Vatican", "papal"],
        "seats": ["the Apostolic Palace"],
    },
    "PSE": {
        "aliases": ["State of Palestine", "Palestinian Authority", "Palestinian National Authority",
                    "Palestinian territories", "occupied Palestinian territories",
                    "Occupied Palestinian Territory", "Palestinian Territory, Occupied"],
        "demonyms": ["Palestinian", "Palestinians"],
        "adjectives": ["Palestinian"],
        "seats": ["Ramallah"],
    },
    "ESH": {
        "aliases": ["Sahrawi Arab Democratic Republic", "SADR", "Sahrawi Republic"],
        "demonyms": ["Sahrawi", "Sahrawis", "Saharawi", "Saharawis"],
        "adjectives": ["Sahrawi", "Saharawi"],
        "capital": "Laayoune",
    },
    "HKG": {
        "official_name": "Hong Kong Special Administrative Region of the People's Republic of China",
        "aliases": ["Hong Kong SAR", "HKSAR"],
        "demonyms": ["Hongkonger", "Hongkongers", "Hong Konger", "Hong Kongers"],
        "adjectives": ["Hong Kong"], "capital": "Hong Kong", "start": "1997-07-01",
    },
    "MAC": {
        "name": "Macau",
        "official_name": "Macao Special Administrative Region of the People's Republic of China",
        "aliases": ["Macao", "Macau SAR", "Macao SAR"],
        "demonyms": ["Macanese"], "adjectives": ["Macanese"], "capital": "Macau",
        "start": "1999-12-20",
    },
    "XKX": {
        "aliases": ["Republic of Kosovo"],
        "demonyms": ["Kosovar", "Kosovars", "Kosovan", "Kosovans"],
        "adjectives": ["Kosovar", "Kosovan"],
        "seats": ["Pristina", "Prishtina"],
    },
    "MKD": {
        "aliases": ["Macedonia", "FYROM", "Former Yugoslav Republic of Macedonia",
                    "the former Yugoslav Republic of Macedonia", "Republic of North Macedonia"],
        "seats": ["Skopje"],
    },
    "SWZ": {"aliases": ["Swaziland"], "demonyms": ["Swazi", "Swazis"]},
    "CPV": {"aliases": ["Cabo Verde"], "demonyms": ["Cape Verdean", "Cape Verdeans"],
            "adjectives": ["Cape Verdean"]},
    "TLS": {"aliases": ["East Timor", "Timor Leste"], "demonyms": ["East Timorese", "Timorese"]},
    "BIH": {"aliases": ["Bosnia", "Bosnia-Herzegovina", "BiH"], "seats": ["Sarajevo"]},
    "BLR": {"aliases": ["Byelorussia", "Belorussia"], "demonyms": ["Belarusian", "Belarusians"],
            "seats": ["Minsk"]},
    "KGZ": {"aliases": ["Kyrgyz Republic", "Kirghizia"], "demonyms": ["Kyrgyz"],
            "adjectives": ["Kyrgyz"], "seats": ["Bishkek"]},
    "KAZ": {"demonyms": ["Kazakh", "Kazakhs", "Kazakhstani", "Kazakhstanis"],
            "adjectives": ["Kazakh", "Kazakhstani"], "seats": ["Astana", "Akorda"]},
    "UZB": {"demonyms": ["Uzbek", "Uzbeks", "Uzbekistani", "Uzbekistanis"],
            "adjectives": ["Uzbek"], "seats": ["Tashkent"]},
    "TJK": {"demonyms": ["Tajik", "Tajiks", "Tajikistani"], "adjectives": ["Tajik"],
            "seats": ["Dushanbe"]},
    "TKM": {"demonyms": ["Turkmen"], "adjectives": ["Turkmen"], "seats": ["Ashgabat"]},
    "AZE": {"demonyms": ["Azerbaijani", "Azerbaijanis", "Azeri", "Azeris"],
            "adjectives": ["Azerbaijani", "Azeri"], "seats": ["Baku"]},
    "ARM": {"seats": ["Yerevan"]},
    "MDA": {"seats": ["Chisinau", "Chișinău"]},
    "LAO": {"aliases": ["Lao PDR", "Lao People's Democratic Republic"],
            "demonyms": ["Laotian", "Laotians", "Lao"], "adjectives": ["Laotian", "Lao"],
            "seats": ["Vientiane"]},
    "VNM": {"aliases": ["Viet Nam"], "demonyms": ["Vietnamese"], "seats": ["Hanoi"]},
    "PHL": {"demonyms": ["Filipino", "Filipinos", "Filipina", "Filipinas"],
            "adjectives": ["Philippine", "Filipino"], "seats": ["Manila", "Malacañang",
                                                              "Malacanang"]},
    "DNK": {"demonyms": ["Dane", "Danes", "Danish"], "adjectives": ["Danish"],
            "seats": ["Copenhagen"]},
    "SWE": {"demonyms": ["Swede", "Swedes", "Swedish"], "adjectives": ["Swedish"],
            "seats": ["Stockholm"]},
    "FIN": {"demonyms": ["Finn", "Finns", "Finnish"], "adjectives": ["Finnish"],
            "seats": ["Helsinki"]},
    "NOR": {"seats": ["Oslo"]},
    "ISL": {"demonyms": ["Icelander", "Icelanders"], "adjectives": ["Icelandic"]},
    "POL": {"demonyms": ["Pole", "Poles", "Polish"], "adjectives": ["Polish"],
            "seats": ["Warsaw"]},
    "ESP": {"demonyms": ["Spaniard", "Spaniards", "Spanish"], "adjectives": ["Spanish"],
            "seats": ["Madrid", "La Moncloa", "Moncloa"]},
    "IRL": {"aliases": ["Republic of Ireland", "Eire", "Éire"],
            "demonyms": ["Irish", "Irishman", "Irishmen"], "adjectives": ["Irish"],
            "seats": ["Dublin"]},
    "NZL": {"demonyms": ["New Zealander", "New Zealanders", "Kiwi", "Kiwis"],
            "adjectives": ["New Zealand"], "seats": ["Wellington"]},
    "AUS": {"demonyms": ["Australian", "Australians", "Aussie", "Aussies"],
            "seats": ["Canberra"]},
    "CAN": {"seats": ["Ottawa"]},
    "ITA": {"adjectives": ["Italian", "Italo-"], "seats": ["Rome", "Palazzo Chigi"]},
    "CHE": {"aliases": ["Swiss Confederation"], "demonyms": ["Swiss"], "adjectives": ["Swiss"],
            "seats": ["Bern", "Berne"]},
    "LUX": {"demonyms": ["Luxembourger", "Luxembourgers"], "adjectives": ["Luxembourgish"]},
    "BEL": {"seats": []},  # Brussels is usually the EU or NATO, not Belgium: see header.
    "AUT": {"seats": ["Vienna"]},
    "HUN": {"seats": ["Budapest"]},
    "SVK": {"demonyms": ["Slovak", "Slovaks"], "seats": ["Bratislava"]},
    "SVN": {"demonyms": ["Slovene", "Slovenes", "Slovenian", "Slovenians"],
            "adjectives": ["Slovenian", "Slovene"], "seats": ["Ljubljana"]},
    "HRV": {"demonyms": ["Croat", "Croats", "Croatian", "Croatians"],
            "adjectives": ["Croatian", "Croat"], "seats": ["Zagreb"]},
    "SRB": {"demonyms": ["Serb", "Serbs", "Serbian", "Serbians"],
            "adjectives": ["Serbian", "Serb"], "seats": ["Belgrade"]},
    "ROU": {"aliases": ["Rumania", "Roumania"], "seats": ["Bucharest"]},
    "BGR": {"seats": ["Sofia"]},
    "GRC": {"aliases": ["Hellenic Republic"], "demonyms": ["Greek", "Greeks"],
            "adjectives": ["Greek", "Hellenic"], "seats": ["Athens"]},
    "CYP": {"demonyms": ["Cypriot", "Cypriots", "Greek Cypriot", "Greek Cypriots"],
            "seats": ["Nicosia"],
            "ambiguous": ["Northern Cyprus", "North Cyprus", "Turkish Republic of Northern Cyprus",
                          "TRNC", "Turkish Cypriot", "Turkish Cypriots"]},
    "PRT": {"seats": ["Lisbon"]},
    "EST": {"seats": ["Tallinn"]},
    "LVA": {"seats": ["Riga"]},
    "LTU": {"seats": ["Vilnius"]},
    "SYR": {"aliases": ["Syrian Arab Republic"], "seats": ["Damascus", "SANA"]},
    "IRQ": {"seats": ["Baghdad"]},
    "AFG": {"aliases": ["Islamic Emirate of Afghanistan"], "demonyms": ["Afghan", "Afghans"], "seats": ["Kabul"]},
    "EGY": {"seats": ["Cairo"]},
    "LBY": {"seats": ["Tripoli"]},
    "DZA": {"seats": ["Algiers"]},
    "MAR": {"seats": ["Rabat"]},
    "TUN": {"seats": ["Tunis"]},
    "JOR": {"seats": ["Amman"]},
    "LBN": {"seats": ["Beirut"]},
    "QAT": {"seats": ["Doha", "Al Jazeera"]},
    "KWT": {"seats": ["Kuwait City"]},
    "OMN": {"seats": ["Muscat"]},
    "BHR": {"seats": ["Manama"]},
    "YEM": {"seats": ["Sanaa", "Sana'a"]},
    "SDN": {"seats": ["Khartoum"]},
    "SSD": {"seats": ["Juba"]},
    "ETH": {"seats": ["Addis Ababa"]},
    "ERI": {"seats": ["Asmara"]},
    "SOM": {"demonyms": ["Somali", "Somalis"], "seats": ["Mogadishu"]},
    "KEN": {"seats": ["Nairobi"]},
    "NGA": {"seats": ["Abuja"]},
    "NER": {"demonyms": ["Nigerien", "Nigeriens"], "adjectives": ["Nigerien"],
            "seats": ["Niamey"], "ambiguous": ["Niger Delta", "Niger River"]},
    "TCD": {"seats": ["N'Djamena"], "ambiguous": ["Lake Chad"]},
    "GIN": {"seats": ["Conakry"], "ambiguous": ["New Guinea", "Gulf of Guinea"]},
    "MEX": {"seats": ["Mexico City", "Los Pinos"], "ambiguous": ["New Mexico",
                                                                "Gulf of Mexico"]},
    "WSM": {"ambiguous": ["American Samoa"]},
    "ZAF": {"aliases": ["RSA"], "seats": ["Pretoria", "Union Buildings"]},
    "ZWE": {"seats": ["Harare"]},
    "BRA": {"seats": ["Brasília", "Brasilia", "Planalto", "Itamaraty"]},
    "ARG": {"demonyms": ["Argentine", "Argentines", "Argentinian", "Argentinians"],
            "adjectives": ["Argentine", "Argentinian"],
            "seats": ["Buenos Aires", "Casa Rosada"]},
    "VEN": {"seats": ["Caracas", "Miraflores"]},
    "CUB": {"seats": ["Havana"]},
    "COL": {"seats": ["Bogotá", "Bogota"]},
    "CHL": {"seats": ["La Moneda"]},
    "PER": {"seats": ["Lima"]},
    "NIC": {"seats": ["Managua"]},
    "BGD": {"seats": ["Dhaka"]},
    "LKA": {"seats": ["Colombo"]},
    "NPL": {"demonyms": ["Nepali", "Nepalis", "Nepalese"], "adjectives": ["Nepali", "Nepalese"],
            "seats": ["Kathmandu"]},
    "IDN": {"seats": ["Jakarta"]},
    "MYS": {"seats": ["Kuala Lumpur", "Putrajaya"]},
    "THA": {"demonyms": ["Thai", "Thais"], "seats": ["Bangkok"]},
    "KHM": {"seats": ["Phnom Penh"]},
    "SGP": {"seats": []},  # "Singapore" is both the state and its capital.
    "MNG": {"seats": ["Ulaanbaatar", "Ulan Bator"]},
    "BWA": {"demonyms": ["Motswana", "Batswana"]},
    "LSO": {"demonyms": ["Mosotho", "Basotho"]},
    "DMA": {"demonyms": ["Dominican"]},  # dropped below: "Dominican" is the DOM reading
    "DOM": {"demonyms": ["Dominican", "Dominicans"]},
    "ECU": {"demonyms": ["Ecuadorian", "Ecuadorians", "Ecuadorean"],
            "adjectives": ["Ecuadorian", "Ecuadorean"]},
    "DJI": {"demonyms": ["Djiboutian", "Djiboutians"], "adjectives": ["Djiboutian"]},
    "KNA": {"aliases": ["St Kitts and Nevis", "St. Kitts and Nevis", "Saint Kitts"],
            "demonyms": ["Kittitian", "Nevisian"]},
    "LCA": {"aliases": ["St Lucia", "St. Lucia"]},
    "VCT": {"aliases": ["St Vincent and the Grenadines", "St. Vincent and the Grenadines",
                        "Saint Vincent", "St Vincent"]},
    "STP": {"aliases": ["Sao Tome and Principe", "São Tomé", "Sao Tome"]},
    "TTO": {"aliases": ["Trinidad"]},
    "PNG": {"aliases": ["PNG"]},
    "ATG": {"aliases": ["Antigua"], "demonyms": ["Antiguan", "Barbudan"]},
        "GMB": {"aliases": ["The Gambia", "the Gambia"]},
    "BHS": {"aliases": ["The Bahamas", "the Bahamas"]},
    "FSM": {"aliases": ["FSM"]},
    "BRN": {"aliases": ["Brunei Darussalam"]},
    "GNB": {"aliases": ["Guinea Bissau"], "demonyms": ["Bissau-Guinean", "Bissau-Guineans"]},
    "MDV": {"demonyms": ["Maldivian", "Maldivians"], "adjectives": ["Maldivian"]},
    "COM": {"demonyms": ["Comorian", "Comorians"], "adjectives": ["Comorian"]},
    "MHL": {"aliases": ["the Marshall Islands"]},
    "SLB": {"aliases": ["the Solomon Islands", "Solomons"]},
}

# Historical states that recent history and old articles still name.
HISTORICAL = [
    {"iso3": "SUN", "iso2": "SU", "name": "Soviet Union",
     "official_name": "Union of Soviet Socialist Republics",
     "aliases": ["USSR", "U.S.S.R.", "the Soviet Union", "Soviet Russia"],
     "demonyms": ["Soviet", "Soviets"], "adjectives": ["Soviet"], "capital": "Moscow",
     "seats": [], "region": "Eastern Europe", "un_member": "true",
     "start": "1922-12-30", "end": "1991-12-26", "ambiguous": []},
    {"iso3": "YUG", "iso2": "YU", "name": "Yugoslavia",
     "official_name": "Socialist Federal Republic of Yugoslavia",
     "aliases": ["Federal Republic of Yugoslavia", "SFRY", "FRY",
                 "Socialist Federal Republic of Yugoslavia", "Kingdom of Yugoslavia"],
     "demonyms": ["Yugoslav", "Yugoslavs"], "adjectives": ["Yugoslav"], "capital": "Belgrade",
     "seats": [], "region": "Southeast Europe", "un_member": "true",
     "start": "1918-12-01", "end": "2003-02-04", "ambiguous": []},
    {"iso3": "SCG", "iso2": "CS", "name": "Serbia and Montenegro",
     "official_name": "State Union of Serbia and Montenegro",
     "aliases": ["State Union of Serbia and Montenegro"],
     "demonyms": [], "adjectives": [], "capital": "Belgrade",
     "seats": [], "region": "Southeast Europe", "un_member": "true",
     "start": "2003-02-04", "end": "2006-06-05", "ambiguous": []},
    {"iso3": "YMD", "iso2": "YD", "name": "South Yemen",
     "official_name": "People's Democratic Republic of Yemen",
     "aliases": ["PDRY", "Democratic Yemen"],
     "demonyms": ["South Yemeni", "South Yemenis"], "adjectives": ["South Yemeni"],
     "capital": "Aden", "seats": [], "region": "Western Asia", "un_member": "true",
     "start": "1967-11-30", "end": "1990-05-22", "ambiguous": []},
    {"iso3": "DDR", "iso2": "DD", "name": "East Germany",
     "official_name": "German Democratic Republic",
     "aliases": ["GDR", "DDR", "German Democratic Republic"],
     "demonyms": ["East German", "East Germans"], "adjectives": ["East German"],
     "capital": "East Berlin", "seats": ["East Berlin"], "region": "Central Europe",
     "un_member": "true", "start": "1949-10-07", "end": "1990-10-03", "ambiguous": []},
    {"iso3": "CSK", "iso2": "CS", "name": "Czechoslovakia",
     "official_name": "Czechoslovak Socialist Republic",
     "aliases": ["Czech and Slovak Federative Republic", "Czechoslovak Socialist Republic"],
     "demonyms": ["Czechoslovak", "Czechoslovaks"], "adjectives": ["Czechoslovak"],
     "capital": "Prague", "seats": [], "region": "Central Europe", "un_member": "true",
     "start": "1918-10-28", "end": "1993-01-01", "ambiguous": []},
]

# Gleditsch-Ward spells a few names differently from mledoze.
GW_NAMES = {
    "Surinam": "SUR", "German Federal Republic": "DEU", "Czech Republic": "CZE",
    "Macedonia (Former Yugoslav Republic of)": "MKD", "Bosnia-Herzegovina": "BIH",
    "Belarus (Byelorussia)": "BLR", "Cape Verde": "CPV", "Cote D'Ivoire": "CIV",
    "Burkina Faso (Upper Volta)": "BFA", "Congo": "COG", "Tanzania/Tanganyika": "TZA",
    "Zimbabwe (Rhodesia)": "ZWE", "Swaziland": "SWZ", "Kyrgyz Republic": "KGZ",
    "Myanmar (Burma)": "MMR", "Sri Lanka (Ceylon)": "LKA", "Cambodia (Kampuchea)": "KHM",
    "East Timor": "TLS", "Kosovo": "XKX", "Congo, Democratic Republic of (Zaire)": "COD",
    "Korea, People's Republic of": "PRK", "Korea, Republic of": "KOR",
    "Vietnam, Democratic Republic of": "VNM", "Taiwan": "TWN", "Gambia": "GMB",
    "Bahamas": "BHS", "Serbia": "SRB", "Montenegro": "MNE",
}
# States whose statehood predates 1945 in the sense news uses keep an empty start
# (the README's "before 2000 / since founding"); only later independence is dated.
START_AFTER = "1945-01-01"
# Russia continues the Soviet Union's seat; dating it would hide it in 1991 texts.
NO_START = {"RUS", "TWN", "DEU", "VNM", "SRB"}


def gw_starts(reference: Path, iso_by_name: dict[str, str]) -> dict[str, str]:
    starts: dict[str, str] = {}
    with (reference / "gw_states.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["startdate"] < START_AFTER or row["enddate"] < "2017-12-31":
                continue
            name = row["statename"]
            iso = GW_NAMES.get(name) or iso_by_name.get(name)
            if iso is None:
                print(f"warning: no ISO code for GW state {name!r}", file=sys.stderr)
                continue
            starts[iso] = row["startdate"]
    return starts


def plural(word: str) -> str | None:
    """The plural of a demonym, or None where English uses the singular form."""
    last = word.split()[-1]
    invariant = {"Kyrgyz", "Turkmen", "Lao", "Ni-Vanuatu", "I-Kiribati", "Vatican", "Malagasy"}
    if last in invariant or last.endswith(("ese", "ss", "sh", "ch", "wana", "otho", "ois", "be")):
        return None
    return word + "s"


def dedupe(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        item = item.strip()
        if item and item not in seen:
            seen.add(item)
            out.append(item)
    return out


def build(reference: Path) -> list[dict[str, str]]:
    raw = json.loads((reference / "mledoze_countries.json").read_text(encoding="utf-8"))
    chosen = [c for c in raw if c["unMember"] or c["cca3"] in EXTRA]
    iso_by_name = {c["name"]["common"]: RECODE.get(c["cca3"], c["cca3"]) for c in chosen}
    starts = gw_starts(reference, iso_by_name)
    rows = []
    for c in chosen:
        iso3 = RECODE.get(c["cca3"], c["cca3"])
        hand = HAND.get(iso3, {})
        name = str(hand.get("name", c["name"]["common"]))
        official = str(hand.get("official_name", c["name"]["official"]))
        alts = [a for a in c["altSpellings"]
                if ENGLISH_FORM.search(a) and "," not in a and a.isascii() and a not in NOT_ENGLISH]
        aliases = [a for a in dedupe(alts + list(hand.get("aliases", [])))
                   if a not in (name, official)]
        base = [d.strip() for d in re.split(r",| or ", c["demonyms"]["eng"]["m"])]
        demonyms = list(hand["demonyms"]) if "demonyms" in hand else []
        if "demonyms" not in hand:
            for d in base:
                demonyms.append(d)
                p = plural(d)
                if p:
                    demonyms.append(p)
        adjectives = list(hand["adjectives"]) if "adjectives" in hand else base
        capital = str(hand.get("capital", c["capital"][0] if c["capital"] else ""))
        seats = list(hand["seats"]) if "seats" in hand else []
        # Index "the Kremlin" and "Kremlin" alike: the article is optional in news text.
        seats += [seat[4:] for seat in seats if seat.startswith("the ")]
        ambiguous = list(hand.get("ambiguous", []))
        start = str(hand.get("start", "" if iso3 in NO_START else starts.get(iso3, "")))
        rows.append({
            "iso3": iso3, "iso2": c["cca2"], "name": name, "official_name": official,
            "aliases": dedupe(aliases), "demonyms": dedupe(demonyms),
            "adjectives": dedupe(adjectives), "capital": capital, "seats": dedupe(seats),
            "region": c["subregion"] or c["region"],
            # mledoze counts the Holy See, a permanent observer, as a member.
            "un_member": "true" if c["unMember"] and iso3 != "VAT" else "false",
            "start": start, "end": "", "ambiguous": dedupe(ambiguous),
        })
    # "Dominican" is the Dominican Republic in practice; Dominica keeps its name only.
    for row in rows:
        if row["iso3"] == "DMA":
            row["demonyms"], row["adjectives"] = [], []
    for h in HISTORICAL:
        row = dict(h)
        row["aliases"] = [a for a in h["aliases"] if a not in (h["name"], h["official_name"])]
        rows.append(row)
    rows.sort(key=lambda r: str(r["iso3"]))
    return [{k: "|".join(v) if isinstance(v, list) else str(v) for k, v in r.items()}
            for r in rows]


HEADER = """\
# countries.csv: states for blocwatch's actor resolver.
# Sources: mledoze/countries (ODbL 1.0) for ISO codes, names, capitals, regions;
# Gleditsch-Ward state list for independence dates after 1945; checked and
# extended by hand by the blocwatch developers (aliases, plurals, seats, ambiguity).
# Generated by scripts/build_countries.py, then this file is the product.
# un_member: true/false; for a historical state, whether it was a UN member (dates in
#   igo_members.csv, igo UN). start: independence or founding after 1945
#   (Gleditsch-Ward's date), empty if older; end: the day the state ceased to exist
#   (empty = still exists). Spells are half-open as everywhere in blocwatch: a row
#   holds from its start day up to the day before its end day.
# seats: metonyms for the state's institutions (the Kremlin, Zhongnanhai, capital
#   cities used for governments). Some name a sector, which sectors.csv gives for the
#   same words: Capitol Hill, the Duma, Bundestag, Knesset, Westminster = legislature;
#   the Pentagon, the IDF, the PLA, Bundeswehr, Rawalpindi = military; the CIA, FSB,
#   MI6, Mossad, ISI = intelligence; state and public media (Xinhua, TASS, KCNA, BBC) =
#   media; state-owned companies (Gazprom, Sinopec, Aramco) = business. Capitals are places first: they stand for a
#   government only as the agent of a political act ("Moscow said"), never as the
#   site of one ("an attack in Kabul"). Tel Aviv and Jerusalem are both used for
#   Israel's government. Brussels is the EU (or NATO), not Belgium: it is not a seat
#   of BEL. "Singapore" is the state and its capital.
# ambiguous: names that must not resolve to this state on their own. Either shared
#   by several states or places (Congo, Korea, Georgia the US state: "Georgia" is
#   also this row's name, so it needs context such as Tbilisi or the Caucasus), or
#   longer names containing the state's name that a longest-match scanner must stop
#   on (South China Sea, New Mexico, Indian Ocean, Northern Cyprus, American Samoa).
# Adjectives ending in "-" are combining forms (Sino-Russian, Russo-Japanese).
# Hong Kong and Macau (HKG, MAC) are China's special administrative regions, listed
#   because CAMEO and ICEWS code them apart; their start is the handover.
# Not listed: other dependent territories (Greenland, Puerto Rico, ...), which news
#   rarely treats as actors; Kosovo uses XKX, the code of the EU, IMF and World Bank.
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=ROOT.parent / "shared" / "reference")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    rows = build(args.reference)
    with args.out.open("w", encoding="utf-8", newline="") as fh:
        fh.write(HEADER)
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
