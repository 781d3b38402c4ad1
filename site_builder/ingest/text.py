"""Small pure text helpers shared by segmentation and headlines: scripts, sentences, kickers, credits."""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass

from site_builder.sentences import (  # noqa: F401  (re-exported: ingest's modules read them here)
    _ABBREV,
    _CLOSERS,
    _GERMAN_MONTH_AFTER,
    _SENT_END,
    _sentence_bounds,
    first_sentence,
    sentence_count,
    sentences,
)

# Sentence-final punctuation, optionally followed by closing quotes or brackets.
_FINAL = ".!?。！？…"
_ENDS_COMPLETE = re.compile(rf"[{re.escape(_FINAL)}][{re.escape(_CLOSERS)}]*$")
# A line ending like this introduces what follows (a quote, a list): not cut off.
_ENDS_OPEN = re.compile(r"[:：;；—–]$")

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_ARABIC = re.compile(r"[\u0600-\u06ff]")

# Credits: photo and reporting lines. Short, and recognisable by their label.
_PHOTO_CREDIT = re.compile(
    r"^[(（\[]?\s*(?:photo(?:graph)?s?|pictures?|images?|foto(?:grafía|s)?|crédits? photo|"
    r"illustration|graphic|video|file photo)"
    r"(?:\s+(?:credit|courtesy(?: of)?|de|par))?(?:\s+by\s+[^:：]{1,50})?\s*[:：/]\s*\S.*$"
    r"|^[(（\[]?\s*(?:photo(?:graph)?s?|pictures?)\s+(?:by|courtesy of)\s+\S.{0,60}$"
    r"|^[(（]?\s*(?:攝影|摄影|圖|图|照片|圖片|图片|資料照|资料照|圖／|图／)[：:／/]?.{0,30}$",
    re.IGNORECASE)
# A photo's caption: labelled, or ending in a wire photographer's credit ('… in Busan.
# REUTERS/Kim Hong-Ji', '(AP Photo/Jae C. Hong)'): a sentence, so longer than a credit.
_CAPTION_LABEL = re.compile(r"^[(（\[]?\s*(?i:(?:photo\s+)?caption|file\s+photo)\s*[:：]\s*\S")
_WIRE_PHOTO_CREDIT = re.compile(r"(?:REUTERS|AFP|EPA(?:-EFE)?|AP Photo|Getty Images|Bloomberg|Xinhua|Yonhap|Kyodo|CNA)"
                                r"\s*/\s*[A-Z][\w.'’ -]{1,40}(?:/(?:File Photo|File|Pool|Handout))?\)?$")
_WIRE_PHOTO_CREDIT_CHARS = 100   # the credit's longest form: agency, slash, a name of 40
MAX_CAPTION_CHARS = 400
# Lines that close a story without being its text: reporting credits, a sign-off, and where it
# came from or leads to ('Source: Reuters', 'Read more: https://…', a bare address).
# News agencies and papers whose name alone on a line credits a story ('Associated Press' under
# its byline), and after whose name a reporter's is a byline ('Lisa Barrington, Reuters').
_AGENCIES = (r"(?:(?:The )?Associated Press|AP|Reuters|AFP|Agence France-Presse|Bloomberg(?: News)?|Kyodo(?: News)?|"
             r"Yonhap(?: News Agency)?|Xinhua|CNA|Central News Agency|dpa|EFE|The New York Times|"
             r"The Washington Post|The Guardian|BBC News|CNN|Nikkei Asia|Focus Taiwan)")
