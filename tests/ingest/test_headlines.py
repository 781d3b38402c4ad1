"""Headlines: the sub-editor's rules over every digest we have, and each transformation alone."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from site_builder.ingest import subedit as se
from site_builder.ingest import text as tx
from site_builder.ingest.digest import read_digest
from site_builder.ingest.headline import make_title
from site_builder.ingest.segment import segment
from site_builder.ingest.story import build_story

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
DIGESTS = sorted([*(REPO / "tests" / "ingest" / "digests").glob("*.txt"),
                  *(SHARED / "ingest-eval" / "digests").glob("*.txt"),
                  *[p for p in [SHARED / "seed-digest.txt"] if p.is_file()],
                  *(REPO / "content" / "digests").glob("*.txt")])

# A time word left in a title, or half of one ("struck off Hualien County morning",
# "arrested three men early over").
_LEFTOVER_TIME = re.compile(
    r"\b(?:yesterday|today|tonight|tomorrow|last night|overnight|this morning)\b"
    # future and relative times too ("will take effect next week")
    r"|\b(?:next|later this|earlier this)\s+(?:week|weekend|month|year|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b(?!['’]s)"
    r"|\bin the coming (?:days|weeks|months)\b"
    r"|\b(?:morning|afternoon|evening)\b(?!\s+(?:star|paper|show|prayers?|session|rush|peak))"
    r"|\b(?:early|late)\s+(?:over|in|on|at|for|after|with|and|by|to)\b|\b(?:early|late)$"
    r"|昨天|今天|昨日|今日|上午|下午|凌晨|晚間", re.IGNORECASE)


_SENTENCE_STARTS = frozenset("The A An In On At But And He She It They We This That Its His Her Their".split())


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _stories():
    for path in DIGESTS:
        for seg in segment(read_digest(path)):
            yield path, build_story(seg, date(2025, 1, 1), (), ())


@pytest.mark.skipif(not DIGESTS, reason="no digests")
@pytest.mark.parametrize("path", DIGESTS, ids=lambda p: p.name)
def test_every_title_keeps_the_rules(path: Path) -> None:
    for seg in segment(read_digest(path)):
        story = build_story(seg, date(2025, 1, 1), (), ())
        title, where = story.title, f"{path.name}:{story.first_line}: {story.title!r}"
        assert 0 < len(title) <= 80, where
        assert not title.endswith((",", ";", ":", "-", "—", "–", "，", "、", "：")), where
        last = title.split()[-1].lower().strip("\"“”‘’'")
        assert last not in se.FUNCTION_WORDS or len(title.split()) <= 2, where
        assert not _LEFTOVER_TIME.search(title), where
        # Not half a name: the word after the title's last two words in the story is not
        # another capitalised word of the same name.
        tail = " ".join(title.split()[-2:])
        for paragraph in [story.deck or (story.paragraphs[0] if story.paragraphs else "")]:
            at = paragraph.find(tail)
            if title.split()[-1][:1].isupper() and at >= 0 and not tx.is_cjk(title):
                after = re.match(r" ([A-Z][a-z]+)", paragraph[at + len(tail):])
                assert not after or after.group(1) in _SENTENCE_STARTS, where
        # English: not a verbatim copy of the summary's start (other languages are held to
        # "a whole clause", which may be the lede's first); the summary stays a whole sentence.
        if tx.language_tag(story.summary) in ("", "en") and not tx.is_cjk(title):
            assert not _norm(story.summary).startswith(_norm(title)[:60]), where
        assert tx.ends_complete(story.summary) or story.summary.endswith("…") or story.truncated, where


# --- each transformation ---------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("A magnitude 7.2 earthquake struck off Hualien County yesterday morning, killing at least nine people",
     "A magnitude 7.2 earthquake struck off Hualien County, killing at least nine people"),
    ("Police arrested three men early yesterday over the attack", "Police arrested three men over the attack"),
    ("A typhoon hit the southern coast on Sunday afternoon", "A typhoon hit the southern coast"),
    ("Hurricane Milton tore across Florida on Wednesday night and yesterday, killing 10",
     "Hurricane Milton tore across Florida, killing 10"),
    ("The talks ended last night", "The talks ended"),
    ("Easter Sunday bombings killed 207 people", "Easter Sunday bombings killed 207 people"),
    ("Likud emerged as the largest party in Tuesday’s election", "Likud emerged as the largest party in Tuesday’s election"),
    ("The court on March 3 ruled against him", "The court ruled against him"),
    ("Trump said the levy would take effect next week", "Trump said the levy would take effect"),
    ("The rule takes effect next Monday", "The rule takes effect"),
    ("Talks resume later this month in Geneva", "Talks resume in Geneva"),
    ("The court will rule tomorrow", "The court will rule"),
    ("Prices will rise in the coming weeks", "Prices will rise"),
    ("Next year's budget and the next week of talks", "Next year's budget and the next week of talks"),
])
def test_time_words_go_whole(text: str, expected: str) -> None:
    assert se.drop_time_words(text) == expected


def test_parentheses_and_trailing_sources_go() -> None:
    assert se.drop_parentheses("Democratic Progressive Party (DPP) candidate Lai Ching-te (賴清德) won") == \
        "DPP candidate Lai Ching-te won"
    assert se.drop_parentheses("South Africa’s African National Congress (ANC) lost") == "South Africa’s ANC lost"
    # an acronym from another language stands for a party's or body's name of as many words
    assert se.drop_parentheses("The Kurdistan Workers’ Party (PKK) said") == "The PKK said"
    assert se.drop_parentheses("seek the Chinese Nationalist Party’s (KMT) nomination") == "seek the KMT’s nomination"
    assert se.drop_parentheses("Taiwan Railway Corp (TRA) will run") == "Taiwan Railway Corp will run"
    assert se.drop_parentheses("NAIROBI, Kenya (AP) — Police") == "NAIROBI, Kenya — Police"
    assert se.drop_trailing_source("A gunman killed 10 people at a supermarket, authorities said.") == \
        "A gunman killed 10 people at a supermarket"
    assert se.drop_trailing_source("Zelenskiy won the runoff by a landslide, exit polls showed") == \
        "Zelenskiy won the runoff by a landslide"
    assert se.drop_trailing_source("The BJP lost its majority, results showed, leaving it dependent on allies") == \
        "The BJP lost its majority, leaving it dependent on allies"


@pytest.mark.parametrize("past, plural, present", [
    ("won", False, "wins"), ("struck", False, "strikes"), ("found", False, "finds"),
    ("killed", True, "kill"), ("said,", False, "says,"),
])
def test_present_tense(past: str, plural: bool, present: str) -> None:
    assert se._inflect(past, plural) == present


@pytest.mark.parametrize("sentence, expected", [
    ("The High Court yesterday found a New Taipei City woman guilty of helping Beijing recruit spies.",
     "High Court finds New Taipei City woman guilty of helping Beijing recruit spies"),
    ("Former Philippine president Rodrigo Duterte was arrested in Manila.", "Former Philippine president Rodrigo Duterte arrested in Manila"),
    ("Floods have killed at least 14 people in Italy.", "Floods kill at least 14 in Italy"),
    ("US President Donald Trump is to arrive in Riyadh today.", "Trump to arrive in Riyadh"),   # a sitting leader by the family name
    ("The US and the UK on Friday struck more than 60 targets in Yemen.", "US and UK strike 60 targets in Yemen"),
    ("Tugboats struggled to free a 400m ship chartered by Evergreen Marine", "Tugboats struggle to free 400m ship chartered by Evergreen Marine"),
    ("Claudia Sheinbaum, a climate scientist and former mayor of Mexico City, won the election by a landslide.",
     "Claudia Sheinbaum wins election by landslide"),
    # 'announced' with a thing after it is the news, not a report of words
    ("Donald Trump on Wednesday announced a 25 percent tariff on imported cars.",
     "Donald Trump announces 25 percent tariff on imported cars"),
    # a toll after 'after …' is that event's, not the lede verb's
    ("Vladimir Putin apologized to Ilham Aliyev, after a passenger jet crashed in Kazakhstan, killing 38 people.",
     "Vladimir Putin apologizes to Ilham Aliyev, after passenger jet crashed"),
    # a past form followed by 'by' and a later verb is a participle
    ("A container ship chartered by Evergreen Marine ran aground in the Suez Canal.",
     "Container ship chartered by Evergreen Marine runs aground in Suez Canal"),
    # a sitting leader by the family name, a former one with the title
    ("US President Donald Trump on Wednesday announced a 25 percent tariff on imported cars and trucks.",
     "Trump announces 25 percent tariff on imported cars and trucks"),
    ("President Lai Ching-te yesterday marked his first year in office.", "Lai marks first year in office"),
    ("Former US president Jimmy Carter died at 100.", "Former US president Jimmy Carter dies at 100"),
    # 'he was V-ing' reported: the headline's present, not a bare participle ('Musk terminating')
    ("Elon Musk on Friday said he was terminating his US$44 billion deal to buy Twitter Inc.",
     "Musk terminates US$44 billion deal to buy Twitter Inc"),
    # no 'to' + verb cut from its object ('… budget to hire | at least one counselor')
    ("The city council yesterday said that it would give every public primary school a grant to buy at least "
     "two new electric buses for pupils by 2028, after parents complained about long walks.",
     "City council to give every public primary school grant"),
    # 'is also to take': one verb, not a purpose clause to cut before
    ("The pope is to arrive in Lisbon today at the start of a five-day visit to Portugal that is also to take "
     "him to Fatima and Porto, with large crowds expected at every stop.",
     "Pope to arrive in Lisbon at start of five-day visit to Portugal"),
])
def test_tense_articles_and_appositives(sentence: str, expected: str) -> None:
    assert se.english_headline(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("President William Lai said that the memory of the Tiananmen Square crackdown would not fade.",
     "Lai says memory of Tiananmen Square crackdown will not fade"),
    ("The Ministry of Education said that it would give every public junior-high school a counselor.",
     "Ministry of Education to give every public junior-high school counselor"),
    ("Move Forward Party leader Pita Limjaroenrat said that he had formed an eight-party coalition.",
     "Limjaroenrat forms eight-party coalition"),
    ("Ukraine said it was ready to accept a US proposal for a ceasefire.", "Ukraine ready to accept US proposal for ceasefire"),
    ("Japanese health authorities said that 65 more people had tested positive for the virus.",
     "65 more people test positive for virus"),
])
def test_attribution_is_short_or_dropped(sentence: str, expected: str) -> None:
    assert se.english_headline(sentence) == expected


@pytest.mark.parametrize("sentence, must_end", [
    ("The Boston Celtics clinched the top seed in the NBA's Eastern Conference with a win over the "
     "Philadelphia 76ers on Sunday night, their 60th victory of the season.", "Conference"),
    ("NASA said millions of people across Mexico, the US and Canada would see the total solar eclipse "
     "as the moon passes between the Earth and the sun.", "eclipse"),
])
def test_cut_at_a_phrase_boundary(sentence: str, must_end: str) -> None:
    title = se.english_headline(sentence)
    assert len(title) <= 80 and title.endswith(must_end), title
    assert title.split()[-1].lower() not in se.FUNCTION_WORDS


def test_a_long_subject_gives_way_to_the_news() -> None:
    title = se.english_headline("Democratic Progressive Party presidential candidate Lai Ching-te (賴清德) "
                                "yesterday won the presidential election with 40.05 percent of the vote.")
    assert title == "Lai Ching-te wins presidency with 40.05 percent of vote"


def test_other_languages_get_a_whole_clause_of_at_most_80_characters() -> None:
    lede = ("La Cámara Nacional de Apelaciones del Trabajo suspendió el 3 de enero el capítulo laboral del "
            "decreto, al hacer lugar a un amparo presentado por la CGT.")
    title = make_title(None, lede, "x")
    assert len(title) <= 80 and title.split()[-1] not in ("de", "del", "el", "la")
    assert make_title(None, "中國9日下午發射衛星，國防部隨即發送警訊。", "x") == "中國發射衛星，國防部隨即發送警訊"


@pytest.mark.parametrize("lede, title", [
    # Italian: no leading article, no 'ieri' (yesterday)
    ("Il governo italiano ha approvato ieri la legge di bilancio per il 2025, che prevede un taglio delle tasse "
     "per il ceto medio.", "Governo italiano ha approvato la legge di bilancio per il 2025"),
    # Portuguese: 'as' is an article, not the English conjunction to cut before, and no cut ends on one
    ("O Supremo Tribunal Federal do Brasil decidiu na quarta-feira que as plataformas digitais podem ser "
     "responsabilizadas por conteúdos publicados pelos usuários, numa votação de 8 a 3.",
     "Supremo Tribunal Federal do Brasil decidiu que as plataformas digitais"),
    # Vietnamese: no 'hôm qua' (yesterday); cut at a word within 80 characters
    ("Thủ tướng Phạm Minh Chính hôm qua yêu cầu các bộ ngành đẩy nhanh tiến độ giải ngân vốn đầu tư công trong "
     "những tháng cuối năm.", "Thủ tướng Phạm Minh Chính yêu cầu các bộ ngành đẩy nhanh tiến độ giải ngân vốn"),
    # Arabic: cut before 'بين' (between), a phrase's first word, not after it
    ("قال وزير الخارجية المصري إن القاهرة مستعدة لاستضافة جولة جديدة من المحادثات بين الطرفين الأسبوع المقبل، في "
     "إطار الجهود الرامية إلى التوصل لوقف دائم لإطلاق النار.",
     "قال وزير الخارجية المصري إن القاهرة مستعدة لاستضافة جولة جديدة من المحادثات"),
    ("Министерство обороны России сообщило о переброске дополнительных войск в Курскую область для отражения "
     "наступления украинских сил.", "Министерство обороны России сообщило о переброске дополнительных войск"),
    # a plural or feminine article goes whole ('S manifestants …', 'E Mehrheit …' once)
    ("Les manifestants ont défilé hier à Paris contre la réforme des retraites du gouvernement Barnier.",
     "Manifestants ont défilé à Paris contre la réforme des retraites du gouvernement"),
    ("Las lluvias torrenciales dejaron ayer al menos 200 muertos en la provincia de Valencia.",
     "Lluvias torrenciales dejaron al menos 200 muertos en la provincia de Valencia"),
    ("Eine Mehrheit der Abgeordneten hat am Mittwoch das Gesetz zur Rente beschlossen.",
     "Mehrheit der Abgeordneten hat das Gesetz zur Rente beschlossen"),
    ("L’Assemblée nationale a adopté hier le budget de la Sécurité sociale après un long débat.",
     "Assemblée nationale a adopté le budget de la Sécurité sociale"),
])
def test_italian_portuguese_and_vietnamese_get_a_clause_without_time_words(lede: str, title: str) -> None:
    assert make_title(None, lede, "x") == title


@pytest.mark.parametrize("lede, title", [
    # the clause before the first comma was only the subject: 'Presidente de México'
    ("El presidente de México, Andrés Manuel López Obrador, entregó ayer la banda presidencial a Claudia "
     "Sheinbaum, la primera mujer en gobernar el país.",
     "Andrés Manuel López Obrador entregó la banda presidencial a Claudia Sheinbaum"),
    ("Le président français, Emmanuel Macron, a annoncé dimanche la dissolution de l’Assemblée nationale après "
     "la défaite de son camp aux élections européennes.", "Emmanuel Macron a annoncé la dissolution de l’Assemblée nationale"),
    ("Der Bundeskanzler, Olaf Scholz, hat am Mittwoch seinen Finanzminister Christian Lindner entlassen, womit "
     "die Koalition zerbrochen ist.", "Olaf Scholz hat seinen Finanzminister Christian Lindner entlassen"),
    # a place named between commas is no such subject
    ("En París, Francia, los manifestantes salieron a las calles para protestar contra la reforma de las "
     "pensiones del gobierno.", "En París, Francia, los manifestantes salieron a las calles para protestar"),
])
def test_a_titled_subject_named_between_commas_gives_the_name_and_its_verb(lede: str, title: str) -> None:
    assert make_title(None, lede, "x") == title


@pytest.mark.parametrize("lede, title", [
    # a plural source says 'say' ('Police says' once)
    ("Police said yesterday that a man was arrested in Taipei over the stabbing.", "Police say man arrested in Taipei over stabbing"),
    ("Officials said the bridge would reopen next week.", "Officials say bridge will reopen"),
    ("Researchers found that the drug was effective in 80 percent of patients.",
     "Researchers find drug is effective in 80 percent of patients"),
    ("The company said its chief executive had resigned.", "Company says chief executive has resigned"),
    # a reported passive loses its auxiliary, a name after its title its commas
    ("Hezbollah yesterday confirmed that its leader, Hassan Nasrallah, was killed in an Israeli airstrike on Beirut "
     "on Friday.", "Hezbollah confirms leader Hassan Nasrallah killed in Israeli airstrike on Beirut"),
    ("The ministry confirmed that two soldiers were injured in the drill.", "Ministry confirms two soldiers injured in drill"),
    ("Taiwan denied Chinese allegations that its military was behind the cyberattack.",
     "Taiwan denies Chinese allegations that military was behind cyberattack"),      # no passive: kept
])
def test_a_reported_clause_reads_as_a_headline(lede: str, title: str) -> None:
    assert make_title(None, lede, "x") == title


_STABBING = ("Police in Taichung yesterday arrested a 32-year-old man who allegedly stabbed two passengers on a "
             "Green Line train on Sunday night.")


@pytest.mark.parametrize("deck, body, title", [
    # the story names the deck's subject as the verb's object: the deck's bare past is a passive
    ("Man arrested over Taichung MRT stabbing", _STABBING, "Man arrested over Taichung MRT stabbing"),
    ("Two killed as bus overturns in Hualien",
     "A tour bus overturned on the Suhua Highway yesterday, killing two people and injuring 20.",
     "Two killed as bus overturns in Hualien"),
    ("Suspect held after Taichung MRT stabbing", "Police are holding a suspect after the attack, which left two hurt.",
     "Suspect held after Taichung MRT stabbing"),
    # ... and not when the deck's subject is the one acting, or the verb takes no object
    ("Police arrested man over MRT stabbing", _STABBING, "Police arrest man over MRT stabbing"),
    ("Exports jumped in October", "Exports jumped 8 percent in October, the ministry said.", "Exports jump in October"),
])
def test_a_decks_bare_passive_is_told_by_the_story_naming_its_subject_as_object(deck: str, body: str,
                                                                                   title: str) -> None:
    # 'Man arrested over …' was once written 'Man arrests over …'
    assert make_title(deck, body, "x") == title


def test_manner_adverbs_and_possessives_go_but_meaning_stays() -> None:
    assert se.english_headline("Queen Elizabeth II died peacefully at Balmoral.") == "Queen Elizabeth II dies at Balmoral"
    assert se.english_headline("The ANC lost its majority.") == "ANC loses majority"
    assert se.english_headline("Nearly 40 percent of schools will close.") == "Nearly 40 percent of schools to close"
    assert se.english_headline("Alcaraz narrowly beat Djokovic.") == "Alcaraz narrowly beats Djokovic"


def test_a_clause_before_the_toll_goes_when_too_long() -> None:
    words = ("Bomb blasts rip through churches and luxury hotels in Sri Lanka as Christians celebrated "
             "Easter, killing at least 207 people").split()
    assert " ".join(se.drop_subordinate(words, 2)) == \
        "Bomb blasts rip through churches and luxury hotels in Sri Lanka, killing at least 207 people"


def test_a_one_word_name_or_number_completes_a_phrase() -> None:
    title = se.english_headline("Former Philippine president Rodrigo Duterte was arrested in Manila on a warrant "
                                "from the International Criminal Court over his deadly war on drugs.")
    assert title == "Former Philippine president Rodrigo Duterte arrested in Manila"   # not "… on warrant from"


def test_a_possessive_titled_person_is_called_by_surname() -> None:
    assert se.english_headline("Indian Prime Minister Narendra Modi’s Bharatiya Janata Party lost its majority.") == \
        "Modi’s Bharatiya Janata Party loses majority"


def test_copula_goes_and_a_cut_never_ends_on_a_modifier() -> None:
    assert se.english_headline("Wagner Group chief Yevgeny Prigozhin was on the passenger list of a private jet.") == \
        "Wagner Group chief Yevgeny Prigozhin on passenger list of private jet"
    assert "locally acquired" in se.english_headline(
        "The Centers for Disease Control yesterday reported the first locally acquired case of dengue fever.")
    title = se.english_headline("Romania’s Constitutional Court yesterday annulled the first round of the country’s "
                                "presidential election, two days before a runoff, citing allegations of interference.")
    assert title == "Romania’s Constitutional Court annuls first round"    # not '… of country’s presidential'


def test_a_leading_scene_setting_phrase_goes() -> None:
    assert se.english_headline("In Washington, US Secretary of State Antony Blinken congratulated Lai.") == \
        "US Secretary of State Antony Blinken congratulates Lai"
    assert se.drop_fronted_phrase("Also yesterday, the Cabinet approved the plan") == "the Cabinet approved the plan"


def test_a_participle_without_an_object_is_no_cut_point() -> None:
    title = se.english_headline("Lee Chun-yi allegedly used a Control Yuan vehicle to transport his dog to a pet "
                                "grooming salon, prosecutors said yesterday, adding that he had also used it for trips.")
    assert not title.endswith(("pet", "grooming")), title


@pytest.mark.parametrize("sentence, expected", [
    ("US House Speaker Nancy Pelosi yesterday told President Tsai Ing-wen that Washington would not abandon Taiwan.",
     "Pelosi tells Tsai Washington will not abandon Taiwan"),
    ("The minister told reporters the plan would go ahead.", "Minister says plan will go ahead"),
])
def test_told_that_is_reported_speech(sentence: str, expected: str) -> None:
    assert se.english_headline(sentence) == expected


def test_no_cut_inside_a_with_phrase_and_the_verb_is_kept() -> None:
    title = se.english_headline(
        "Talks between the White House and Republican lawmakers on raising the US debt ceiling were paused "
        "yesterday, with the lead negotiator for House Speaker Kevin McCarthy saying the talks had stalled.")
    assert title == "Talks between White House and Republican lawmakers paused"   # not '…, with lead negotiator'


@pytest.mark.parametrize("sentence, expected", [
    # a present-tense lede: no later verb is taken for the main one, no subject glued to it
    ("Australians vote today in a general election that opinion polls suggest the opposition Labor Party will "
     "narrowly win, ending nine years of conservative rule.", "Australians vote in general election"),
    # an appositive inside the reported clause does not hide its verb from the back-shift
    ("Microsoft chief executive Satya Nadella said yesterday that Sam Altman, who was fired as head of OpenAI on "
     "Friday, would join Microsoft along with OpenAI president Greg Brockman to lead a new research team.",
     "Nadella says Sam Altman will join Microsoft"),
])
def test_present_ledes_and_reported_appositives(sentence: str, expected: str) -> None:
    assert se.english_headline(sentence) == expected


def test_reported_passive_loses_its_copula() -> None:
    assert se.english_headline("Washington said the raids were meant to stop the Houthis’ attacks on merchant ships") == \
        "Washington says raids meant to stop Houthis’ attacks on merchant ships"


@pytest.mark.parametrize(("wordy", "short"), [
    ("died at his home at the age of 100", "died at his home at 100"),
    ("a temple in the northern city of Ayodhya", "a temple in Ayodhya"),
    ("fires on the island of Chios", "fires on Chios"),
    ("struck the southwestern province of Balochistan", "struck Balochistan"),
    # a capitalised word before the kind of place is part of the name's description: whole
    ("talks in the Saudi Arabian city of Jeddah", "talks in the Saudi Arabian city of Jeddah"),
    ("fires on the Greek island of Chios", "fires on the Greek island of Chios"),
    ("declared a state of emergency", "declared a state of emergency"),
    ("the City of London", "the City of London"),
    ("Ukrainian forces retook more than 1,000km²", "Ukrainian forces retook 1,000km²"),
    ("About 8 million people are expected to travel", "8 million people are expected to travel"),
    # the bare figure would overstate, or is a toll's floor: the hedge stays
    ("Nearly 40 percent of schools", "Nearly 40 percent of schools"),
    ("killing at least 207 people", "killing at least 207 people"),
    ("A series of bomb blasts struck churches", "bomb blasts struck churches"),
    ("to remove the minister over a wave of crime", "to remove the minister over a wave of crime"),
    ("won Ukraine’s presidential runoff by a landslide", "won Ukraine’s presidency by a landslide"),
    ("won the presidential election", "won presidency"),
    ("lost its parliamentary majority", "lost its majority"),
    ("a presidential election was called", "a presidential election was called"),
])
def test_wordy_idioms_are_shortened(wordy: str, short: str) -> None:
    assert se.shorten_idioms(wordy) == short


# --- the lexicon (lemminflect's answers, precomputed) -------------------------------------------------

_LEXICON_SAMPLE = ("won arrested struck killed said put set hit led met ran swept fired tested found helped "
                   "help secure record late peacefully sharply presidential related helping troops floods "
                   "voters people news tens tugboats abbas thomas nation households restaurants").split()


def test_lexicon_gives_lemminflects_answers() -> None:
    """The precomputed file answers as lemminflect does (rerun scripts/make_headline_lexicon.py
    after an upgrade if this fails)."""
    lemminflect = pytest.importorskip("lemminflect")
    from site_builder.ingest import subedit_verbs as sv
    for word in _LEXICON_SAMPLE:
        assert sv._word_classes(word) == set(lemminflect.getAllLemmas(word)), word
        assert sv._verb_form(word) == sv.lemminflect_verb_form(word), word
        assert sv.base_verb(word) == (word in lemminflect.getAllLemmas(word).get("VERB", ())), word
        if word.endswith("s") and not word.endswith(("ss", "us", "is")):
            assert sv._noun_is_plural(word) == sv.lemminflect_noun_is_plural(word), word
        if sv._verb_form(word) == "past":
            lemma = sv.lemminflect_lemma(word)
            assert sv._inflect(word, True) == lemma, word
            assert sv._inflect(word, False) == lemminflect.getInflection(lemma, "VBZ")[0], word


def test_a_headline_does_not_load_lemminflect() -> None:
    """Loading lemminflect (and numpy) costs about 0.7 s of CPU per process; the headline step
    reads the small lexicon instead."""
    import subprocess
    import sys
    code = ("import sys; from site_builder.ingest.subedit import english_headline as h; "
            "print(h('The High Court yesterday found a New Taipei City woman guilty of helping Beijing, "
            "and Filipinos voted.')); print('lemminflect' in sys.modules, 'numpy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO).stdout
    assert out.splitlines() == ["High Court finds New Taipei City woman guilty of helping Beijing", "False False"]


# --- sub-editing moves of the fourth session -------------------------------------------------

def test_no_cut_leaves_an_adjective_without_its_complement() -> None:
    # 'leaving it dependent | on coalition partners' is half-said: the cut goes before the clause
    assert se.english_headline(
        "Indian Prime Minister Narendra Modi’s Bharatiya Janata Party (BJP) lost its parliamentary majority in the "
        "general election, results showed yesterday, leaving it dependent on coalition partners to form a "
        "government for a third straight term.") == "Modi’s BJP loses majority in general election"


@pytest.mark.parametrize(("lede", "title"), [
    ("A Turkish court on Sunday ordered that Istanbul Mayor Ekrem Imamoglu, the main rival of Turkish President "
     "Recep Tayyip Erdogan, be jailed pending trial on corruption charges.",
     "Turkish court jails Istanbul Mayor Ekrem Imamoglu pending trial"),
    ("A district judge yesterday ordered that the three suspects be released on bail.",
     "District judge releases three suspects on bail"),
])
def test_an_order_is_told_as_what_it_does(lede: str, title: str) -> None:
    assert se.english_headline(lede) == title


def test_a_collective_subject_gives_way_to_its_plural() -> None:
    assert se.english_headline("A series of bomb blasts struck churches and hotels in Sri Lanka yesterday as "
                               "Christians celebrated Easter, killing at least 207 people.") == \
        "Bomb blasts kill at least 207 in Sri Lanka"


def test_a_deck_that_only_reports_words_gives_way_to_the_lede() -> None:
    lede = "The US and the UK on Friday struck more than 60 targets in Yemen. More text follows."
    assert make_title("Washington said the raids were meant to stop attacks on ships", lede, "x") == \
        "US and UK strike 60 targets in Yemen"
    # a deck that states news is the paper's own headline and stays
    assert make_title("Tugboats struggled to free a ship chartered by Evergreen", lede, "x") == \
        "Tugboats struggle to free ship chartered by Evergreen"


@pytest.mark.parametrize("word, plural, present", [
    ("terminating", False, "terminates"), ("planning", False, "plans"), ("dying", False, "dies"),
    ("trying", False, "tries"), ("pushing", False, "pushes"), ("making", True, "make"),
    ("thing", False, None), ("during", False, None),
])
def test_the_present_of_an_ing_form_comes_from_the_lexicon(word: str, plural: bool, present: str | None) -> None:
    assert se.present_of_progressive(word, plural) == present


# --- reader-visible flaws of the fifth session -------------------------------------------------

@pytest.mark.parametrize(("lede", "title"), [
    # a phrase set off by commas between the verb and what was said left 'Beijing warns' bare
    ("Beijing warned, in an unusually sharply worded statement issued by the Taiwan Affairs Office, that any "
     "move toward independence would be met with force.",
     "Beijing warns any move toward independence would be met with force"),
    ("The Central Epidemic Command Center reported, citing unpublished preliminary laboratory sequencing results "
     "from Taipei Veterans General Hospital, that 32 new local cases of the BA.5 subvariant had been found in the "
     "past week.", "Central Epidemic Command Center reports 32 new local cases of BA.5 subvariant"),
    # 'that' after such a verb goes
    ("Beijing yesterday warned that the sale of advanced weapons systems to Taiwan by the administration in "
     "Washington would seriously damage relations.", "Beijing warns sale of advanced weapons systems to Taiwan"),
])
def test_a_verb_that_takes_its_news_is_followed_by_it(lede: str, title: str) -> None:
    assert se.english_headline(lede) == title


def test_without_what_was_said_a_longer_cut_beats_a_bare_verb() -> None:
    title = se.english_headline("The Central Epidemic Command Center reported, citing unpublished preliminary "
                                "laboratory sequencing results from Taipei Veterans General Hospital and two others.")
    assert title.startswith("Central Epidemic Command Center reports,") and len(title.split()) > 6, title


@pytest.mark.parametrize("words, verb_end, j, bare", [
    ("Beijing warns of serious consequences", 1, 2, True),
    ("Beijing warns of serious consequences", 1, 5, False),
    ("Center reports in daily briefing", 1, 5, True),
    ("Center reports in briefing that cases fell", 1, 7, False),
    ("Center reports in briefing that seven-day average", 1, 7, True),
    ("Queen dies", 1, 2, False),                 # a verb complete on its own
])
def test_says_nothing(words: str, verb_end: int, j: int, bare: bool) -> None:
    assert se._says_nothing(words.split(), verb_end, j) is bare


@pytest.mark.parametrize(("lede", "title"), [
    # 'after 50 ministers' without 'quit' is half-said: the clause goes whole
    ("British Prime Minister Boris Johnson yesterday resigned as leader of the Conservative Party after more "
     "than 50 ministers and aides quit his government in protest at his conduct in office.",
     "Johnson resigns as leader of Conservative Party"),
    ("The Ministry of Foreign Affairs yesterday lodged a protest after Paraguay’s foreign minister, Ruben "
     "Ramirez, met a senior Chinese envoy in Buenos Aires on the sidelines of a summit.",
     "Ministry of Foreign Affairs lodges protest"),
    # an event reads whole without its verb ('after US drone strike'); people do not ('after 50 ministers')
    ("Tehran vowed harsh retaliation yesterday after a US drone strike near the airport in Baghdad killed General "
     "Qassem Soleimani, the powerful commander of the Quds Force.", "Tehran vows harsh retaliation after US drone strike"),
    # an 'after' phrase with no verb of its own is a phrase like any other and stays
    ("Queen Elizabeth II died peacefully at Balmoral yesterday afternoon at the age of 96 after a 70-year reign, "
     "the longest of any British monarch, Buckingham Palace said.", "Queen Elizabeth II dies at 96 after 70-year reign"),
])
def test_no_cut_inside_a_subordinate_clause_before_its_verb(lede: str, title: str) -> None:
    assert se.english_headline(lede) == title


def test_a_decks_bare_passive_stays_passive() -> None:
    opening = "“SECURITY BREACH”: Navy officer detained for allegedly selling secrets to China A navy " \
              "lieutenant commander has been detained on suspicion of passing classified information."
    from site_builder.ingest.headline import split_opening
    parts = split_opening(opening)
    assert parts.deck == "Navy officer detained for allegedly selling secrets to China"
    assert make_title(parts.deck, parts.body, "x") == "Navy officer detained for allegedly selling secrets to China"
    # a deck's past tense the story never uses as a passive is its simple past, put in the present
    assert make_title("Thousands marched in Taipei against the recall vote", "Organisers counted 100,000.", "x") \
        == "Thousands march in Taipei against recall vote"


@pytest.mark.parametrize(("opening", "deck", "body"), [
    # a number after the deck's verb is its object when a capitalised article opens the body later
    ("‘QUAKE TOLL’: Myanmar death toll passes 2,700 as rescuers dig through rubble in Mandalay The death toll "
     "from last week’s earthquake rose to more than 2,700 yesterday.",
     "Myanmar death toll passes 2,700 as rescuers dig through rubble in Mandalay", "The death toll from"),
    ("‘HEAT RECORD’: India’s capital swelters as temperatures pass 45C for a week The temperature in New Delhi "
     "reached 46.8C yesterday.", "India’s capital swelters as temperatures pass 45C for a week", "The temperature"),
    # ... and opens the body when nothing else does
    ("COVID-19: Cases fall below 100 as restrictions ease 65 more people tested positive yesterday, officials "
     "said.", "Cases fall below 100 as restrictions ease", "65 more people"),
])
def test_a_number_in_the_deck_is_not_where_the_body_starts(opening: str, deck: str, body: str) -> None:
    from site_builder.ingest.headline import split_opening
    parts = split_opening(opening)
    assert parts.deck == deck and parts.body.startswith(body), parts


def test_the_fifth_sessions_titles_through_the_cli(tmp_path: Path) -> None:
    """`site-builder ingest --dry-run --json` on a digest of the flaws fixed this session."""
    import json
    import shutil

    from tests.support.sites import FIXTURE_SITE, run_cli

    site = tmp_path / "site"
    site.mkdir()
    shutil.copy2(FIXTURE_SITE / "config.yaml", site / "config.yaml")
    digest = site / "d.txt"
    digest.write_text(
        "“SECURITY BREACH”: Navy officer detained for allegedly selling secrets to China A navy lieutenant "
        "commander has been detained on suspicion of passing classified information, prosecutors said yesterday.\n\n"
        "‘QUAKE TOLL’: Myanmar death toll passes 2,700 as rescuers dig through rubble in Mandalay The death toll "
        "from last week’s earthquake in Myanmar rose to more than 2,700 yesterday, the military government said.\n\n"
        "‘UK POLITICS’: British Prime Minister Boris Johnson yesterday resigned as leader of the Conservative Party "
        "after more than 50 ministers and aides quit his government in protest at his conduct in office. He said "
        "he would stay on until a successor is chosen.\n\n"
        "‘CROSS-STRAIT’: Beijing warned, in an unusually sharply worded statement issued by the Taiwan Affairs "
        "Office, that any move toward independence would be met with force. The statement came a day after "
        "the Mainland Affairs Council criticized drills.\n", encoding="utf-8")
    result = run_cli("ingest", "--site", site, "--dry-run", "--json", "--date", "2025-07-19", digest)
    titles = [s["title"] for s in json.loads(result.stdout)["segments"]]
    assert titles == ["Navy officer detained for allegedly selling secrets to China",
                      "Myanmar death toll passes 2,700 as rescuers dig through rubble in Mandalay",
                      "Johnson resigns as leader of Conservative Party",
                      "Beijing warns any move toward independence would be met with force"]


def test_a_verdict_names_the_deed_and_no_cut_leaves_a_verb_after_a_name() -> None:
    # the issue's own example: 'High Court finds New Taipei woman guilty of helping Beijing'
    assert se.english_headline(
        "The High Court yesterday found a New Taipei City woman guilty of charges related to helping Beijing "
        "secure surrender agreements from military service members.") == \
        "High Court finds New Taipei City woman guilty of helping Beijing"
    assert se.shorten_idioms("convicted of offences relating to smuggling arms") == "convicted of smuggling arms"
    assert se.shorten_idioms("guilty of charges of fraud") == "guilty of charges of fraud"   # a charge, no deed
    assert se._bare_infinitive("helping Beijing secure surrender agreements".split(), 3)
    assert not se._bare_infinitive("helping Beijing secure surrender agreements".split(), 2)


def test_the_decks_subject_named_again_opens_the_body() -> None:
    from site_builder.ingest.headline import split_opening
    parts = split_opening("SPORT: Liverpool move closer to the Premier League title with a win over Everton "
                          "Liverpool beat Everton 1-0 at Anfield last night.")
    assert parts.deck == "Liverpool move closer to the Premier League title with a win over Everton"
    assert parts.body.startswith("Liverpool beat Everton")


@pytest.mark.parametrize("text, expected", [
    ("The death toll from last week’s earthquake rose", "The death toll from last week’s earthquake rose"),
    ("Flooding after this year’s monsoon spread", "Flooding after this year’s monsoon spread"),
    ("Passengers have been confined to the ship since early last week", "Passengers have been confined to the ship"),
    ("Cases rose since early February", "Cases rose"),
    ("Jota scored early in the second half", "Jota scored"),
])
def test_a_time_phrase_goes_whole_and_a_possessive_one_stays(text: str, expected: str) -> None:
    # 'last week’s earthquake' lost 'last week' and left '’s earthquake'
    assert se.drop_time_words(text) == expected


# Ledes written on 2026-12-05 the way other papers open them (none of the eval digests does);
# each title below was broken before: the fronted phrase, the quotation or the question led it.
@pytest.mark.parametrize("lede, title", [
    ("Citing slowing inflation and a weaker labor market, the Bank of Canada cut its benchmark interest "
     "rate by a quarter of a percentage point to 2.5 percent on Wednesday, its third reduction this year.",
     "Bank of Canada cuts benchmark interest rate"),          # was 'Citing slowing inflation and weaker labor market'
    ("Three years after a landslide buried a mountain village in Nepal’s Sindhupalchok district, rescuers "
     "yesterday recovered the remains of 11 people from a new mudslide, officials said.",
     "Rescuers recover remains of 11 from new mudslide"),     # was 'Three years after landslide buries mountain village'
    ("In a filing with the US Securities and Exchange Commission late on Tuesday, Nvidia Corp said it expected "
     "to take a US$5.5 billion charge in the current quarter.",
     "Nvidia Corp expects to take US$5.5 billion charge in current quarter"),
    ("Speaking to reporters in Brussels, NATO Secretary-General Mark Rutte said the alliance would boost spending.",
     "Rutte says alliance will boost spending"),
])
def test_a_phrase_before_the_subject_goes(lede: str, title: str) -> None:
    assert make_title(None, lede, "") == title


@pytest.mark.parametrize("text", [
    "In Taipei, Taichung and Kaohsiung, voters went to the polls",   # a list of names, not a phrase
    "In Taipei, which hosted the event, officials said the turnout was high",
    "At least 20 people were killed, and 50 were injured",
    "United Airlines, the largest US carrier, said it would cut flights",   # a name, not a participle
    "Reading, a town west of London, opened a new station",
])
def test_what_is_not_a_fronted_phrase_stays(text: str) -> None:
    assert se.drop_fronted_phrase(text) == text


@pytest.mark.parametrize("lede, title", [
    ("“We will not be intimidated,” Prime Minister Mark Carney said yesterday, as Canada announced retaliatory "
     "tariffs of 25 percent on US$20 billion of American steel and aluminum products.",
     "Canada announces retaliatory tariffs of 25 percent"),   # was 'We to not be intimidated,” Prime Minister …'
    ("“This is the hardest decision I have ever made,” German Chancellor Friedrich Merz said yesterday as he "
     "announced that Germany would phase out its remaining coal-fired power plants by 2033.",
     "Merz says Germany will phase out remaining coal-fired power plants by 2033"),
    ("“We will win this war,” Ukrainian President Volodymyr Zelenskiy told lawmakers yesterday in an address.",
     "Zelenskiy: ‘We will win this war’"),
    ("“The era of cheap money is over,” said European Central Bank President Christine Lagarde on Thursday.",
     "Lagarde: ‘The era of cheap money is over’"),
])
def test_a_lede_that_opens_with_a_quotation(lede: str, title: str) -> None:
    assert make_title(None, lede, "") == title


def test_a_question_lede_gives_way_to_the_sentence_with_the_news() -> None:
    body = ("Why are so many young people leaving the nation’s farms? A survey published yesterday by the Ministry "
            "of Agriculture found that the average age of farmers had risen to 64, and that fewer than one in 10 "
            "farm households had a member under the age of 35 willing to take over the business.")
    assert make_title(None, body, "") == "Average age of farmers rises to 64"   # was 'Why so many young people …'


@pytest.mark.parametrize("lede, title", [
    # a possessive is not a one-word subject: 'exports' is no verb here
    ("Taiwan’s exports rose 18.5 percent to a record US$48.2 billion last month.",
     "Taiwan’s exports rise 18.5 percent to record US$48.2 billion"),
    # nor is a participle after a plural: the verb is 'have detected'
    ("Astronomers using the telescope have detected carbon dioxide in the atmosphere of a planet.",
     "Astronomers using telescope detect carbon dioxide in atmosphere of planet"),
    # a noun that is also a past form ('output') before the real verb
    ("Chile’s copper output fell 4 percent in October from a year earlier.",
     "Chile’s copper output falls 4 percent in October from year earlier"),
    # 'announced' with a thing after it, not a clause: no 'says'
    ("Canada announced retaliatory tariffs on American steel.", "Canada announces retaliatory tariffs on American steel"),
    # an appositive closed by a comma the time word stood after
    ("Kaohsiung, Taiwan’s second city, yesterday opened its first light rail line.",
     "Kaohsiung opens first light rail line"),
    # the subject's appositive goes before the attribution is read
    ("United Airlines, the largest US carrier, said it would cut 5 percent of flights.",
     "United Airlines to cut 5 percent of flights"),
    ("Storms bring heavy rain to the north.", "Storms bring heavy rain to north"),
])
def test_the_main_verb_is_found_past_possessives_participles_and_appositives(lede: str, title: str) -> None:
    assert make_title(None, lede, "") == title


@pytest.mark.parametrize("lede, title", [
    # a clock time is a time word: it goes whole
    ("A magnitude 5.8 earthquake struck off the coast of Hualien County at 3:12am yesterday, the Central "
     "Weather Administration said.", "Magnitude 5.8 earthquake strikes off coast of Hualien County"),
    # a passive main verb's clauses of the same moment go to the present with it
    ("A Taiwanese tourist was killed and three others were injured when a tour bus overturned on a mountain "
     "road in Japan’s Nagano Prefecture on Tuesday.",
     "Taiwanese tourist killed and three others injured when tour bus overturns"),
    # a past form with its place after it is a participle when a verb follows ('detected in …')
    ("The World Health Organization said a new strain of bird flu detected in Cambodia posed a low risk.",
     "New strain of bird flu detected in Cambodia poses low risk"),
    ("Protesters gathered in Hong Kong were dispersed by police.",
     "Protesters gathered in Hong Kong dispersed by police"),
    ("The company reported in a filing that profits had fallen.",
     "Company reports in filing that profits had fallen"),
])
def test_clock_times_passives_and_participles(lede: str, title: str) -> None:
    assert make_title(None, lede, "") == title


def test_two_names_joined_by_and_are_not_cut_apart() -> None:
    words = "Agency raises drought alert for Taichung and parts of Miaoli and Changhua counties to orange".split()
    cuts = [words[j] for j in se._cut_points(words, 1)]
    assert "and" in cuts                         # 'Taichung | and parts of …'
    assert words.index("Changhua") - 1 not in se._cut_points(words, 1)   # not 'Miaoli | and Changhua'


@pytest.mark.parametrize("lede, title", [
    # a participle that needs what follows it ('accused of …') never ends a title
    ("German police on Wednesday raided the homes of 25 suspected members of a far-right group accused of "
     "plotting to overthrow the government, prosecutors said.",
     "German police raid homes of 25 suspected members of far-right group"),
    # nor is 'Europe and Russia' cut in two, and 'voted in …' stays the main verb though 'seen' follows
    ("Moldovans voted yesterday in a parliamentary election seen as a choice between Europe and Russia, with the "
     "governing pro-European party at risk of losing its majority.",
     "Moldovans vote in parliamentary election seen as choice"),
])
def test_no_title_ends_on_a_participle_or_half_a_pair_of_names(lede: str, title: str) -> None:
    assert make_title(None, lede, "") == title


def test_a_list_of_scores_is_not_cut_inside() -> None:
    title = make_title(None, "Spain’s Carlos Alcaraz yesterday beat Italy’s Jannik Sinner 6-4, 6-7, 7-5 in the "
                             "Wimbledon quarter-finals, setting up a semi-final against Novak Djokovic.", "")
    assert "6-4, 6-7, 7-5" in title                  # was '… Jannik Sinner 6-4, 6-7'


@pytest.mark.parametrize("lede, title", [
    ("Firefighters in Chile are battling 40 forest fires in the regions of Biobio and Nuble, officials said.",
     "Firefighters in Chile battle 40 forest fires in regions of Biobio and Nuble"),   # was 'are battling'
    ("The government is planning to raise taxes.", "Government plans to raise taxes"),
    ("The bridge is being repaired.", "Bridge is being repaired"),                    # no 'be' made of 'being'
])
def test_a_progressive_main_verb_becomes_the_simple_present(lede: str, title: str) -> None:
    assert make_title(None, lede, "") == title


@pytest.mark.parametrize("lede, title", [
    # a German clause over 80 characters keeps its verb, last, and loses an inner phrase
    ("Die Europäische Zentralbank hat am Donnerstag den Leitzins um 0,25 Prozentpunkte auf 2,5 Prozent gesenkt, "
     "wie die Notenbank in Frankfurt mitteilte.",
     "Europäische Zentralbank hat den Leitzins um 0,25 Prozentpunkte gesenkt"),   # was '… auf 2,5 Prozent'
    # a Spanish one too long for that is cut before a phrase, not inside it
    ("El Gobierno de España aprobó ayer un plan de 10.000 millones de euros para construir 180.000 viviendas de "
     "alquiler asequible en los próximos cinco años, según informó la ministra.",
     "Gobierno de España aprobó un plan de 10.000 millones de euros"),          # was '… para construir'
])
def test_a_long_european_clause_keeps_its_end_or_ends_at_a_phrase(lede: str, title: str) -> None:
    assert make_title(None, lede, "") == title
