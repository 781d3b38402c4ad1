"""Unit tests of the pure parts of ingest: reading, kickers, credits, headlines, Markdown escaping."""

from __future__ import annotations

from datetime import date

import pytest
from markdown_it import MarkdownIt

from site_builder.errors import DigestError
from site_builder.ingest.text import (
    find_kicker,
    is_byline,
    is_caps_line,
    is_credit,
    is_page_furniture,
    is_photo_credit,
    is_report_credit,
    is_rule_line,
    list_item,
    language_tag,
    sentences,
    without_dateline,
    without_print_jump,
)
from site_builder.ingest.digest import decode_digest, split_lines
from site_builder.ingest.headline import (
    MAX_TITLE,
    find_body_start,
    make_summary,
    make_title,
    split_opening,
)
from site_builder.ingest.paragraphs import is_digest_heading, paragraphs
from site_builder.ingest.places import story_countries
from site_builder.ingest.segment import segment
from site_builder.ingest.story import body_markdown, build_story, escape_markdown


def test_line_ends_bom_nbsp_and_trailing_spaces() -> None:
    lines = split_lines("\ufeffone\u00a0two  \r\nthree\rfour\n\nfive\x07")
    assert [(l.number, l.text) for l in lines] == [(1, "one two"), (2, "three"), (3, "four"), (4, ""), (5, "five")]


def test_bad_bytes_name_the_line() -> None:
    with pytest.raises(DigestError) as caught:
        decode_digest(b"fine\nalso fine\nbad \xff here\n", "d.txt")
    assert caught.value.line == 3 and "0xff" in str(caught.value) and "d.txt:3" in str(caught.value)


def test_utf16_is_named() -> None:
    with pytest.raises(DigestError, match="UTF-16"):
        decode_digest("hello".encode("utf-16"), "d.txt")


@pytest.mark.parametrize("line, label", [
    ("‘ABUSE OF POWER’: Lee Chun-yi allegedly", "‘ABUSE OF POWER’"),
    ("'ICE': Agents detain", "‘ICE’"),
    ("\"GOLDEN BOOT\": Haaland", "“GOLDEN BOOT”"),
    ("INDO-PACIFIC REGION: Royal Navy", "INDO-PACIFIC REGION"),
    ("‘颱風逼近’：中央氣象署", "‘颱風逼近’"),
    ("‘SÉCHERESSE’ : Le Maroc", "‘SÉCHERESSE’"),
    # A quoted label that goes on in capitals, with hyphens and digits.
    ("'TOP BRASS' KILLED: The nation's top military officer", "‘TOP BRASS’ KILLED"),
    ("‘BLUE-WHITE’ SPLIT: The KMT and the TPP", "‘BLUE-WHITE’ SPLIT"),
    ("‘US-CHINA’ TIES: Xi Jinping", "‘US-CHINA’ TIES"),
    ("COVID-19: Cases rose", "COVID-19"),
])
def test_kickers(line: str, label: str) -> None:
    kicker = find_kicker(line)
    assert kicker is not None and kicker.label == label


@pytest.mark.parametrize("line", [
    "Photo: EPA-EFE", "Q: What now?", "Trump said: “Crimea will stay with Russia.”",
    "行政院長表示：政府將檢討", "‘ABUSE OF POWER: no closing quote", "Note: the figures are provisional.",
])
def test_not_kickers(line: str) -> None:
    assert find_kicker(line) is None


@pytest.mark.parametrize("line", ["Photo: EPA-EFE", "Photo: Reuters", "(Photo: AFP)", "Photograph: Carlos Barria",
                                  "攝影：王大明", "Photos by Jane Doe: Reuters"])
def test_photo_credits(line: str) -> None:
    assert is_photo_credit(line)


def test_reporting_credit_and_not_credits() -> None:
    assert is_report_credit("Additional reporting by Angeliki Koutantou in Athens")
    assert not is_credit("Photographers were kept away from the scene, police said.")
    assert not is_credit("Photo: the minister said the pictures had been faked by rivals of the government party.")


def test_deck_runs_into_body() -> None:
    rest = ("Royal Navy ships exercise the right of freedom of navigation, including in the Taiwan Strait and "
            "South China Sea, the UK’s Tony Radakin told a summit Freedom of navigation in the Indo-Pacific "
            "region is as important as it is in the English Channel.")
    start = find_body_start(rest)
    assert start is not None and rest[start:].startswith("Freedom of navigation")


def test_kicker_without_deck() -> None:
    opening = split_opening("SPORT: Liverpool won the league yesterday. They celebrated.")
    assert opening.kicker == "SPORT" and opening.deck is None and opening.body.startswith("Liverpool won")


def test_titles_are_short_and_never_empty() -> None:
    long_lede = "A " + "very " * 60 + "long sentence about something."
    assert 0 < len(make_title(None, long_lede, "x")) <= MAX_TITLE
    assert make_title(None, "", "fallback text") == "Fallback text"
    assert make_title(None, "   ", "") == "Untitled story"
    assert make_title(None, "Taiwan yesterday denied Chinese allegations.", "") == "Taiwan denies Chinese allegations"


def test_summary_is_one_or_two_sentences() -> None:
    assert make_summary("Short one. Second one here. Third.", False) == "Short one. Second one here."
    assert make_summary("It stops in the middle of", True) == "It stops in the middle of…"


