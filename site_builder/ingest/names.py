"""People and organisations named in a story, with regexes and small word lists (no NLP model).

People: runs of 2-4 capitalised name tokens accepted only in person-like contexts:
- after a title ("President", "Foreign Minister", "Mr", "Gen.", "envoy", "spokesperson" ...);
- next to a speech verb ("X said", "X told", "... said Mercy Wanjiru, a student");
- followed by Chinese characters in parentheses: "Lee Chun-yi (李俊俋)" -> "Lee Chun-yi";
- starting with a common given name ("Steve Witkoff");
- whose surname recurs alone elsewhere in the story ("Witkoff was ...");
- in Chinese text, 2-3 characters after a title: 總統賴清德 -> 賴清德.
A surname alone never makes a new person, and a name inside a longer one found earlier is the
same person. Places, organisations, months, weekdays and sentence-initial words are refused.

Organisations: "the Ministry of X", "X Party", "X Council", "X Agency", "X Yuan", "X Bureau",
... (a capitalised run ending in an organisation word), "Name (ACRONYM)" where the acronym fits
the name's initials, and the names in data/organisations.tsv (NATO, NASA, the NBA, the Boston
Celtics, central banks, wires ...), a table places.py also reads for their countries.
Photo and reporting credits ("Photo: EPA-EFE", "Additional reporting by ...") are ignored.

Both work on one pass of a fast regex that finds runs of capitalised words, sentence by sentence
(text.sentence_spans, ingest's one splitter: a run never crosses a full stop); the context
checks are plain string tests around each run.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files

from .text import sentence_spans

__all__ = ["find_people", "find_organizations"]

_U = "A-ZÀ-ÖØ-ÞĀ-ſ"          # upper-case letters (Latin Extended-A mixes cases; good enough)

# Titles and roles that introduce a person's name. Capitalised ones are matched by their last
# word inside a run ("Foreign Minister" -> "Minister"); lower-case ones just before a run.
_TITLES = """
President|Vice President|Prime Minister|Deputy Prime Minister|Premier|Vice Premier|Chancellor|
Minister|Foreign Minister|Defense Minister|Defence Minister|Finance Minister|Interior Minister|
Economy Minister|Health Minister|Justice Minister|Secretary|Secretary of State|Secretary-General|
Deputy Secretary-General|Director-General|Director|Deputy Director|Chairman|Chairwoman|Chairperson|
Chair|Speaker|Deputy Speaker|Governor|Mayor|Deputy Mayor|Senator|Sen\\.|Representative|Rep\\.|
Congressman|Congresswoman|Legislator|Councilor|Councillor|Commissioner|Ambassador|Envoy|
King|Queen|Prince|Princess|Emperor|Pope|Cardinal|Archbishop|Bishop|Rabbi|Imam|Sheikh|
Judge|Justice|Chief Justice|Prosecutor|Attorney General|Attorney-General|Admiral|General|Gen\\.|
Major General|Lieutenant General|Lieutenant|Lt\\.|Colonel|Col\\.|Major|Maj\\.|Captain|Capt\\.|
Sergeant|Sgt\\.|Commander|Chief|Chief Executive|CEO|Professor|Prof\\.|Dr\\.?|Mr\\.?|Mrs\\.?|Ms\\.?|
Sir|Dame|Lord|Lady|Coach|Detective|Inspector|Officer|Superintendent|Spokesperson|Spokesman|
Spokeswoman|Leader|Opposition Leader|Founder|Dean|Rector|Principal|Sister|Father|Brother|
president|vice president|premier|minister|foreign minister|secretary|secretary-general|
spokesperson|spokesman|spokeswoman|envoy|aide|adviser|advisor|leader|lawmaker|legislator|
councilor|mayor|governor|chairman|chairwoman|chief|director|ambassador|commander|official|
judge|prosecutor|lawyer|attorney|professor|researcher|analyst|economist|scientist|author|
coach|striker|midfielder|defender|goalkeeper|captain|player|singer|actor|actress|artist|
novelist|writer|journalist|reporter|correspondent|editor|photographer|activist|campaigner|
founder|chief executive|CEO|manager|head|deputy head|owner|resident|survivor|victim|witness|
suspect|student|teacher|doctor|nurse|farmer|entrepreneur|billionaire|candidate|challenger|
incumbent|rival|counterpart|predecessor|successor|colleague|wife|husband|son|daughter|mother|
father|brother|sister|named|identified as|nicknamed|forward|guard|centre|center|pitcher|
quarterback|star|teammate|winger|batter|rookie|veteran|champion|swimmer|sprinter|cyclist|
runner|skater|gymnast|boxer|golfer|astronaut|administrator
"""

_SPEECH = (r"said|says|told|added|wrote|warned|argued|noted|stated|announced|insisted|"
           r"acknowledged|admitted|explained|asked|urged|claimed|denied|confirmed|tweeted|posted")

# Given names frequent in international news: a run starting with one is a person.
_GIVEN_NAMES = frozenset("""
Abdul Abdullah Adam Ahmed Alan Alex Alexander Alexei Alexey Ali Alice Amanda Amy Andrew Andrei
Andrzej Angela Ann Anna Anne Anthony Antonio Antony Ashraf Barack Ben Benjamin Bernie Bill Boris
Brian Carlos Catherine Charles Chris Christian Christine Christopher Claudia Daniel David Dmitry
Donald Elizabeth Elon Emmanuel Emily Eric Fatima Francis Frank Friedrich Fumio George Gabriel
Hassan Heinrich Helen Hillary Hugh Hussein Ibrahim Igor Ivan Jacinda Jack James Jane Janet Javier
Jean Jeff Jennifer Jens Jerome Jim Joe John Jonathan Jose José Joseph Juan Julia Justin Kamala
Karen Karl Keir Kevin Kim Kirill Klaus Kristi Laura Lee Liz Luis Luiz Lula Marco Maria Marie
Mark Martin Mary Matteo Maxim Michael Michel Mike Mikhail Mohammed Muhammad Narendra Nancy Nicolas
Nikolai Olaf Olena Oleksandr Olga Pablo Paul Pedro Pete Peter Pierre Rachel Rafael Recep Richard
Rishi Robert Roman Ron Ruth Sam Samuel Sarah Scott Sergei Sergey Shigeru Shinzo Simon Sophie Stephen
Steve Steven Susan Thomas Tim Tom Tony Ursula Valentina Valery Viktor Vladimir Volodymyr William
Xi Yaroslav Yoon Yuri Julian Lionel Kathy Fernando Muhammad Anthony Ursula Claudia Kathy Yulia Yury Zhang Hamid Kofi Cyril Bola Abiy Paul William Gustavo Javier Nayib
Gabriel Claudia Ignacio Dilma Jair Benjamin Isaac Yair Ayatollah Ali Masoud Recep Mette Ulf Petteri
""".split())

# Capitalised words that are never part of a person's name.
_NOT_NAME = frozenset("""
The A An This That These Those It Its He She They We I You His Her Their Our My Your In On At
Of For From With By To And But Or As If When While After Before Since During Also Yet So Asked
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June
July August September October November December Mr Mrs Ms Dr Sir Madam
President Premier Minister Secretary General Chairman Chair Speaker Governor Mayor Senator King
Queen Prince Pope Judge Justice Admiral Major Colonel Captain Chief Director Vice Deputy Foreign
Defense Defence Prime Council Party Ministry Office Bureau Agency Court Army Navy Force Forces
Committee Commission Department University Bank Group Company Corporation News Times Post Press
Yuan Government State National Federal Republic Democratic People Peoples People’s People's
Royal Supreme High District City County Province Region Strait Sea Ocean River Island Islands
Street Road Avenue North South East West Northern Southern Eastern Western Central New Old
Photo Reuters AFP EPA EFE AP Bloomberg Xinhua Telegram Facebook Twitter Instagram YouTube TikTok
Google Apple Microsoft Amazon Meta Tesla Internet Covid God Allah Christmas Easter Ramadan
Legislative Executive Control Judicial Examination Security Public Municipal Information
Communications Electronic Command Staff Convention Act Law Sun Lin Su Lee Wang Chen Huang
International Organization Organisation Association Foundation Institute Union
""".split()) - {"Lee", "Lin", "Su", "Wang", "Chen", "Huang", "Sun"}

# Words that end an organisation's name.
_ORG_HEADS = """
Ministry|Department|Office|Agency|Bureau|Council|Committee|Commission|Party|Parliament|Assembly|
Congress|Senate|Court|Tribunal|Yuan|Army|Navy|Air Force|Forces|Force|Guard|Police|Service|
Administration|Authority|Institute|Institution|University|College|Academy|School|Hospital|
Foundation|Association|Federation|Union|League|Alliance|Organization|Organisation|Fund|Bank|
Group|Company|Corporation|Corp\\.?|Inc\\.?|Ltd\\.?|Co\\.|Holdings|Network|Times|News|Post|Agency|
Board|Cabinet|Directorate|Staff|Command|Front|Movement|Coalition|Centre|Center|Club|Society|
Secretariat|Exchange|Reserve|Prosecutors Office|Prosecutors’ Office|Church|Brigade|Battalion|
Regiment|Division|Corps|Commission|Times|Herald|Journal|Broadcasting Corporation|Airlines|Airways|
Motors|Electronics|Semiconductor Manufacturing Company|Pharmaceuticals|Energy|Petroleum|Oil|
Survey|Observatory|Laboratory|Palace
"""

@lru_cache(maxsize=1)
def organisation_table() -> tuple[tuple[str, str | None], ...]:
    """(name, ISO country or None) rows of data/organisations.tsv: the organisations and teams
    a news desk meets daily (space agencies, leagues and clubs, UN bodies, central banks,
    wires). A data table, so that teaching ingest a name is a one-line edit."""
    rows: list[tuple[str, str | None]] = []
    text = files(__package__).joinpath("data", "organisations.tsv").read_text("utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, country, *_ = (line.split("\t") + ["-"])[:3]
        rows.append((name.strip(), None if country.strip() in ("", "-") else country.strip()))
    return tuple(rows)


@lru_cache(maxsize=1)
def organisation_bases() -> dict[str, str]:
    """Name -> the base country (fourth column) of the table's companies that have one."""
    bases: dict[str, str] = {}
    text = files(__package__).joinpath("data", "organisations.tsv").read_text("utf-8")
    for line in text.splitlines():
        fields = line.split("\t")
        if not line.startswith("#") and len(fields) >= 4 and fields[3].strip():
            bases[fields[0].strip()] = fields[3].strip()
    return bases


