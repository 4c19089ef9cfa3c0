#!/usr/bin/env python3
"""Generator for data/contract/places.json: states, provinces and a few
cities that people write where a form asks for a country ('California',
'Bavaria', 'Kuala Lumpur', '浙江省'), each with the ISO 3166-1 country it is
in. Subdivision names come from ISO 3166-2 via pycountry; English exonyms,
Chinese names and cities are written here by hand. The output is committed
and reviewed. The resolver answers with the country and never lets a place
shadow a country's name ('Georgia' stays the country); a name two places
share is dropped.

    pip install pycountry && python3 scripts/gen-places.py
"""
import json, pathlib, re, pycountry

root = pathlib.Path(__file__).resolve().parent.parent
# Countries whose first-level subdivisions people write: the three the
# agreement names besides Europe (US, IN, MY; SG has none), Australia (its
# addendum), China (many vendors), Canada, Japan, the UAE, Germany. France,
# Spain, Italy and the UK have hundreds of small ones ('Ain', 'Lot'): only
# their regions and cities below.
SUBDIVISIONS = "US IN MY AU CN CA JP AE DE".split()
SKIP = {"TW", "HK", "MO"}  # their own entries in countries.json
SUFFIX = re.compile(r" (Sheng|Shi|Zizhiqu|Huizu Zizhiqu|Zhuangzu Zizhiqu|Uygur Zizhiqu|SAR)$")
EXTRA = {
    "US": ["Washington DC", "Washington D.C.", "District of Columbia", "New York City", "NYC", "San Francisco",
           "Los Angeles", "Seattle", "Chicago", "Boston", "Austin", "Silicon Valley", "Bay Area", "Miami"],
    "IN": ["Bombay", "Mumbai", "Bangalore", "Bengaluru", "New Delhi", "Chennai", "Madras", "Pune", "Kolkata",
           "Calcutta", "Gurgaon", "Gurugram", "Noida", "Ahmedabad", "Orissa", "Pondicherry",
           "印度孟买", "孟买", "班加罗尔", "新德里"],
    "MY": ["Kuala Lumpur", "KL", "Penang", "Malacca", "Labuan", "Putrajaya", "Cyberjaya", "Petaling Jaya",
           "Johor Bahru", "Negri Sembilan", "吉隆坡", "槟城", "马六甲", "柔佛", "新山", "沙巴", "砂拉越"],
    "AU": ["Sydney", "Melbourne", "Brisbane", "Perth", "Adelaide", "Canberra", "悉尼", "墨尔本"],
    "CN": ["北京", "北京市", "上海", "上海市", "天津", "天津市", "重庆", "重庆市", "河北", "河北省", "山西", "山西省",
           "辽宁", "辽宁省", "吉林省", "黑龙江", "黑龙江省", "江苏", "江苏省", "浙江", "浙江省", "安徽", "安徽省",
           "福建", "福建省", "江西", "江西省", "山东", "山东省", "河南", "河南省", "湖北", "湖北省", "湖南", "湖南省",
           "广东", "广东省", "海南", "海南省", "四川", "四川省", "贵州", "贵州省", "云南", "云南省", "陕西", "陕西省",
           "甘肃", "甘肃省", "青海", "青海省", "内蒙古", "内蒙古自治区", "广西", "广西壮族自治区", "西藏", "西藏自治区",
           "宁夏", "宁夏回族自治区", "新疆", "新疆维吾尔自治区", "杭州", "深圳", "广州", "成都", "南京", "苏州", "武汉",
           "Inner Mongolia", "Tibet", "Shenzhen", "Hangzhou", "Guangzhou", "Canton", "Chengdu", "Nanjing", "Suzhou",
           "Wuhan", "Peking"],
    "CA": ["Toronto", "Vancouver", "Montreal", "Montréal"],
    "AE": ["Dubai", "Abu Dhabi", "Sharjah", "Ajman", "Fujairah", "Ras Al Khaimah", "Umm Al Quwain", "迪拜", "阿布扎比"],
    "DE": ["Bavaria", "Lower Saxony", "North Rhine-Westphalia", "Rhineland-Palatinate", "Saxony", "Saxony-Anhalt",
           "Thuringia", "Hesse", "Munich", "Frankfurt", "Cologne", "München", "Köln", "Frankfurt am Main"],
    "FR": ["Paris", "Lyon", "Marseille", "Toulouse", "Île-de-France", "Brittany", "Normandy", "Provence", "巴黎"],
    "ES": ["Madrid", "Barcelona", "Catalonia", "Catalunya", "Andalusia", "Valencia", "Basque Country", "马德里"],
    "IT": ["Rome", "Milan", "Roma", "Milano", "Lombardy", "Tuscany", "Sicily", "Sardinia", "罗马", "米兰"],
    "GB": ["London", "Manchester", "Edinburgh", "Cardiff", "Belfast", "Birmingham", "Glasgow", "伦敦"],
    # Capitals and business cities written where a country is asked for.
    # Left out where another country (or a US state) has a well-known place
    # of that name: Santiago, Lima, Panama City, San José, Wellington,
    # Christchurch, Georgetown, Kingston, Jerusalem (disputed).
    "NO": ["Oslo"], "IS": ["Reykjavik", "Reykjavík"], "SE": ["Stockholm", "Gothenburg"],
    "DK": ["Copenhagen"], "FI": ["Helsinki"], "EE": ["Tallinn"], "LV": ["Riga"], "LT": ["Vilnius"],
    "PL": ["Warsaw", "Krakow", "Kraków"], "CZ": ["Prague"], "SK": ["Bratislava"], "AT": ["Vienna", "Wien"],
    "HU": ["Budapest"], "RO": ["Bucharest"], "BG": ["Sofia"], "GR": ["Athens"], "CY": ["Nicosia", "Limassol"],
    "MT": ["Valletta"], "PT": ["Lisbon", "Porto"], "NL": ["Amsterdam", "Rotterdam", "The Hague", "Eindhoven"],
    "BE": ["Brussels", "Antwerp"], "IE": ["Dublin", "Cork"], "CH": ["Bern", "Zurich", "Zürich", "Geneva", "Basel"],
    "SI": ["Ljubljana"], "HR": ["Zagreb"], "RS": ["Belgrade"], "BA": ["Sarajevo"], "MK": ["Skopje"],
    "AL": ["Tirana"], "ME": ["Podgorica"], "MD": ["Chisinau"], "UA": ["Kyiv", "Kiev"], "BY": ["Minsk"],
    "RU": ["Moscow", "Saint Petersburg", "莫斯科"], "TR": ["Istanbul", "Ankara"], "LI": ["Vaduz"],
    "JP": ["东京", "大阪", "Tokyo", "Osaka", "Yokohama", "Kyoto"], "KR": ["Seoul", "Busan", "首尔"],
    "TW": ["Taipei", "台北", "臺北"], "TH": ["Bangkok", "曼谷"], "VN": ["Hanoi", "Ho Chi Minh City", "Saigon"],
    "ID": ["Jakarta", "雅加达"], "PH": ["Manila"], "BD": ["Dhaka"], "PK": ["Karachi", "Lahore", "Islamabad"],
    "NP": ["Kathmandu"], "LK": ["Colombo"], "SA": ["Riyadh", "Jeddah"], "QA": ["Doha"],
    "KW": ["Kuwait City"], "BH": ["Manama"], "OM": ["Muscat"], "IL": ["Tel Aviv"], "IR": ["Tehran"],
    "IQ": ["Baghdad"], "JO": ["Amman"], "LB": ["Beirut"], "UZ": ["Tashkent"], "KZ": ["Almaty", "Astana"],
    "MN": ["Ulaanbaatar"], "KH": ["Phnom Penh"], "MM": ["Yangon", "Rangoon"],
    "MX": ["Mexico City", "Ciudad de México", "Monterrey", "Guadalajara"],
    "BR": ["São Paulo", "Sao Paulo", "Rio de Janeiro", "Brasília", "Brasilia"], "AR": ["Buenos Aires"],
    "CO": ["Bogotá", "Bogota", "Medellín"], "VE": ["Caracas"], "EC": ["Quito"], "CU": ["Havana"],
    "EG": ["Cairo"], "NG": ["Lagos", "Abuja"], "KE": ["Nairobi"], "ZA": ["Johannesburg", "Cape Town", "Pretoria"],
    "MA": ["Casablanca", "Rabat"], "GH": ["Accra"], "ET": ["Addis Ababa"], "SN": ["Dakar"], "TN": ["Tunis"],
    "DZ": ["Algiers"], "UG": ["Kampala"], "TZ": ["Dar es Salaam"], "RW": ["Kigali"], "AO": ["Luanda"],
    "NZ": ["Auckland"], "FJ": ["Suva"],
}
# Added to EXTRA: islands and regions better known than their country,
# then business cities.
for cc, names in {
    "ID": ["Bali", "Java", "Sumatra", "巴厘岛"], "PF": ["Tahiti"], "GR": ["Crete"],
    "ES": ["Tenerife", "Mallorca", "Majorca", "Ibiza", "Gran Canaria", "Canary Islands"],
    "RU": ["Kaliningrad", "Siberia"], "IO": ["Diego Garcia"], "TH": ["Phuket"],
    "MY": ["Peninsular Malaysia", "West Malaysia", "East Malaysia",
           "Ipoh", "Kuching", "Kota Kinabalu", "Shah Alam", "Subang Jaya", "Seremban", "Melaka", "Alor Setar"],
    # Business cities of the four named regions and Australia, so that an
    # address like "Atlanta, Georgia" reads as the United States. Left out
    # where a well-known place elsewhere has the name (Cambridge, Newark,
    # Richmond, Durham, Hyderabad, Newcastle, George Town, San Jose, and
    # Kochi, a prefecture of Japan).
    "US": ["Atlanta", "Houston", "Dallas", "Phoenix", "Philadelphia", "San Diego", "Denver", "Detroit",
           "Nashville", "Las Vegas", "Minneapolis", "Pittsburgh", "Charlotte", "Raleigh", "Salt Lake City",
           "Orlando", "Tampa", "Baltimore", "St. Louis", "Kansas City", "Sacramento", "San Antonio",
           "Indianapolis", "Cleveland", "Cincinnati", "Milwaukee", "Honolulu", "Anchorage", "New Orleans",
           "Palo Alto", "Mountain View", "Redmond", "Cupertino", "Menlo Park", "Sunnyvale", "Santa Clara",
           "Oakland", "Brooklyn", "Manhattan", "Boulder", "Albuquerque", "Omaha", "Louisville", "Memphis",
           "Scottsdale", "Tucson", "El Paso", "Fort Worth", "Oklahoma City", "Tulsa", "纽约", "旧金山", "洛杉矶",
           "西雅图", "硅谷"],
    "IN": ["Navi Mumbai", "Thane", "Secunderabad", "Greater Noida", "Jaipur", "Lucknow", "Cochin", "Coimbatore", "Indore", "Chandigarh", "Thiruvananthapuram",
           "Trivandrum", "Visakhapatnam", "Nagpur", "Surat", "Vadodara", "Mysuru", "Mysore", "Bhubaneswar"],
    "AU": ["Gold Coast", "Hobart", "Darwin", "Parramatta", "布里斯班", "珀斯",
           # The states' abbreviations Australian addresses end in ("Sydney
           # NSW 2000"); WA, SA and NT are left out: two letters read as
           # country codes.
           "NSW", "VIC", "QLD", "TAS", "ACT"],
    "HK": ["Kowloon", "New Territories", "Tsim Sha Tsui", "Causeway Bay", "Wan Chai", "九龙", "新界"],
}.items():
    EXTRA.setdefault(cc, []).extend(names)