@pytest.mark.parametrize("text", ["1. The court ruled", "# 3 is the number", "- dash", "+ plus", "> quote",
                                  "*stars* and _under_", "<script>alert(1)</script>", "a [link](http://x)",
                                  "---", "2) second", "back\\slash `code`", "&amp; entity", "| a | b |"])
def test_escaped_text_renders_as_itself(text: str) -> None:
    md = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
    html = md.render(escape_markdown(text))
    assert html.startswith("<p>") and html.count("<p>") == 1
    plain = html[3:-5].replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
    assert plain == text


def test_sentences_keep_abbreviations() -> None:
    assert sentences("Mr. Smith went to the U.S. on Monday. He left.") == [
        "Mr. Smith went to the U.S. on Monday.", "He left."]
    assert sentences("颱風來了。民眾撤離！") == ["颱風來了。", "民眾撤離！"]


def test_deck_ending_in_a_name_then_an_article() -> None:
    opening = split_opening("“SECURITY BREACH”: Navy officer detained for selling secrets to China A navy "
                            "lieutenant commander has been detained, prosecutors said.")
    assert opening.deck == "Navy officer detained for selling secrets to China"
    assert opening.body.startswith("A navy lieutenant commander")


def test_chinese_titles_are_short_clauses() -> None:
    title = make_title(None, "中央氣象署昨天發布海上颱風警報，預估颱風將於今天下午最接近台灣東部海面，民眾應注意安全。", "")
    assert title.startswith("中央氣象署發布海上颱風警報") and len(title) <= 32


@pytest.mark.parametrize("line", ["By Chen Yu-fu / Staff reporter", "By Jane Doe and John Roe", "Staff writer, with CNA"])
def test_bylines(line: str) -> None:
    assert is_byline(line) and is_credit(line)


@pytest.mark.parametrize("line", ["par l’Assemblée nationale, qui a adopté une motion de censure par 331",
                                  "by the end of the year, officials said",
                                  "por el Congreso, que aprobó la ley por 180"])
def test_a_wrapped_line_opening_with_by_is_not_a_byline(line: str) -> None:
    # "By", "Par", "Por" open a byline only before a capitalised name.
    assert not is_byline(line) and not is_credit(line)


def test_caps_line_is_a_kicker_line_but_not_a_sentence() -> None:
    assert is_caps_line("WORLD NEWS")
    assert not is_caps_line("NATO MEETS.")
    assert not is_caps_line("World news")


@pytest.mark.parametrize("lede, title", [
    ("NAIROBI, Kenya (AP) — Thousands of young people marched in Nairobi on Sunday to mark the anniversary.",
     "Thousands of young people march in Nairobi to mark anniversary"),
    ("BRASILIA (Reuters) - Brazil's central bank held rates steady.", "Brazil's central bank holds rates steady"),
    ("SAN JUAN, Puerto Rico — Power returned to most homes.", "Power returns to most homes"),
    ("WASHINGTON, D.C. — The Senate passed the bill.", "Senate passes bill"),
    ("Taipei, April 26 (CNA) – The Cabinet approved the plan.", "Cabinet approves plan"),
    ("（中央社記者陳家倫台北19日電）立法院今天三讀通過財政收支劃分法修正草案。", "立法院三讀通過財政收支劃分法修正草案"),
    # a European agency's, an agency alone, a place and an agency with no dash (once all kept)
    ("MADRID, 3 dic (EFE).- El Gobierno aprobó este martes un plan de vivienda.", "Gobierno aprobó un plan de vivienda"),
    ("BERLIN, 3. Dezember (dpa) - Die Bundesregierung hat am Sonntag ein Programm beschlossen, das den Ausbau "
     "der Windkraft beschleunigen soll.", "Bundesregierung hat ein Programm beschlossen"),
    ("(CNN) — A small plane crashed in San Diego.", "Small plane crashes in San Diego"),
    ("Taipei, Dec. 3 (CNA) Taiwan's Legislative Yuan passed the bill.", "Taiwan's Legislative Yuan passes bill"),
])
def test_a_wire_dateline_stays_out_of_title_and_summary(lede: str, title: str) -> None:
    assert make_title(None, lede, "x") == title
    summary = make_summary(lede, False)
    assert lede.endswith(summary) and len(summary) < len(lede)


@pytest.mark.parametrize("lede", [
    "Meanwhile — and this matters — the court adjourned.",       # a mixed-case word is no dateline
    "Kenya's parliament on Sunday passed the budget.",
    "US President Joe Biden said the talks would resume.",
    "LONDON —",                                                  # nothing after it: kept
    "John Smith (Reuters) said the talks would resume.",         # a name and its employer
    "Taiwan (ROC) Foreign Minister Lin Chia-lung said.",
    "Apple (AAPL) shares rose 3 percent.",
])
def test_text_without_a_wire_dateline_is_kept(lede: str) -> None:
    assert without_dateline(lede) == lede


@pytest.mark.parametrize("text, tag", [
    ("日本銀行は30日、金融政策決定会合で政策金利を0.5%に据え置くことを決めた。", "ja"),
    ("立法院今天三讀通過財政收支劃分法修正草案，中央將增加對地方政府的統籌分配款。", "zh-Hant"),
    ("国务院总理昨天说，中国经济今年将保持稳定增长，对外开放的大门会越开越大。", "zh-Hans"),
    ("台北天氣晴朗", "zh"),
    ("한국은행은 30일 기준금리를 연 2.5%로 동결했다고 밝혔다.", "ko"),
    ("El Gobierno de España aprobó ayer un plan de vivienda para construir pisos de alquiler con ayudas.", "es"),
    ("Die Bundesregierung hat am Sonntag ein Programm beschlossen, das den Ausbau der Windkraft beschleunigen soll.", "de"),
    ("The government said on Sunday that it would raise the tax on fuel, and the opposition was angry.", "en"),
    ("Short.", ""),
])
def test_language_tags(text: str, tag: str) -> None:
    assert language_tag(text) == tag


