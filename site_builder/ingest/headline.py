"""Headlines from a story's opening: kicker, deck, where the body starts, title and summary. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass

from site_builder.ingest.text import (PRONOUN_STARTS, ends_complete, find_kicker, first_sentence, is_cjk, language_tag,
                                      sentences, without_dateline)
from site_builder.ingest.headline_model import later_words
from site_builder.ingest.headline_rank import candidates, load_ranker, rank
from site_builder.ingest.subedit import MAX_TITLE, english_headline, quote_lede
from site_builder.ingest.subedit_tidy import _AUXILIARIES
from site_builder.ingest.subedit_verbs import _inflect, _verb_form, _word_classes

MAX_CLAUSE_TITLE = MAX_TITLE   # a whole clause, at most 80 characters
MAX_SUMMARY = 320
_MIN_DECK = 20
_MAX_DECK = 260

# Words after which a capitalised word is part of the same phrase ("in the Taiwan Strait",
# "said US President"), so the body cannot start there.
_GLUE = frozenset(
    "a an the of in on at to for from by with and or nor but as into onto over under about against "
    "between among via per than like near across after before since during including its his her their "
    "our your my whose which that who whom former late new acting then ex vice deputy chief senior "
    "top fellow said says told according "
    # prepositions of place and motion: '… struck off Yilan County …'
    "off near outside inside along around through toward towards across beyond within without behind "
    "beside upon amid despite until throughout beneath above below past versus "
    # a verb that wants its complement: '… he was “deeply disappointed” …'
    "is are was were be been being has have had will would can could may might must shall should "
    # French and Spanish: "de México y Canadá", "à Paris"
    "de del la el los las y e o en al por para con sin sobre entre du des le les et ou à au aux dans "
    "pour par sur avec".split())
# ... but a reporting verb or a noun ending the deck clause can precede the body's first word.
_REPORTING_END = frozenset(["said", "says", "told", "reported", "reports", "announced", "warned", "claimed", "stated"])
_WORD = re.compile(r"\S+")
_TAKES_A_PERSON = frozenset(["told", "warned"])   # '… Schumer told Han that …': its object
_BODY_VERB_WITHIN = 6     # a body opening after a verb names its subject and its verb in 6 words
_ARTICLES = frozenset({"A", "An", "The"})
# Words that, capitalised after a name mid-sentence, can only open the next sentence: the body
# ('… opening ceremony on the Seine More than 300,000 spectators …').
_SENTENCE_OPENERS = _ARTICLES | frozenset(
    "More Most Some Many Several Nearly Almost About Thousands Hundreds Dozens Millions Two Three Four Five Six "
    "Seven Eight Nine Ten Police Officials Authorities Rescuers Residents Protesters Lawmakers".split())
# French, Spanish and German time words, removed whole ("el jueves", "este martes", "mardi
# dernier", "le 3 mars", "am Sonntag").
_EURO_TIME = re.compile(
    r"\s+(?:hier|aujourd['’]hui|ayer|hoy|anoche|gestern|heute|ieri|oggi|ontem|hoje|gisteren|vandaag"
    r"|kemarin|hari ini|hôm qua|hôm nay"
    r"|(?:le |ce |el |este |el pasado |am |am vergangenen |am kommenden |diesen |lo scorso |la scorsa "
    r"|na |no |op |pada )?"
    r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|"
    r"viernes|sábado|domingo|Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag|"
    r"lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica|"
    r"segunda-feira|terça-feira|quarta-feira|quinta-feira|sexta-feira|"
    r"maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu)"
    r"(?: (?:soir|matin|dernier|prochain|pasado|próximo|por la (?:mañana|tarde|noche)|abend|morgen|"
    r"sera|mattina|passada|passado))?"
    r"|(?:le |el |am )?\d{1,2}\.? (?:de )?(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|"
    r"novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|"
    r"diciembre|Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember))\b")
# A leading article a headline in those languages leaves out, by the language the lede is in
# (an article of one is a name in another: 'De Klerk', 'As' in English); text in none of them
# (a brief too short to tell) loses a French, Spanish or German one. A whole word, or an elided
# 'L’': 'Les manifestants' once lost only its 'Le' ('S manifestants …').
_OTHER_ARTICLES = {
    "fr": "Le La Les Un Une", "es": "El La Los Las Un Una", "de": "Der Die Das Ein Eine",
    "it": "Il Lo La I Gli Le Un Uno Una", "pt": "O A Os As Um Uma", "nl": "De Het Een",
}


def _leading_article(words: str) -> re.Pattern[str]:
    return re.compile(rf"^(?:(?:{'|'.join(words.split())})\s+|L['’](?=\w))")


_LEADING_ARTICLE = {lang: _leading_article(words) for lang, words in _OTHER_ARTICLES.items()}
_EURO_ARTICLE = _leading_article(" ".join(_OTHER_ARTICLES[lang] for lang in ("fr", "es", "de")))
# Korean: a lede that opens with a subordinate clause ("… 소식이 전해진 뒤", after the news …)
# has its news in the main clause after it.
_KO_SENTENCE_END = re.compile(r"(?<=[다요])[.]\s*")   # a Korean sentence ends in -다. (the splitter wants a capital)
_KO_SUBORDINATE = re.compile(r"^.{4,50}?\s(?:뒤|후|가운데|이후)\s")
_KO_MAIN_WORDS = 5     # ... when what follows it is a clause of its own ('6시간 만에 해제했다' is not)
# The day of the month and the part of the day ('3일 밤', '4일 새벽'): a headline leaves them out.
_KO_TIME = re.compile(r"(?<!\S)\d{1,2}일(?:\s(?:오전|오후|밤|새벽|저녁|낮))?\s")


def _korean_main_clause(sentence: str) -> str:
    """A Korean lede's first sentence without its day, and without a clause before its news
    ('… 소식이 전해진 뒤 …') when the rest is a clause of its own."""
    sentence = _KO_TIME.sub("", sentence)
    rest = _KO_SUBORDINATE.sub("", sentence, count=1)
    return rest if len(rest.split()) >= _KO_MAIN_WORDS else sentence
_HANGUL = re.compile(r"[\uac00-\ud7af]")   # Korean: words between spaces, cut like Latin text
_CJK_PAREN = re.compile(r"\s*[(（][^()（）]*[\u3400-\u9fff][^()（）]*[)）]")
_CLAUSE_END = re.compile(r",\s|;\s|\s[—–]\s|，|；|：|:\s|،\s|؛\s")
# Failing punctuation, a title may end before a conjunction that opens the next clause.
_CONJUNCTION = re.compile(r"\s(?:and|as|after|while|but|which|who|because|amid|despite|before|when|where|"
                          r"et|y|mais|pero|tras|après)\s")
# ... and in the languages whose words would read wrong by it ('as' is a Portuguese article).
_CONJUNCTIONS = {lang: re.compile(rf"\s(?:{words})\s") for lang, words in {
    "it": "e|ma|mentre|dopo", "pt": "e|mas|enquanto|após", "nl": "en|maar|terwijl|nadat",
    "id": "dan|tetapi|sementara|setelah", "vi": "và|nhưng|trong khi|sau khi"}.items()}
_TRAILING_GLUE = frozenset(["a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or", "but", "as", "its", "his", "her", "their", "that", "which", "who", "after", "before", "while", "when", "than", "into",
                            # French, Spanish, German: a title cut before "para …" must not end in it
                            "de", "del", "la", "el", "los", "las", "y", "en", "por", "para", "con", "le", "les",
                            "des", "du", "et", "pour", "au", "aux", "der", "das", "und", "für", "von",
                            "zu", "mit", "im", "den", "dem",
                            # Italian, Portuguese, Dutch, Indonesian, Vietnamese
                            "que", "qui", "che", "il", "lo", "gli", "di", "della", "e", "o", "os", "do", "da",
                            "dos", "das", "em", "no", "na", "um", "uma", "het", "een", "van", "yang", "dan",
                            "ke", "dari", "untuk", "dengan", "pada", "dalam", "của", "và", "các", "những",
                            "cho", "với",
                            # ... and their auxiliaries, which leave the verb they carry behind
                            "ser", "é", "foi", "são", "pode", "podem", "è", "sono", "può", "possono", "essere",
                            "zijn", "worden", "kan", "kunnen", "akan", "adalah", "telah", "sudah", "bisa",
                            "đã", "sẽ", "được", "là",
                            # Russian and Arabic prepositions and conjunctions
                            "в", "на", "с", "по", "к", "о", "и", "что", "для", "от", "из", "за",
                            "في", "من", "إلى", "على", "بين", "مع", "عن", "أن", "إن"])


@dataclass(frozen=True, slots=True)
class Opening:
    """How a story's first paragraph opens: kicker, deck, and the body text after them."""

    kicker: str | None
    deck: str | None
    body: str


