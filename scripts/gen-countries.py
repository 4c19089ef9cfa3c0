# One-off generator for data/contract/countries.json (names from ISO 3166-1 via
# pycountry, Chinese names from its zh_CN locale). Regions, aliases and
# readings are written here by hand; the output is committed and reviewed.
# Names, official forms, regions and the note added by hand to the committed
# file are kept: rerunning it reproduces the file, plus what is added here.
import json, gettext, pathlib, pycountry
zh = gettext.translation('iso3166-1', pycountry.LOCALES_DIR, languages=['zh_CN'])
# Names in the languages vendors most often write their country in (the
# EU's languages written in Latin script, Turkish, and the Latin-script
# languages of South-East Asia; names in other scripts cost the name index most to key,
# and the table's aliases have the common ones: Россия, 日本, 대한민국):
# ISO 3166-1 translations from pycountry's locales, 'Alemania',
# 'Allemagne', 'Estados Unidos', 'Malaisie'. A translation that reads like
# another country's name (its key, as lookup() folds case, accents, spaces
# and punctuation) is left out: the table must give one answer per name;
# so is one with a bracket, and one that reads as a country code.
LANGS = "de fr es pt it nl pl tr id ms vi cs sk hu ro sv da fi hr sl et lv lt".split()
translations = {l: gettext.translation('iso3166-1', pycountry.LOCALES_DIR, languages=[l]) for l in LANGS}
def fold_key(name):
    """Close to lookup()'s key, the signal skeleton: case, accents, spaces
    and punctuation folded away, 'l' read as 'i', repeated letters as one."""
    import unicodedata, itertools
    d = unicodedata.normalize("NFKD", name.casefold())
    d = "".join("i" if ch == "l" else ch for ch in d if ch.isalnum())
    return "".join(k for k, _ in itertools.groupby(d))

EU = "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split()
EEA = "IS LI NO".split()
EUROPE_CLEAR = {c: "EU member state" for c in EU}
EUROPE_CLEAR.update({c: "EEA state outside the EU" for c in EEA})
EUROPE_CLEAR.update({"GB": "United Kingdom: European state (former EU member; the Europe entity is registered in England)",
                     "CH": "Switzerland: European state in the single market through bilateral agreements",
                     "AD": "European microstate", "MC": "European microstate", "SM": "European microstate", "VA": "European microstate",
                     "AX": "Åland: autonomous region of Finland, inside the EU"})
