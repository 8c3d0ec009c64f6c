# ruff: noqa: SIM905  (word lists read best as one string)
"""Organisation clues: name endings, heads that take "of", well-known names, acronyms.

The known-name list holds institutions and large companies that news mentions
everywhere; it is a typing hint, never a requirement (unknown firms are found by
their suffixes and by context).
"""

from __future__ import annotations

#: A capitalised run that ends with one of these is an organisation.
ORG_SUFFIXES: frozenset[str] = frozenset(
    """
    Inc Inc. Incorporated Ltd Ltd. Limited LLC L.L.C. LLP Plc plc PLC Co Co. Corp Corp.
    Corporation Company Companies Group Holdings Holding SpA S.p.A. AG GmbH SA S.A. NV N.V.
    BV AB ASA Oyj KK Bhd Technology Technologies Tech Systems Software Electronics Motors
    Motor Automotive Automobile Auto Airlines Airways Air Aviation Aerospace Bank Bancorp
    Capital Partners Investments Securities Insurance Financial Finance Fund Trust
    Energy Oil Petroleum Gas Power Mining Steel Chemical Chemicals Pharmaceuticals Pharma
    Foods Brands Industries Industry Enterprises Solutions Services Networks Telecom
    Communications Media Entertainment Studios Pictures Records Publishing Press News Times
    Post Journal Herald Tribune Gazette Telegraph Guardian Network Broadcasting Radio
    Television TV Department Ministry Office Bureau Agency Administration Authority
    Commission Committee Council Board Service Services Parliament Senate Congress Assembly
    Court Tribunal Cabinet Government Police Army Navy Force Forces Guard Corps Command
    University College Institute Institution Academy School Schools Laboratory Laboratories
    Labs Hospital Clinic Foundation Society Association Federation Union Unions League
    Alliance Coalition Organisation Organization Movement Front Party Church Mosque
    Museum Library Club Team FC Watch International Workers Exchange Reserve Treasury
    Commerce Group Consortium Conglomerate Bureaus Information Science Sciences Robotics
    Semiconductor Semiconductors Microelectronics Devices Instruments Dynamics Logistics
    Shipping Lines Railways Railway Rail Ports Airport Stores Mart Markets Market Digital
    Research Associates Consulting Consultants Analytics Advisors Advisers Ventures Labs
    Institute Council Centre Center Initiative Trust Bancorp Brothers Sons Bros. Bros
    """.split()
)

#: Words that end a company's full name after its short name ("SenseTime Group",
#: "Zhejiang Dahua Technology", "Megvii Technology Ltd"): a library that knows the short
#: name links the full one to it.
CORPORATE_TAILS: frozenset[str] = frozenset(
    """
    Inc Inc. Incorporated Ltd Ltd. Limited LLC LLP Plc plc PLC Co Co. Corp Corp. Corporation
    Company Group Holdings Holding SpA AG GmbH SA NV BV Technology Technologies Tech Systems
    Software Electronics Information Science Sciences Digital Intelligence Networks Telecom
    Communications Industries Industry International Global Robotics Semiconductor Labs
    """.split()
)

#: Heads that introduce an organisation with "of": "University of Michigan".
ORG_OF_HEADS: frozenset[str] = frozenset(
    """
    University College Institute Academy School Ministry Department Bank Office Bureau
    Board Council Commission Committee Court Federation Union Association Society Church
    Chamber Museum League Party Order Agency Administration Corporation Company Government
    Parliament House Senate Congress Assembly Foundation Fund Library Organisation
    Organization Academy Conference Secretariat Navy Army Police Port Authority
    """.split()
)

#: Heads that introduce an organisation with "for": "Centre for Digital Rights",
#: "Office for National Statistics", "Campaign for Tibet".
ORG_FOR_HEADS: frozenset[str] = frozenset(
    """
    Centre Center Institute Foundation Council Commission Office Society Committee Agency
    Alliance Coalition Campaign Network Fund Trust Association Organisation Organization
    Union Bureau Board Authority Department Ministry Movement Project Partnership Forum
    Initiative Group Party League Federation
    """.split()
)

#: Heads that introduce a place with "of": "Republic of Korea", "Gulf of Mexico".
PLACE_OF_HEADS: frozenset[str] = frozenset(
    "Republic Kingdom Gulf Bay Isle Isles Strait Sea Province State States City Emirate "
    "Commonwealth Sultanate Principality Duchy Islands Island Cape Lake Mount".split()
)

#: Trailing words dropped from an organisation's canonical name.
LEGAL_SUFFIXES: frozenset[str] = frozenset(
    "Inc Inc. Incorporated Ltd Ltd. Limited LLC L.L.C. LLP Plc plc PLC Co Co. Corp Corp. "
    "Corporation SpA S.p.A. AG GmbH SA S.A. NV N.V. BV AB ASA Oyj KK Bhd".split()
)

#: Words that make a run a government body when they end it (not a company).
GOVERNMENT_WORDS: frozenset[str] = frozenset(
    "Department Ministry Office Bureau Agency Administration Authority Commission "
    "Committee Council Board Parliament Senate Congress Assembly Court Tribunal Cabinet "
    "Government Police Army Navy Force Forces Guard Corps Command Treasury Reserve "
    "University College Institute Academy School Party Union Unions Workers Association "
    "Federation League Watch Foundation Society Church".split()
)