# An agency or a reporter signing off on a line of its own: '（共同）', '(AP)', 'jhkim@yna.co.kr'.
_SIGN_OFF_SOURCE = r"^[(（][^()（）\s]{1,12}[)）]$|^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$"
_SIGN_OFF = re.compile(_SIGN_OFF_SOURCE)
_REPORT_CREDIT = re.compile(
    r"^(?:sources?|read\s+more|related|see\s+also)\s*[:：]\s*\S|^https?://\S+$|"
    + _SIGN_OFF_SOURCE + rf"|^{_AGENCIES}$"
    + r"|^[(（\[]?\s*(?:(?:with\s+)?additional\s+reporting\s+by|reporting\s+by|writing\s+by|editing\s+by|"
    r"compiled\s+by|translated\s+by|information\s+adicional\s+de|con\s+información\s+de|"
    r"avec\s+(?:l['’])?(?:afp|reuters|ap)\b|additional\s+reporting:|"
    r"(?:編譯|编译|編輯|编辑|責任編輯|责任编辑|譯者|译者|核稿|校對|校对)[：:])",
    re.IGNORECASE)
MAX_CREDIT_CHARS = 160
# CNA closes a story with its editor's credit and a date code in the ROC calendar ('（編輯：張均懋）
# 1131204': year 113, 4 December): the code is for the desk, not for readers.
_CREDIT_DATE_CODE = re.compile(r"(?<=[)）])\s*\d{7}$")


def credit_text(text: str) -> str:
    """A credit line as the story prints it: without its brackets and a desk's date code
    ('（編輯：張均懋）1131204' -> '編輯：張均懋', '(Reporting by Jane Doe)' -> 'Reporting by Jane Doe')."""
    return _CREDIT_DATE_CODE.sub("", text).strip("()（）[] ")


def ends_complete(text: str) -> bool:
    """True when the text ends a sentence (full stop, ?, !, 。 …, maybe then a closing quote)."""
    return bool(_ENDS_COMPLETE.search(text))


_MID_PHRASE = frozenset(["a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or", "but", "as", "its", "his", "her", "their", "that", "which", "who", "is", "are", "was", "were", "be", "has", "have", "had", "will", "would", "said", "than", "into", "over", "after", "before", "while", "de", "la", "le", "les", "el", "los", "las", "y", "et", "en", "du", "des", "un", "una", "une"])


def ends_mid_phrase(text: str) -> bool:
    """A line ending in 'the', 'of', 'said' … was cut off; a headline on its own line never does."""
    last = text.rsplit(None, 1)[-1].lower() if text.strip() else ""
    return last in _MID_PHRASE or text.endswith(",")


def ends_open(text: str) -> bool:
    """True when the text ends with a colon or dash that introduces what follows."""
    return bool(_ENDS_OPEN.search(text))


def is_photo_credit(text: str) -> bool:
    """A photo's credit ('Photo: EPA-EFE') or its caption."""
    if len(text) <= MAX_CREDIT_CHARS and _PHOTO_CREDIT.match(text) and not _ends_long_sentence(text):
        return True
    # (is_credit asks of every paragraph, often: the credit is looked for in the tail only)
    return len(text) <= MAX_CAPTION_CHARS and (bool(_CAPTION_LABEL.match(text)) or "/" in text
                                               and bool(_WIRE_PHOTO_CREDIT.search(text[-_WIRE_PHOTO_CREDIT_CHARS:])))


# ... or after a dash, a line that is no credit but the story's last ('— Reuters').
_DASH_SIGN_OFF = re.compile(r"^[—–-]+\s*[A-Z][\w.&/ -]{1,30}$")


def is_sign_off(text: str) -> bool:
    """A line that signs a story off: the agency or the reporter ('（共同）', 'jhkim@yna.co.kr',
    '— Reuters')."""
    return len(text) <= MAX_CREDIT_CHARS and bool(_SIGN_OFF.match(text) or _DASH_SIGN_OFF.match(text))


def is_report_credit(text: str) -> bool:
    return len(text) <= MAX_CREDIT_CHARS and bool(_REPORT_CREDIT.match(text))


def is_credit(text: str) -> bool:
    return is_photo_credit(text) or is_report_credit(text) or is_byline(text)