# Readings for places whose status is genuinely unclear: (region, why)
UNCLEAR = {
 "CY": ("europe", "EU member state, but geographically in Western Asia (UN geoscheme)."),
 "TR": ("other", "Transcontinental; EU candidate and Council of Europe member, but most of its territory and the UN geoscheme place it in Western Asia."),
 "RU": ("europe", "Transcontinental; its capital and most of its population are in Europe (UN geoscheme: Eastern Europe), most of its territory is in Asia; not in the EU/EEA."),
 "UA": ("europe", "Geographically in Europe (UN geoscheme: Eastern Europe) but not in the EU/EEA; 'Europe' may have been meant as the EU/EEA."),
 "BY": ("europe", "Geographically in Europe (UN geoscheme: Eastern Europe) but not in the EU/EEA; 'Europe' may have been meant as the EU/EEA."),
 "MD": ("europe", "Geographically in Europe (UN geoscheme: Eastern Europe) but not in the EU/EEA; 'Europe' may have been meant as the EU/EEA."),
 "GE": ("other", "South Caucasus: the UN geoscheme places it in Western Asia; Council of Europe member and EU candidate."),
 "AM": ("other", "South Caucasus: the UN geoscheme places it in Western Asia; Council of Europe member."),
 "AZ": ("other", "South Caucasus: the UN geoscheme places it in Western Asia; Council of Europe member; a small part lies north of the Caucasus watershed."),
 "KZ": ("other", "Transcontinental: a small part lies west of the Ural River, but the UN geoscheme places it in Central Asia."),
 "AL": ("europe", "Western Balkans: geographically in Europe, EU candidate, not in the EU/EEA."),
 "BA": ("europe", "Western Balkans: geographically in Europe, EU candidate, not in the EU/EEA."),
 "ME": ("europe", "Western Balkans: geographically in Europe, EU candidate, not in the EU/EEA."),
 "MK": ("europe", "Western Balkans: geographically in Europe, EU candidate, not in the EU/EEA."),
 "RS": ("europe", "Western Balkans: geographically in Europe, EU candidate, not in the EU/EEA."),
 "XK": ("europe", "Western Balkans: geographically in Europe, not in the EU/EEA; its statehood is not universally recognised."),
 "GF": ("europe", "French Guiana: an outermost region of the EU (part of France) but in South America."),
 "RE": ("europe", "Réunion: an outermost region of the EU (part of France) but in the Indian Ocean."),
 "GP": ("europe", "Guadeloupe: an outermost region of the EU (part of France) but in the Caribbean."),
 "MQ": ("europe", "Martinique: an outermost region of the EU (part of France) but in the Caribbean."),
 "YT": ("europe", "Mayotte: an outermost region of the EU (part of France) but in the Indian Ocean."),
 "MF": ("europe", "Saint Martin: an outermost region of the EU (part of France) but in the Caribbean."),
 "GL": ("other", "Greenland: part of the Kingdom of Denmark but outside the EU, geographically in North America."),
 "FO": ("europe", "Faroe Islands: part of the Kingdom of Denmark, outside the EU, geographically in Europe."),
 "GI": ("europe", "Gibraltar: British overseas territory on the European mainland, outside the EU."),
 "IM": ("europe", "Isle of Man: British Crown dependency in the British Isles, outside the UK and the EU."),
 "JE": ("europe", "Jersey: British Crown dependency in the Channel Islands, outside the UK and the EU."),
 "GG": ("europe", "Guernsey: British Crown dependency in the Channel Islands, outside the UK and the EU."),
 "SJ": ("europe", "Svalbard and Jan Mayen: Norwegian territory in the Arctic, outside parts of the EEA agreement."),
 "PM": ("other", "Saint Pierre and Miquelon: French overseas collectivity in North America, outside the EU."),
 "BL": ("other", "Saint Barthélemy: French overseas collectivity in the Caribbean, outside the EU."),
 "NC": ("other", "New Caledonia: French territory in the Pacific, outside the EU."),
 "PF": ("other", "French Polynesia: French overseas collectivity in the Pacific, outside the EU."),
 "WF": ("other", "Wallis and Futuna: French overseas collectivity in the Pacific, outside the EU."),
 "TF": ("other", "French Southern Territories: French territory in the southern Indian Ocean, outside the EU."),
 "AW": ("other", "Aruba: part of the Kingdom of the Netherlands in the Caribbean, outside the EU."),
 "CW": ("other", "Curaçao: part of the Kingdom of the Netherlands in the Caribbean, outside the EU."),
 "SX": ("other", "Sint Maarten: part of the Kingdom of the Netherlands in the Caribbean, outside the EU."),
 "BQ": ("other", "Caribbean Netherlands: special municipalities of the Netherlands in the Caribbean, outside the EU."),
 "BM": ("other", "Bermuda: British overseas territory in the Atlantic, outside Europe."),
 "KY": ("other", "Cayman Islands: British overseas territory in the Caribbean."),
 "VG": ("other", "British Virgin Islands: British overseas territory in the Caribbean."),
 "AI": ("other", "Anguilla: British overseas territory in the Caribbean."),
 "MS": ("other", "Montserrat: British overseas territory in the Caribbean."),
 "TC": ("other", "Turks and Caicos Islands: British overseas territory in the Caribbean."),
 "FK": ("other", "Falkland Islands: British overseas territory in the South Atlantic."),
 "SH": ("other", "Saint Helena, Ascension and Tristan da Cunha: British overseas territory in the South Atlantic."),
 "PN": ("other", "Pitcairn: British overseas territory in the Pacific."),
 "IO": ("other", "British Indian Ocean Territory."),
 "GS": ("other", "South Georgia and the South Sandwich Islands: British overseas territory in the South Atlantic."),
 "PR": ("us", "Puerto Rico: unincorporated territory of the United States; the agreement does not say whether territories count as 'the United States of America'."),
 "GU": ("us", "Guam: unincorporated territory of the United States; the agreement does not say whether territories count as 'the United States of America'."),
 "VI": ("us", "U.S. Virgin Islands: unincorporated territory of the United States; the agreement does not say whether territories count."),
 "AS": ("us", "American Samoa: unincorporated territory of the United States; the agreement does not say whether territories count."),
 "MP": ("us", "Northern Mariana Islands: commonwealth in political union with the United States; the agreement does not say whether territories count."),
 "UM": ("us", "United States Minor Outlying Islands: US territories; the agreement does not say whether territories count."),
}
ALIASES = {
 "GB": ["UK", "U.K.", "United Kingdom", "Great Britain", "Britain", "England", "Scotland", "Wales", "Northern Ireland", "英国", "英國", "大不列颠及北爱尔兰联合王国", "England and Wales"],
 "US": ["USA", "U.S.A.", "U.S.", "United States", "United States of America", "America", "美国", "美國"],
 "DE": ["Deutschland", "德国", "德國"], "NL": ["Holland", "The Netherlands", "Nederland"], "CZ": ["Czech Republic", "Czechia"],
 "TR": ["Turkey", "Türkiye", "Turkiye", "Türkei"], "RU": ["Russia"], "KR": ["South Korea", "Korea", "Republic of Korea", "韩国"],
 "KP": ["North Korea"],
 "MO": ["Macau", "Macao", "澳门"], "TW": ["Taiwan", "台湾", "臺灣"], "VN": ["Vietnam", "Viet Nam"],
 "IR": ["Iran"], "SY": ["Syria"], "LA": ["Laos"], "BO": ["Bolivia"], "VE": ["Venezuela"], "TZ": ["Tanzania"], "MD": ["Moldova"],
 "FR": ["France", "法国"], "ES": ["España", "Spain"], "IT": ["Italia", "Italy"], "CH": ["Schweiz", "Suisse", "Svizzera", "Switzerland", "瑞士"],
 "AT": ["Österreich", "Austria"], "PL": ["Polska"], "SE": ["Sverige"], "NO": ["Norge"], "DK": ["Danmark"], "FI": ["Suomi"], "GR": ["Hellas", "Ellada"],
 "IN": ["India", "Bharat", "印度"], "MY": ["Malaysia", "马来西亚", "馬來西亞"], "SG": ["Singapore", "新加坡"], "AU": ["Australia", "澳大利亚", "澳洲"],
 "JP": ["Japan", "Nippon", "日本"], "BR": ["Brasil", "Brazil"], "MK": ["Macedonia", "North Macedonia"], "XK": ["Kosovo"], "CI": ["Ivory Coast", "Côte d'Ivoire"],
 "CV": ["Cape Verde"], "SZ": ["Swaziland", "Eswatini"], "MM": ["Burma", "Myanmar"], "VA": ["Vatican", "Holy See", "Vatican City"],
 "AE": ["UAE", "U.A.E.", "Emirates"], "SA": ["KSA", "Saudi"], "BL": ["St Barths", "St. Barths", "St Barts", "St. Barts", "Saint Barth"], "KG": ["Kirghizia"], "NZ": ["Aotearoa"], "FM": ["Micronesia"], "BN": ["Brunei"], "CD": ["DR Congo", "DRC", "Congo-Kinshasa"], "CG": ["Congo-Brazzaville"],
 # Other lists' forms (World Bank, UN, carriers' address books).
 "PS": ["Palestine", "West Bank and Gaza", "West Bank", "Gaza", "Gaza Strip", "Palestinian Territories", "Occupied Palestinian Territory", "巴勒斯坦国"],
 "BQ": ["Caribbean Netherlands", "Bonaire", "Sint Eustatius", "Saba", "荷兰加勒比区"],
 "SH": ["St Helena", "St. Helena", "Ascension Island", "Tristan da Cunha", "圣赫勒拿"],
 "KH": ["Kampuchea", "柬埔寨"], "CN": ["China", "PRC", "People's Republic of China", "中国", "中國", "Mainland China", "China mainland", "Chinese mainland", "中国内地"],
 "HK": ["Hong Kong", "香港", "HKSAR", "HK SAR"], "VG": ["UK Virgin Islands"], "VI": ["United States Virgin Islands", "USVI", "US Virgin Islands", "U.S. Virgin Islands"],
}
OUT = pathlib.Path("data/contract/countries.json")
kept = json.loads(OUT.read_text()) if OUT.exists() else {"countries": []}
kept_names = {c["code"]: c["names"] for c in kept["countries"]}
out = []
codes = {c.alpha_2.lower() for c in pycountry.countries} | {c.alpha_3.lower() for c in pycountry.countries} | {"xk", "xkx"}
countries = list(pycountry.countries) + [type("X", (), {"alpha_2": "XK", "alpha_3": "XKX", "name": "Kosovo", "common_name": None, "official_name": "Republic of Kosovo"})()]
for c in sorted(countries, key=lambda c: c.alpha_2):
    a2 = c.alpha_2
    if a2 in UNCLEAR:
        region, why = UNCLEAR[a2]; status = "unclear"
    elif a2 in EUROPE_CLEAR:
        region, why, status = "europe", EUROPE_CLEAR[a2], "clear"
    elif a2 == "US": region, why, status = "us", "United States of America", "clear"
    elif a2 == "IN": region, why, status = "in", "India", "clear"
    elif a2 == "MY": region, why, status = "my", "Malaysia", "clear"
    else: region, why, status = "other", "outside Europe, the United States of America, India and Malaysia", "clear"
    names = [c.name] + [n for n in (getattr(c, "common_name", None), getattr(c, "official_name", None)) if n]
    zhname = zh.gettext(c.name) if a2 != "XK" else "科索沃"
    if zhname != c.name: names.append(zhname)
    names += ALIASES.get(a2, []) + kept_names.get(a2, [])
    seen = []; [seen.append(n) for n in names if n not in seen]
    if a2 != "XK":
        for t in (tr.gettext(n) for tr in translations.values()
                  for n in (c.name, getattr(c, "common_name", None)) if n):
            # A bracketed translation ('Sint-Maarten (Frans deel)', 'Saint-Martin
            # (Francia)') would give its parts as short forms of their own.
            # One that reads as a country code ('Mỹ', Vietnamese for the US,
            # is 'my', Malaysia's) would answer for that code's country.
            if "(" not in t and fold_key(t) not in map(fold_key, seen) and fold_key(t) not in codes:
                seen.append(t)
    out.append({"code": a2, "alpha3": c.alpha_3, **({"numeric": c.numeric} if getattr(c, "numeric", None) else {}), "names": seen, "region": region, "status": status, "why": why})