def find_body_start(rest: str) -> int | None:
    """Where the body starts in a deck that runs into it without punctuation, or None.

    'Royal Navy ships exercise … the UK’s Tony Radakin told a summit Freedom of navigation …':
    the body starts at a capitalised word (or a number) straight after a small-letter word that
    is not an article, preposition or conjunction, within the first sentence.
    """
    first_sentence_end = len(first_sentence(rest))
    previous = ""
    number: int | None = None     # a body opening with a number, unless an article opens it later
    subject = rest.split(" ", 1)[0] if rest[:1].isupper() else None
    surnames: set[str] = set()
    for match in _WORD.finditer(rest):
        word = match.group()
        start = match.start()
        if start > min(first_sentence_end, _MAX_DECK):
            return number
        bare_previous = previous.strip(",;\"“”‘’'()")
        starts_body = (word[:1].isupper() or (word[:1].isdigit() and not bare_previous.isdigit())
                       or word[:1] in "“\"")
        if (starts_body and start >= _MIN_DECK and bare_previous and bare_previous == previous
                and bare_previous.islower() and bare_previous.isalpha()
                and (bare_previous not in _GLUE or bare_previous in _REPORTING_END)
                and not _verb_before_its_object(bare_previous, rest[start:])):
            if not word[:1].isdigit():
                return start
            # 'Myanmar death toll passes 2,700 as rescuers dig … The death toll rose': a number
            # after a verb is the deck's own object when a capitalised article follows.
            number = start if number is None else number
        # 'selling secrets to China A navy officer has …': a capitalised article mid-sentence
        # opens the body even after a name; so does the deck's own subject named again ('… a win
        # over Everton Liverpool beat Everton 1-0'), or a surname the deck gave in full ('… met
        # Chuck Schumer in Beijing Schumer told Han …').
        bare = word.replace("’s", "").replace("'s", "")
        renamed = bare in surnames and _verb_follows(rest[match.end():])
        if (word in _SENTENCE_OPENERS or (word == subject or renamed) and len(bare) > 2) \
                and start >= _MIN_DECK and previous[-1:].isalpha() and previous[:1].isupper():
            return start
        if previous[:1].isupper() and bare[:1].isupper() and bare.isalpha():
            surnames.add(bare)            # the second or later word of a run of capitals
        previous = word
    return number