# "By Chen Yu-fu / Staff reporter", "By Jane Doe and John Roe", "Staff writer, with CNA".
# The names after "By" must be capitalised (case-sensitive): "par l’Assemblée nationale, qui …",
# a hard-wrapped French line, is not a byline.
_BYLINE = re.compile(
    r"^(?i:by|por|par)\s+[A-ZÀ-Þ][\w.’'-]*(?:\s+[A-ZÀ-Þ][\w.’'-]*){0,3}"
    r"(?:\s*(?:,|/|and|y|et|&)\s*[A-Za-zÀ-ÿ][\w.’' -]*){0,3}$"
    r"|^(?i:staff (?:writer|reporter)s?|special to the [\w ]+|from staff reports)(?i:,? with [\w ,]+)?$"
    # a reporter and the agency: 'Lisa Barrington, Reuters'
    rf"|^[A-Z][\w’'-]+(?:\s+[A-Z][\w’'.-]+){{1,2}},\s+{_AGENCIES}$"
    # a wire story's agency and place in capitals, over it: 'Agencies, LONDON', 'AFP and Reuters, BEIRUT'
    r"|^[A-Z][\w.&’'-]*(?:\s+(?:and\s+)?[A-Z][\w.&’'-]*){0,3},\s+[A-Z][A-Z.'’-]+(?:\s+(?:and\s+)?[A-Z][A-Z.'’-]+){0,3}$")


def is_byline(text: str) -> bool:
    """A byline: it opens a story (or closes it, 'Staff writer, with CNA'); not body text."""
    return len(text) <= 100 and not ends_complete(text) and bool(_BYLINE.match(text))


# A line of nothing but marks ('***', '* * *', '---', '■ ■ ■'): how newsletters and wires part
# their items. Three marks at least, so a lone dash or bullet stays text.
_RULE_LINE = re.compile(r"^(?:[-*=_#~•·—–―＊※◆◇■□●○★☆+]\s*){3,}$")


def is_rule_line(text: str) -> bool:
    """A separator line between stories (no letter or digit, three marks or more)."""
    return bool(_RULE_LINE.match(text))


# A web page's furniture, pasted with the stories from a news site: ad slots, reading prompts, a
# time stamp (or a date line of nothing else), a video or related-story teaser. A line of nothing else is no story's text (and no
# boundary: 'Advertisement' between two paragraphs of one story once split it, its title
# 'Advertisement').
_PAGE_FURNITURE = re.compile(
    r"^(?:advertisement|advertising|sponsored(?: content)?|(?:story|article) continues (?:below|after)(?: (?:this )?advertisement)?"
    r"|continue reading(?: below| the main story)?|skip (?:to|past) (?:main )?(?:content|advertisement)"
    r"|scroll to continue(?: with content)?|\d{1,2} min(?:ute)?s? read|share(?: this (?:article|story))?"
    r"|listen to (?:this )?(?:article|story)(?: \(?\d{1,2}:\d{2}\)?)?"
    # 'UPDATED 10:15 GMT', 'Updated: Dec 4, 2024 10:15 am ET', 'Published 3 hours ago'
    r"|(?:updated|last updated|published|posted)\b[^.!?]{0,40}?(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?|ago)"
    # a time stamp of nothing but a date, maybe a time and a reading time: 'Dec 20, 2024 · 3 min read'
    r"|(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
    r"\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2})"
    r"(?:\s*[·|•,–—-]?\s*(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?|\d{1,2} min(?:ute)?s? read))*"
    # 'Watch: Reeves defends budget (2:31)', 'Related: House Republicans split …', 'See also: …'
    r"|(?:▶\s*)?(?:watch|video|listen)\s*[:|–—-]\s*[^\n]{1,100}\(\d{1,2}:\d{2}\)"
    r"|(?:related|see also|also read|read also|related coverage)\s*:\s*(?!.*https?://)[^\n]{1,100}"
    r")$", re.IGNORECASE)
_PAGE_FURNITURE_CHARS = 120


def is_page_furniture(text: str) -> bool:
    """A web page's own line, no story's text ('Advertisement', 'UPDATED 10:15 GMT', 'Related: …')."""
    return len(text) <= _PAGE_FURNITURE_CHARS and bool(_PAGE_FURNITURE.match(text))