def test_japanese_titles_drop_the_day_and_keep_a_short_sentence_whole() -> None:
    lede = "日本銀行は30日、金融政策決定会合で政策金利を0.5%に据え置くことを決めた。植田和男総裁は述べた。"
    assert make_title(None, lede, "x") == "日本銀行、金融政策決定会合で政策金利を0.5%に据え置くことを決めた"
    assert make_title(None, "行政院19日表示，將尊重國會決定。", "x") == "行政院表示，將尊重國會決定"


def test_a_title_cut_in_another_language_does_not_end_on_a_preposition() -> None:
    lede = ("El Gobierno de España aprobó ayer un plan de vivienda de 5.000 millones de euros para construir "
            "180.000 pisos de alquiler asequible en los próximos diez años.")
    assert make_title(None, lede, "x").endswith("millones de euros")


@pytest.mark.parametrize("paragraph, deck, body_start", [
    # a verb's capitalised object is not the body; the deck's surname named again is
    ("‘US-CHINA’ TIES: Chinese Vice President Han Zheng met US Senate Majority Leader Chuck Schumer in Beijing "
     "Schumer told Han that he was “deeply disappointed” that China had not expressed sympathy.",
     "Chinese Vice President Han Zheng met US Senate Majority Leader Chuck Schumer in Beijing", "Schumer told Han"),
    # a place after a preposition of place is the lede's own ('struck off Yilan County')
    ("EARTHQUAKE: A magnitude 6.1 earthquake struck off Yilan County early yesterday, the Central Weather "
     "Administration said, shaking buildings in Taipei.", None, "A magnitude 6.1 earthquake struck off Yilan"),
    # a deck's bare passive still ends the deck when the body's subject has its verb
    ("STORM: Twelve people were killed Typhoon Haikui made landfall in Taitung County yesterday.",
     "Twelve people were killed", "Typhoon Haikui made landfall"),
])
def test_a_deck_ends_where_the_body_begins_not_before_a_verbs_object(paragraph: str, deck: str | None,
                                                                      body_start: str) -> None:
    opening = split_opening(paragraph)
    assert opening.deck == deck
    assert opening.body.startswith(body_start)


@pytest.mark.parametrize("lede, title", [
    ("Chinese President Xi Jinping met Chuck Schumer in Beijing yesterday.", "Xi meets Chuck Schumer in Beijing"),
    ("South Korean President Yoon Suk Yeol declared martial law yesterday.", "Yoon declares martial law"),
    ("Singaporean Prime Minister Lee Hsien Loong arrived in Beijing yesterday.", "Lee arrives in Beijing"),
    ("White House press secretary Jen Psaki said yesterday the talks would continue.", "Psaki says talks will continue"),
])
def test_a_chinese_or_korean_name_is_shortened_to_its_family_name(lede: str, title: str) -> None:
    # Written family name first: 'Xi Jinping' is Xi, not 'Jinping'; 'Jen Psaki' stays Psaki.
    assert make_title(None, lede, "") == title


def test_a_source_named_mid_sentence_goes_with_its_commas_and_leaves_one() -> None:
    # ', the Central Weather Administration said,' (four words before 'said') once left
    # 'Yilan County shaking buildings', the clause's comma gone with the source.
    lede = ("A magnitude 6.1 earthquake struck off Yilan County early yesterday, the Central Weather "
            "Administration said, shaking buildings in Taipei but causing no damage.")
    assert make_title(None, lede, "") == "Magnitude 6.1 earthquake strikes off Yilan County, shaking buildings in Taipei"


@pytest.mark.parametrize("lede, title", [
    ("Lawmakers yesterday, after a heated debate, passed the bill.", "Lawmakers pass bill"),
    ("Taiwan, Japan and the US yesterday signed a pact.", "Taiwan, Japan and US sign pact"),
])
def test_a_verb_agrees_with_the_subjects_head_not_a_phrase_between_commas(lede: str, title: str) -> None:
    # 'Lawmakers, after a heated debate,' once gave 'passes' (agreeing with 'debate'); the phrase
    # between commas now goes (an appositive of the subject), and the verb still agrees.
    assert make_title(None, lede, "") == title


@pytest.mark.parametrize("line, label", [("‘F-16’ DEAL: The US approved the sale of parts", "‘F-16’ DEAL"),
                                         ("G7: Leaders met in Hiroshima", "G7")])
def test_a_kicker_may_be_letters_and_digits(line: str, label: str) -> None:
    kicker = find_kicker(line)
    assert kicker is not None and kicker.label == label