def _is_verb(word: str) -> bool:
    return word.isalpha() and word.islower() and ("VERB" in _word_classes(word) or word in _AUXILIARIES)


def _verb_follows(after: str) -> bool:
    """Whether the next word is a verb: a name then its verb opens a sentence ('Schumer told …'),
    a name then a noun does not ('… over North Korea policy')."""
    following = after.split(None, 1)
    return bool(following) and _is_verb(following[0])


def _verb_before_its_object(previous: str, after: str) -> bool:
    """'… Han Zheng met US Senate Majority Leader Chuck Schumer …': after a word that can only be
    a verb ('met', 'visited', 'struck'), capitals are its object, not the body's subject, unless
    their first small-letter word is a verb of their own ('… two people killed Typhoon Haikui made
    landfall …': a deck's bare passive). 'Said' ends decks ('… media reports said'); 'told' and
    'warned' take a person ('… Schumer told Han that …')."""
    if previous in _REPORTING_END and previous not in _TAKES_A_PERSON or _word_classes(previous) != {"VERB"}:
        return False
    first_small = next((w for w in after.split()[1:_BODY_VERB_WITHIN] if w[:1].islower()), "")
    return not _is_verb(first_small)


def split_opening(first_paragraph: str) -> Opening:
    """A first paragraph -> kicker, deck and body text."""
    kicker = find_kicker(first_paragraph)
    if kicker is None:
        return Opening(None, None, first_paragraph)
    rest = kicker.rest
    if not rest or is_cjk(rest):
        return Opening(kicker.label, None, rest)
    start = find_body_start(rest)
    if start is None:
        return Opening(kicker.label, None, rest)
    return Opening(kicker.label, rest[:start].rstrip(" ,;"), rest[start:])