# A list item's mark opening a paragraph: '1. ', '2) ', '• ', or '* ' / '- ' before a capital:
# newsletters number or bullet their items. Not '- Reuters' (a sign-off: too few words after it).
_LIST_ITEM = re.compile(r"^(?:(\d{1,3})[.)]|([•·▪●◦‣∙])|([*-])(?=\s+[\"“‘'A-Z]))\s+(?=\S)")
_DASH_ITEM_WORDS = 4


# A print edition's jump, which a web reader cannot follow: '… the ministry said. Continued on
# Page 3', '(See related story on page 4)', 'STORY CONTINUES ON PAGE 12' after a sentence or as a
# line of its own, and 'Continued from Page 1:' before one. Only the end of a paragraph is read.
_PAGE = r"(?:page|p\.)\s*[A-Z]?\d{1,3}[A-Z]?"
_PRINT_JUMP = re.compile(
    r"(?:^|(?<=[.!?”\"’)\]] ))[(\[]?\s*(?:"
    rf"(?:(?:the\s+)?(?:story|article|report)\s+)?continue[sd]\s+(?:on|from)\s+{_PAGE}"
    rf"|(?:see|turn to)\s+(?:also\s+)?(?:(?:related|full)\s+)?(?:(?:story|stories|report|article|graphic|editorial|"
    rf"analysis)\s+)?(?:on\s+)?{_PAGE}"
    rf"|related\s+(?:story|stories|report|article)\s*(?::|on)\s*{_PAGE}"
    r")\s*[)\]]?\.?$", re.IGNORECASE)
_PRINT_JUMP_LEAD = re.compile(rf"^[(\[]?\s*continued\s+from\s+{_PAGE}\s*[)\]]?\s*[:.—–-]?\s*", re.IGNORECASE)
_JUMP_TAIL_CHARS = 80


def without_print_jump(text: str) -> str:
    """The paragraph without a print edition's jump to or from another page ('' when it is
    nothing else)."""
    match = _PRINT_JUMP.search(text, max(0, len(text) - _JUMP_TAIL_CHARS))
    if match:
        text = text[:match.start()].rstrip()
    lead = _PRINT_JUMP_LEAD.match(text)
    return text[lead.end():] if lead else text


def list_item(text: str) -> tuple[str, str]:
    """(the mark: the item's number or its bullet, '' when none; the text without it)."""
    match = _LIST_ITEM.match(text)
    if match is None:
        return "", text
    rest = text[match.end():]
    if match.group(3) and len(rest.split(None, _DASH_ITEM_WORDS)) < _DASH_ITEM_WORDS:
        return "", text
    return match.group(1) or match.group(2) or match.group(3), rest


def is_caps_line(text: str) -> bool:
    """A short line in capitals with no colon ('WORLD NEWS', 'EAST ASIA'): a kicker on its own line."""
    if len(text) > 60 or text.upper() != text or len(text.split()) > 8:
        return False
    return (sum(1 for c in text if c.isalpha()) >= 2 and not ends_complete(text) and not _CJK.search(text)
            and not is_credit(text))


def _ends_long_sentence(text: str) -> bool:
    # "Photo: EPA-EFE" is a credit; "Photos: the minister said the pictures were fake." is not.
    return len(text.split()) > 12


def script_of(text: str) -> str:
    """The dominant script: 'cjk', 'latin', 'cyrillic', 'arabic' or '' when there are no letters.

    A CJK character carries about as much as two or three Latin letters, so it counts triple;
    a Chinese name in brackets inside an English story stays 'latin'. The first 600 characters
    decide: enough for a paragraph, and it keeps long paragraphs cheap.
    """
    sample = text[:600]
    if not _CJK.search(sample) and not _CYRILLIC.search(sample) and not _ARABIC.search(sample):
        return "latin" if _LATIN.search(sample) else ""
    cjk = 3 * len(_CJK.findall(sample))
    latin = len(_LATIN.findall(sample))
    if latin >= 60 and cjk < latin:
        return "latin"
    counts = {"cjk": cjk, "latin": latin, "cyrillic": len(_CYRILLIC.findall(sample)),
              "arabic": len(_ARABIC.findall(sample))}
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] else ""