@lru_cache(maxsize=1)
def _table_orgs() -> tuple[frozenset[str], dict[str, str], int, frozenset[str]]:
    """(single-word names, multi-word names, longest name in words, their first words)."""
    single = {name for name, _ in organisation_table() if " " not in name}
    multi = {name: name for name, _ in organisation_table() if " " in name}
    longest = max((len(n.split()) for n in multi), default=1)
    return frozenset(single), multi, longest, frozenset(n.split()[0] for n in multi)


def _known_orgs() -> frozenset[str]:
    return _table_orgs()[0]

_CJK_TITLES = ("副總統|总统|總統|副总统|行政院長|行政院长|立法院長|立法院长|監察院長|監察院副院長|副院長|副院长|院長|院长|"
               "部長|部长|次長|次长|主委|主席|發言人|发言人|市長|市长|縣長|县长|議長|议长|立委|議員|议员|"
               "總理|总理|首相|外長|外长|國務卿|国务卿|大使|將軍|将军|上將|上将|董事長|董事长|執行長|执行长|"
               "司長|司长|處長|处长|主任|校長|校长|總裁|总裁|行政長官|行政长官|特首|局長|局长|署長|署长|秘書長|秘书长|檢察官|检察官|法官|教授|記者|记者|國防部長|国防部长")
