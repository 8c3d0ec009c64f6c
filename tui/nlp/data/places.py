"""Place names: surface form -> canonical name.

Compact on purpose: countries (with common short forms), major regions, US states,
provinces that recur in the news, and world cities. Anything else is typed by context.
"""

from __future__ import annotations

#: Short or alternative forms that differ from the canonical name.
PLACE_ALIASES: dict[str, str] = {
    "US": "United States",
    "U.S.": "United States",
    "U.S": "United States",
    "USA": "United States",
    "U.S.A.": "United States",
    "America": "United States",
    "United States of America": "United States",
    "the United States": "United States",
    "UK": "United Kingdom",
    "U.K.": "United Kingdom",
    "Britain": "United Kingdom",
    "Great Britain": "United Kingdom",
    "UAE": "United Arab Emirates",
    "U.A.E.": "United Arab Emirates",
    "Emirates": "United Arab Emirates",
    "PRC": "China",
    "Mainland China": "China",
    "South Korea": "South Korea",
    "ROK": "South Korea",
    "DPRK": "North Korea",
    "Russian Federation": "Russia",
    "Czechia": "Czech Republic",
    "Holland": "Netherlands",
    "the Netherlands": "Netherlands",
    "Burma": "Myanmar",
    "Ivory Coast": "Côte d'Ivoire",
    "DRC": "Democratic Republic of the Congo",
    "NYC": "New York City",
    "DC": "Washington, D.C.",
    "D.C.": "Washington, D.C.",
    "HK": "Hong Kong",
    "KSA": "Saudi Arabia",
    "Korea": "South Korea",
}

_COUNTRIES = """
Afghanistan|Albania|Algeria|Andorra|Angola|Argentina|Armenia|Australia|Austria|Azerbaijan|
Bahamas|Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|Bolivia|Bosnia|
Bosnia and Herzegovina|Botswana|Brazil|Brunei|Bulgaria|Burkina Faso|Burundi|Cambodia|
Cameroon|Canada|Cape Verde|Chad|Chile|China|Colombia|Comoros|Congo|Costa Rica|Croatia|Cuba|
Cyprus|Czech Republic|Denmark|Djibouti|Dominica|Dominican Republic|Ecuador|Egypt|
El Salvador|Eritrea|Estonia|Eswatini|Ethiopia|Fiji|Finland|France|Gabon|Gambia|Georgia|
Germany|Ghana|Greece|Grenada|Guatemala|Guinea|Guyana|Haiti|Honduras|Hungary|Iceland|India|
Indonesia|Iran|Iraq|Ireland|Israel|Italy|Jamaica|Japan|Jordan|Kazakhstan|Kenya|Kiribati|
Kosovo|Kuwait|Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho|Liberia|Libya|Liechtenstein|Lithuania|
Luxembourg|Madagascar|Malawi|Malaysia|Maldives|Mali|Malta|Mauritania|Mauritius|Mexico|
Moldova|Monaco|Mongolia|Montenegro|Morocco|Mozambique|Myanmar|Namibia|Nauru|Nepal|
Netherlands|New Zealand|Nicaragua|Niger|Nigeria|North Korea|North Macedonia|Norway|Oman|
Pakistan|Palau|Palestine|Panama|Papua New Guinea|Paraguay|Peru|Philippines|Poland|Portugal|
Qatar|Romania|Russia|Rwanda|Samoa|San Marino|Saudi Arabia|Senegal|Serbia|Seychelles|
Sierra Leone|Singapore|Slovakia|Slovenia|Somalia|South Africa|South Korea|South Sudan|Spain|
Sri Lanka|Sudan|Suriname|Sweden|Switzerland|Syria|Taiwan|Tajikistan|Tanzania|Thailand|
Timor-Leste|Togo|Tonga|Trinidad and Tobago|Tunisia|Turkey|Türkiye|Turkmenistan|Tuvalu|
Uganda|Ukraine|United Arab Emirates|United Kingdom|United States|Uruguay|Uzbekistan|Vanuatu|
Vatican|Venezuela|Vietnam|Yemen|Zambia|Zimbabwe|England|Scotland|Wales|Northern Ireland|
Greenland|Puerto Rico|Hong Kong|Macau|Tibet|Xinjiang|Gaza|Gaza Strip|West Bank|Crimea|
Kashmir|Donbas|Chechnya|Kurdistan|Catalonia|Bavaria|Quebec|Ontario|Alberta|British Columbia|
Manitoba|Saskatchewan|Nova Scotia|New Brunswick|Newfoundland|Siberia|Sicily|Sardinia|Corsica
"""