@pytest.mark.parametrize("text, tag", [
    # 'la', 'que', 'de' are French and Spanish alike: they once outvoted the Spanish words
    ("El Gobierno de España aprobó ayer un paquete de ayudas de 10.600 millones de euros para los afectados "
     "por la dana que devastó la provincia de Valencia a finales de octubre.", "es"),
    ("Los líderes de México y Canadá acuerdan ampliar la cooperación comercial", "es"),
    ("Le gouvernement de Michel Barnier a été renversé mercredi par l’Assemblée nationale, qui a adopté une "
     "motion de censure.", "fr"),
    ("Taiwan’s de facto ambassador said the US had reached a deal with the island on tariffs.", "en"),
    ("Il governo italiano ha approvato ieri la legge di bilancio per il 2025, che prevede un taglio delle tasse.", "it"),
    ("O Supremo Tribunal Federal do Brasil decidiu na quarta-feira que as plataformas digitais podem ser "
     "responsabilizadas por conteúdos publicados pelos usuários, numa votação de 8 a 3.", "pt"),
    ("Het kabinet heeft gisteren besloten dat de belasting op benzine volgend jaar niet wordt verhoogd, "
     "zei de minister.", "nl"),
    ("Presiden Prabowo mengatakan bahwa pemerintah akan membangun tiga juta rumah yang terjangkau untuk "
     "rakyat dalam lima tahun.", "id"),
    ("Thủ tướng hôm qua yêu cầu các bộ ngành đẩy nhanh tiến độ giải ngân vốn đầu tư công trong những tháng "
     "cuối năm.", "vi"),
    # names and loanwords of those languages leave an English sentence English
    ("Italian Prime Minister Giorgia Meloni said the Banca d’Italia and the Tribunal de Contas would review "
     "the plan for the new port.", "en"),
])
def test_language_is_told_by_the_words_only_it_uses(text: str, tag: str) -> None:
    assert language_tag(text) == tag


def test_a_title_never_ends_on_worth() -> None:
    title = make_title(None, "The US State Department approved the possible sale of F-16 fighter jet parts worth "
                             "US$320 million to Taiwan, the Ministry of National Defense said yesterday.", "")
    assert not title.endswith(" worth") and title.startswith("US State Department approves")


@pytest.mark.parametrize("lede, title", [
    ("Donald Trump’s administration yesterday ordered a freeze on almost all US foreign aid programs for 90 days "
     "while it reviews whether they align with the president’s policy goals.",
     "Donald Trump’s administration orders freeze on almost all US foreign aid"),
    ("Alabama Governor Kay Ivey on Wednesday signed into law a near-total ban on abortion, the most restrictive "
     "in the US, which makes performing the procedure at any stage of pregnancy a felony punishable by up to 99 "
     "years in prison.", "Alabama Governor Kay Ivey signs into law near-total ban on abortion"),
    ("Taipei City Government said yesterday that it would extend its ban on single-use plastic tableware to all "
     "municipal buildings, public schools and hospitals from January, and that the city’s night markets would "
     "be the next target.", "Taipei City Government to extend ban on single-use plastic tableware"),
])
def test_a_noun_keeps_what_it_is_on_and_a_cut_never_ends_on_all(lede: str, title: str) -> None:
    # Once: 'orders freeze', 'signs into law near-total ban', 'to extend ban'.
    assert make_title(None, lede, "") == title


@pytest.mark.parametrize("deck, lede, title", [
    # 'lending to property' is no headline future ('Taiwan Railway to run'): the verb is 'rose'
    (None, "The Financial Supervisory Commission said bank lending to property developers rose 8 percent last "
           "year, despite measures to cool the housing market.", "Bank lending to property developers rises 8 percent"),
    (None, "Exports to China rose 8 percent last month.", "Exports to China rise 8 percent"),
    # a participle that is an adjective after the deck's present verb stays ('mix doubles' once)
    ("Hsieh Su-wei wins mixed doubles title at Wimbledon", "Hsieh Su-wei won the title.",
     "Hsieh Su-wei wins mixed doubles title at Wimbledon"),
    # the clauses of the same moment follow the main verb into the present
    (None, "Eight people died and dozens were injured when a bus carrying pilgrims plunged into a ravine in "
           "northern India, police said.", "Eight people die and dozens injured when bus carrying pilgrims plunges"),
    # … after a perfect main verb as well ('have killed … as floods swept' once)
    (None, "Heavy rains have killed at least 38 people in Kenya over the past week, the interior ministry said on "
           "Wednesday, as floods swept away homes and cut off roads in several counties.",
     "Heavy rains kill at least 38 in Kenya over past week, as floods sweep away homes"),
    (None, "Two suspects have been arrested in Lyon, as investigators searched the ruins of the mosque.",
     "Two suspects arrested in Lyon, as investigators search ruins of mosque"),
])
def test_a_headline_is_in_one_tense(deck: str | None, lede: str, title: str) -> None:
    assert make_title(deck, lede, "") == title


def test_a_dropped_speaker_stays_where_its_pointed_to_it() -> None:
    # 'X said its revenue rose' once gave 'Revenue in December rises …': whose revenue was lost.
    lede = ("Taiwan Semiconductor Manufacturing Co said its revenue in December rose 20 percent from a year "
            "earlier to a record, driven by orders for chips.")
    assert make_title(None, lede, "") == "Taiwan Semiconductor Manufacturing Co’s revenue in December rises 20 percent"


@pytest.mark.parametrize("line, rule", [
    ("***", True), ("* * *", True), ("---", True), ("————", True), ("■ ■ ■", True), ("＊＊＊", True), ("#####", True),
    ("--", False), ("*", False), ("— Reuters", False), ("- AP", False), ("***Breaking***", False), ("1.", False),
    ("#MeToo", False), ("...", False),
])
def test_a_rule_line_is_marks_only(line: str, rule: bool) -> None:
    assert is_rule_line(line) is rule