_CJK_AFTER = "表示說说指出今昨在與与和的也則则於于向對对將将已曾等率及並并會会日稱称強强談谈受出前"
# Common Chinese surnames (traditional and simplified): a name after a title must start with one.
_CJK_SURNAMES = ("王李張张劉刘陳陈楊杨黃黄趙赵吳吴周徐孫孙馬马朱胡郭何林高羅罗鄭郑梁謝谢宋唐許许韓韩馮冯"
                 "鄧邓曹彭曾蕭萧田董潘袁蔡蔣蒋余于杜葉叶程魏蘇苏呂吕丁任盧卢姚沈鍾钟姜崔譚谭陸陆范汪廖"
                 "石金賈贾夏韋韦付方鄒邹熊白孟秦邱侯江尹薛閻阎段雷龍龙黎史陶賀贺毛郝顧顾龔龚邵萬万覃"
                 "武錢钱戴嚴严歐欧莫孔向常湯汤康易喬乔賴赖文施洪辛柯莊庄游翁簡简凌卓藍蓝溫温邢紀纪")
_CJK_PERSON = re.compile(rf"(?:{_CJK_TITLES})(?P<name>[{_CJK_SURNAMES}][\u4e00-\u9fff]{{1,2}})")

# Wire datelines credit an agency: "NAIROBI, Kenya (AP) —", "BRASILIA (Reuters) -".
_DATELINE_CREDIT = re.compile(
    r"\((?:AP|Reuters|AFP|Bloomberg|CNA|dpa|EFE|Xinhua|Kyodo|Yonhap|ANSA|PA|UPI)\)\s*[—–-]+")