_REGIONS = """
Africa|Asia|Europe|North America|South America|Latin America|Central America|Oceania|
Antarctica|Arctic|Middle East|Near East|Far East|Gulf|Persian Gulf|Balkans|Caucasus|
Caribbean|Scandinavia|Sahel|Horn of Africa|Southeast Asia|South Asia|East Asia|Central Asia|
Western Europe|Eastern Europe|Pacific|Atlantic|Indian Ocean|Mediterranean|Red Sea|
Black Sea|Baltic|Baltic Sea|South China Sea|East China Sea|Taiwan Strait|Strait of Hormuz|
Silicon Valley|Wall Street|Midwest|Sub-Saharan Africa|Korean Peninsula|Golan Heights|
Asia-Pacific|Indo-Pacific|North Rhine-Westphalia|Lower Saxony|Baden-Württemberg|Hesse|Saxony|
Guangdong|Zhejiang|Jiangsu|Fujian|Sichuan|Yunnan|Hubei|Hunan|Henan|Hebei|Shandong|Shanxi|
Shaanxi|Gansu|Qinghai|Guangxi|Guizhou|Hainan|Heilongjiang|Jilin|Liaoning|Inner Mongolia|
Ningxia|Anhui|Jiangxi|Punjab|Sindh|Balochistan|Kerala|Tamil Nadu|Maharashtra|Gujarat|
Bengal|West Bengal|Uttar Pradesh|Bihar|Karnataka|Kashmir Valley|Darfur|Tigray|Kurdistan Region|
Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Hawaii|
Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|
Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|
New York State|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|
South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington State|
West Virginia|Wisconsin|Wyoming|Genesee County|Manhattan|Brooklyn|Queens|Bronx|Long Island
"""