def test_a_rule_under_a_headline_underlines_it_and_one_after_a_story_parts_it() -> None:
    rule = "-" * 30
    text = "\n".join([rule, "Storm knocks out power to 200,000 homes", rule,
                      "A storm knocked out power to 200,000 homes overnight, the grid operator said yesterday.",
                      "Crews were working to restore electricity.", rule,
                      "Central bank holds rates steady", "=" * 30,
                      "The central bank yesterday kept its benchmark rate unchanged at 2 percent.", rule])
    stories = [[line.number for line in seg.lines] for seg in segment(split_lines(text))]
    assert stories == [[2, 4, 5], [7, 9]]
    assert [seg.reason for seg in segment(split_lines(text))] == ["start", "separator"]


@pytest.mark.parametrize("text, mark, rest", [
    ("1. The ECB left rates unchanged.", "1", "The ECB left rates unchanged."),
    ("12) Shares fell.", "12", "Shares fell."),
    ("• Brazil's Senate approved a bill.", "•", "Brazil's Senate approved a bill."),
    ("- Brazil's Senate approved a bill.", "-", "Brazil's Senate approved a bill."),
    ("- Reuters", "", "- Reuters"),                      # a sign-off, not an item
    ("1.5 million people voted.", "", "1.5 million people voted."),
    ("2025. A year of change.", "", "2025. A year of change."),
    ("— AP", "", "— AP"),
])
def test_a_list_items_mark(text: str, mark: str, rest: str) -> None:
    assert list_item(text) == (mark, rest)


@pytest.mark.parametrize("text, heading", [
    ("TODAY'S TOP STORIES - Thursday, December 3, 2026", True),
    ("Morning Briefing | 3 Dec 2026", True),
    ("News digest 2026-12-03", True),
    ("Le Monde, jeudi 3 décembre 2026", True),
    ("Election set for March 5", False),                    # no year, no weekday: a headline
    ("Storm hits coast on Sunday", False),
    ("The vote was held on Thursday, December 3, 2026.", False),   # a sentence
    ("By Jane Doe, December 3, 2026", False),                  # a byline
])
def test_a_digests_own_heading(text: str, heading: bool) -> None:
    assert is_digest_heading(text) is heading


def test_a_list_inside_a_story_does_not_part_it_and_a_list_of_stories_does() -> None:
    inside = ("The Cabinet yesterday approved a three-step plan to cut power use in government buildings.\n"
              "1. Offices will set air conditioning no lower than 27°C.\n"
              "2. Lights will be turned off at lunchtime.\n"
              "3. Elevators will stop at every other floor.\n")
    assert [[line.number for line in seg.lines] for seg in segment(split_lines(inside))] == [[1, 2, 3, 4]]
    stories = ("1. The Cabinet yesterday approved a plan to cut power use in government buildings.\n"
               "Offices will set air conditioning no lower than 27°C.\n"
               "2. The ministry also said that the plan would cost NT$20 million.\n")
    assert [[line.number for line in seg.lines] for seg in segment(split_lines(stories))] == [[1, 2], [3]]


@pytest.mark.parametrize("raw, plain", [
    ("## Typhoon nears coast", "Typhoon nears coast"),
    ("**HUALIEN** — Typhoon Kong-rey neared", "HUALIEN — Typhoon Kong-rey neared"),
    ("the [Central Center](https://example.org/ceoc) said", "the Central Center (https://example.org/ceoc) said"),
    ("driven by *artificial intelligence* servers", "driven by artificial intelligence servers"),
    ("_Additional reporting by CNA_", "Additional reporting by CNA"),
    ("`code` stays as text", "code stays as text"),
    # not Markdown: arithmetic, identifiers, hashtags, footnote stars, an unpaired star
    ("5 * 3 * 2", "5 * 3 * 2"), ("snake_case_name", "snake_case_name"), ("#MeToo grows", "#MeToo grows"),
    ("Turnout was 60%**", "Turnout was 60%**"), ("*Figures are provisional", "*Figures are provisional"),
    ("x**2**y", "x**2**y"),
])
def test_markdown_marks_leave_a_digest_line(raw: str, plain: str) -> None:
    assert split_lines(raw)[0].text == plain


_SUBHEADED = (
    "Rescuers in Hualien yesterday pulled three more survivors from a collapsed apartment building, three days "
    "after a magnitude 7.2 earthquake struck off the county's coast, the Central Emergency Operation Center said.\n\n"
    "The death toll rose to 14, with 38 people still missing, officials said.\n\n"
    "Search continues\n\n"
    "Teams from Japan and Singapore joined local firefighters at the site of the collapsed building, using "
    "sniffer dogs and thermal cameras to search the rubble.\n\n"
    "Aftershocks\n\n"
    "The Central Weather Administration recorded more than 300 aftershocks since the earthquake struck.\n\n"
    "Chip exports hit record\n\n"
    "Taiwan's exports rose 21 percent in October from a year earlier to a record, the Ministry of Finance said "
    "yesterday.\n")


def test_a_subhead_stays_in_its_story_and_a_headline_starts_one() -> None:
    # 'Search continues' and 'Aftershocks' once started stories of their own; a headline before a
    # lede with its own time word still does.
    segments = segment(split_lines(_SUBHEADED))
    assert [(seg.first, seg.last) for seg in segments] == [(1, 11), (13, 15)]
    body = body_markdown(build_story(segments[0], date(2026, 12, 3), (), ()))
    assert "\n\n### Search continues\n\n" in body and "\n\n### Aftershocks\n\n" in body
    assert body.startswith("Rescuers in Hualien")