_CREDIT_LINE = re.compile(
    r"^\s*(?:Photo|Photos|Photograph|Image|Images|Graphic|Video|Picture|Pictures|Source|Credit)s?"
    r"(?:\s+credit)?\s*[:：].*$|^\s*(?:Additional reporting|Reporting|Writing|Editing) by\b.*$|"
    r"^\s*[-—–]\s*(?:Reuters|AFP|AP|Bloomberg|CNA|EPA-EFE|Xinhua)\s*$",
    re.M)
_CHINESE_SURNAMES = frozenset("""
Lee Li Lin Lim Wang Chen Chan Chang Zhang Cheung Liu Lau Huang Wong Hwang Wu Ng Tsai Cai Choi Lai
Hsu Xu Tsui Kuo Guo Kwok Ho He Yang Yeung Hung Hong Su So Ko Ke Hou Lu Loo Chu Zhu Chou Zhou Chow
Yeh Ye Tseng Zeng Cheng Zheng Chiang Jiang Hsieh Xie Tse Kao Gao Ma Hu Fan Pan Tang Teng Deng Sung
Song Shih Shi Yu Yue Lo Luo Liang Leung Tu Du Fu Feng Fung Yen Yan Wei Han Kang Pai Bai Chiu Qiu
Yao Tsao Cao Shen Sun Tai Dai Chung Zhong Chao Zhao Tan Tien Tian Fang Chiu Jen Ren Hsiao Xiao Yin
Lien Lian Kuan Guan Mao Wen Ting Ding Chien Qian Peng Pang Lung Long Hsiung Xiong Tsou Zou Hsueh
""".split())


# The head word of each capitalised title ("Minister" of "Foreign Minister"; not "Foreign").
_TITLE_WORDS = frozenset(t.strip().split()[-1].rstrip(".\\") for t in _TITLES.split("|")
                         if t.strip()[:1].isupper())
_LOWER_TITLES = sorted({t.strip() for t in _TITLES.split("|") if t.strip()[:1].islower()},
                       key=len, reverse=True)
_TITLE_BEFORE = re.compile(r"(?:^|[\s(])(?:" + "|".join(re.escape(t) for t in _LOWER_TITLES) + r"),?\s+$")
_SPEECH_AFTER = re.compile(rf"^,?\s+(?:also\s+|later\s+|then\s+)?(?:{_SPEECH})\b")
# What a sports report says a player did ("Jayson Tatum scored 31 points"): as good as speech.
_ACTION_AFTER = re.compile(r"^\s+(?:scored|netted|clinched|finished|struck|shot|pitched|threw|"
                           r"sank|posted|recorded|added \d)\b")
