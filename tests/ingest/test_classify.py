"""Classification of ingested stories: dates, topics, countries/regions, people, organisations.

Expectations are what a careful human editor would file; where the code falls short the test
is marked xfail with the reason, not weakened.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from site_builder.config import RegionDef, TopicDef, parse_config
from site_builder.ingest.dates import story_date
from site_builder.ingest.names import find_organizations, find_people
from site_builder.ingest.places import find_countries, regions_for
from site_builder.ingest.topics import classify_topics

ROOT = Path(__file__).resolve().parents[2]
SEED = (ROOT / "content" / "digests" / "2025-04-26.txt")
EDITION = date(2025, 4, 26)  # a Saturday


@pytest.fixture(scope="module")
def config():
    return parse_config(yaml.safe_load((ROOT / "config.yaml").read_text("utf-8")), ROOT)


@pytest.fixture(scope="module")
def seed_stories() -> list[str]:
    path = SEED if SEED.exists() else Path("/work/shared/seed-digest.txt")
    lines = path.read_text("utf-8").splitlines()
    # The known segmentation of the seed: lines 1-16, then four one-line teasers.
    return ["\n".join(lines[:16])] + lines[16:21]


# --- stories from elsewhere -------------------------------------------------------------------

KENYA = ("Kenyan police fired tear gas at protesters in Nairobi yesterday as thousands marched "
         "against a proposed finance bill that would raise taxes on bread and mobile money. "
         "President William Ruto said the government would listen to young people. Amnesty "
         "International said at least two people were killed in Mombasa.")
BRAZIL = ("Brazil’s central bank raised its benchmark interest rate by 50 basis points on "
          "Wednesday to curb inflation, the fifth increase in a row. Economists said the move "
          "would weigh on growth in Latin America’s largest economy. Finance Minister Fernando "
          "Haddad said the government would cut spending.")
GAZA = ("Israeli airstrikes killed at least 30 people in the Gaza Strip on Sunday, the "
        "territory’s health ministry said, as mediators from Egypt and Qatar pressed Israel and "
        "Hamas to agree to a ceasefire. Prime Minister Benjamin Netanyahu told the Knesset the "
        "war would go on until the hostages were freed.")
GERMANY = ("German Chancellor Friedrich Merz will meet French President Emmanuel Macron in "
           "Paris on Friday to discuss defence spending, his office said today. The Bundestag "
           "approved a 500-billion-euro infrastructure fund last month.")
QUAKE = ("A magnitude 6.4 earthquake struck off the coast of Hualien early yesterday, the "
         "Central Weather Administration said, shaking buildings in Taipei. No casualties were "
         "reported, but a landslide blocked a highway and rescuers evacuated 200 residents.")
FOOTBALL = ("Argentina beat Brazil 4-1 in a World Cup qualifier in Buenos Aires on Tuesday, with "
            "Julian Alvarez scoring in the fourth minute. Coach Lionel Scaloni said his team had "
            "played its best match of the year in front of a packed stadium.")
CHINESE = ("總統賴清德昨天在總統府接見美國聯邦參議員訪問團，感謝美國國會長期支持台灣。"
           "賴清德表示，台灣將持續強化國防，維護台海和平穩定。外交部長林佳龍也出席。")
CLIMATE = ("Record heat and drought have pushed Europe’s glaciers to their fastest melt on record, "
           "scientists said in a report released on Monday. Switzerland lost 4 percent of its "
           "glacier volume last year, and climate change will make summers hotter, they warned.")
MEXICO = ("Mexican prosecutors arrested a former governor of Veracruz on charges of money "
          "laundering and organized crime, the attorney general’s office said on Thursday. "
          "The case is the latest in a crackdown on corruption announced by President Claudia "
          "Sheinbaum.")
NIGERIA_HEALTH = ("Nigeria has begun vaccinating children against meningitis in four northern states "
                  "after an outbreak killed more than 150 people, the World Health Organization said "
                  "yesterday. Health Minister Muhammad Ali Pate said hospitals in Kano were "
                  "overwhelmed.")


# --- dates ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Witkoff met with Putin yesterday in Moscow.", date(2025, 4, 25)),
    ("Lee resigned on Sunday night, admitting that he had misused a vehicle.", date(2025, 4, 20)),
    ("Lee resigned last Sunday.", date(2025, 4, 20)),
    ("The summit opened in Singapore on Saturday.", EDITION),   # same weekday = today
    ("The summit opened in Singapore last Saturday.", date(2025, 4, 19)),
    ("Officials said Friday that the talks had stalled.", date(2025, 4, 25)),
    ("The court ruled this morning that the law stands.", EDITION),
    ("Police said the day before yesterday that two men were held.", date(2025, 4, 24)),
    ("The storm made landfall on April 24, killing three.", date(2025, 4, 24)),
    ("The storm made landfall on 24 April, killing three.", date(2025, 4, 24)),
    ("The storm made landfall on April 24, 2025, killing three.", date(2025, 4, 24)),
    ("The storm made landfall on Apr. 23, killing three.", date(2025, 4, 23)),
    ("Figures published 2025-04-22 show a rise.", date(2025, 4, 22)),
    ("A lede with no date at all. Then another sentence.", EDITION),
    # Future tense does not date the story.
    ("The leaders will meet on Friday in Rome.", EDITION),
    ("The bill is due to be debated on Tuesday.", EDITION),
    ("Xi is expected to visit Paris on Monday.", EDITION),
    ("The new rules apply from Monday.", EDITION),
    ("He will travel to Kyiv next Friday.", EDITION),
    ("The vote is scheduled for May 3.", EDITION),
    ("Results are due on April 30.", EDITION),                 # after the edition
    # Future first, then a past date: the past one dates the story.
    ("Talks will resume on Friday, the ministry said on Thursday.", date(2025, 4, 24)),
    # Only the lede counts, and the first expression in it.
    ("Taiwan yesterday denied the claims. It said on Monday it had no role. "
     "Last Sunday, officials met.", date(2025, 4, 25)),
    ("First sentence has nothing. Second neither. Third says yesterday.", EDITION),
    # Background dates are not the story's date.
    ("The bureau said they were behind a May 20, 2024 cyberattack.", EDITION),
    ("Crimea was annexed on March 18, 2014.", EDITION),
    ("Black Friday sales rose, retailers said on Thursday.", date(2025, 4, 24)),
    ("Gen. Smith said on Monday that troops would stay.", date(2025, 4, 21)),
    # Chinese.
    ("總統賴清德昨天表示，政府將持續推動改革。", date(2025, 4, 25)),
    ("行政院24日通過預算案。", date(2025, 4, 24)),
    ("立法院4月22日三讀通過修正案。", date(2025, 4, 22)),
    ("2025年4月21日，台北發生地震。", date(2025, 4, 21)),
    ("監察院秘書長上週日請辭。", date(2025, 4, 20)),
    ("外交部週四宣布新政策。", date(2025, 4, 24)),
    ("美國國務卿將於週五訪問北京。", EDITION),
    ("颱風明天將登陸台灣。", EDITION),
])
def test_story_date(text: str, expected: date) -> None:
    assert story_date(text, EDITION) == expected


def test_story_date_year_boundary() -> None:
    assert story_date("The fire broke out on December 30.", date(2026, 1, 2)) == date(2025, 12, 30)
    assert story_date("The fire broke out on Wednesday.", date(2026, 1, 2)) == date(2025, 12, 31)
    assert story_date("法院31日判決。", date(2026, 1, 2)) == date(2025, 12, 31)


def test_story_date_seed(seed_stories: list[str]) -> None:
    got = [story_date(s, EDITION) for s in seed_stories]
    assert got == [date(2025, 4, 25), date(2025, 4, 20), date(2025, 4, 25), date(2025, 4, 25), EDITION]


# --- topics -----------------------------------------------------------------------------------

def test_topics_seed(config, seed_stories: list[str]) -> None:
    got = [classify_topics(s, config.topics) for s in seed_stories]
    assert got[0][0] == "conflict-war-peace" and "politics" in got[0]
    assert got[1][0] == "politics" and "crime-law-justice" in got[1]
    assert got[2][0] == "crime-law-justice" and "science-technology" in got[2]
    assert got[3][0] == "crime-law-justice" and "conflict-war-peace" in got[3]
    assert got[4][0] == "conflict-war-peace"

GERMAN_CLIMATE = ("Die Bundesregierung hat am Sonntag ein Klimaschutzprogramm beschlossen, das den Ausbau der "
                  "Windkraft in Norddeutschland beschleunigen soll. Umweltverbände kritisierten das Paket als "
                  "zu zaghaft.")
GERMAN_STRIKE = ("Die Gewerkschaft Verdi hat für Montag zu einem Streik im öffentlichen Nahverkehr aufgerufen. "
                 "Die Beschäftigten fordern höhere Löhne.")
JAPANESE_BOJ = ("日本銀行は30日、金融政策決定会合で政策金利を0.5%に据え置くことを決めた。"
                "植田和男総裁は記者会見で、物価の見通しに不確実性があると述べた。")
JAPANESE_QUAKE = ("気象庁によると、30日午前、宮城県沖を震源とする地震があり、最大震度5強を観測した。"
                  "津波の心配はないという。")
JAPANESE_BASEBALL = "大リーグのドジャースは30日、大谷翔平選手の活躍で試合に勝ち、地区優勝を決めた。"

@pytest.mark.parametrize("text, first, also", [
    # IPTC files demonstrations under "civil unrest" in conflict, war and peace.
    (KENYA, ("conflict-war-peace", "politics"), ("conflict-war-peace", "politics")),
    (BRAZIL, "economy-business-finance", ()),
    (GAZA, "conflict-war-peace", ()),
    (GERMANY, "politics", ()),
    (QUAKE, "disaster-accident", ()),
    (FOOTBALL, "sport", ()),
    (CHINESE, "politics", ()),
    (CLIMATE, "environment", ()),   # one "scientists said" is a weak hit, not a second topic
    (MEXICO, "crime-law-justice", ()),
    (NIGERIA_HEALTH, "health", ()),
    # Stories in German and Japanese on an English site
    (GERMAN_CLIMATE, "environment", ()),
    (GERMAN_STRIKE, "labour", ()),
    (JAPANESE_BOJ, "economy-business-finance", ()),
    (JAPANESE_QUAKE, "disaster-accident", ()),
    (JAPANESE_BASEBALL, "sport", ()),
])
def test_topics_other_stories(config, text: str, first: str, also: tuple[str, ...]) -> None:
    got = classify_topics(text, config.topics)
    assert 1 <= len(got) <= 3
    assert got[0] in ((first,) if isinstance(first, str) else first), got
    for slug in also:
        assert slug in got, got


def test_topics_never_empty_and_fallback(config) -> None:
    assert classify_topics("Xyzzy plugh frobnicate.", config.topics) == ("society",)
    no_society = tuple(t for t in config.topics if t.iptc not in ("14000000",))
    assert classify_topics("Xyzzy plugh.", no_society) == ("human-interest",)
    assert classify_topics("Anything.", ()) == ()


def test_topics_follow_iptc_code_not_slug() -> None:
    renamed = (TopicDef(slug="krieg", label="Krieg", iptc="16000000"),
               TopicDef(slug="sport-news", label="Sports", iptc="15000000"))
    assert classify_topics(GAZA, renamed)[0] == "krieg"
    assert classify_topics(FOOTBALL, renamed)[0] == "sport-news"


def test_topic_without_code_uses_label_and_description() -> None:
    topics = (TopicDef(slug="politics", label="Politics", iptc="11000000"),
              TopicDef(slug="space", label="Space exploration",
                       description="Rockets, astronauts and missions to the Moon and Mars."))
    text = ("The rocket carrying four astronauts lifted off for a ten-day mission around the Moon, "
            "the agency said.")
    assert classify_topics(text, topics)[0] == "space"


def test_weak_hits_do_not_add_topics(config) -> None:
    # One passing mention of a school in a war story is not an education story.
    text = GAZA + " A school was among the buildings hit."
    assert "education" not in classify_topics(text, config.topics)


# --- countries and regions --------------------------------------------------------------------

def test_countries_seed(seed_stories: list[str]) -> None:
    got = [find_countries(s) for s in seed_stories]
    assert got[0][:2] in (("RU", "UA"), ("UA", "RU")) and "US" in got[0]
    assert got[1] == ("TW",)
    assert set(got[2]) == {"TW", "CN"}            # not US, though "US$1,392" is there
    assert got[3] == ("TW", "CN")
    assert got[4][0] == "GB" and {"SG", "TW"} <= set(got[4]) and "FR" not in got[4]


@pytest.mark.parametrize("text, expected", [
    (KENYA, ("KE",)),
    (BRAZIL, ("BR",)),
    (GAZA, ("IL", "PS", "EG", "QA")),
    (GERMANY, ("DE", "FR")),
    (QUAKE, ("TW",)),
    (FOOTBALL, ("AR", "BR")),
    (CHINESE, ("TW", "US")),
    (MEXICO, ("MX",)),
    (NIGERIA_HEALTH, ("NG",)),
    ("Protests spread from Tbilisi to Batumi as Georgia’s ruling party claimed victory.", ("GE",)),
    ("Georgia’s governor signed the bill in Atlanta on Tuesday.", ("US",)),
    ("Jordan Peterson said in a podcast that he would tour Canada.", ("CA",)),
    ("King Abdullah of Jordan met Egyptian officials in Amman.", ("JO", "EG")),
    ("Nice work, said the coach, after a long reading of the split decision.", ()),
    ("Mr London said the Reading Festival would go ahead in Bath.", ()),
    ("Fighting flared in Crimea and near Kharkiv, the Ukrainian military said.", ("UA",)),
    ("The Kremlin and the White House traded accusations.", ("RU", "US")),
    ("The Control Yuan and the Legislative Yuan clashed over the budget.", ("TW",)),
    ("Downing Street and the Élysée issued a joint statement.", ("GB", "FR")),
    ("The Knesset passed the law; the Bundestag debated a similar one.", ("IL", "DE")),
    ("Zhongnanhai was silent.", ("CN",)),
    (GERMAN_CLIMATE, ("DE",)),
    ("Le gouvernement belge a annoncé hier un plan d’économies.", ("BE",)),
    ("El gobierno mexicano y el presidente argentino firmaron un acuerdo.", ("MX", "AR")),
    # A noun of the country's life names it ("la economía china"); a product does not.
    ("La economía china crece.", ("CN",)),
    ("Un vin français se vend bien à Tokyo.", ("JP",)),
    ("經濟部昨天公布，十月外銷訂單金額年增百分之二十五。", ("TW",)),
    (JAPANESE_BOJ, ("JP",)),
    (JAPANESE_QUAKE, ("JP",)),
    ("Latin American leaders met in Bogota.", ("CO",)),
    ("中國外交部表示，烏克蘭與俄羅斯應該停火。", ("CN", "UA", "RU")),
    ("台北市長在上海與大陸官員會面。", ("CN", "TW")),     # CN named twice
    ("The fund raised US$20 million.", ()),
    ("The tax on a pack of cigarettes would rise by NT$20, the minister said.", ("TW",)),
    ("Tickets cost HK$500.", ("HK",)),
    ("South Korean and Japanese officials met in Seoul.", ("KR", "JP")),
    ("Chad’s army repelled an attack near Lake Chad, officials in N’Djamena said.", ("TD",)),
    ("Chad Smith said the band would tour.", ()),
    ("Ireland’s Rory McIlroy won the title in Philadelphia yesterday.", ("IE", "US")),
    ("Jordan’s King Abdullah flew to Washington.", ("JO", "US")),
    ("Shares fell in Frankfurt and Milan while the pound rose in London.", ("DE", "IT", "GB")),
    ("Warships sailed through the South China Sea.", ()),   # a shared sea alone names nobody
])
def test_countries(text: str, expected: tuple[str, ...]) -> None:
    assert find_countries(text) == expected


def test_regions_for(config) -> None:
    assert regions_for(("RU", "UA", "US"), config.regions) == ("eastern-europe", "north-america")
    assert regions_for(("TW", "CN", "JP"), config.regions) == ("east-asia",)
    assert regions_for(("GB", "SG", "TW"), config.regions) == ("europe", "southeast-asia", "east-asia")
    assert regions_for(("ZZ",), config.regions) == ()
    custom = (RegionDef(slug="straits", label="Straits", countries=("TW", "CN")),
              RegionDef(slug="asia", label="Asia", countries=("CN", "JP", "TW")))
    assert regions_for(("CN",), custom) == ("straits", "asia")


# --- people and organisations -----------------------------------------------------------------

def test_people_seed(seed_stories: list[str]) -> None:
    got = [find_people(s) for s in seed_stories]
    assert set(got[0]) == {"Donald Trump", "Vladimir Putin", "Steve Witkoff", "Yuri Ushakov",
                           "Kirill Dmitriev", "Volodymyr Zelenskiy", "Sergei Lavrov",
                           "Yaroslav Moskalik"}
    assert got[1] == ("Lee Chun-yi", "Lee Hung-chun", "Su Li-chiung", "Lin Yu-jung", "Wang Jung-chang")
    assert got[2] == ()
    assert got[3] == ("Lee Huei-hsin",)
    assert got[4] == ("Tony Radakin",)


@pytest.mark.parametrize("text, expected", [
    (KENYA, ("William Ruto",)),
    (BRAZIL, ("Fernando Haddad",)),
    (GAZA, ("Benjamin Netanyahu",)),
    (GERMANY, ("Friedrich Merz", "Emmanuel Macron")),
    (FOOTBALL, ("Julian Alvarez", "Lionel Scaloni")),
    (MEXICO, ("Claudia Sheinbaum",)),
    (NIGERIA_HEALTH, ("Muhammad Ali Pate",)),
    (CHINESE, ("賴清德", "林佳龍")),
    ("Nice work, said the coach.", ()),
    ("Jordan Peterson said in May that the talks failed.", ("Jordan Peterson",)),
    ("In May the ministry said prices rose. On Monday, New York Governor Kathy Hochul spoke.",
     ("Kathy Hochul",)),
    ("Ms Ursula von der Leyen told reporters the plan stood. Von der Leyen left.",
     ("Ursula von der Leyen",)),
    ("Dr. Anthony Fauci said the virus spread. Fauci added that masks help.", ("Anthony Fauci",)),
    ("The deputy minister, Chen Shih-kai (陳世凱), said the line would open.", ("Chen Shih-kai",)),
    ("The Taipei District Court said the suspect was detained.", ()),
    ("Asked about the deal, Trump said: “We will see.”", ()),   # surname alone: no new person
    ("The tax would rise by NT$20, Minister of Health and Welfare Chiu Tai-yuan said.", ("Chiu Tai-yuan",)),
    ("“We are here for those who were killed,” said Mercy Wanjiru, a 24-year-old student.",
     ("Mercy Wanjiru",)),
    ("Secretary of State Marco Rubio said the talks would go on.", ("Marco Rubio",)),
])
def test_people(text: str, expected: tuple[str, ...]) -> None:
    assert find_people(text) == expected


def test_orgs_seed(seed_stories: list[str]) -> None:
    got = [find_organizations(s) for s in seed_stories]
    assert "Kremlin" in got[0] and "NATO" in got[0] and "CBS News" in got[0]
    assert not any("EPA" in o for o in got[0])          # the photo credit is not an organisation
    assert got[1] == ("Control Yuan", "Chinese Nationalist Party (KMT)")
    assert got[2] == ("Guangzhou Municipal Public Security Bureau",
                      "Information, Communications and Electronic Force Command (ICEFCOM)",
                      "Democratic Progressive Party")
    assert got[3] == ("High Court", "Chinese People’s Liberation Army")
    assert "Royal Navy" in got[4]
    assert not any("Chief" in o for o in got[4])        # a job title, not an organisation


@pytest.mark.parametrize("text, expected", [
    ("The Ministry of Foreign Affairs said the envoy had been summoned.", ("Ministry of Foreign Affairs",)),
    ("The Democratic Progressive Party (DPP) and the Kuomintang (KMT) clashed.",
     ("Democratic Progressive Party (DPP)", "Kuomintang (KMT)")),
    ("The European Central Bank held rates, while the Bank of Japan raised them.",
     ("European Central Bank", "Bank of Japan")),
    ("Photo: Reuters\nThe National Security Council met.", ("National Security Council",)),
    ("Reuters reported that Hamas had agreed.", ("Reuters", "Hamas")),
    ("Additional reporting by AFP", ()),
    ("NAIROBI, Kenya (AP) — Police fired tear gas near the National Assembly.", ("National Assembly",)),
    # "X of Y" with a word before its head: the whole name, not "US Department"; a title word
    # right after "of" is the portfolio ("of Justice"), and a possessor place or a person goes.
    ("The US Department of Commerce added 12 companies to its export blacklist.", ("US Department of Commerce",)),
    ("The Ministry of Justice disagreed.", ("Ministry of Justice",)),
    ("The Chinese Academy of Sciences disagreed.", ("Chinese Academy of Sciences",)),
    ("Taiwan’s Ministry of Economic Affairs said so.", ("Ministry of Economic Affairs",)),
    ("Commerce Secretary Howard Lutnick of the Department of Commerce said so.", ("Department of Commerce",)),
])
def test_orgs(text: str, expected: tuple[str, ...]) -> None:
    assert find_organizations(text) == expected


@pytest.mark.parametrize("text, countries, people, orgs", [
    ("Hurricane Milton hit Florida, the National Hurricane Center said.", ("US",), (),
     ("National Hurricane Center",)),
    ("At the UN Security Council, Russia vetoed the resolution.", ("RU",), (), ("UN Security Council",)),
    ("In Victoria, Australia, bushfires burned.", ("AU",), (), ()),
    ("Split was chosen to host the games, Croatia said.", ("HR",), (), ()),
    ("Reading is good for you, the study found. Mobile phones distract readers.", (), (), ()),
    ("Polish President Andrzej Duda met Lithuanian leaders in Vilnius.", ("LT", "PL"), ("Andrzej Duda",), ()),
    ("Iranian Foreign Minister Abbas Araghchi said in Muscat that talks with the US would continue.",
     ("IR", "OM", "US"), ("Abbas Araghchi",), ()),
    ("Sudan's army retook Khartoum from the Rapid Support Forces (RSF), witnesses said.", ("SD",), (),
     ("Rapid Support Forces (RSF)",)),
    ("Taiwanese Premier Cho Jung-tai (卓榮泰) told the Legislative Yuan in Taipei that the budget was needed.",
     ("TW",), ("Cho Jung-tai",), ("Legislative Yuan",)),
    ("Japan's Prime Minister Shigeru Ishiba met South Korea's President Lee Jae-myung in Tokyo.",
     ("JP", "KR"), ("Shigeru Ishiba", "Lee Jae-myung"), ()),
    ("Moscow Mayor Sergei Sobyanin said the metro would reopen.", ("RU",), ("Sergei Sobyanin",), ()),
])
def test_mixed_probes(text, countries, people, orgs) -> None:
    assert (find_countries(text), find_people(text), find_organizations(text)) == (countries, people, orgs)


# Known limits: a person named with no title, speech verb, known given name or later surname
# mention is not found; written down so that an improvement shows up as XPASS.
@pytest.mark.xfail(strict=True, reason="no person-like context around the name")
@pytest.mark.parametrize("text, person", [
    ("Victoria Beckham opened a store in London.", "Victoria Beckham"),
    ("Paris Hilton visited Paris.", "Paris Hilton"),
    ("Israel Katz, Israel's defense minister, said troops would stay.", "Israel Katz"),
])
def test_people_known_misses(text: str, person: str) -> None:
    assert person in find_people(text)


# --- robustness: any text, any script --------------------------------------------------------

from hypothesis import given, settings, strategies as st  # noqa: E402

_PIECES = st.sampled_from([
    "Taiwan", "歐盟", "Latin America", "the Kremlin", "US$", "Jordan", "Mr", "Dr.", "said", "yesterday",
    "on Sunday", "will", "April 31", "2025-02-30", "31日", "(KMT)", "(李俊俋)", "Lee Chun-yi", "Photo: EPA",
    "’s", "'", "(", ")", ",", ".", "\n", " ", "\u00a0", "總統", "週日", "昨天", "Ministry of", "Party",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=40).map("".join))
def test_never_crashes(config, text: str) -> None:
    d = story_date(text, EDITION)
    assert EDITION - __import__("datetime").timedelta(days=40) <= d <= EDITION
    t = classify_topics(text, config.topics)
    assert 1 <= len(t) <= 3 and set(t) <= {x.slug for x in config.topics}
    cs = find_countries(text)
    assert len(set(cs)) == len(cs) and all(len(c) == 2 and c.isupper() for c in cs)
    assert len(set(regions_for(cs, config.regions))) == len(regions_for(cs, config.regions))
    for name in find_people(text) + find_organizations(text):
        assert name.strip() == name and name


# --- other languages a site may be written in ---------------------------------------------------

def test_french_and_spanish(config) -> None:
    ed = date(2025, 9, 9)   # a Tuesday
    assert story_date("Le Premier ministre a perdu lundi un vote de confiance.", ed) == date(2025, 9, 8)
    assert story_date("Un terremoto sacudió ayer el norte de Chile.", ed) == date(2025, 9, 8)
    assert story_date("Le président se rendra à Rome vendredi prochain.", ed) == ed
    assert story_date("El presidente viajará el lunes próximo.", ed) == ed
    text = ("Los líderes de México y Canadá acuerdan ampliar la cooperación comercial ante los "
            "aranceles de Estados Unidos.")
    assert find_countries(text) == ("MX", "CA", "US")
    assert classify_topics(text, config.topics)[0] == "economy-business-finance"
    assert find_countries("Le Premier ministre a perdu un vote à l’Assemblée nationale.") == ("FR",)
    assert classify_topics("Argentina registra la inflación mensual más baja en cinco años.",
                           config.topics)[0] == "economy-business-finance"


def test_chinese_titles() -> None:
    assert find_people("財政司司長陳茂波表示，計劃預計涉及約一百億港元。") == ("陳茂波",)
    assert find_people("總統府發言人表示，訪問團將於明天抵達。") == ()


@pytest.mark.parametrize("opening", ["The vote on", "A migrant boat", "Strikers rescued from"])
def test_a_word_that_opens_phrases_does_not_swallow_the_words_after_it(opening: str, config) -> None:
    """'vote' opens phrases ('vote of no confidence') and is a prefix term of its own ('vote*').
    Where no phrase follows, it is one word: the words after it are scored too. (They were
    skipped: its own match was taken for a match of four words.)"""
    from site_builder.ingest.topics import _scores

    topics = config.topics
    rest = "the budget deficit as the boat capsized and drowned 40."
    alone = _scores(rest, topics)
    together = _scores(f"{opening} {rest}", topics)
    assert alone and all(together.get(slug, 0) >= weight for slug, weight in alone.items()), (alone, together)
