"""People named in a story, with regexes and small word lists (no NLP model).

People: runs of 2-4 capitalised name tokens accepted only in person-like contexts:
- after a title ("President", "Foreign Minister", "Mr", "Gen.", "envoy", "spokesperson" ...);
- next to a speech verb ("X said", "X told", "... said Mercy Wanjiru, a student");
- followed by Chinese characters in parentheses: "Lee Chun-yi (李俊俋)" -> "Lee Chun-yi";
- starting with a common given name ("Steve Witkoff");
- whose surname recurs alone elsewhere in the story ("Witkoff was ...");
- in Chinese text, 2-3 characters after a title: 總統賴清德 -> 賴清德.
A surname alone never makes a new person, and a name inside a longer one found earlier is the
same person. Places, organisations, months, weekdays and sentence-initial words are refused.

Organisations are found by orgs.py (find_organizations is re-exported here, where story.py
looks for both); the runs of capitalised words and the word lists both read are namewords.py's.
The context checks are plain string tests around each run.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .namewords import (
    _CONNECTOR_WORDS,
    _GIVEN_NAMES,
    _ORG_HEAD_WORDS,
    _TITLE_WORDS,
    _TITLES,
    _bare,
    _clean,
    _place_words,
    _spans,
    _table_orgs,
)
from .orgs import find_organizations

__all__ = ["find_people", "find_organizations"]

_SPEECH = (r"said|says|told|added|wrote|warned|argued|noted|stated|announced|insisted|"
           r"acknowledged|admitted|explained|asked|urged|claimed|denied|confirmed|tweeted|posted")

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

_CHINESE_SURNAMES = frozenset("""
Lee Li Lin Lim Wang Chen Chan Chang Zhang Cheung Liu Lau Huang Wong Hwang Wu Ng Tsai Cai Choi Lai
Hsu Xu Tsui Kuo Guo Kwok Ho He Yang Yeung Hung Hong Su So Ko Ke Hou Lu Loo Chu Zhu Chou Zhou Chow
Yeh Ye Tseng Zeng Cheng Zheng Chiang Jiang Hsieh Xie Tse Kao Gao Ma Hu Fan Pan Tang Teng Deng Sung
Song Shih Shi Yu Yue Lo Luo Liang Leung Tu Du Fu Feng Fung Yen Yan Wei Han Kang Pai Bai Chiu Qiu
Yao Tsao Cao Shen Sun Tai Dai Chung Zhong Chao Zhao Tan Tien Tian Fang Chiu Jen Ren Hsiao Xiao Yin
Lien Lian Kuan Guan Mao Wen Ting Ding Chien Qian Peng Pang Lung Long Hsiung Xiong Tsou Zou Hsueh
Xi Kim Park Moon Yoon Jeon Shin
""".split())
# A romanised Chinese or Korean given name, a syllable or two ('Jinping', 'Qiang', 'Yeol'): an
# English name ('Psaki', 'Andrew') does not scan so.
_ROMANISED_SYLLABLES = re.compile(
    r"(?:(?:[bcdfghjklmnpqrstwxyz]|ch|sh|zh|hs|ts)?(?:[aeiouü]|oo|eo|eu|yeo|yu|ya|wa|wo)+(?:ng|n|l|k|m|p|r)?){1,2}")


def family_name_first(name: str) -> bool:
    """'Xi Jinping', 'Wang Yi', 'Kim Jong Un', 'Yoon Suk Yeol': a Chinese or Korean name written
    family name first, so its short form is its first word ('Lai Ching-te' has its hyphen for that)."""
    parts = name.split()
    return (2 <= len(parts) <= 3 and parts[0] in _CHINESE_SURNAMES
            and all(_ROMANISED_SYLLABLES.fullmatch(p.lower()) for p in parts[1:]))


_LOWER_TITLES = sorted({t.strip() for t in _TITLES.split("|") if t.strip()[:1].islower()},
                       key=len, reverse=True)
_TITLE_BEFORE = re.compile(r"(?:^|[\s(])(?:" + "|".join(re.escape(t) for t in _LOWER_TITLES) + r"),?\s+$")
_SPEECH_AFTER = re.compile(rf"^,?\s+(?:also\s+|later\s+|then\s+)?(?:{_SPEECH})\b")
# What a sports report says a player did ("Jayson Tatum scored 31 points"): as good as speech.
_ACTION_AFTER = re.compile(r"^\s+(?:scored|netted|clinched|finished|struck|shot|pitched|threw|"
                           r"sank|posted|recorded|added \d)\b")
_SPEECH_BEFORE = re.compile(r"(?:\bsaid|\bsays|\btold|\bwrote|\baccording to)\s+$")
_PAREN_AFTER = re.compile(r"^\s*[（(](?P<cjk>[\u3400-\u9fff]{2,4})[)）]")


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


# "Ministry of Health, " before a run: the run goes on the organisation's portfolio list.
_ORG_OF_LIST_BEFORE = re.compile(r"\b(?:" + "|".join(sorted(_ORG_HEAD_WORDS)) + r")\s+of\s+[^.;:!?]*,\s*$")


def _opens_sentence(text: str, start: int) -> bool:
    """Whether the run at start is the first word of its sentence (capitalised for that)."""
    before = text[:start].rstrip(" \t\"“‘'(")
    return not before or before[-1] in ".!?:\n"


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
        if not titled and (any(_bare(w.rstrip(",")) in _ORG_HEAD_WORDS for w in words[:len(words) - len(rest)])
                           or "and" in words and _ORG_OF_LIST_BEFORE.search(text, max(0, start - 80), start)):
            # "the Ministry of Economic Affairs said", "the Ministry of Health, Labour and
            # Welfare said": the rest of an organisation's name, not a person's.
            continue
        given = next((k for k, w in enumerate(name[1:-1], 1) if w in _GIVEN_NAMES), 0)
        if given and name[0] not in _GIVEN_NAMES and _opens_sentence(text, start):
            # "Comedian Volodymyr Zelenskiy won": the name starts at the given name; but inside
            # a sentence a capitalised run is a proper name as a whole ("the Camp David Accords").
            name = name[given:]
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
            # A walk stops at a name linked already: the walk from it (or the one that linked
            # it) goes on from there, so each name is walked over once and a long list of names
            # costs linear work, not quadratic.
            while 0 <= k + step < len(spans) and k + step not in linked:
                left, right = (k, k + step) if step == 1 else (k + step, k)
                names = candidates[k + step]
                if names is None or not _LIST_JOIN.fullmatch(text, spans[left][1], spans[right][0]):
                    break
                k += step
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