_SPEECH_BEFORE = re.compile(r"(?:\bsaid|\bsays|\btold|\bwrote|\baccording to)\s+$")
_PAREN_AFTER = re.compile(r"^\s*[（(](?P<cjk>[\u3400-\u9fff]{2,4})[)）]")
_ACRONYM_AFTER = re.compile(r"^\s*\((?P<acr>[A-Z][A-Za-z&]{1,9})\)")
_COMMA_LIST_BEFORE = re.compile(rf"((?:[{_U}][\w’'\-]*,\s+){{1,3}})$")
_WORD_CHARS = rf"[{_U}][\w’'.\-]*"
# A run of capitalised words joined by single spaces and a few lower-case connectors.
_SPAN_RE = re.compile(
    rf"(?<![\w’'\-]){_WORD_CHARS}(?:[ \u00a0](?:(?:of|for|and|the|on|de|da|del|der|van|von|bin|al)[ \u00a0])*"
    rf"{_WORD_CHARS})*")
_POSSESSIVE = re.compile(r"[’']s?$")
_ORG_HEAD_WORDS = frozenset(w for h in _ORG_HEADS.split("|") for w in [h.strip().split()[-1].rstrip(".\\?")] if w)
_ORG_OF_HEADS = frozenset("Ministry Department Office Bureau University Bank Council Committee "
                          "Commission Court Institute Academy Federation Union League Organization "
                          "Organisation Association Chamber Board Government".split())
_CONNECTOR_WORDS = frozenset("of for and the on de da del der van von bin al".split())


def _clean(text: str) -> str:
    """Drop credit lines; they name agencies, not the story's organisations or people."""
    return _DATELINE_CREDIT.sub(" — ", _CREDIT_LINE.sub("", text))


@lru_cache(maxsize=1)
def _place_words() -> tuple[frozenset[str], frozenset[str]]:
    """(single words that name a country, demonym or institution; every gazetteer name)."""
    from . import places
    gaz = places._gazetteer().latin
    single = {k for table in (places._COUNTRY_ALIASES, places._INSTITUTIONS, places._DEMONYMS)
              for k in table if " " not in k}
    single |= {k for k, _ in places._pycountry_names() if " " not in k}
    return frozenset(single - _GIVEN_NAMES), frozenset(gaz)


def _spans(text: str) -> list[tuple[int, int, list[str]]]:
    """Runs of capitalised words, never across a sentence break: "... Suhua Highway. The
    National Fire Agency" is two runs (ingest's one splitter, text.sentence_spans)."""
    out: list[tuple[int, int, list[str]]] = []
    for start, end in sentence_spans(text):
        out += [(m.start(), m.end(), m.group().split()) for m in _SPAN_RE.finditer(text, start, end)]
    return out


def _bare(word: str) -> str:
    return _POSSESSIVE.sub("", word).rstrip(".")


def _lone_surnames(text: str, spans: list[tuple[int, int, list[str]]]) -> frozenset[str]:
    """Capitalised words used alone in mid-sentence ("... with Putin", "Witkoff’s meeting"),
    or alone as a sentence's subject: the surnames of people named in full elsewhere."""
    out: set[str] = set()
    for start, _, words in spans:
        if len(words) != 1:
            continue
        before = text[max(0, start - 3):start].rstrip()
        word = _bare(words[0])
        if before and before[-1] not in ".!?“\"‘:\n":
            out.add(word)
        elif re.match(r"[’']s\b|\s+(?:was|is|has|had|said|says|told|added|will|would|in|on|"
                      r"scored|won|led|finished|beat)\b",
                      text[start + len(words[0]) - (1 if words[0].endswith(("’", "'")) else 0):][:12]):
            out.add(word)
    return frozenset(w for w in out if w not in _NOT_NAME)


def _split_title(words: list[str]) -> tuple[list[str], bool]:
    """Drop leading titles, places and function words; say whether a title was among them.
    "New York Governor Kathy Hochul" -> ["Kathy", "Hochul"], True."""
    from .places import _PERSONISH
    single, _ = _place_words()
    bare = [_bare(w.rstrip(",")) for w in words]
    # After the last title word among the leading words, if a capitalised name follows.
    last_title = -1
    for k, w in enumerate(bare[:-1]):
        if w in _TITLE_WORDS and bare[k + 1] not in _NOT_NAME:
            last_title = k
        elif last_title >= 0 and w not in _TITLE_WORDS:
            break
    if last_title >= 0:
        rest = words[last_title + 1:]
        if rest and rest[0] in ("of", "for"):
            # "Minister of Health and Welfare Chiu Tai-yuan": the portfolio runs into the name,
            # which is then the last two words.
            return (rest[-2:] if len(rest) >= 3 else []), True
        return rest, True
    k = 0
    while k < len(words):
        w = bare[k]
        if w in _PERSONISH and k + 1 < len(words) and bare[k + 1] not in _NOT_NAME:
            break   # "Jordan Peterson"
        if not (w in _NOT_NAME or w in single or w in _CONNECTOR_WORDS):
            break
        k += 1
    return words[k:], False