_KNOWN = """
United Nations|UN|U.N.|European Union|EU|E.U.|NATO|OPEC|OPEC+|WHO|World Health Organization|
IMF|International Monetary Fund|World Bank|WTO|World Trade Organization|G7|G20|ASEAN|
African Union|Arab League|Red Cross|Red Crescent|Interpol|Europol|FBI|CIA|NSA|NASA|DHS|
Pentagon|White House|Kremlin|Congress|Senate|Parliament|Bundestag|Knesset|Duma|Politburo|
Federal Reserve|Fed|SEC|FDA|EPA|IRS|FAA|FCC|FTC|DOJ|Justice Department|State Department|
Commerce Department|Treasury Department|Defense Department|Homeland Security|
Department of Homeland Security|Supreme Court|Hamas|Hezbollah|Taliban|Houthis|Al-Qaeda|
al-Qaeda|Islamic State|ISIS|ISIL|Reuters|AP|Associated Press|AFP|Agence France-Presse|BBC|
CNN|CNBC|Bloomberg|Fox News|NBC|CBS|ABC|NPR|Xinhua|Al Jazeera|New York Times|
Washington Post|Wall Street Journal|Financial Times|Guardian|Economist|South China Morning Post|
Global Times|Saudi Press Agency|SPA|Human Rights Watch|Amnesty International|Greenpeace|
Apple|Google|Alphabet|Microsoft|Amazon|Meta|Facebook|Twitter|X Corp|Instagram|WhatsApp|
TikTok|ByteDance|Netflix|Intel|Nvidia|AMD|Qualcomm|IBM|Oracle|Cisco|Samsung|LG|Sony|
Panasonic|Toshiba|Hitachi|Huawei|ZTE|Xiaomi|Lenovo|Tencent|Alibaba|Baidu|JD.com|DJI|
Hikvision|SenseTime|Megvii|iFlytek|TSMC|SMIC|Foxconn|Toyota|Honda|Nissan|Mazda|Subaru|
Suzuki|Mitsubishi|Hyundai|Kia|Volkswagen|BMW|Daimler|Mercedes-Benz|Porsche|Audi|Renault|
Peugeot|Citroen|Stellantis|Fiat|Ferrari|Volvo|Saab|Tesla|Ford|General Motors|Chrysler|
Opel|Vauxhall|Jaguar Land Rover|Tata|Reliance|Infosys|Boeing|Airbus|Lockheed Martin|
Raytheon|Northrop Grumman|BAE Systems|Emirates|Etihad|Qatar Airways|Saudi Aramco|Aramco|
ExxonMobil|Exxon|Chevron|Shell|BP|TotalEnergies|Gazprom|Rosneft|Walmart|Goldman Sachs|
JPMorgan|Morgan Stanley|Citigroup|Citi|HSBC|Barclays|UBS|Deutsche Bank|BlackRock|
Berkshire Hathaway|Lehman Brothers|WorldCom|Washington Mutual|Enron|Paramount|
Warner Bros. Discovery|Disney|Pfizer|Moderna|AstraZeneca|OpenAI|xAI|SpaceX|Uber|Airbnb|
PIF|Public Investment Fund|Riyadh Air|Saudia|NEOM|Magna|Unite|UAW|Nikkei|FTSE|Nasdaq|
Dow Jones|NYSE|Edmunds|Communist Party|Chinese Communist Party|CCP|Republican Party|
Democratic Party|GOP|Labour Party|Conservative Party|Tories|Revolutionary Guard|IRGC|
Hofstra University|Harvard|Harvard University|Yale|Stanford|MIT|Oxford University|
Cambridge University|Chinese Academy of Social Sciences|Chinese Academy of Sciences
"""

#: News organisations: they report what companies say, so "the company" never means them.
NEWS_ORGS: frozenset[str] = frozenset(
    """Reuters|AP|Associated Press|AFP|Agence France-Presse|BBC|CNN|CNBC|Bloomberg|Fox News|
NBC|CBS|ABC|NPR|Xinhua|Al Jazeera|New York Times|Washington Post|Wall Street Journal|
Financial Times|Guardian|Economist|South China Morning Post|Global Times|Saudi Press Agency|
SPA|Nikkei""".replace("\n", "").split("|")
)

#: Well-known organisation names (exact surface forms).
KNOWN_ORGS: frozenset[str] = frozenset(
    item.strip() for item in _KNOWN.replace("\n", "").split("|") if item.strip()
)

#: Capitalised acronyms that are not named entities.
NON_ENTITY_ACRONYMS: frozenset[str] = frozenset(
    """
    CEO CFO COO CTO CIO CMO VP SVP EVP MD PhD MBA GDP GNP CPI PMI IPO ETF ESG AI IT TV
    PC PCs DNA RNA HIV AIDS SARS COVID COVID-19 UTC GMT EST PST BST CET AM PM A.M. P.M.
    OK SUV SUVs EV EVs LNG LPG GPS SMS USB CD DVD FAQ PDF HTML API SDK VAT GST EBIT
    EBITDA ROI Q1 Q2 Q3 Q4 H1 H2 YoY ID IDs NGO NGOs MP MPs MEP MEPs PR HR R&D CO2 UFO
    USD EUR GBP JPY CNY RMB SAR AED CAD CA US$ CA$ MoU MOU F-35 F-35s F-16 AI-powered
    TARP CARS VEBA IDE IDEs iPhone iPhones iPad iPads iPod iMac iOS macOS iTunes iCloud
    eBook eBooks eSports
    """.split()
)

#: Adjectives that open organisation names ("National Institute of ...", "Federal Reserve").
ORG_ADJECTIVES: frozenset[str] = frozenset(
    "National Federal Central International Royal Global World State Regional Public "
    "Supreme European General United Joint Independent Democratic Islamic Arab".split()
)