def _cut_words(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit + 1]
    if " " in cut:
        cut = cut[:cut.rfind(" ")]
    else:
        cut = text[:limit]  # Chinese: no spaces, cut at the character
    return cut


# Words that open a phrase in the other languages ingest detects that put spaces between words
# (Spanish, French, German, Italian, Portuguese, Dutch, Indonesian, Vietnamese, Russian, Arabic):
# a clause too long for a title is cut before one, not inside the phrase it opens ('… un plan de
# 10.000 millones de euros | para construir 180.000 viviendas').
_EURO_PHRASE_OPENERS = frozenset(
    "para por con sin sobre entre hasta desde según tras contra durante mediante "
    "pour par sur avec sans dans selon après avant contre pendant vers chez "
    "um auf für mit von vom zum zur bei nach über unter gegen seit aus durch wegen en dans "
    "per su tra fra da dopo senza verso presso com pelo pela "
    "voor met naar bij uit tegen door sinds volgens tijdens "                 # Dutch
    "untuk dengan pada dari dalam oleh sejak karena setelah "                   # Indonesian
    "để trong với của tại về từ theo khi sau "                                  # Vietnamese
    "в на с по к о для от из за после перед при "                               # Russian
    "في من إلى على بين مع عن بعد قبل خلال".split())                            # Arabic
_MIN_PHRASE_CUT = 0.5     # a cut before a phrase keeps at least half the limit, or words are cut


def _cut_at_phrase(text: str, limit: int) -> str:
    """At most `limit` characters of `text`, ending before a word that opens a phrase when one
    leaves at least half of it; else cut at a word (_cut_words)."""
    if len(text) <= limit:
        return text
    words = text.split(" ")
    length, best = -1, 0
    for k, word in enumerate(words):
        if length > limit:
            break
        if k and word.lower() in _EURO_PHRASE_OPENERS and length >= limit * _MIN_PHRASE_CUT:
            best = k
        length += len(word) + 1
    return " ".join(words[:best]) if best else _cut_words(text, limit)


_CLAUSE_OVER = 40   # a first clause this far over the limit may lose one inner phrase to fit


def _clause_less_a_phrase(text: str, limit: int) -> str:
    """A German first clause whole, its end kept, without the one inner phrase (from a word that
    opens one to the next such word) whose removal fits it in `limit` and keeps most: a German
    verb comes last ('Europäische Zentralbank hat den Leitzins um 0,25 Prozentpunkte auf 2,5
    Prozent gesenkt' -> '… hat den Leitzins auf 2,5 Prozent gesenkt'). '' when none does."""
    clause = re.split(r",\s|;\s", text, maxsplit=1)[0]
    if not limit < len(clause) <= limit + _CLAUSE_OVER or not language_tag(clause).startswith("de"):
        return ""                    # (German only: elsewhere the last word ends a phrase, not the clause)
    words = clause.split(" ")
    openers = [k for k, word in enumerate(words) if k >= 3 and word.lower() in _EURO_PHRASE_OPENERS]
    best = ""
    for start, end in zip(openers, openers[1:] + [len(words) - 1]):
        if end <= start:
            continue
        shorter = " ".join(words[:start] + words[end:])
        if len(best) < len(shorter) <= limit:
            best = shorter
    return best