# A name whose key another country also has is kept only where it is not a
# translation (hand-kept names and ISO's own English names win).
owners = {}
for c in out:
    for n in c["names"]:
        owners.setdefault(fold_key(n), set()).add(c["code"])
originals = {c["code"]: set(kept_names.get(c["code"], [])) | set(ALIASES.get(c["code"], [])) for c in out}
for c in out:
    c["names"] = [n for i, n in enumerate(c["names"])
                  if i == 0 or n in originals[c["code"]] or len(owners[fold_key(n)]) == 1]
doc = {
  "format": 1,
  "document": "agreement",
  "version": "2019-10-16",
  "note": kept.get("note", "Which region each ISO 3166-1 country or territory falls in for the contracting-entity clause of the Membership Agreement (introductory paragraph). The agreement names Europe, the United States of America, India and Malaysia but does not define 'Europe'. Reading used here: 'Europe' = the EU and EEA states, the United Kingdom, Switzerland, the European microstates, and places geographically in Europe; entries with status 'unclear' are surfaced to the user as ambiguities with the reason in 'why'. Names: ISO 3166-1 English names, Simplified Chinese names (ISO 3166-1 zh_CN translations), common aliases, and the ISO 3166-1 translations into German, French, Spanish, Portuguese, Italian, Dutch, Polish, Turkish, Indonesian, Malay, Vietnamese and the other EU languages written in Latin script (Czech, Slovak, Hungarian, Romanian, Swedish, Danish, Finnish, Croatian, Slovenian, Estonian, Latvian, Lithuanian) where no other country's name or code reads the same."),
  **{k: kept[k] for k in ("official_forms", "regions", "former") if k in kept},
  "countries": out,
}
OUT.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
print(len(out), sum(1 for c in out if c["status"] == "unclear"))