@pytest.mark.parametrize("lede, countries", [
    # the dateline's place in capitals is the place it was filed from ('Valencia' alone is VE's)
    ("MADRID, 3 dic (EFE).- El Gobierno aprobó este martes un plan para las zonas afectadas por las "
     "inundaciones de Valencia.", ("ES",)),
    ("NAIROBI (AP) — Heavy rains killed 38 people over the past week, officials said.", ("KE",)),
])
def test_a_wire_datelines_place_places_the_story(lede: str, countries: tuple[str, ...]) -> None:
    assert story_countries(lede, "TW") == countries


@pytest.mark.parametrize("text, photo, report", [
    ("Photo caption: Containers are stacked at a port in Busan. REUTERS/Kim Hong-Ji", True, False),
    ("Rescuers search the rubble in Hualien yesterday. (AP Photo/Chiang Ying-ying)", True, False),
    ("Support for the party fell, according to a Reuters/Ipsos poll", False, False),   # body text
    ("Source: Reuters", False, True), ("Sources: AP, AFP", False, True),
    ("Read more: https://www.reuters.com/markets/asia/", False, True), ("https://example.org/story", False, True),
    ("The source said the plan was dead.", False, False), ("Sources said on Monday that talks had failed.", False, False),
])
def test_captions_sources_and_links_are_credits(text: str, photo: bool, report: bool) -> None:
    assert (is_photo_credit(text), is_report_credit(text)) == (photo, report)


def test_wire_trailers_close_their_story() -> None:
    # 'Read more: https://…' was taken for a headline and started a story (titled with the
    # address) that took the caption and the next story; 'Source: Reuters' was a story of its own.
    text = ("TOKYO (Reuters) - Japan's economy grew at an annualised 1.2 percent in the July-September quarter, "
            "government data showed on Monday.\n"
            "(Reporting by Takahiko Wada; Editing by Sam Holmes)\n"
            "SEOUL (Reuters) - South Korea's exports rose for a 14th straight month in November, trade ministry "
            "data showed on Sunday.\n"
            "Read more: https://www.reuters.com/markets/asia/\n"
            "Photo caption: Containers are stacked at a port in Busan, South Korea. REUTERS/Kim Hong-Ji\n"
            "BANGKOK (Reuters) - Thailand's cabinet on Tuesday approved a cash handout for welfare card holders, "
            "a government spokesman said.\n"
            "Source: Reuters\n")
    segments = segment(split_lines(text))
    assert [(seg.first, seg.last) for seg in segments] == [(1, 2), (3, 5), (6, 7)]
    stories = [build_story(seg, date(2026, 12, 3), (), ()) for seg in segments]
    assert [s.title.split()[0] for s in stories] == ["Japan's", "South", "Thailand's"]
    assert stories[1].photo_credit and stories[1].photo_credit.endswith("REUTERS/Kim Hong-Ji")
    assert stories[1].credits == ("Read more: https://www.reuters.com/markets/asia/",)
    assert stories[2].credits == ("Source: Reuters",)


def test_the_email_around_a_pasted_digest_is_in_no_story() -> None:
    # The header lines, 'Hi all, …' and 'Thanks,' / 'Mei' were four stories of their own.
    text = ("From: Newsdesk <newsdesk@example.org>\nSent: Thursday, December 3, 2026 6:02 AM\nTo: Web team\n"
            "Subject: Morning digest\n\nHi all, today's stories below.\n\n"
            "The central bank yesterday raised its benchmark interest rate by 12.5 basis points to 2.125 percent, "
            "citing rising housing prices.\n\n"
            "A 6.1-magnitude earthquake struck off the coast of Yilan County yesterday, but no damage was "
            "reported, the Central Weather Administration said.\n\nThanks,\nMei\n")
    assert [(seg.first, seg.last) for seg in segment(split_lines(text))] == [(8, 8), (10, 10)]
    # a lede that opens like a greeting and a closing line that is news stay stories
    news = ("Hello Kitty maker Sanrio yesterday posted a record profit for the first half of the year.\n\n"
            "Best Buy shares rose 5 percent after the retailer raised its forecast.\n")
    assert [p.first for p in paragraphs(split_lines(news))] == [1, 3]


@pytest.mark.parametrize("paragraph, kept", [
    ("The ministry said. Continued on Page 3", "The ministry said."),
    ("“We hope,” Cho said. (See related story on page 4)", "“We hope,” Cho said."),
    ("Stocks rose. STORY CONTINUES ON PAGE 12", "Stocks rose."),
    ("Continued from Page 1: The bill would also cut fuel taxes.", "The bill would also cut fuel taxes."),
    ("Turn to p. 12", ""),
    ("Related story: page 5", ""),
    # sentences that only mention a page stay whole
    ("The debate continued on page 3", "The debate continued on page 3"),
    ("He said he would see page 3 later.", "He said he would see page 3 later."),
    ("The report's findings are on page 12 of the annex.", "The report's findings are on page 12 of the annex."),
])
def test_a_print_jump_leaves_its_paragraph(paragraph: str, kept: str) -> None:
    assert without_print_jump(paragraph) == kept