_CITIES = """
Abu Dhabi|Abuja|Accra|Addis Ababa|Aleppo|Algiers|Amman|Amsterdam|Ankara|Athens|Atlanta|
Auckland|Baghdad|Baku|Bangalore|Bangkok|Barcelona|Basra|Beijing|Beirut|Belgrade|Berlin|
Bern|Bogota|Bonn|Boston|Brasilia|Bratislava|Brussels|Bucharest|Budapest|Buenos Aires|Cairo|
Calgary|Canberra|Cape Town|Caracas|Casablanca|Chengdu|Chennai|Chicago|Chongqing|Copenhagen|
Dakar|Dalian|Dallas|Damascus|Dar es Salaam|Davos|Delhi|New Delhi|Denver|Detroit|Dhaka|Doha|
Dubai|Dublin|Durban|Edinburgh|Frankfurt|Geneva|Glasgow|Guangzhou|Guantanamo|Hamburg|Hanoi|
Harare|Havana|Helsinki|Hangzhou|Hiroshima|Ho Chi Minh City|Houston|Islamabad|Istanbul|
Jakarta|Jeddah|Jerusalem|Johannesburg|Kabul|Kampala|Karachi|Kashgar|Kathmandu|Khartoum|Kyiv|
Kiev|Kinshasa|Kolkata|Kuala Lumpur|Kuwait City|Lagos|Lahore|Las Vegas|Lima|Lisbon|Liverpool|
London|Los Angeles|Luanda|Lyon|Madrid|Manchester|Manila|Marseille|Mecca|Medina|Melbourne|
Mexico City|Miami|Milan|Minsk|Mogadishu|Montreal|Moscow|Mosul|Mumbai|Munich|Muscat|Nagoya|
Nairobi|Nanjing|Naples|New Orleans|New York|New York City|Nice|Osaka|Oslo|Ottawa|Paris|
Perth|Philadelphia|Phnom Penh|Phoenix|Pittsburgh|Prague|Pretoria|Pyongyang|Quito|Rabat|
Ramallah|Rangoon|Riga|Rio de Janeiro|Riyadh|Rome|Rotterdam|San Diego|San Francisco|San Jose|
Santiago|Sao Paulo|São Paulo|Sarajevo|Seattle|Seoul|Shanghai|Shenzhen|Singapore|Sofia|
St Petersburg|St. Petersburg|Stockholm|Strasbourg|Stuttgart|Sydney|Taipei|Tallinn|Tashkent|
Tbilisi|Tehran|Tel Aviv|The Hague|Tianjin|Tokyo|Toronto|Tripoli|Tunis|Turin|Urumqi|Vancouver|
Vienna|Vilnius|Warsaw|Washington|Wellington|Wuhan|Xiamen|Xi'an|Yangon|Yerevan|Yokohama|
Zagreb|Zurich|Hebron|Rafah|Khan Younis|Odesa|Odessa|Kharkiv|Mariupol|Donetsk|Luhansk|
Sevastopol|Gdansk|Krakow|Cologne|Dusseldorf|Düsseldorf|Dresden|Leipzig|Hanover|Bremen|
Wolfsburg|Rüsselsheim|Bochum|Windsor|Oshawa|Ann Arbor|Lansing|Flint|Dearborn|Toledo|
Cleveland|Columbus|Cincinnati|Indianapolis|Milwaukee|Minneapolis|St Louis|St. Louis|
Kansas City|Nashville|Memphis|Charlotte|Orlando|Tampa|Austin|San Antonio|Sacramento|
Portland|Salt Lake City|Honolulu|Anchorage|Baltimore|Richmond|Newark|Buffalo|Albany|
Grand Blanc|Grand Blanc Township|Auburn Hills|Highland Park|Shenyang|Harbin|Qingdao|Xiamen|
Suzhou|Ningbo|Kunming|Lhasa|Hotan|Aksu|Yiwu|Macao|Kowloon|Busan|Incheon|Kyoto|Sapporo|
Fukushima|Okinawa|Osaka|Mumbai|Hyderabad|Pune|Ahmedabad|Colombo|Kandy|Peshawar|Quetta|
Kandahar|Herat|Mazar-i-Sharif|Tabriz|Isfahan|Mashhad|Qom|Aden|Sanaa|Sana'a|Hodeidah|Marib|
Benghazi|Misrata|Alexandria|Luxor|Giza|Haifa|Nazareth|Eilat|Tiberias|Bethlehem|Jenin|Nablus|
Idlib|Homs|Raqqa|Deir ez-Zor|Erbil|Kirkuk|Fallujah|Najaf|Karbala|Sulaymaniyah|Manama|Dammam|
Khobar|Tabuk|Taif|Abha|Neom|NEOM|Sharjah|Ajman|Fujairah|Salalah|Bondi|Bondi Beach|Soho|
Westminster|Whitehall|Brussels|Luxembourg City|Monte Carlo|Geneva|Lausanne|Basel|Antwerp|
Ghent|Bruges|Porto|Seville|Valencia|Bilbao|Malaga|Florence|Venice|Genoa|Bologna|Palermo|
Marseilles|Toulouse|Bordeaux|Lille|Nantes|Strasbourg|Cannes|Calais|Belfast|Cardiff|
Birmingham|Leeds|Sheffield|Bristol|Newcastle|Oxford|Cambridge|Brighton|Dover
"""


def _split(block: str) -> list[str]:
    return [item.strip() for item in block.replace("\n", "").split("|") if item.strip()]


#: Every known place surface form -> canonical name.
PLACES: dict[str, str] = {
    name: name for name in _split(_COUNTRIES + "|" + _REGIONS + "|" + _CITIES)
}
PLACES.update({k: v for k, v in PLACE_ALIASES.items() if not k.startswith("the ")})