def _name_part(words: list[str]) -> list[str]:
    """The leading words that can be part of a personal name (at most 4)."""
    from .places import _PERSONISH
    single, _ = _place_words()
    out: list[str] = []
    for w in words:
        b = _bare(w)
        if b in _NOT_NAME or (b in single and not (not out and b in _PERSONISH)) or w in _CONNECTOR_WORDS and not out or len(out) == 4:
            break
        initial = len(w) == 2 and w.endswith(".")
        out.append(w if initial else b)
        if b != w.rstrip(".") or (w.endswith(".") and not initial):
            break   # a possessive or a full stop ends the name: "Trump’s special envoy"
    while out and out[-1] in _CONNECTOR_WORDS:
        out.pop()
    return out


def _chinese_name(words: list[str], cjk: str) -> list[str]:
    """"... Secretary-General Lee Chun-yi" + (李俊俋) -> ["Lee", "Chun-yi"]."""
    if len(words) >= 2 and re.fullmatch(r"[A-Z][a-z]+-[a-z]+", words[-1]):
        return words[-2:]
    if len(words) >= 2 and words[-2] in _CHINESE_SURNAMES and len(cjk) <= 3:
        return words[-2:]
    if len(words) >= 2 and words[0] in _CHINESE_SURNAMES:
        return words[:3]
    if len(words) >= 2 and words[-1] in _CHINESE_SURNAMES and words[-2][:1].isupper():
        return words[-2:]   # an English given name, then the surname: "William Lai (賴清德)"
    return []


@lru_cache(maxsize=8)
def find_people(text: str) -> tuple[str, ...]:
    """People named in the story, in order of first mention, each once. Cached for the story
    at hand: topics read the same text again to leave names out of its vocabulary."""
    text = _clean(text)
    _, gaz = _place_words()
    spans = _spans(text)
    lone = _lone_surnames(text, spans)
    found: list[tuple[int, str]] = []
    candidates: list[tuple[str, ...] | None] = []   # per span: names that could be people's
    people_at: set[int] = set()           # indices of spans found to be people
    for index, (start, end, words) in enumerate(spans):
        candidates.append(_pair_of_names(words, gaz))
        rest, titled = _split_title(words)
        name = _name_part(rest)
        after = text[end:end + 40]
        paren = _PAREN_AFTER.match(after)
        if paren:
            chinese = _chinese_name(name, paren.group("cjk"))
            if chinese:
                found.append((start, " ".join(chinese)))
                people_at.add(index)
            continue
        given = next((k for k, w in enumerate(name[1:-1], 1) if w in _GIVEN_NAMES), 0)
        if given and name[0] not in _GIVEN_NAMES:
            name = name[given:]   # "Comedian Volodymyr Zelenskiy": the name starts at the given name
        if not 2 <= len(name) <= 4:
            continue
        joined = " ".join(name)
        if joined in gaz or joined in _table_orgs()[1] or any(w in _ORG_HEAD_WORDS for w in name):
            continue
        if name[-1].endswith(".") and len(name[-1]) == 2:
            continue
        if rest == name and len(name) <= 3:
            candidates[index] = (joined,)
        titled = titled or bool(_TITLE_BEFORE.search(text[max(0, start - 40):start]))
        spoke = rest == name and (bool(_SPEECH_AFTER.match(after)) or bool(_ACTION_AFTER.match(after)) or (
            bool(_SPEECH_BEFORE.search(text[max(0, start - 16):start])) and
            bool(re.match(r"^(?:,|\.|$)", after))))
        if titled or spoke or name[0] in _GIVEN_NAMES or name[-1] in lone:
            found.append((start, joined))
            people_at.add(index)
    found += _listed_with_people(text, spans, candidates, people_at)
    for m in _CJK_PERSON.finditer(text):
        cjk_name = m.group("name")
        if len(cjk_name) == 3 and cjk_name[2] in _CJK_AFTER:
            cjk_name = cjk_name[:2]
        found.append((m.start("name"), cjk_name))
    return _dedupe(found)


