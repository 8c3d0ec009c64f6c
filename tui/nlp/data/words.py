# ruff: noqa: SIM905  (word lists read best as one string)
"""Word lists: group words, calendar words, speech verbs and common capitalised words."""

from __future__ import annotations

#: Nationality, religion and group words: capitalised but never entities.
GROUP_WORDS: frozenset[str] = frozenset(
    """
    American Americans Chinese British Briton Britons English French German Germans Italian
    Italians Spanish Japanese Korean Koreans Indian Indians Pakistani Pakistanis Russian
    Russians Ukrainian Ukrainians Saudi Saudis Emirati Emiratis Iranian Iranians Iraqi
    Iraqis Syrian Syrians Israeli Israelis Palestinian Palestinians Egyptian Egyptians
    Turkish Turks Greek Greeks Canadian Canadians Mexican Mexicans Brazilian Brazilians
    Australian Australians European Europeans African Africans Asian Asians Arab Arabs
    Arabic Persian Persians Kurdish Kurds Afghan Afghans Yemeni Yemenis Libyan Libyans
    Qatari Qataris Kuwaiti Bahraini Omani Jordanian Lebanese Sudanese Somali Ethiopian
    Nigerian Kenyan Thai Vietnamese Filipino Filipinos Indonesian Malaysian Singaporean
    Taiwanese Tibetan Tibetans Uygur Uygurs Uyghur Uyghurs Uighur Uighurs Kazakh Kazakhs
    Han Hui Mongolian Muslim Muslims Christian Christians Jewish Jews Jew Hindu Hindus
    Buddhist Buddhists Sikh Sikhs Catholic Catholics Protestant Protestants Sunni Sunnis
    Shia Shiite Shiites Islamic Islamist Islamists Republican Republicans Democrat Democrats
    Democratic Conservative Conservatives Liberal Liberals Labour Socialist Socialists
    Communist Communists Western Westerners Eastern Northern Southern Soviet Swiss Swedish
    Dutch Danish Norwegian Finnish Polish Czech Hungarian Romanian Bulgarian Serbian Croatian
    Austrian Belgian Irish Scottish Welsh Portuguese Venezuelan Venezuelans Cuban Cubans
    Colombian Argentine Argentinian Chilean Peruvian Latino Latinos Hispanic Hispanics
    North South East West Gulf Middle Non-Muslim Non-Muslims Muslim-Majority Allied Allies
    Asian-American African-American Zionist Baathist Maoist Marxist Nazi Nazis
    """.split()
)

#: Month, weekday and other calendar words (and their short forms).
CALENDAR_WORDS: frozenset[str] = frozenset(
    """
    January February March April May June July August September October November December
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Jan. Feb. Mar. Apr. Jun. Jul. Aug.
    Sep. Sept. Oct. Nov. Dec. Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon
    Tue Tues Wed Thu Thur Thurs Fri Sat Sun Christmas Easter Ramadan Eid Hajj Thanksgiving
    Halloween Diwali Passover Hanukkah New Year Today Yesterday Tomorrow
    """.split()
)