# 'El presidente de México, Andrés Manuel López Obrador, entregó …': a subject that is a title,
# then the name it stands for between commas, then the verb. The clause before the first comma is
# only the subject; the name then the verb is a whole clause ('Andrés Manuel López Obrador
# entregó …'). The word after the name must not be an article or a preposition ('En París,
# Francia, los …' is no such subject, and it opens with no article anyway).
_NAME_WORD = r"(?:[A-ZÀ-Þ][\w'’.-]*|de|del|da|do|dos|van|von|di|y)"
_TITLED_NAME = re.compile(
    rf"^(?P<title>[^,]{{3,60}}), (?P<name>{_NAME_WORD}(?: {_NAME_WORD}){{0,5}}), "
    r"(?=(?!(?:el|la|los|las|le|les|un|una|une|il|lo|gli|o|os|as|de|del|des|du|en|y|et|e|und|der|die|das|"
    r"dem|den|con|avec|mit|per|por|para|pour|que|qui)\b)[a-zà-ÿ])")


def _named_subject(text: str, article: re.Pattern[str]) -> str:
    """'El presidente de México, Andrés Manuel López Obrador, entregó …' -> 'Andrés Manuel López
    Obrador entregó …': a subject that opens with an article and is named between commas."""
    match = _TITLED_NAME.match(text)
    if match is None or not article.match(match["title"]) or not match["name"].split()[-1][:1].isupper():
        return text
    return match["name"] + " " + text[match.end():]


def _trim(text: str) -> str:
    words = text.rstrip(" ,;:—–-").split(" ")
    while len(words) > 3 and words[-1].lower().strip(",") in _TRAILING_GLUE:
        words.pop()
    return " ".join(words).rstrip(" ,;:—–-(")


def _clause(source: str, ends: re.Pattern[str]) -> str:
    """The longest leading clause that ends where `ends` matches, 30 to about 90 characters."""
    clause = ""
    for match in ends.finditer(source):
        if match.start() > MAX_CLAUSE_TITLE:
            break
        if match.start() >= 30:
            clause = source[:match.start()]
    return clause


# Time words a headline leaves out: 昨天/今天, and a day of the month ("19日", "9月30日"; not
# "3日間", three days).
_CJK_TIME = re.compile(r"(?:昨[（(]\d+[)）]日|昨天|今天|昨日|今日|前天|(?:\d{1,2}月)?\d{1,2}日(?!間))"
                       r"(?:上午|下午|晚間|晚上|凌晨|清晨|早上|中午|傍晚|午後|午前|夜)?")
# A Japanese lede's topic ("日本銀行は、") reads as a headline's "日本銀行、".
_JA_TOPIC = re.compile(r"^([^、，]{1,30})は[、，]")
MAX_CJK_TITLE = 32   # Chinese headlines run 10-30 characters
MAX_CJK_SENTENCE_TITLE = 44   # ... but a whole short sentence beats one cut mid-phrase


def _cjk_title(source: str) -> str:
    """The first clause or clauses of a Chinese or Japanese lede, up to about 32 characters; a
    first clause longer than that is kept whole up to 80 (never cut mid-word), and a Japanese
    topic ("X社長、") is never a title on its own."""
    source = _JA_TOPIC.sub(r"\1、", _CJK_TIME.sub("", source))
    japanese = language_tag(source) == "ja"
    if len(source) <= (MAX_TITLE if japanese else MAX_CJK_TITLE):
        return source        # Japanese '、' joins phrases, not clauses: the sentence whole
    topic = japanese and bool(re.match(r"^[^、，]{1,30}、", source))
    title = ""
    clauses = re.split(r"(?<=[，；、：])", source)
    for n, clause in enumerate(clauses):
        if len(title) + len(clause) > MAX_CJK_TITLE and not (n == 1 and topic) and title:
            break
        if len(title) + len(clause) > MAX_TITLE:
            break
        title += clause
    if len(title) >= 8:
        return title.rstrip("，；、：")
    return source if len(source) <= MAX_TITLE else source[:MAX_CJK_TITLE]


def _is_english(text: str) -> bool:
    """English, or too short to tell (a deck, a brief): the sub-editor's rules apply."""
    return not is_cjk(text) and language_tag(text) in ("", "en")


# A deck that reports what someone said ("Washington said the raids were meant to …") is a
# reaction to the news, which the lede carries.
_DECK_REPORT = re.compile(r"^(?:[^\s,]+\s){1,6}(?:said|says|told|warned|added)\s")   # a short subject