_LIST_JOIN = re.compile(r",\s+(?:and\s+)?|\s+and\s+")


def _pair_of_names(words: list[str], gaz: frozenset[str]) -> tuple[str, ...] | None:
    """"Demis Hassabis and John Jumper" (one run: "and" joins capitalised words) -> both names,
    when each side is two or three plain name words; else None."""
    if "and" not in words:
        return None
    parts = " ".join(_bare(w) for w in words).split(" and ")
    for part in parts:
        names = part.split()
        if not 2 <= len(names) <= 3 or part in gaz or any(
                w in _NOT_NAME or w in _ORG_HEAD_WORDS or w in _CONNECTOR_WORDS for w in names):
            return None
    return tuple(parts)


def _listed_with_people(text: str, spans: list[tuple[int, int, list[str]]],
                        candidates: list[tuple[str, ...] | None],
                        people_at: set[int]) -> list[tuple[int, str]]:
    """Names in a list with a person ("... to US biochemist David Baker, Demis Hassabis and
    John Jumper"): bare names joined by a comma or "and" to a person are people too."""
    out: list[tuple[int, str]] = []
    linked = set(people_at)
    for step in (1, -1):   # forwards along the list, then backwards
        for index in sorted(linked, reverse=step == -1):
            k = index
            while 0 <= k + step < len(spans):
                left, right = (k, k + step) if step == 1 else (k + step, k)
                names = candidates[k + step]
                if names is None or not _LIST_JOIN.fullmatch(text, spans[left][1], spans[right][0]):
                    break
                k += step
                if k not in linked:
                    linked.add(k)
                    out += [(spans[k][0] + n, name) for n, name in enumerate(names)]
    return out


def _dedupe(found: list[tuple[int, str]]) -> tuple[str, ...]:
    """First mention order; a name contained in a longer one is the same person."""
    found.sort()
    names: list[str] = []
    for _, name in found:
        if name in names or any(_contains(n, name) for n in names):
            continue
        shorter = next((n for n in names if _contains(name, n)), None)
        if shorter:
            names[names.index(shorter)] = name
            continue
        names.append(name)
    return tuple(names)


def _contains(longer: str, shorter: str) -> bool:
    return longer != shorter and f" {shorter} " in f" {longer} "


# --- organisations --------------------------------------------------------------------------

_ORG_NOISE = frozenset("The the A An In On At By For From With And But Also Former Then Under As "
                       "Asked If When While After Before Since Meanwhile".split())


def _org_in_span(words: list[str]) -> list[str]:
    """The organisation name in a run of capitalised words, or []."""
    k = 0
    while k < len(words) and (words[k] in _ORG_NOISE or words[k] in _CONNECTOR_WORDS):
        k += 1
    words = [w.rstrip(",") for w in words[k:]]
    if not words:
        return []
    # "Ministry of Foreign Affairs": head first, then "of ...", up to a person's title.
    if words[0] in _ORG_OF_HEADS and len(words) >= 3 and words[1] in ("of", "for"):
        out = [words[0]]
        for w in words[1:]:
            if w.rstrip(".") in _TITLE_WORDS:
                break
            out.append(w)
        while out[-1] in _CONNECTOR_WORDS:
            out.pop()
        return out
    heads = [i for i, w in enumerate(words) if _bare(w) in _ORG_HEAD_WORDS]
    if not heads:
        return []
    head = heads[0]
    # Extend over directly following heads ("Force Command", "Public Security Bureau").
    while head + 1 < len(words) and _bare(words[head + 1]) in _ORG_HEAD_WORDS:
        head += 1
    out = words[:head + 1]
    out[-1] = _bare(out[-1])
    # "Russia’s General Staff" -> "General Staff" (only a place is stripped as possessor:
    # "People’s Liberation Army" keeps its word).
    single, _ = _place_words()
    for i, w in enumerate(out[:-1]):
        if w.endswith(("’s", "'s")) and _bare(w) in single:
            out = out[i + 1:]
            break
    # A person's title inside means a job ("Chief of the Defence Staff"), not an organisation;
    # right before the head it is part of the name ("General Staff").
    if any(w.rstrip(".") in _TITLE_WORDS for w in out[:-2]):
        return []
    if len(out) < 2 and out[0] not in _known_orgs():
        return []
    return out


