"""Classification cases from issue 13, one test per kind of fix (not the eval digests' text)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from site_builder.config import TopicDef, parse_config
from site_builder.ingest.dates import story_date
from site_builder.ingest.namewords import organisation_table
from site_builder.ingest.names import find_organizations, find_people
from site_builder.ingest.places import find_countries, story_countries
from site_builder.ingest.topics import classify_topics

# --- countries: the story's places, not its passing mentions -----------------------------------

REACTION = (
    "Voters in Chile yesterday elected a new president after a campaign dominated by crime "
    "and the cost of living, with turnout at a record high in the capital, Santiago.\n"
    "The winner promised to cut taxes for small firms and to hire 5,000 more police officers "
    "before the end of next year, and to reform the pension system.\n"
    "The result was welcomed abroad: the governments of Spain and Japan sent congratulations "
    "later in the evening."
)


def test_passing_mentions_are_not_the_story_countries() -> None:
    assert story_countries(REACTION) == ("CL",)
    # The segmenter still sees every country named (it compares paragraphs).
    assert set(find_countries(REACTION)) == {"CL", "ES", "JP"}


def test_a_country_opening_a_paragraph_or_where_it_happened_stays() -> None:
    text = ("The European Commission yesterday said it was ready to impose tariffs on US goods "
            "in response to US duties on steel, and US officials said talks would go on.\n"
            "“We will defend our interests,” the trade chief told reporters in Brussels.\n"
            "Also yesterday, Germany’s economy ministry said exports to the US had fallen.")
    assert story_countries(text) == ("US", "BE", "DE")


def test_a_nationality_after_at_is_not_where_it_happened() -> None:
    # "in Brussels" locates the story; "firing at Ukrainian drones" names whose drones.
    text = ("Russia’s air defences shot down an airliner over Grozny on Wednesday, killing 38 of "
            "the 67 people on board, after the jet was diverted from Baku to Aktau in Kazakhstan, "
            "where rescuers pulled 29 survivors from the wreckage of the tail section.\n"
            "The Kremlin said Russian air defences had been firing at Ukrainian drones near the "
            "city when the plane tried to land, and Moscow offered compensation to the families.\n"
            "The crash recorder was sent to Brazil, where the jet was built, and Azerbaijan "
            "demanded an apology from Moscow over the loss of the plane and its passengers.")
    assert "UA" not in story_countries(text)
    assert "UA" in find_countries(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("El Gobierno anunció que apelará el fallo que frena la reforma de la economía argentina.", ("AR",)),
    ("La grève a paralysé l’économie française pendant trois jours.", ("FR",)),
])
def test_a_nationality_adjective_after_a_noun_of_the_country_names_it(text: str, expected) -> None:
    assert story_countries(text) == expected


QUAKE = (
    "A strong earthquake struck northern Peru before dawn yesterday, killing at least 12 people "
    "and cutting roads in the Andes.\n"
    "The quake had a magnitude of 7.1 and was centred 40km below the town of Cajamarca, the US "
    "Geological Survey said, and it was felt as far away as the capital, Lima.\n"
    "Rescuers were still searching the rubble of two collapsed schools late in the evening.")


def test_a_country_inside_an_organisations_name_is_not_a_place() -> None:
    # "the US Geological Survey said" names an institute (in the lede, so it used to count).
    assert story_countries(QUAKE) == ("PE",)
    assert "US" in find_countries(QUAKE)   # the segmenter still sees it
    # The state itself still counts: its ministry, its president, its embassy.
    state = QUAKE.replace("the US Geological Survey said", "the US State Department said")
    assert story_countries(state) == ("PE", "US")
    sport = ("Carlos Alcaraz beat Jannik Sinner in five sets in Paris yesterday to win the French "
             "Open for a second time.\nHe will next play at Queen’s Club in London.")
    assert "FR" in story_countries(sport)   # "in Paris" places it
    assert story_countries(sport.replace(" in Paris", "")) == ("GB",)


def test_countries_reacting_in_the_lede_are_not_the_storys_places() -> None:
    # A short teaser: the reactions fall inside the lede's 300 characters.
    text = ("Voters in Chile yesterday elected a former student leader as president. Spain and "
            "Japan congratulated him within hours, and Argentina’s president praised the vote.")
    assert story_countries(text) == ("CL",)
    # The same countries doing something in the story still count (two of them: a later
    # sentence naming three besides the lead surveys them, see test_a_sentence_surveying_...).
    assert story_countries(text.replace("congratulated him within hours, and Argentina’s "
                                        "president praised the vote",
                                        "sent observers to the count")) == ("CL", "ES", "JP")


def test_a_persons_post_abroad_is_not_a_place() -> None:
    text = ("Kenya’s opposition leader yesterday named his running mate, a former ambassador to "
            "Japan, and promised to cut fuel taxes if elected in Kenya’s August vote.")
    assert story_countries(text) == ("KE",)
    assert story_countries(text.replace("a former ambassador to Japan",
                                        "who studied in Japan")) == ("KE", "JP")


def test_a_meetings_venue_is_not_the_storys_place() -> None:
    text = ("Kenya yesterday protested after its health minister was kept out of a UN meeting in "
            "Geneva, saying the ministry had been given no reason.\n"
            "The minister had planned to speak about the cholera outbreak in the north.")
    assert story_countries(text) == ("KE",)
    summit = text.replace("a UN meeting in Geneva", "the leaders’ summit in Japan")
    assert story_countries(summit) == ("KE",)
    # Where something happens, not a meeting's venue, still counts.
    held = text.replace("kept out of a UN meeting in Geneva", "held at the airport in Geneva")
    assert story_countries(held) == ("KE", "CH")


# --- topics ------------------------------------------------------------------------------------


ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def topics():
    return parse_config(yaml.safe_load((ROOT / "config.yaml").read_text("utf-8")), ROOT).topics


@pytest.mark.parametrize("text, first, absent", [
    # An eclipse is astronomy (science), not the environment, though the sun is "solar".
    ("Millions of people across North America watched a total solar eclipse yesterday as the "
     "moon blotted out the sun for up to four minutes; astronomers said the next one visible "
     "from the region would come in 2044.", "science-technology", "environment"),
    # "author*" once caught "authorities": a police story is not arts and culture.
    ("Authorities in the port city said the harbour authority had closed two berths after the "
     "collision, and port authorities were inspecting the damaged container ship.",
     "disaster-accident", "arts-culture"),
    # A denial-of-service attack is cyber (science and technology), not a court story.
    ("The ministry's Web site was hit by a distributed denial-of-service attack yesterday, "
     "knocking it offline for two hours; officials said the DDoS came from abroad.",
     "science-technology", None),
    # A monarch's death and succession is politics (head of state), not health.
    ("The monarch died peacefully yesterday after a reign of 70 years, and her son acceded to "
     "the throne; doctors had been concerned about her health.", "politics", None),
    # Korean items get topics too (the lexicon matched no Hangul before).
    ("한강 작가의 노벨문학상 수상 소식이 전해진 뒤 주요 서점에서 그의 작품 주문이 폭주해 소설들이 품절됐다.",
     "arts-culture", "society"),
    ("경찰은 어제 서울에서 사기 혐의로 남성 3명을 체포했다고 밝혔다. 검찰은 구속 영장을 청구했다.",
     "crime-law-justice", None),
    # Spanish courts: the legal vocabulary was one word (juez) deep.
    ("Los jueces de la Corte Suprema declararon inconstitucional el decreto y el fallo obliga "
     "al Gobierno a presentar una nueva ley.", "crime-law-justice", None),
    # A debt-ceiling standoff is economy, though the talks are between politicians.
    ("Talks between the White House and Republican lawmakers on raising the debt ceiling were "
     "paused yesterday, and the Treasury warned the government could default by June 1.",
     "economy-business-finance", None),
    # Radioactive water let into the sea is an environment story, not politics.
    ("The utility yesterday began releasing treated radioactive water from the wrecked nuclear "
     "plant into the sea, saying tritium levels were far below safety limits.", "environment", None),
    # A law signed is politics; "law" alone does not make it a court story.
    ("The governor yesterday signed into law a bill that bans most abortions after six weeks of "
     "pregnancy, and opponents said they would challenge it.", "politics", "crime-law-justice"),
    # Technology companies and their products are technology news, not politics.
    ("The chipmaker's board said its chief executive would step down, days after the chatbot "
     "maker OpenAI agreed a partnership with Microsoft worth US$10 billion.",
     "science-technology", "politics"),
])
def test_topic_cases(topics, text: str, first: str, absent: str | None) -> None:
    got = classify_topics(text, topics)
    assert got[0] == first, got
    if absent:
        assert absent not in got


def test_output_commodities_and_prices_are_economy(topics) -> None:
    # Vocabulary the economy topic lacked: output, commodities and mining; Chinese prices and
    # subsidies (物價, 補貼).
    for mine in ("Zambia’s copper output rose 9 percent in the first quarter as two new mining "
                 "projects came on stream, the mines ministry said.",
                 "Peru’s zinc output fell 6 percent in March as grades declined at older mining "
                 "sites, the statistics agency said."):
        assert classify_topics(mine, topics)[0] == "economy-business-finance"
    prices = "日本首相今天表示，政府將提出新對策，以補貼協助家庭因應物價上漲。"
    assert "economy-business-finance" in classify_topics(prices, topics)


def test_drought_and_waste_are_environment(topics) -> None:
    # Both label sets file a drought under environment (and weather), not as a disaster.
    drought = ("The worst drought in 50 years has left reservoirs in the south at a fifth of "
               "their capacity, and farmers have been told to leave a third of their fields "
               "fallow, the water agency said.")
    assert classify_topics(drought, topics)[0] == "environment"
    assert "disaster-accident" not in classify_topics(drought, topics)
    # Chinese: rubbish collection and recycling.
    assert classify_topics("市政府宣布，明年起垃圾回收將改採新制，環保局表示可減少垃圾量。", topics)[0] \
        == "environment"


def test_french_words_after_an_elided_article_count(topics) -> None:
    # "d’économies", "l’économie": the article used to be read as part of the word.
    text = ("Le gouvernement a présenté hier un plan d’économies pour relancer l’économie, "
            "selon le ministre.")
    assert classify_topics(text, topics)[0] == "economy-business-finance"


def test_taking_office_is_politics(topics) -> None:
    text = ("Three weeks after taking office, the leader said in a speech that the two sides "
            "would work together to fight infectious diseases.")
    assert "politics" in classify_topics(text, topics)


def test_a_public_holiday_is_society(topics) -> None:
    # The labelled digests file a holiday's travel rush and festivities under society (leisure
    # only as an optional second): a public holiday is a shared social occasion.
    text = ("About 5 million people are expected to travel during the four-day Lunar New Year "
            "holiday that begins tomorrow, and traffic on the freeways is to peak on Saturday "
            "morning, the highway authority said. Extra buses will run to the main stations.")
    assert "society" in classify_topics(text, topics)
    eve = ("The city’s New Year’s Eve fireworks are to last six minutes this year, and the metro "
           "will run all night after the countdown, officials said.")
    assert classify_topics(eve, topics)[0] == "society"


def test_a_second_topic_needs_half_the_first_or_a_strong_score_of_its_own() -> None:
    # Two topics matched by their labels' words (2 points a mention past the lede), so the
    # scores are exact: the first scores 16.
    pair = (TopicDef(slug="alpha", label="Alphaword"), TopicDef(slug="beta", label="Betaword"))
    filler = "Nothing here matches either topic at all, " * 8

    def story(betas: int) -> str:
        return filler + "alphaword " * 8 + "betaword " * betas

    assert classify_topics(story(3), pair) == ("alpha",)            # 6: over a quarter, under half
    assert classify_topics(story(5), pair) == ("alpha", "beta")     # 10: a thread of its own
    assert classify_topics(story(4), pair) == ("alpha", "beta")     # 8: half, and strong


# --- dates -------------------------------------------------------------------------------------


SATURDAY = date(2025, 3, 29)


@pytest.mark.parametrize("text, expected", [
    # A deck's future ("would take effect next week") stays in the deck's own sentence.
    ("Tariffs on cars would take effect next week\nThe president on Wednesday announced a 25 "
     "percent tariff on imported cars.", date(2025, 3, 26)),
    # "Sunday last week" from a Saturday paper: not tomorrow's past Sunday, the one before.
    ("The champion won the title on Sunday last week, his first in 11 years.", date(2025, 3, 16)),
    # Spanning two days: the later one.
    ("The storm tore across the coast on Wednesday night and yesterday, killing 10 people.",
     date(2025, 3, 28)),
    # Explicit dates in Spanish and French, and a German one.
    ("La Cámara suspendió el 3 de marzo el capítulo laboral del decreto.", date(2025, 3, 3)),
    ("Le gouvernement a annoncé le 12 mars un nouveau plan.", date(2025, 3, 12)),
    ("Die Regierung hat am 20. März ein Paket beschlossen.", date(2025, 3, 20)),
    # Korean.
    ("경찰은 어제 남성 3명을 체포했다.", date(2025, 3, 28)),
    ("정부는 25일 새 대책을 발표했다.", date(2025, 3, 25)),
    ("지난 일요일 선거가 치러졌다.", date(2025, 3, 23)),
])
def test_date_cases(text: str, expected: date) -> None:
    assert story_date(text, SATURDAY) == expected


# --- people and organisations ------------------------------------------------------------------


def test_an_organisation_never_spans_a_sentence_break() -> None:
    text = ("A landslide blocked a section of the Suhua Highway. The National Fire Agency said "
            "12 people had been rescued.")
    orgs = find_organizations(text)
    assert "National Fire Agency" in orgs
    assert not any("Highway" in org for org in orgs), orgs


def test_the_organisation_table_names_agencies_leagues_and_clubs() -> None:
    text = ("The Boston Celtics beat the Dallas Mavericks 106-88 to win the NBA title. Separately, "
            "NASA said the crew was ready, and the Bank of Korea held rates.")
    orgs = find_organizations(text)
    for name in ("Boston Celtics", "Dallas Mavericks", "NBA", "NASA", "Bank of Korea"):
        assert name in orgs, (name, orgs)


def test_organisation_table_is_well_formed() -> None:
    rows = organisation_table()
    assert len(rows) > 100
    assert all(cc is None or (len(cc) == 2 and cc.isupper()) for _, cc in rows)
    assert len({name for name, _ in rows}) == len(rows), "a name listed twice"


@pytest.mark.parametrize("text, person", [
    # What a player did makes a person, like speech does.
    ("The Celtics won again; Jayson Tatum scored 31 points and grabbed 11 rebounds.", "Jayson Tatum"),
    # A capitalised job word at the sentence start is not part of the name.
    ("Comedian Volodymyr Zelenskiy won the presidential runoff by a landslide.", "Volodymyr Zelenskiy"),
    # An English given name, a Chinese surname, then the Chinese name in brackets.
    ("President William Lai (賴清德) yesterday said the island would not back down.", "William Lai"),
    # Names listed with a person are people ("and" joins the last two into one run).
    ("The prize went to US biochemist David Baker, Demis Hassabis and John Jumper.", "Demis Hassabis"),
    ("The prize went to US biochemist David Baker, Demis Hassabis and John Jumper.", "John Jumper"),
])
def test_people_cases(text: str, person: str) -> None:
    assert person in find_people(text)


def test_places_in_a_list_with_a_person_stay_places() -> None:
    assert find_people("President Joe Biden, Hong Kong and Macau officials met.") == ("Joe Biden",)


def test_a_national_organisation_or_team_names_its_country() -> None:
    assert story_countries("The Boston Celtics beat the Dallas Mavericks to win the title.") == ("US",)
    assert story_countries("NASA said the Artemis II crew would fly next year.") == ("US",)
    # A wire service is not the story's place.
    assert story_countries("Reuters and AFP reported the talks had ended.") == ()


# --- the city gazetteer (GeoNames towns of 15,000+ people) ---------------------------------------

@pytest.mark.parametrize("text, expected", [
    # A big city the stop-list used to drop (Boston, Lincolnshire, is a town of 35,000).
    ("The parade wound through Boston yesterday as fans cheered the champions.", ("US",)),
    # A town of under 100,000 people, used as a place.
    ("The jet crashed while landing at the airport in Muan yesterday, officials said.", ("KR",)),
    # Town names that are common words, people's names or calendar words assign nothing.
    ("He was reading in Bath when the Nice weather broke.", ()),
    ("She moved to Reading, then went Mobile; Split said Sale was Of note.", ()),
    ("Rates rose again in March and in May, the report said.", ()),
    # A town another country also has: the story's own country wins ("Nara" is also in Mali).
    ("The former prime minister was shot in the city of Nara, in western Japan.", ("JP",)),
])
def test_city_gazetteer(text: str, expected: tuple[str, ...]) -> None:
    assert story_countries(text) == expected


@pytest.mark.parametrize("text, expected", [
    # Korean items: Hangul place names (particles attached) name countries.
    ("한강 작가의 노벨문학상 수상 소식이 전해진 뒤 서울의 주요 서점에서 그의 작품이 품절됐다.", ("KR",)),
    ("북한은 어제 동해상으로 탄도미사일을 발사했다고 합동참모본부가 밝혔다.", ("KP",)),
    # "Plains, Georgia" is the US state, as US copy places a town.
    ("Former US president Jimmy Carter, the peanut farmer from Georgia, died at his home in "
     "Plains, Georgia, at the age of 100.", ("US",)),
    # A reaction paragraph opening with another country is a passing mention.
    ("Voters in Chile yesterday elected a new president after a campaign dominated by crime and "
     "the cost of living; the winner takes office in March with a majority in both houses.\n"
     "The winner promised to cut taxes for Chilean small firms, to hire 5,000 more police "
     "officers in Santiago and to reform the pension system, which covers 11 million workers, "
     "before the end of next year. Turnout reached a record 85 percent after voting was made "
     "compulsory, the electoral service said.\n"
     "Japan’s foreign minister sent congratulations.", ("CL",)),
])
def test_country_cases(text: str, expected: tuple[str, ...]) -> None:
    assert story_countries(text) == expected


# --- a story that names no country: its script's, else the newsroom's home ---------------------

DOMESTIC = ("The central bank last night raised its benchmark interest rate by 0.125 percentage "
            "points to curb inflation, the governor told a news conference after the board met.")


def test_a_story_naming_no_place_is_the_newsrooms_home() -> None:
    assert story_countries(DOMESTIC) == ()
    assert story_countries(DOMESTIC, "TW") == ("TW",)
    # A story that names its own place keeps it: the home is only the fallback.
    assert story_countries("Police in Peru arrested three men yesterday.", "TW") == ("PE",)


@pytest.mark.parametrize("text, expected", [
    ("ジャニーズ事務所の社長は14日、創業者による性加害問題について動画と文書で公式に謝罪した。", ("JP",)),
    ("주요 서점에서 그의 작품 주문이 폭주해 대표작이 잇따라 품절됐다.", ("KR",)),
])
def test_a_story_naming_no_place_in_kana_or_hangul_is_japan_or_korea(text: str, expected) -> None:
    assert story_countries(text, "TW") == expected


def test_a_foreign_latin_language_story_is_not_the_home_country() -> None:
    from site_builder.ingest.digest import Line
    from site_builder.ingest.segment import Paragraph, Segment
    from site_builder.ingest.story import build_story

    def countries(text: str) -> tuple[str, ...]:
        segment = Segment((Paragraph((Line(1, text),), text),))
        story = build_story(segment, date(2025, 1, 1), (), (), "en", "TW")
        return story.countries

    assert countries(DOMESTIC) == ("TW",)
    assert countries("La Cámara Nacional de Apelaciones del Trabajo suspendió el 3 de enero el "
                     "capítulo laboral del decreto, tras un recurso de la central obrera.") == ()
    assert countries("中央銀行昨晚宣布升息半碼，以抑制通膨，總裁在理監事會後的記者會上說明。") == ("TW",)


@pytest.mark.parametrize("text, expected", [
    ("Carlos Alcaraz beat Novak Djokovic in the Wimbledon final on Sunday.", "GB"),
    ("Tiger Woods won by one stroke at Augusta National, his fifth green jacket.", "US"),
    ("Shares on Wall Street fell for a third day as bond yields rose.", "US"),
])
def test_a_venue_names_its_country(text: str, expected: str) -> None:
    assert expected in story_countries(text)


def test_home_country_config_key() -> None:
    base = {"title": "T", "site_url": "https://x.example/", "timezone": "UTC"}
    assert parse_config(base, ROOT).home_country is None
    assert parse_config(base | {"home_country": "TW"}, ROOT).home_country == "TW"
    from site_builder.config import ConfigError
    with pytest.raises(ConfigError, match="home_country"):
        parse_config(base | {"home_country": "Taiwan"}, ROOT)


def test_abortion_is_health_as_well_as_politics(topics) -> None:
    got = classify_topics("The governor yesterday signed into law a bill that bans most abortions "
                          "after six weeks of pregnancy, and opponents said they would challenge it.",
                          topics)
    assert got[:2] == ("politics", "health"), got


def test_a_flood_is_weather_as_well_as_disaster_and_river_banks_are_not_money(topics) -> None:
    got = classify_topics("Floods after three days of torrential rain swept through villages in "
                          "the north yesterday, killing at least nine people and forcing thousands "
                          "from their homes.", topics)
    assert {"weather", "disaster-accident"} <= set(got), got
    got = classify_topics("Floods swept through three provinces this week, killing at least 14 "
                          "people and forcing 20,000 from their homes, as rivers burst their banks.",
                          topics)
    assert got == ("disaster-accident",), got


def test_a_persons_name_is_not_topic_vocabulary(topics) -> None:
    # "Imamoglu" starts like "imam*": the names of people are not topic vocabulary.
    got = classify_topics("A court on Sunday ordered that Istanbul Mayor Ekrem Imamoglu be jailed "
                          "pending trial on corruption charges, and police detained 300 protesters; "
                          "Imamoglu said the case was political, and his lawyer Mehmet Pehlivan "
                          "said he would appeal.", topics)
    assert "religion" not in got and got[0] == "crime-law-justice", got


@pytest.mark.parametrize("text, expected", [
    ("La CGT anunció un paro general para el 24 de enero contra el capítulo laboral del decreto "
     "del Gobierno.", "labour"),
    ("Gunmen hijacked a bus on a mountain road and kidnapped 20 passengers, demanding a ransom "
     "for their release.", "crime-law-justice"),
    ("在野黨昨天批評內閣的預算案，朝野協商破局。", "politics"),
])
def test_news_vocabulary_names_the_topic(topics, text: str, expected: str) -> None:
    assert expected in classify_topics(text, topics)


@pytest.mark.parametrize("text, expected", [
    # The rest of an organisation's name is nobody's name.
    ("Shops were quiet, the Ministry of Economic Affairs said yesterday.", ()),
    ("The Ministry of Health, Labour and Welfare said it would test everyone on board.", ()),
    # Inside a sentence a capitalised run is one proper name: no "David Accords".
    ("During his term he brokered the Camp David Accords between Egypt and Israel.", ()),
    # ... while a sentence's first word may be a description before the name,
    ("Comedian Volodymyr Zelenskiy won the runoff by a landslide.", ("Volodymyr Zelenskiy",)),
    # and a person named after an organisation, between commas, is still a person.
    ("He met the head of the Office of the President, Jane Doe, who said she agreed.", ("Jane Doe",)),
])
def test_an_organisations_words_are_not_a_person(text: str, expected: tuple[str, ...]) -> None:
    assert find_people(text) == expected


def test_chinese_name_in_brackets_is_a_person_not_a_place() -> None:
    # 韓國瑜 holds 韓國 (Korea); in brackets after a romanised name it is the person's name.
    assert story_countries("Kaohsiung voters yesterday removed Mayor Han Kuo-yu (韓國瑜) from "
                           "office in a recall vote.") == ("TW",)
    # Running Chinese text still names Korea.
    assert story_countries("韓國總統昨天在首爾宣布新內閣名單。") == ("KR",)


def test_a_story_naming_only_a_company_gets_its_base_before_the_home() -> None:
    text = ("Microsoft's chief executive said yesterday that the chatbot maker OpenAI would keep "
            "its board, after a weekend of talks with investors.")
    assert story_countries(text, "TW") == ("US",)
    # The base is a fallback only: a place the story names wins.
    assert story_countries("Samsung opened a chip plant in Texas yesterday.", "TW") == ("US",)
    assert story_countries("Samsung's union said its strike would go on indefinitely.", "TW") == ("KR",)


@pytest.mark.parametrize("text, expected", [
    # An event the lede's first sentence announces for tomorrow is dated tomorrow.
    ("The assembly is to open in Geneva tomorrow without the island, after a proposal to invite "
     "it was rejected yesterday.", date(2025, 5, 21)),
    # Not after "from" (a service that starts then) ...
    ("Trains will run around the clock from tomorrow morning, the operator said yesterday.",
     date(2025, 5, 19)),
    # ... nor in a later sentence of the lede.
    ("The city government said yesterday that the show would last six minutes. Trains will run "
     "tomorrow until midnight.", date(2025, 5, 19)),
])
def test_tomorrow_in_the_first_sentence_dates_the_story(text: str, expected: date) -> None:
    assert story_date(text, date(2025, 5, 20)) == expected


@pytest.mark.parametrize("text, expected", [
    # From a Monday paper (the 31st), "Wednesday last week" is the 26th, in the week (starting
    # Sunday) before the edition's, not the 19th; its Sunday is the 23rd, not the eve (the 30th).
    ("The tycoon on Wednesday last week announced that he would run for president.",
     date(2025, 3, 26)),
    ("The champion won the title on Sunday last week, his first in 11 years.", date(2025, 3, 23)),
])
def test_a_weekday_last_week_is_in_the_week_before_the_editions(text: str, expected: date) -> None:
    assert story_date(text, date(2025, 3, 31)) == expected


@pytest.mark.parametrize("text, expected", [
    # A later sentence naming three or more countries besides the lead surveys them: victims'
    # nationalities, places where a quake was also felt, donors. None is where the story is.
    ("A bomb tore through a crowded market in Pakistan yesterday, killing at least 30 people.\n"
     "Citizens of the UK, Canada, Japan and Germany were among the dead, officials said.", ("PK",)),
    ("A strong earthquake struck eastern Turkey yesterday, killing at least 40 people, Turkish "
     "officials said.\n"
     "Tremors were also felt in Syria’s Aleppo Province, Iraq and Iran, while the UN said it was "
     "ready to help.", ("TR",)),
    # In the first sentence only a list written as one, not the sentence's subject.
    ("The death toll from the floods in Libya rose to 4,000 yesterday as rescue teams from Egypt, "
     "Turkey and Italy searched the rubble.", ("LY",)),
    # An item of the list may be what a country owns: "Egypt’s Red Crescent, Turkey and Italy".
    ("The death toll from the floods in Libya rose to 4,000 yesterday as rescue teams from "
     "Egypt’s Red Crescent, Turkey and Italy searched the rubble.", ("LY",)),
])
def test_a_sentence_surveying_other_countries_does_not_place_the_story(text: str, expected) -> None:
    assert story_countries(text) == expected
    assert len(find_countries(text)) > len(expected)   # the segmenter still sees them all


@pytest.mark.parametrize("text, expected", [
    # A list that is its first sentence's subject names the story's actors.
    ("The EU, the US, Britain and Canada yesterday imposed sanctions on Chinese officials over "
     "human rights abuses.", {"CN", "US", "GB", "CA"}),
    # Parties of the first sentence that are not one list still count.
    ("Ukraine said yesterday it would accept a US proposal for a ceasefire with Russia after "
     "talks in the Saudi Arabian city of Jeddah.", {"UA", "US", "RU", "SA"}),
    # Two other countries in a later sentence are not a survey: they may be the story's parties.
    ("Voters in Chile yesterday elected a former student leader as president.\nSpain and Japan "
     "sent observers to the count.", {"CL", "ES", "JP"}),
])
def test_the_storys_own_parties_are_not_a_survey(text: str, expected: set[str]) -> None:
    assert set(story_countries(text)) == expected


def test_a_meetings_venue_stays_the_venue_where_the_story_names_it_again() -> None:
    text = ("The UN climate conference is to open in Bonn tomorrow, and Kenya’s environment minister "
            "said yesterday that she would lead a delegation to Bonn to press for funds for Kenya’s "
            "farmers.")
    assert story_countries(text) == ("KE",)
    # A country's own name is not a city: hosting the summit, Japan still acts in the story.
    summit = ("Leaders of the G7 opened their summit in Japan yesterday. Japan said it would put "
              "nuclear disarmament at the top of the agenda, and France backed the plan.")
    assert "JP" in story_countries(summit)


@pytest.mark.parametrize("text, expected", [
    # A comparison's yardstick is not where the story is, nor are the other items of its list.
    ("Inflation in Argentina rose to 200 percent last year, far higher than in Brazil or Chile, "
     "the statistics office said.", ("AR",)),
    ("Taiwan’s birth rate fell to 0.87 last year, lower than Japan’s and South Korea’s, the "
     "Ministry of the Interior said.", ("TW",)),
    ("Germany’s economy shrank for a second year, unlike France, Spain and Italy, whose "
     "economies grew.", ("DE",)),
    # The same countries as the story's subjects still count.
    ("Inflation in Argentina and Brazil rose last year, the statistics offices said.", ("AR", "BR")),
])
def test_a_comparisons_yardstick_is_not_a_place(text: str, expected) -> None:
    assert story_countries(text) == expected