_STOPWORDS = {
    "en": frozenset(["the", "and", "of", "to", "in", "is", "was", "that", "for", "on", "with", "said", "by", "from", "has", "have", "are", "were", "it", "its", "at", "as", "he", "she", "they", "his", "her", "be", "been", "this", "will", "an", "which", "who", "would", "not", "after"]),
    "fr": frozenset(["le", "la", "les", "des", "et", "est", "une", "dans", "pour", "que", "qui", "du", "au", "aux", "sur", "par", "pas", "ont", "été", "a", "cette", "ce", "il", "elle", "ils", "sont", "avec", "selon", "mais", "plus", "son", "sa", "ses"]),
    "es": frozenset(["el", "la", "los", "las", "del", "y", "en", "que", "por", "con", "una", "para", "según", "fue", "se", "su", "sus", "al", "es", "lo", "como", "más", "pero", "este", "esta", "han", "ha", "sido"]),
    "de": frozenset(["der", "die", "das", "und", "ist", "nicht", "mit", "den", "dem", "des", "ein", "eine", "sich", "auf", "für", "von", "zu", "im", "auch", "wurde", "wird", "sind", "hat", "nach"]),
}
# Words two of these languages share ('la', 'que', 'de', 'die') cannot tell them apart: the
# language is the one with the most words of its own ('a' and 'se' are French and Spanish alike),
# and its shared ones count half towards enough evidence.
_STOPWORDS["es"] |= frozenset(["ayer", "dijo", "tras", "desde", "hasta", "también", "muy", "sobre", "cuando",
                               "porque", "sin", "están", "hay", "fueron", "tiene", "ser", "anoche", "hoy",
                               "de", "un"])
_STOPWORDS["fr"] |= frozenset(["hier", "leur", "leurs", "être", "ces", "aussi", "sans", "lors", "avait", "dont",
                               "où", "depuis", "fait", "aujourd", "de", "un"])
# Other languages a digest's items come in. None of their words is also an English word ('per',
# 'do', 'no', 'van', 'come' are left out), so no English paragraph can lose its own evidence.
_STOPWORDS |= {
    "it": frozenset(["il", "lo", "gli", "della", "delle", "dei", "degli", "nel", "nella", "alla", "alle", "che",
                     "non", "sono", "è", "ha", "hanno", "stato", "stata", "anche", "più", "con", "una", "del",
                     "ieri", "oggi", "dopo", "secondo", "questo", "questa", "tra", "ma", "e", "di", "da"]),
    "pt": frozenset(["o", "os", "da", "dos", "das", "em", "na", "nos", "nas", "um", "uma", "com", "não", "foi",
                     "pelo", "pela", "ao", "à", "são", "também", "ontem", "mais", "seu", "sua", "disse", "após",
                     "que", "e", "de", "para", "está", "estão", "ser", "pelos", "pelas", "numa", "num", "seus", "suas"]),
    "nl": frozenset(["het", "een", "en", "niet", "met", "voor", "zijn", "werd", "naar", "ook", "maar", "bij",
                     "dat", "deze", "dit", "wordt", "heeft", "hebben", "gisteren", "zei", "volgens", "uit",
                     "om", "tot", "nog", "de"]),
    "id": frozenset(["yang", "dan", "di", "ini", "itu", "dengan", "untuk", "pada", "dari", "dalam", "akan",
                     "tidak", "oleh", "ke", "telah", "juga", "sejak", "kata", "bahwa", "adalah", "karena",
                     "para", "kemarin", "tahun", "menurut", "sudah", "atau"]),
    "vi": frozenset(["của", "và", "các", "những", "được", "trong", "là", "cho", "đã", "với", "này", "không",
                     "người", "một", "có", "hôm", "qua", "năm", "khi", "đến", "theo", "tại", "về", "từ"]),
}
_DISTINCTIVE = {lang: stops - frozenset().union(*(other for o, other in _STOPWORDS.items() if o != lang))
                - frozenset(["a", "se"]) for lang, stops in _STOPWORDS.items()}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def language_of(text: str, script: str | None = None) -> str:
    """A rough language guess for Latin-script text by stop-word counts; '' when unsure."""
    script = script_of(text) if script is None else script
    if script != "latin":
        return script
    words = _WORD.findall(text[:400].lower())
    if len(words) < 8:
        return ""
    scores = {lang: sum(map(_DISTINCTIVE[lang].__contains__, words)) for lang in _STOPWORDS}
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    (top, n1), (_, n2) = ranked[0], ranked[1]
    support = sum(1.0 if w in _DISTINCTIVE[top] else 0.5 for w in words if w in _STOPWORDS[top])
    if n1 >= 2 * n2 + 1 and support >= 3:
        return top
    return ""