def news_sentence(body: str) -> str:
    """The lede sentence without its dateline; when the lede asks a question ('Why are so many
    young people leaving the nation’s farms?'), the sentence after it, which carries the news."""
    text = without_dateline(body)
    lede = first_sentence(text)
    if lede.rstrip("\"”’ ").endswith("?"):
        following = first_sentence(text[len(lede):].lstrip())
        if following:
            return following
    return lede


def title_source(deck: str | None, body: str) -> str:
    """What a title is made from: the deck (the paper's own headline-like line), unless it only
    reports someone's words and the lede is English; else the lede sentence without its
    dateline. (Tune half of ingest-eval: 3 of 55 stories have such a deck, title token F1 0.15
    from it against 0.43 from the lede; a deck stating news is kept: it beat the lede on our own
    digests. Tried and not kept: any deck written as prose, its verb past or with an auxiliary,
    giving way to the lede: tune half 0.438 -> 0.458, but check half 0.396 -> 0.387, 3 stories down.)"""
    lede = news_sentence(body)
    if deck and _DECK_REPORT.match(deck) and len(deck.split()) > 4 and lede and _is_english(lede):
        return lede
    return deck or lede


def _unquoted(sentence: str) -> str:
    return sentence.strip().strip("\"“”‘’ ")


_RANKED_BODY = 3000   # characters of the body read for its second sentence and its words (cost)


def english_sources(deck: str | None, body: str, source: str, swap: bool = False) -> list[tuple[str, str]]:
    """What the ranker's candidates are written from, `source` (title_source's choice) first,
    then the lede's second sentence (the news when the lede only sets the scene or says who
    spoke); with `swap`, also the deck or the lede, whichever `source` is not. English only."""
    lede = news_sentence(body)
    kind = "deck" if source == deck else "lede"
    found = [(kind, _unquoted(source))]
    other = ("lede", lede) if kind == "deck" else ("deck", deck or "")
    if swap and other[1] and other[1] != source and _whole_sentence(other[1]):
        found.append((other[0], _unquoted(other[1])))
    parts = sentences(without_dateline(body[:_RANKED_BODY]))
    if len(parts) > 1 and _whole_sentence(parts[1]) and parts[1].split(" ", 1)[0] not in PRONOUN_STARTS:
        found.append(("second", _unquoted(parts[1])))
    return found


# A capitalised article after a small word: two sentences run together ('for a week The
# temperature'), where a deck and its body were split at the wrong word.
_RUN_TOGETHER = re.compile(r"\b[a-z]+ (?:The|A|An)\b")


def _whole_sentence(text: str) -> bool:
    """An English sentence that starts as one (a capital) and holds no second one run into it:
    not a fragment left by a deck split at the wrong word ('2,700 as rescuers dig …')."""
    start = _unquoted(text)[:1]
    return start.isupper() and not _RUN_TOGETHER.search(text) and _is_english(text)


def story_rest(body: str) -> str:
    """The story after its lede: the words it goes on to repeat."""
    text = without_dateline(body[:_RANKED_BODY])
    return text[len(first_sentence(text)):]


_PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?([a-z]+(?:ed|en|t|n))\b")


def story_passives(body: str, deck: str | None = None) -> frozenset[str]:
    """Past participles the story uses as passives ('has been detained' -> 'detained'): a deck's
    bare 'detained for …' is then a passive too, not a past tense to put in the present. With
    the deck, also a bare past of the deck whose subject the story names as its object: 'Man
    arrested over stabbing' over 'Police arrested a 32-year-old man …' is a passive ('Man arrests
    over …' once), while 'Police arrested man' over the same story stays active."""
    found = set(_PASSIVE.findall(body))
    if deck:
        words = deck.split()
        lede = body[:_RANKED_BODY]
        for before, word in zip(words, words[1:]):
            head = before.strip("\"“”‘’',").lower()
            if not (head.isalpha() and word.isalpha() and _verb_form(word) == "past"):
                continue
            # the verb in any form ('killing two people' under 'Two killed …'), its object within four words
            verb = rf"(?:{re.escape(word)}|{re.escape(_inflect(word, True))}\w*)"
            if re.search(rf"\b{verb}\s+(?:\S+\s+){{0,3}}?{re.escape(head)}(?:e?s)?\b", lede, re.IGNORECASE):
                found.add(word)
    return frozenset(found)


