"""Places that are not actors: cities that are not capitals, regions, seas,
disputed territories, and place names that contain a country's name.

Listing them lets the scanner see "the South China Sea" as one place rather
than China, and "Christchurch" as a city rather than an unknown word.  Each
line is ``name|ISO3 of the state it lies in (empty if disputed or shared)|kind``.
Facts from public gazetteers, written by hand.
"""

from __future__ import annotations

_PLACES = """
South China Sea||sea
East China Sea||sea
Sea of Japan||sea
Korean Peninsula||region
Korean peninsula||region
Taiwan Strait||sea
Strait of Taiwan||sea
Gulf of Mexico||sea
Persian Gulf||sea
Gulf of Oman||sea
Gulf of Aden||sea
Gulf of Guinea||sea
Indian Ocean||sea
Arabian Sea||sea
Arabian Peninsula||region
Bay of Bengal||sea
Irish Sea||sea
Baltic Sea||sea
Baltic||sea
Black Sea||sea
Caspian Sea||sea
Red Sea||sea
Mediterranean||sea
Mediterranean Sea||sea
Sea of Azov||sea
Strait of Hormuz||sea
Bosphorus|TUR|sea
Suez Canal|EGY|region
Panama Canal|PAN|region
Pacific||sea
Atlantic||sea
Arctic||region
Antarctica||region
Sahel||region
Balkans||region
Middle East||region
Latin America||region
South America||region
North America||region
Southeast Asia||region
South Asia||region
East Asia||region
Eastern Europe||region
Western Europe||region
Europe||region
Asia||region
Africa||region
Eurasia||region
Indian subcontinent||region
Crimea|UKR|disputed
Donbas|UKR|region
Donbass|UKR|region
Donetsk|UKR|city
Luhansk|UKR|city
Kharkiv|UKR|city
Odessa|UKR|city
Odesa|UKR|city
Mariupol|UKR|city
Abkhazia|GEO|disputed
South Ossetia|GEO|disputed
Transnistria|MDA|disputed
Nagorno-Karabakh|AZE|disputed
Kashmir||disputed
Tibet|CHN|region
Xinjiang|CHN|region
Shanghai|CHN|city
Guangzhou|CHN|city
Shenzhen|CHN|city
Wuhan|CHN|city
Chechnya|RUS|region
Siberia|RUS|region
Kaliningrad|RUS|city
St Petersburg|RUS|city
St. Petersburg|RUS|city
Saint Petersburg|RUS|city
Vladivostok|RUS|city
Sochi|RUS|city
Kazan|RUS|city
Kurdistan||region
Golan Heights||disputed
Sinai|EGY|region
West Bank||disputed
Gaza||disputed
Gaza Strip||disputed
Kuril Islands||disputed
Kurils||disputed
Senkaku Islands||disputed
Diaoyu Islands||disputed
Spratly Islands||disputed
Paracel Islands||disputed
Scarborough Shoal||disputed
Falkland Islands||disputed
Western Sahara||disputed
New Mexico|USA|state
New Jersey|USA|state
New York|USA|city
New York City|USA|city
Georgia|USA|state
Atlanta|USA|city
Chicago|USA|city
Los Angeles|USA|city
San Francisco|USA|city
Boston|USA|city
Houston|USA|city
Miami|USA|city
Seattle|USA|city
Texas|USA|state
California|USA|state
Florida|USA|state
Alaska|USA|state
Hawaii|USA|state
Guam|USA|region
Camp David|USA|region
Silicon Valley|USA|region
Wall Street|USA|region
New South Wales|AUS|state
Sydney|AUS|city
Melbourne|AUS|city
Christchurch|NZL|city
Auckland|NZL|city
Toronto|CAN|city
Montreal|CAN|city
Vancouver|CAN|city
Quebec|CAN|region
Hamburg|DEU|city
Munich|DEU|city
Frankfurt|DEU|city
Bavaria|DEU|region
Marseille|FRA|city
Lyon|FRA|city
Milan|ITA|city
Naples|ITA|city
Barcelona|ESP|city
Catalonia|ESP|region
Manchester|GBR|city
Birmingham|GBR|city
Glasgow|GBR|city
Edinburgh|GBR|city
Scotland|GBR|region
Wales|GBR|region
Northern Ireland|GBR|region
Geneva|CHE|city
Zurich|CHE|city
Davos|CHE|city
Istanbul|TUR|city
Aleppo|SYR|city
Idlib|SYR|city
Raqqa|SYR|city
Homs|SYR|city
Mosul|IRQ|city
Basra|IRQ|city
Benghazi|LBY|city
Alexandria|EGY|city
Jeddah|SAU|city
Mecca|SAU|city
Dubai|ARE|city
Mumbai|IND|city
Bombay|IND|city
Kolkata|IND|city
Bangalore|IND|city
Karachi|PAK|city
Lahore|PAK|city
Kandahar|AFG|city
Osaka|JPN|city
Okinawa|JPN|region
Hiroshima|JPN|city
Busan|KOR|city
Sao Paulo|BRA|city
Rio de Janeiro|BRA|city
Johannesburg|ZAF|city
Cape Town|ZAF|city
Durban|ZAF|city
Lagos|NGA|city
Mombasa|KEN|city
Almaty|KAZ|city
Samarkand|UZB|city
"""


def _parse() -> tuple[tuple[str, str | None, str], ...]:
    rows = []
    for line in _PLACES.strip().splitlines():
        name, iso3, kind = line.split("|")
        rows.append((name, iso3 or None, kind))
    return tuple(rows)


PLACES: tuple[tuple[str, str | None, str], ...] = _parse()