def test_a_cut_off_kicker_teaser_is_not_the_deck_of_a_paragraph_in_another_language() -> None:
    # Hard-wrapped, no blank lines: the Spanish item after a cut-off kicker teaser was read as the
    # body under that kicker and its deck, and joined the typhoon story.
    text = ("TYPHOON KRATHON: The Central Weather Administration issued a sea warning\n"
            "for the typhoon, which is expected to bring heavy rain to southern Taiwan\n"
            "from Tuesday\n"
            "El presidente de México, Andrés Manuel López Obrador, entregó ayer la\n"
            "banda presidencial a Claudia Sheinbaum, la primera mujer en gobernar el\n"
            "país.\n"
            "Taiwan's exports rose 4.5 percent year-on-year in September to US$40.2\n"
            "billion, the Ministry of Finance said yesterday.\n")
    assert [(seg.first, seg.last) for seg in segment(split_lines(text))] == [(1, 3), (4, 6), (7, 8)]
    # a kicker and its deck in the language of the paragraph after it still introduce it
    same = ("TYPHOON KRATHON: Schools closed in the south as the storm nears\n\n"
            "The Central Weather Administration issued a sea warning for the typhoon yesterday.\n")
    assert [(seg.first, seg.last) for seg in segment(split_lines(same))] == [(1, 3)]


def test_a_cut_off_kicker_teaser_is_no_deck_and_an_agency_line_opens_its_story() -> None:
    # The kicker teaser cut off at 'rose 3 percent to' was taken for a kicker and its deck, so the
    # next cut-off teaser joined it; 'Agencies, LONDON' over a wire story was that story's title.
    text = ("‘RECORD HIGH’: The TAIEX closed at an all-time high of 23,500 points yesterday, buoyed by foreign "
            "buying of TSMC shares, which rose 3 percent to\n"
            "The Environmental Protection Administration has proposed a carbon fee of NT$300 per tonne, which "
            "would apply to about 500 companies that emit more than 25,000 tonnes a\n"
            "Agencies, LONDON\n"
            "British Prime Minister Keir Starmer yesterday announced plans to nationalize the railways within "
            "five years.\n")
    segments = segment(split_lines(text))
    assert [(seg.first, seg.last) for seg in segments] == [(1, 1), (2, 2), (3, 4)]
    story = build_story(segments[2], date(2025, 3, 1), (), ())
    assert story.title.startswith("Starmer announces") and story.credits == ("Agencies, LONDON",)
    assert is_byline("AFP and Reuters, BEIRUT") and not is_byline("Taiwan, Japan and the US")


def test_an_agencys_name_a_file_photo_caption_and_a_reporter_agency_byline_are_credits() -> None:
    # 'Associated Press' under the byline was the story's title; the 'FILE PHOTO: …' caption a
    # kicker and a story of its own that took in the Seoul story; 'Lisa Barrington, Reuters' its summary.
    text = ("By JANE DOE and JOHN ROE\nAssociated Press\n\n"
            "WASHINGTON (AP) — The Federal Reserve cut its key interest rate by a quarter point on Wednesday, its "
            "third cut this year.\n\n"
            "FILE PHOTO: The Federal Reserve building in Washington, U.S., January 26, 2022. "
            "REUTERS/Joshua Roberts/File Photo\n\n"
            "Lisa Barrington, Reuters\n\n"
            "SEOUL — South Korea's acting president vetoed four opposition-sponsored bills on Thursday.\n")
    segments = segment(split_lines(text))
    assert [(seg.first, seg.last) for seg in segments] == [(1, 6), (8, 10)]
    first, second = (build_story(seg, date(2024, 12, 19), (), ()) for seg in segments)
    assert first.title.startswith("Federal Reserve cuts") and first.photo_credit.startswith("FILE PHOTO:")
    assert first.credits == ("By JANE DOE and JOHN ROE", "Associated Press")
    assert second.title.startswith("South Korea's acting president vetoes") and second.credits == ("Lisa Barrington, Reuters",)


def test_a_newsletters_own_lines_are_in_no_story() -> None:
    # '© 2024 The Daily Ledger. All rights reserved.' and 'To unsubscribe …' ended the last story.
    text = ("View this email in your browser\n\n"
            "The central bank yesterday kept its benchmark interest rate unchanged at 2 percent.\n\n"
            "A 6.1-magnitude earthquake struck off the coast of Yilan County yesterday, but no damage was "
            "reported.\n\n© 2024 The Daily Ledger. All rights reserved.\n"
            "To unsubscribe from this newsletter, click here.\n")
    assert [(seg.first, seg.last) for seg in segment(split_lines(text))] == [(3, 3), (5, 5)]
    # a story about copyright or unsubscribing is news
    news = ("The central bank yesterday kept its benchmark interest rate unchanged at 2 percent.\n\n"
            "Copyright lawsuits against AI companies multiplied this year, a study found.\n\n"
            "Unsubscribe requests rose 40 percent after the change, the company said.\n")
    assert [p.first for p in paragraphs(split_lines(news))] == [1, 3, 5]


@pytest.mark.parametrize("text, tag", [
    ("Президент России Владимир Путин заявил в четверг, что Москва готова к переговорам.", "ru"),
    ("Президент України Володимир Зеленський заявив, що Київ готовий до переговорів.", "uk"),
    ("Председателят на парламента заяви, че изборите ще бъдат през март.", ""),       # Bulgarian: untold
    ("قال الرئيس المصري إن القاهرة مستعدة لاستضافة المحادثات.", "ar"),
    ("رئیس جمهور ایران گفت که تهران آماده گفتگو است.", "fa"),
])
def test_cyrillic_and_arabic_script_languages_by_their_own_letters(text: str, tag: str) -> None:
    assert language_tag(text) == tag