# A wire's desk slug before its headline ('UPDATE 2-Nvidia forecasts …', 'EXCLUSIVE-Apple …'):
# for editors, not readers.
_WIRE_SLUG = re.compile(r"^(?:(?:UPDATE|WRAPUP) ?\d+|EXCLUSIVE|RPT|REFILE|CORRECTED|ANALYSIS|FACTBOX|INSIGHT|"
                        r"BREAKINGVIEWS|BRIEF|TIMELINE|EXPLAINER|GRAPHIC)(?: ?\d+)? ?- ?(?=[A-Z0-9\"“‘'])")


def make_title(deck: str | None, body: str, fallback: str) -> str:
    """A headline from the deck (the paper's own headline-like line) or the lede: in English as a
    sub-editor writes one (subedit.py), in other languages the first whole clause; at most 80
    characters, never empty."""
    deck = _WIRE_SLUG.sub("", deck) if deck else deck
    body = _WIRE_SLUG.sub("", body)
    source = title_source(deck, body)
    if source and _is_english(source):
        # A deck is the paper's own headline: its words stay; a lede is compressed (headline_model.py).
        later = None if source == deck else later_words(body.split(source, 1)[-1])
        passives = story_passives(body, deck) if deck else None
        if source != deck:
            source, final = quote_lede(source)
            if final:
                return source
        ranker = load_ranker()
        if ranker is not None and ranker.enabled:
            found = candidates(english_sources(deck, body, source, ranker.swap), later, passives)
            title = rank(found, story_rest(body), ranker).text if found else ""
        else:
            title = english_headline(_unquoted(source), MAX_TITLE, later,
                                     passives=passives if source == deck else None)
        if title:
            return title
    language = language_tag(source)      # of the whole sentence: what is left of it may not tell
    source = _CJK_PAREN.sub("", source) if not is_cjk(source) else source
    if not is_cjk(source):
        article = _LEADING_ARTICLE.get(language, _EURO_ARTICLE)
        source = article.sub("", _named_subject(_EURO_TIME.sub("", source).strip(), article))
    elif _HANGUL.search(source):
        source = _korean_main_clause(_KO_SENTENCE_END.split(source, 1)[0])
    source = source.rstrip(".。!！?？").strip("\"“”‘’ ") or source
    if is_cjk(source) and not _HANGUL.search(source):
        source = _cjk_title(source)
    elif len(source) > MAX_TITLE:
        conjunction = _CONJUNCTIONS.get(language, _CONJUNCTION)
        source = _clause(source, _CLAUSE_END) or _clause(source, conjunction) \
            or _clause_less_a_phrase(source, MAX_TITLE) or _cut_at_phrase(source, MAX_TITLE)
    title = _trim(source) if not is_cjk(source) or _HANGUL.search(source) else source.rstrip("，、：；")
    if not title.strip():
        title = _cut_words(fallback.strip(), MAX_TITLE).strip() or "Untitled story"
    # A headline starts with a capital, even when the lede was cut from mid-sentence.
    return title[:1].upper() + title[1:]


def make_summary(body: str, truncated: bool) -> str:
    """One or two sentences from the start of the body (two when the first is short), without
    a wire dateline: a card or a search result shows the news, the story page the dateline."""
    body = without_dateline(body.strip())
    parts = sentences(body)
    if not parts:
        return ""
    summary = parts[0]
    if len(parts) > 1 and len(summary) < 120 and len(summary) + len(parts[1]) + 1 <= MAX_SUMMARY:
        summary += ("" if is_cjk(summary) else " ") + parts[1]
    incomplete = not ends_complete(summary)
    if len(summary) > MAX_SUMMARY:
        summary = _cut_words(summary, MAX_SUMMARY - 1).rstrip(" ,;:") + "…"
    elif incomplete and truncated and summary == body:
        summary = summary.rstrip(" ,;:") + "…"
    return summary