places = []
seen = {}
def add(name, cc, kind):
    k = name.casefold()
    if k in seen:
        if seen[k] != cc:
            seen[k] = None  # shared by two countries: dropped below
        return
    seen[k] = cc
    places.append({"name": name, "country": cc, "kind": kind})
for cc in sorted(set(SUBDIVISIONS) | set(EXTRA)):
    subs = pycountry.subdivisions.get(country_code=cc) if cc in SUBDIVISIONS else []
    for s in sorted(subs, key=lambda s: s.code):
        if s.parent_code is not None or s.code.split("-")[1] in SKIP:
            continue
        name = SUFFIX.sub("", s.name)
        if name in SKIP:
            continue
        add(name, cc, s.type.lower())
    for name in EXTRA.get(cc, []):
        add(name, cc, "city or region")
# A name that is also a subdivision of another country at any level
# ('Punjab' is in India and Pakistan) is not ours to choose.
elsewhere = {}
for sub in pycountry.subdivisions:
    elsewhere.setdefault(SUFFIX.sub("", sub.name).casefold(), set()).add(sub.country_code)
# Cities of the same name in another country that a vendor might mean
# (Perth, Scotland; Birmingham, Alabama; Victoria, British Columbia;
# Valencia, Venezuela).
CITY_ELSEWHERE = {"victoria", "perth", "birmingham", "valencia"}
# Names whose other owner is a small subdivision few vendors would mean
# (Florida and Maryland are also a department of Uruguay and a county of
# Liberia, Montana a province of Bulgaria): read as the US state.
PREFER = {"florida": "US", "missouri": "US", "montana": "US", "maryland": "US"}
places = [p for p in places if seen[p["name"].casefold()] is not None
          and p["name"].casefold() not in CITY_ELSEWHERE
          and (PREFER.get(p["name"].casefold()) == p["country"]
               or elsewhere.get(p["name"].casefold(), {p["country"]}) <= {p["country"]})]
out = {
    "format": 1,
    "note": "States, provinces and a few cities written where a country is asked for, with the ISO 3166-1 country each is in. "
    "Generated by scripts/gen-places.py (ISO 3166-2 names via pycountry " + pycountry.__version__ + ", English exonyms, Chinese names and cities by hand). "
    "A place never shadows a country's name ('Georgia' is the country; 'Victoria' is read as the Australian state only if no country is named so), "
    "and a name two countries' places share is left out.",
    "places": places,
}
(root / "data/contract/places.json").write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
print(len(places), "places")