def find_organizations(text: str) -> tuple[str, ...]:
    """Organisations named in the story, in order of first mention, each once."""
    text = _clean(text)
    found: list[tuple[int, str]] = []
    acronyms: set[str] = set()
    for start, end, words in _spans(text):
        acr_m = _ACRONYM_AFTER.match(text[end:end + 14])
        org = _org_in_span(words)
        if acr_m:
            acr = acr_m.group("acr")
            if not org or (org[0][0] != acr[0] and text[max(0, start - 2):start] == ", "):
                before = _COMMA_LIST_BEFORE.search(text[max(0, start - 80):start])
                lead = before.group(1).split() if before else []
                org = _fit_acronym(lead + words, acr) or org
            if org:
                acronyms.add(acr)
                found.append((start, _join_org(text, start, end, org) + f" ({acr})"))
                continue
        if org:
            found.append((start, " ".join(org)))
        known = _known_orgs()
        for w in words:
            b = _bare(w)
            if b in known:
                found.append((start, b))
        found += [(start, name) for name in _table_names_in(words)]
    return _dedupe_orgs(found, acronyms)


def _table_names_in(words: list[str]) -> list[str]:
    """Multi-word names of the organisation table inside a run ("the Boston Celtics")."""
    _, multi, longest, firsts = _table_orgs()
    if not any(w in firsts for w in words):
        return []
    bare = [_bare(w.rstrip(",")) if k == len(words) - 1 or w.endswith(("’s", "'s", ".", ","))
            else w for k, w in enumerate(words)]
    out: list[str] = []
    i = 0
    while i < len(bare):
        for j in range(min(len(bare), i + longest), i + 1, -1):
            cand = " ".join(bare[i:j])
            if cand in multi:
                out.append(cand)
                i = j - 1
                break
        i += 1
    return out


def _join_org(text: str, start: int, end: int, org: list[str]) -> str:
    """The organisation as written (keeping commas), when it is the end of the span."""
    joined = " ".join(org)
    m = re.search(r"(?:[^\s,]+,?\s+){%d}[^\s,]+$" % (len(org) - 1), text[max(0, start - 80):end])
    if m and m.group().replace(",", "").split() == [w.rstrip(",") for w in org]:
        return m.group()
    return joined


def _fit_acronym(words: list[str], acr: str) -> list[str]:
    """The shortest tail of words whose letters spell the acronym, first letters agreeing."""
    words = [w.rstrip(",") for w in words]
    for start in range(len(words) - 1, -1, -1):
        tail = words[start:]
        if tail[0] in _ORG_NOISE or tail[0] in _CONNECTOR_WORDS or tail[0][0] != acr[0]:
            continue
        initials = "".join(w[0] for w in tail if w[0].isupper())
        if initials == acr or (_subsequence(acr.upper(), "".join(tail).upper()) and len(tail) >= len(acr) // 2):
            return tail
    return []


def _subsequence(needle: str, hay: str) -> bool:
    it = iter(hay)
    return all(ch in it for ch in needle)


def _dedupe_orgs(found: list[tuple[int, str]], acronyms: set[str]) -> tuple[str, ...]:
    """First mention order; an acronym or a shorter/longer form of a listed name is dropped
    (at one position the longer name wins: "UN Security Council" over "UN")."""
    found.sort(key=lambda f: (f[0], -len(f[1])))
    out: list[str] = []
    bases: list[str] = []
    for _, org in found:
        base = re.sub(r"\s*\([^)]*\)$", "", org)
        if org in acronyms or base in bases:
            continue
        if any(f" {base}".endswith(f" {b}") or f" {b}".endswith(f" {base}") or f" {base} " in f" {b} "
               for b in bases):
            continue
        out.append(org)
        bases.append(base)
    return tuple(out)