def test_a_russian_item_naming_no_place_is_not_the_home_countrys() -> None:
    text = "Президент заявил в четверг, что правительство готово к переговорам на своих условиях.\n"
    story = build_story(segment(split_lines(text))[0], date(2026, 12, 3), (), (), "en", "TW")
    assert story.countries == () and story.lang == "ru"
    home = build_story(segment(split_lines("The central bank raised its rate yesterday.\n"))[0],
                       date(2026, 12, 3), (), (), "en", "TW")
    assert home.countries == ("TW",)


@pytest.mark.parametrize("lede, title", [
    # 'a' after an amount and before a unit is 'per': '20 flights week' once
    ("Singapore Airlines said yesterday it would add 20 flights a week to Australia from January.",
     "Singapore Airlines to add 20 flights a week to Australia from January"),
    ("Oil rose to $80 a barrel yesterday.", "Oil rises to $80 a barrel"),
    ("Workers will get NT$500 a month more, the ministry said.", "Workers to get NT$500 a month more"),
    ("Prices rose 5 percent a year over the decade, the bureau said.", "Prices rise 5 percent a year over decade"),
    # other articles still go
    ("The company hired a person to run the unit.", "Company hires person to run unit"),
    ("Chile's copper output fell 4 percent in October from a year earlier.",
     "Chile's copper output falls 4 percent in October from year earlier"),
    # 'a year ago': the 'a' is the count ('wins 3 seats year ago' once)
    ("The party won 3 seats a year ago.", "Party wins 3 seats a year ago"),
    # ... and in a span of time after a preposition ('for the first time in year' once)
    ("The central bank yesterday raised its benchmark rate for the first time in a year.",
     "Central bank raises benchmark rate for first time in a year"),
    ("Exports rose at the fastest pace in a decade, the ministry said.", "Exports rise at fastest pace in a decade"),
    ("The company will open a store in a mall in Taipei.", "Company to open store in mall in Taipei"),
])
def test_a_rate_keeps_its_a(lede: str, title: str) -> None:
    assert make_title(None, lede, "") == title


def test_a_label_in_lenticular_brackets_is_a_kicker() -> None:
    # '【速報】日銀が追加利上げ …' was the headline with its label; now the label is the kicker.
    text = ("【速報】日銀が追加利上げ 政策金利0.75%に\n"
            "日本銀行は3日、金融政策決定会合で政策金利を0.5%から0.75%に引き上げることを決めた。\n"
            "【スポーツ】大谷翔平、3年連続MVP\n"
            "米大リーグ、ドジャースの大谷翔平選手が2日、ナショナル・リーグの最優秀選手に選ばれた。\n")
    segments = segment(split_lines(text))
    assert [(seg.first, seg.last) for seg in segments] == [(1, 2), (3, 4)]
    stories = [build_story(seg, date(2026, 12, 3), (), ()) for seg in segments]
    assert [(s.kicker, s.title) for s in stories] == [("【速報】", "日銀が追加利上げ 政策金利0.75%に"),
                                                      ("【スポーツ】", "大谷翔平、3年連続MVP")]
    assert find_kicker("【】空") is None and find_kicker("日銀【速報】") is None


@pytest.mark.parametrize("deck, lede, title", [
    # a wire desk's slug is for editors: 'UPDATE 2-Nvidia …' once
    ("UPDATE 2-Nvidia forecasts slower data center growth",
     "Nvidia yesterday forecast slower growth in data center sales.", "Nvidia forecasts slower data center growth"),
    (None, "EXCLUSIVE-Apple plans to build a factory in Texas, sources said.", "Apple plans to build factory in Texas"),
    (None, "UPDATED guidelines were issued yesterday.", "UPDATED guidelines issued"),      # a word, no slug
])
def test_a_wire_slug_leaves_the_headline(deck: str | None, lede: str, title: str) -> None:
    assert make_title(deck, lede, "") == title


@pytest.mark.parametrize("line, furniture", [
    ("Advertisement", True), ("Story continues below advertisement", True), ("5 min read", True),
    ("UPDATED 10:15 GMT", True), ("Updated: Dec 4, 2024 10:15 am ET", True), ("Published 3 hours ago", True),
    ("Watch: Reeves defends budget (2:31)", True), ("Related: House Republicans split over spending plan", True),
    # sentences that open with the same words are news
    ("Updated guidelines were issued yesterday.", False), ("Share prices fell 3 percent.", False),
    ("Advertising revenue rose 10 percent, the company said.", False), ("Related stocks rose.", False),
    ("Posted in 2019, the video went viral.", False), ("Watch: the debate", False),
    ("Related: https://www.reuters.com/world/asia-pacific/", False),     # a link: a credit the story keeps
    # a date line of nothing else: the page's time stamp ('Dec 20, 2024' once dated the story by it)
    ("Dec 20, 2024 · 3 min read", True), ("20 December 2024, 10:15 GMT", True), ("2024-12-20 10:15", True),
    ("Dec 20, 2024: The central bank raised rates.", False),
])
def test_a_web_pages_furniture_is_told_from_news(line: str, furniture: bool) -> None:
    assert is_page_furniture(line) is furniture