#: Capitalised words that start or end a run but are never entities on their own.
COMMON_CAPS: frozenset[str] = frozenset(
    """
    I A An The This That These Those There Their They Them He She It Its We Our Us You Your
    His Her Him My Me Mine Who What When Where Why How Which Whose Whom If In On At By For
    From With Without Within Into Onto Upon Of To And Or But Nor So Yet As Than Then Also
    Although Though While Whilst Whereas After Before Since Until Unless Because Despite
    During Under Over About Above Below Between Among Amid Amidst Against Across Along
    Around Behind Beyond Near Through Throughout Toward Towards Via Per Not No Yes All Any
    Both Each Every Few Many Most Much More Less Some Several Such Other Another Only Even
    Just Still Already Again Ever Never Always Often Sometimes Here Now However Meanwhile
    Instead Initially Earlier Later Finally First Second Third Last Next New Old Big Great
    Mr Mrs Ms Dr Chapter Section Article Part Page Figure Table Act Bill Law Code Rule
    Government Minister Ministry Department President Prime Senator Chief Executive Officer
    Company Group Party Committee Council Court Office Board Agency Union University
    State States Federal National International Global World Royal Public Private Central
    Regional Local Foreign Deputy Vice General Secretary Director Chairman Spokesman
    Analyst Analysts Experts Officials Reports Report Sources Critics Executives Politicians
    Shares Stocks Sales Prices Workers Company Companies Firms Automakers Dealers Customers
    Newsletter Close Related Articles Subscribe Share Comments Advertisement Menu Home
    Read More Login Sign Search Photo Video Watch Listen Updated Published Copyright Terms
    Privacy Policy Contact About Follow Top Latest Breaking Opinion Editorial Sponsored
    Please Note Click Here See Also According Following Including Regarding Speaking Noting
    Describing Responding Expanding Unlike Like Whether Overall Together Similarly Likewise
    Additionally Furthermore Moreover Therefore Thus Hence Otherwise Indeed Perhaps Maybe
    Certainly Clearly Obviously Apparently Reportedly Allegedly Officially Recently Today
    Currently Previously Subsequently Eventually Ultimately Importantly Notably Separately
    Elsewhere Nevertheless Nonetheless Still Yet Anyway Well Oh Yes Okay Sure Thanks
    Internet Web Online Twitter Facebook Chapter Act Program Programme Plan Initiative
    Vision Strategy Summit Forum Conference Festival Index Prize Award Cup Games Olympics
    Premier Championship Tournament Season Round Final Finals Semi Quarter Year Years Day
    Days Week Weeks Month Months Decade Century Era Age Morning Afternoon Evening Night
    Stage Phase Act Scene Volume Issue Edition Update Note Notes Summary Background Context
    Analysis Comment Interview Profile Feature Review Preview Guide Explainer Timeline
    Brexit Covid Coronavirus Omicron God Bible Koran Quran Bitcoin Islam Christianity
    Judaism Hinduism Buddhism Internet Mother Father Sir Madam Lady Gentlemen
    """.split()
)

#: Words that end a run which is a law, programme or event, not an entity.
NON_ENTITY_HEADS: frozenset[str] = frozenset(
    """
    Act Acts Bill Law Laws Treaty Accord Accords Agreement Protocol Convention Doctrine
    Program Programme Initiative Plan Strategy Index Award Awards Prize Cup Championship
    Olympics Games Festival Summit Day Week War Wars Crisis Revolution Declaration
    Amendment Constitution Charter Code Rule Rules Regulation Directive Policy Report Era
    Syndrome Disease Virus Bowl Series Tour Expo Fair Forum Conference Meeting Talks
    Dreamliner Era Spring Storm Hurricane Typhoon Operation Project Mission Model
    """.split()
)

#: Verbs and phrases that introduce reported speech or writing.
SPEECH_VERBS: tuple[str, ...] = tuple(
    """
    said says say saying told tells tell telling tweeted tweets tweeting posted posts wrote
    writes writing added adds adding stated states stating explained explains explaining
    asked asks asking replied replies replying answered responded responds described
    describes describing called calls warned warns warning noted notes noting argued argues
    arguing insisted insists insisting announced announces remarked remarks urged urges
    urging declared declares declaring stressed stresses stressing emphasized emphasised
    emphasizes emphasises observed observes claimed claims claiming commented comments
    acknowledged acknowledges admitted admits conceded concedes predicted predicts promised
    promises testified testifies accused accuses accusing accuse denied denies denying
    concluded concludes concluding continued continues recalled recalls suggested suggests
    pleaded vowed vows threatened threatens cautioned cautions complained complains
    confirmed confirms boasted boasts joked jokes quipped countered counters charged
    lamented laments praised praises condemned condemns demanded demands pledged pledges
    insisted maintained maintains reiterated reiterates mentioned mentions shouted
    screamed whispered read reads labelled labeled branded dubbed termed
    """.split()
)

#: Multi-word cues; the speaker follows ("according to X").
SPEECH_PHRASES: tuple[str, ...] = ("according to", "in the words of", "pointed out", "went on")

#: Pronouns that stand for a previously named speaker.
PERSON_PRONOUNS: frozenset[str] = frozenset("he she He She".split())
ORG_PRONOUNS: frozenset[str] = frozenset("it It".split())

#: Lower-case nouns that refer back to an organisation ("the company said").
ORG_ANAPHORS: dict[str, str] = {
    "company": "company",
    "firm": "company",
    "automaker": "company",
    "carmaker": "company",
    "manufacturer": "company",
    "group": "company",
    "giant": "company",
    "bank": "company",
    "maker": "company",
    "lender": "company",
    "retailer": "company",
    "insurer": "company",
    "airline": "company",
    "startup": "company",
    "start-up": "company",
    "department": "government",
    "ministry": "government",
    "agency": "government",
    "government": "government",
    "administration": "government",
    "union": "other",
    "organisation": "other",
    "organization": "other",
    "party": "other",
    "university": "other",
}