@lru_cache(maxsize=8)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) offsets of the sentences of a story's text, where a line break (a new
    paragraph, or a deck without a full stop) also ends one. The one sentence splitter of
    ingest: names, places and dates read sentence by sentence through it. Cached for the few
    texts of the story at hand: people and organisations read the same text."""
    out: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        out += _sentence_bounds(line, offset)
        offset += len(line) + 1
    return tuple(out)


# A kicker: a label in capitals (curly, straight or no quotes), or any short quoted phrase
# in Chinese, followed by a colon (ASCII or full width): ‘ABUSE OF POWER’: …, 'ICE': …,
# INDO-PACIFIC REGION: …, ‘違法’：…; a quoted label may go on in capitals: ‘BLUE-WHITE’ SPLIT: …
_KICKER = re.compile(
    r"^(?P<open>[‘'\"“「『]?)(?P<label>[^:：‘’'\"“”「」『』\n]{1,60}?)"
    r"(?:(?P<close>[’'\"”」』])(?P<after>(?: [A-Z0-9][A-Z0-9&-]*){0,4}))?\s*(?::(?:\s+|$)|：\s*)(?P<rest>.*)$",
    re.DOTALL)
_PAIRS = {"‘": "’", "'": "'", '"': '"', "“": "”", "「": "」", "『": "』"}


@dataclass(frozen=True, slots=True)
class Kicker:
    """A kicker found at the start of a line: the label as printed (quotes normalised) and the rest."""

    label: str          # e.g. ‘ABUSE OF POWER’ or INDO-PACIFIC REGION
    rest: str           # the text after the colon
    rest_offset: int    # where `rest` starts in the line


# Words that open a sentence about someone or something named before ('He will stay on …',
# 'This is …'): no headline on its own, and no new subject.
PRONOUN_STARTS = frozenset("He She It They We This These Those His Her Its Their".split())

# A kicker line no longer than this that stops without a full stop is a kicker and its deck
# ("‘MARKET RALLY’: The TAIEX rose 2.3 percent to a record close, led by chipmakers"), the story's
# body on the next line; a teaser cut off by the layout runs to 500 characters and more.
KICKER_DECK_CHARS = 200
# A subhead inside a long story ('Aftershocks', 'Search continues', 'What happens next') has at
# most this many words; a headline says more. Segmentation joins it to its story, the body shows it
# as a heading.
SUBHEAD_WORDS = 4
# A headline on a line of its own has at most this many words (longer: a sentence cut off).
HEADING_WORDS = 14


# A label in lenticular brackets, as Japanese and Chinese papers print it: '【速報】日銀が …'.
_BRACKET_LABEL = re.compile(r"^【(?P<label>[^【】\s]{1,12})】\s*")


def find_kicker(text: str) -> Kicker | None:
    bracket = _BRACKET_LABEL.match(text)
    if bracket:
        return Kicker(label=bracket.group().rstrip(), rest=text[bracket.end():].strip(), rest_offset=bracket.end())
    match = _KICKER.match(text)
    if not match:
        return None
    opening, label = match.group("open"), match.group("label").strip()
    closing, after = match.group("close") or "", match.group("after") or ""
    if bool(opening) != bool(closing):
        return None
    if opening and _PAIRS.get(opening) != closing and not (opening in "'‘" and closing in "'’") \
            and not (opening in '"“' and closing in '"”'):
        return None
    letters = [c for c in label if c.isalpha()]
    if not letters:
        return None
    cjk = bool(_CJK.search(label))
    if cjk:
        # Chinese has no capitals: only a quoted short label counts ("X表示：" is "X said:").
        if not opening or len(label) > 20:
            return None
    else:
        # letters and digits: ‘F-16’ DEAL, G7 are labels
        if any(c.islower() for c in letters) or sum(c.isalnum() for c in label) < 2 or len(label.split()) > 8:
            return None
    if is_credit(text):
        return None
    if opening:
        opening, closing = ("‘", "’") if opening in "'‘" else (("“", "”") if opening in '"“' else (opening, closing))
    return Kicker(label=f"{opening}{label}{closing}{after}", rest=match.group("rest").strip(),
                  rest_offset=match.start("rest"))


# Datelines, loosely, as a sign that a new story starts: "TAIPEI (Reuters) -", "LONDON —",
# "Taipei, April 26 (CNA) –", "Kenya – "; has_dateline also asks _WIRE_DATELINE below.
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z .'’-]{2,30}|[A-Z][a-z]+(?: [A-Z][a-z]+)?),?(?: [A-Z][a-z]{2,8}\.? \d{1,2},?)?"
    r"(?: ?\([A-Za-z .&-]{2,30}\))? ?[—–-]{1,2} ")


# A wire dateline that a headline or summary leaves out (the body keeps it, as printed): a place
# in capitals with what qualifies it ("NAIROBI, Kenya (AP) — ", "SAN JUAN, Puerto Rico —",
# "WASHINGTON, D.C. — ", "BRASILIA (Reuters) - "), a place with an agency ("Taipei, April 26
# (CNA) – "), or a Chinese agency's parenthesis ("（中央社記者王大明台北26日電）", "（中央社東京4日綜合外電報導）").
# Also a European agency's ("MADRID, 3 dic (EFE).- ", "BERLIN, 3. Dezember (dpa) - "), an
# agency alone ("(CNN) — "), and a place with an agency and no dash before a capital ("Taipei,
# Dec. 3 (CNA) Taiwan's …").
_DAY = r"(?:,? (?:[A-Z][a-z]{2,8}\.? \d{1,2}|\d{1,2}\.? [A-Za-zà-ü][a-zà-ü]{2,9}\.?))"
_AGENCY = r"\([A-Za-z .&-]{2,30}\)"
_CAPS_PLACE_SOURCE = r"[A-ZÀ-Þ][A-ZÀ-Þ.'’-]+(?: [A-ZÀ-Þ][A-ZÀ-Þ.'’-]+){0,3}"   # 'NAIROBI', 'SAN JUAN'
_WIRE_DATELINE = re.compile(
    rf"^(?:(?:{_CAPS_PLACE_SOURCE}"
    r"(?:, [A-Z][A-Za-z.'’-]*(?: [A-Z][A-Za-z.'’-]*){0,2})?"
    rf"{_DAY}?"
    rf"(?: ?{_AGENCY})?"
    rf"|[A-Z][a-z]+(?: [A-Z][a-z]+)?,?{_DAY}?,? ?{_AGENCY}"
    rf"|{_AGENCY})"
    r" ?(?:\.?[—–-]{1,2}) +(?=\S)"
    rf"|[A-Z][a-z]+(?: [A-Z][a-z]+)?,?{_DAY},? ?{_AGENCY} +(?=[A-Z\"“‘]))"
    r"|^[(（][^()（）]{0,40}(?:電|电|讯|訊|報導|报道)[)）]\s*"
    # Yonhap: '[서울=연합뉴스] 김지헌 기자 = '
    r"|^\[[^\[\]=]{1,20}=[^\[\]]{1,20}\](?:\s*[^=\s]{1,10}(?:\s[^=\s]{1,10})?\s*(?:기자|특파원)\s*=)?\s*")


_CAPS_PLACE = re.compile(rf"^{_CAPS_PLACE_SOURCE}(?=[,( ])")


def dateline_place(text: str) -> str:
    """A wire dateline's place in capitals, written as a name ('NAIROBI, Kenya (AP) — …' ->
    'Nairobi', 'SAN JUAN —' -> 'San Juan'); '' when the text opens with none. Same length."""
    match = _CAPS_PLACE.match(text) if _WIRE_DATELINE.match(text) else None
    return match.group().title() if match and len(match.group()) >= 3 else ""


def has_dateline(text: str) -> bool:
    return bool(_DATELINE.match(text) or _WIRE_DATELINE.match(text))


def without_dateline(text: str) -> str:
    """The text after a wire dateline at its start ('NAIROBI, Kenya (AP) — Thousands …' ->
    'Thousands …'); the text itself when it has none, or nothing would be left."""
    match = _WIRE_DATELINE.match(text)
    if match is None or match.end() >= len(text):
        return text
    return text[match.end():]


_KANA = re.compile(r"[\u3040-\u30ff]")
# Frequent characters written differently in the two Chinese scripts (們/们, 國/国 ...).
_TRADITIONAL = re.compile("[們國說這會對發時為經與來過後開關現長問學東車實當門]")
_SIMPLIFIED = re.compile("[们国说这会对发时为经与来过后开关现长问学东车实当门]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")


# Letters only one language of a script writes: Cyrillic ы, э, ё are Russian (not Ukrainian,
# Bulgarian or Serbian), and so are что, это, как (Ukrainian що, це, як); і, ї, є, ґ Ukrainian; in Arabic script, پ چ ژ گ are Persian's and
# ٹ ڈ ڑ ں ے Urdu's. A text with none of its script's marks stays untagged, but Arabic itself.
_SCRIPT_LANGUAGES = {
    "cyrillic": ((re.compile("[іїєґІЇЄҐ]"), "uk"),
                 (re.compile(r"[ыэёЫЭЁ]|\b(?:что|это|как|также|его|был|была|были|который|которые)\b"), "ru")),
    "arabic": ((re.compile("[ٹڈڑںے]"), "ur"), (re.compile("[پچژگ]"), "fa"), (re.compile("[\u0600-\u06ff]"), "ar")),
}


def language_tag(text: str) -> str:
    """The BCP 47 primary tag of the text's language ('en', 'fr', 'es', 'de', 'it', 'pt', 'nl', 'id',
    'vi', 'zh', 'ja', 'ko', 'ru', 'uk', 'ar', 'fa', 'ur'), or '' when unsure. Kana make Chinese
    characters Japanese; Hangul is Korean."""
    script = script_of(text)
    if script in _SCRIPT_LANGUAGES:
        sample = text[:600]
        return next((tag for marks, tag in _SCRIPT_LANGUAGES[script] if marks.search(sample)), "")
    if script == "cjk":
        sample = text[:600]
        hangul, kana = len(_HANGUL.findall(sample)), len(_KANA.findall(sample))
        if hangul > kana and hangul * 2 >= len(_CJK.findall(sample)):
            return "ko"
        if kana >= 3:
            return "ja"
        traditional, simplified = len(_TRADITIONAL.findall(sample)), len(_SIMPLIFIED.findall(sample))
        return "zh-Hant" if traditional > simplified else "zh-Hans" if simplified > traditional else "zh"
    language = language_of(text, script)
    return language if language in _STOPWORDS else ""


def is_cjk(text: str) -> bool:
    return script_of(text) == "cjk"
