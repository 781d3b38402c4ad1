"""`site-builder ingest` (and `build` ingesting new digests) run the way a user runs them."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.support.sites import FIXTURE_SITE, REPO, run_cli

SEED = REPO / "content" / "digests" / "2025-04-26.txt"
DIGESTS = Path(__file__).parent / "digests"


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "content" / "digests").mkdir(parents=True)
    shutil.copy2(FIXTURE_SITE / "config.yaml", site / "config.yaml")
    shutil.copy2(SEED, site / "content" / "digests" / SEED.name)
    return site


def _articles(site: Path) -> dict[str, bytes]:
    root = site / "content" / "articles"
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.md"))} if root.exists() else {}


def _ingest_text(tmp_path: Path, text: str, name: str = "2026-12-03.txt") -> tuple[Path, dict]:
    """A site with one digest of `text`, ingested: the site and ingest's JSON report."""
    site = _site(tmp_path)
    digest = site / "content" / "digests" / name
    digest.write_text(text, encoding="utf-8")
    result = run_cli("ingest", "--site", site, "--json", digest)
    assert result.returncode == 0, result.stderr
    return site, json.loads(result.stdout)


def _body(site: Path, segment: dict) -> str:
    """The Markdown body of the article ingest wrote for `segment`."""
    return (site / segment["path"]).read_text(encoding="utf-8").split("\n---\n", 1)[1]


def test_json_output_and_files(tmp_path: Path) -> None:
    site = _site(tmp_path)
    result = run_cli("ingest", "--site", site, "--json", site / "content" / "digests" / SEED.name)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["digest"] == "content/digests/2025-04-26.txt" and data["edition"] == "2025-04-26"
    assert [s["lines"] for s in data["segments"]] == [[1, 16], [17, 17], [18, 18], [19, 19], [20, 20]]
    for segment in data["segments"]:
        for key in ("title", "kicker", "deck", "summary", "date", "topics", "regions", "countries", "people",
                    "organizations", "truncated", "slug"):
            assert key in segment
    assert "from the file name" in result.stderr
    files = _articles(site)
    assert len(files) == 5 and all(name.startswith("2025/2025-04-26/") for name in files)
    lead = files[f"2025/2025-04-26/{data['segments'][0]['slug']}.md"].decode()
    assert 'photo_credit: "Photo: EPA-EFE"' in lead
    assert "EPA-EFE" not in lead.split("\n---\n", 1)[1]
    teaser = files[f"2025/2025-04-26/{data['segments'][1]['slug']}.md"].decode()
    assert "ABUSE OF POWER" not in teaser.split("\n---\n", 1)[1]  # the kicker is not repeated in the body


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    site = _site(tmp_path)
    result = run_cli("ingest", "--site", site, "--dry-run", site / "content" / "digests" / SEED.name)
    assert result.returncode == 0, result.stderr
    assert "would write" in result.stdout and "nothing written" in result.stdout
    assert _articles(site) == {}
    assert not (site / ".site-builder").exists()


def test_reingest_is_byte_identical_and_edits_are_kept(tmp_path: Path) -> None:
    site = _site(tmp_path)
    digest = site / "content" / "digests" / SEED.name
    assert run_cli("ingest", "--site", site, digest).returncode == 0
    first = _articles(site)
    again = run_cli("ingest", "--site", site, digest)
    assert again.returncode == 0 and "5 unchanged" in again.stdout
    assert _articles(site) == first
    edited_name = min(first)
    edited = site / "content" / "articles" / edited_name
    edited.write_bytes(edited.read_bytes().replace(b"title: ", b"title: Edited ", 1))
    kept = run_cli("ingest", "--site", site, digest)
    assert kept.returncode == 0 and "kept" in kept.stdout and "1 kept as edited" in kept.stdout
    assert edited.read_bytes().count(b"title: Edited ") == 1


def test_edition_from_date_option_and_today(tmp_path: Path) -> None:
    site = _site(tmp_path)
    undated = site / "content" / "digests" / "morning.txt"
    shutil.copy2(SEED, undated)
    result = run_cli("ingest", "--site", site, "--dry-run", "--date", "2024-01-02", undated)
    assert "edition 2024-01-02 (from --date)" in result.stdout
    result = run_cli("ingest", "--site", site, "--dry-run", undated)
    assert "(from today in Europe/London)" in result.stdout


@pytest.mark.parametrize("content, message", [
    (b"", "is empty"),
    (b" \n\r\n\t\n", "is empty"),
    (b"Fine line.\nAnother \xe9t\xe9 line.\n", ":2: is not UTF-8"),
    ("hello".encode("utf-16"), "UTF-16"),
])
def test_bad_digests_get_a_clear_message(tmp_path: Path, content: bytes, message: str) -> None:
    site = _site(tmp_path)
    bad = site / "content" / "digests" / "bad.txt"
    bad.write_bytes(content)
    result = run_cli("ingest", "--site", site, bad)
    assert result.returncode == 1
    assert "bad.txt" in result.stderr and message in result.stderr
    assert _articles(site) == {}


def test_huge_digest_is_refused_with_a_message(tmp_path: Path) -> None:
    site = _site(tmp_path)
    huge = site / "content" / "digests" / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(40 * 1024 * 1024)
    result = run_cli("ingest", "--site", site, huge)
    assert result.returncode == 1 and "huge.txt" in result.stderr and "at most 32 MB" in result.stderr


def test_missing_digest(tmp_path: Path) -> None:
    result = run_cli("ingest", "--site", _site(tmp_path), tmp_path / "nope.txt")
    assert result.returncode == 1 and "nope.txt: not found" in result.stderr


def test_same_titles_get_distinct_stable_slugs(tmp_path: Path) -> None:
    site = _site(tmp_path)
    digest = site / "content" / "digests" / "2025-05-01.txt"
    teaser = "Taiwan yesterday denied Chinese allegations that its military was behind a cyberattack on a"
    digest.write_text(f"{teaser}\n{teaser}\n", encoding="utf-8")
    first = json.loads(run_cli("ingest", "--site", site, "--json", digest).stdout)
    slugs = [s["slug"] for s in first["segments"]]
    assert len(slugs) == 2 and slugs[1] == slugs[0] + "-2"
    second = json.loads(run_cli("ingest", "--site", site, "--json", digest).stdout)
    assert [s["slug"] for s in second["segments"]] == slugs


def test_several_digests_give_a_json_list(tmp_path: Path) -> None:
    site = _site(tmp_path)
    chinese = DIGESTS / "chinese-2025-03-03.txt"
    result = run_cli("ingest", "--site", site, "--json", "--dry-run", site / "content" / "digests" / SEED.name, chinese)
    data = json.loads(result.stdout)
    assert isinstance(data, list) and [d["edition"] for d in data] == ["2025-04-26", "2025-03-03"]
    assert all(s["slug"] for s in data[1]["segments"])


def test_changed_digest_replaces_its_old_unedited_files(tmp_path: Path) -> None:
    site = _site(tmp_path)
    digest = site / "content" / "digests" / "2025-05-02.txt"
    digest.write_text("Kenya yesterday declared a drought emergency in the north of the\n", encoding="utf-8")
    assert run_cli("ingest", "--site", site, digest).returncode == 0
    old = set(_articles(site))
    digest.write_text("Brazil yesterday raised its interest rate by a full point to fight the\n", encoding="utf-8")
    result = run_cli("ingest", "--site", site, digest)
    assert "removed" in result.stdout
    assert not old & set(_articles(site))


def test_build_ingests_new_digests_then_does_nothing(tmp_path: Path) -> None:
    site = _site(tmp_path)
    shutil.copytree(REPO / "theme", site / "theme")
    first = run_cli("build", "--site", site)
    assert first.returncode == 0, first.stderr
    assert len(_articles(site)) == 5 and "2025-04-26.txt" in first.stdout
    assert (site / "output" / "index.html").exists()
    files = _articles(site)
    second = run_cli("build", "--site", site)
    assert second.returncode == 0 and "2025-04-26.txt" not in second.stdout
    assert _articles(site) == files


def test_a_digest_of_only_credits_writes_nothing_and_says_so(tmp_path: Path) -> None:
    site = _site(tmp_path)
    credits = site / "content" / "digests" / "credits.txt"
    credits.write_text("Photo: EPA-EFE\n***\nPhoto courtesy of the Ministry of Foreign Affairs\n---\n", encoding="utf-8")
    result = run_cli("ingest", "--site", site, credits)
    assert result.returncode == 0 and "warning: content/digests/credits.txt: only credit lines" in result.stdout
    assert _articles(site) == {}


def test_a_story_keeps_the_slug_of_its_first_ingest(tmp_path: Path) -> None:
    """Headlines change with the code; a story's address does not: a re-ingest writes each story
    under the slug its file was first given (as an older ingest with other titles would have)."""
    from site_builder.ingest.article_files import _HASH_LINE, render_article
    import yaml

    site = _site(tmp_path)
    digest = site / "content" / "digests" / SEED.name
    assert run_cli("ingest", "--site", site, digest).returncode == 0
    folder = site / "content" / "articles" / "2025" / "2025-04-26"
    current = sorted(folder.glob("*.md"))[0]
    text = _HASH_LINE.sub(b"", current.read_bytes()).decode()
    _, head, body = text.split("---\n", 2)
    meta = yaml.safe_load(head)
    meta["title"], meta["slug"] = "An older, worse headline", "an-older-worse-headline"
    older = folder / "an-older-worse-headline.md"
    older.write_bytes(render_article(meta, body.lstrip("\n")))
    current.unlink()
    again = run_cli("ingest", "--site", site, digest)
    assert again.returncode == 0, again.stderr
    assert older.exists() and not current.exists()
    assert b'slug: an-older-worse-headline' in older.read_bytes()
    assert b"An older, worse headline" not in older.read_bytes()      # the new headline, the old address
    assert len(list(folder.glob("*.md"))) == 5


def test_a_reported_deck_gives_way_to_the_lede_in_the_written_story(tmp_path: Path) -> None:
    """Front door: a kicker whose deck only reports words ('X said …') heads the story with the
    lede's news; the deck stays the story's deck, word for word."""
    site = _site(tmp_path)
    digest = site / "content" / "digests" / "2025-05-02.txt"
    deck = "Washington said the raids were meant to stop attacks on merchant ships"
    digest.write_text(f"RED SEA STRIKES: {deck} The US and the UK on Friday struck more than 60 targets in "
                      "Yemen with warplanes and warships. Officials said more strikes could follow.\n",
                      encoding="utf-8")
    result = run_cli("ingest", "--site", site, "--json", digest)
    assert result.returncode == 0, result.stderr
    [story] = json.loads(result.stdout)["segments"]
    assert story["title"] == "US and UK strike 60 targets in Yemen with warplanes and warships"
    assert story["kicker"] == "RED SEA STRIKES" and story["deck"] == deck


def test_a_hard_wrapped_french_wire_story_is_one_story_between_english_ones(tmp_path: Path) -> None:
    # A wrapped line of the French story opened "par l’Assemblée nationale, qui …" and was taken for
    # a byline ("Par Jean Dupont"): the paragraph broke into three, its first line read as a
    # heading, and the English story after it joined the French one's last line.
    site = _site(tmp_path)
    french = ("PARIS (AFP) - Le gouvernement de Michel Barnier a été renversé mercredi\n"
              "par l’Assemblée nationale, qui a adopté une motion de censure par 331\n"
              "voix, une première depuis 1962.")
    english = ("Notre-Dame cathedral in Paris reopened its doors to the public yesterday\n"
               "for the first time since a fire devastated it in April 2019, after a\n"
               "five-year restoration that drew on the work of about 2,000 craftspeople.\n\n"
               "French President Emmanuel Macron thanked firefighters and builders in a\n"
               "speech inside the cathedral, attended by dozens of heads of state.")
    syria = ("Syrian rebels said they had captured the city of Hama, the fourth-largest\n"
             "in the country, after days of fighting with government forces, in a major\n"
             "blow to President Bashar al-Assad.")
    digest = site / "content" / "digests" / "2024-12-06.txt"
    digest.write_bytes("\n\n".join([english, french, syria]).replace("\n", "\r\n").encode() + b"\r\n")
    result = run_cli("ingest", "--site", site, "--json", "--dry-run", digest)
    assert result.returncode == 0, result.stderr
    segments = json.loads(result.stdout)["segments"]
    assert [s["lines"] for s in segments] == [[1, 6], [8, 10], [12, 14]]
    assert segments[1]["title"].startswith("Gouvernement de Michel Barnier")
    assert segments[2]["title"].startswith("Syrian rebels")


def test_wrapped_without_blank_lines_a_cut_off_teaser_a_digit_kicker_and_korean_end_their_paragraphs(
        tmp_path: Path) -> None:
    # Wrapped at 70 columns with no blank line anywhere: a paragraph ended only at a line ending a
    # sentence before a capital. So the teaser the paper cut off ('… pressure on the nation') ran
    # into the next story, '‘F-16’ DEAL:' (one letter) was no kicker, and the Korean teaser (no
    # capitals) joined the story before it: 2 stories of 5.
    import textwrap

    stories = [
        ["Russia launched one of its largest air attacks of the war on Ukraine’s energy system overnight, "
         "firing more than 100 missiles at power plants across the country, Ukrainian officials said on Monday.",
         "Ukrenergo, the national grid operator, imposed emergency power cuts in several regions, including "
         "Kyiv, where residents sheltered in metro stations for more than eight hours."],
        ["El Gobierno de España aprobó ayer un paquete de ayudas de 10.600 millones de euros para los "
         "afectados por la dana que devastó la provincia de Valencia a finales de octubre.",
         "El presidente Pedro Sánchez dijo que las ayudas llegarán de forma inmediata a las familias."],
        ["‘F-16’ DEAL: The US State Department approved the possible sale of F-16 fighter jet parts worth "
         "US$320 million to Taiwan, the Ministry of National Defense said yesterday, as China stepped up "
         "military pressure on the nation"],
        ["Typhoon Kong-rey made landfall in Taitung County yesterday afternoon as the strongest storm to "
         "hit Taiwan in nearly three decades, leaving one person dead and more than 200 injured."],
        ["서울 도심에서 어제 대규모 집회가 열려 수만 명이 참가했다고 경찰이 밝혔다."],
    ]
    lines: list[str] = []
    starts: list[int] = []
    for story in stories:
        starts.append(len(lines) + 1)
        for paragraph in story:
            lines.extend(textwrap.wrap(paragraph, 70))
    site = _site(tmp_path)
    digest = site / "content" / "digests" / "2024-11-19.txt"
    digest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_cli("ingest", "--site", site, "--json", "--dry-run", digest)
    assert result.returncode == 0, result.stderr
    segments = json.loads(result.stdout)["segments"]
    assert [s["lines"][0] for s in segments] == starts
    assert segments[2]["kicker"] == "‘F-16’ DEAL"


def test_a_teaser_opening_with_a_named_ministry_is_a_story_after_a_pegless_one(tmp_path: Path) -> None:
    # 'The Ministry of Education yesterday said …' read as 'the ministry said …' (a reference
    # back: the noun matched case-insensitively), so it had no news peg and joined the teaser before.
    site = _site(tmp_path)
    digest = site / "content" / "digests" / "2025-01-27.txt"
    digest.write_text(
        "NASA’s Perseverance rover has found a rock on Mars with “leopard spots” that could be a sign of "
        "ancient microbial life, scientists said, though they cautioned that other explanations were possible.\n"
        "The Ministry of Education yesterday said that 30 schools in Hualien County would remain closed this "
        "week after last week’s earthquake damaged classrooms.\n", encoding="utf-8")
    result = run_cli("ingest", "--site", site, "--json", "--dry-run", digest)
    assert result.returncode == 0, result.stderr
    assert [s["lines"] for s in json.loads(result.stdout)["segments"]] == [[1, 1], [2, 2]]


@pytest.mark.parametrize("separators", [("***", "---"), ("* * *", "■ ■ ■")])
@pytest.mark.parametrize("wrapped", [False, True])
def test_a_separator_line_parts_stories_and_is_in_none(tmp_path: Path, separators: tuple[str, str],
                                                       wrapped: bool) -> None:
    # Newsletters part their items with '***' or '---'. The line was once the last paragraph of
    # the story before it (its body ended in a literal '\*\*\*'), and a story that opens "The
    # ministry …" after one about the same ministry was read as its continuation.
    first = ("The Ministry of Health said yesterday that it would extend free influenza vaccines to all "
             "residents over 50 from next month, as hospitals reported a rise in flu cases.")
    more = "Officials said about 1.2 million doses had been ordered."
    second = ("The ministry also said that dengue fever cases in the south had fallen for a third week, "
              "after a campaign to clear standing water in Kaohsiung and Tainan.")
    third = ("Shares in Taiwan rose 2 percent yesterday, led by chipmakers, after strong export orders "
             "data lifted sentiment across the region.")
    if wrapped:
        import textwrap
        first, more, second, third = ("\n".join(textwrap.wrap(p, 70)) for p in (first, more, second, third))
        text = f"{first}\n\n{more}\n\n{separators[0]}\n\n{second}\n\n{separators[1]}\n\n{third}\n"
    else:
        text = f"{first}\n{more}\n{separators[0]}\n{second}\n{separators[1]}\n{third}\n"
    site, report = _ingest_text(tmp_path, text, "2025-11-05.txt")
    segments = report["segments"]
    lines = text.splitlines()
    marks = [n for n, line in enumerate(lines, start=1) if line in separators]
    assert len(segments) == 3
    assert segments[0]["lines"][1] < marks[0] < segments[1]["lines"][0] <= segments[1]["lines"][1] < marks[1] \
        < segments[2]["lines"][0]
    assert segments[1]["title"].startswith("Ministry") and segments[2]["title"].startswith("Shares")
    for segment in segments:
        body = _body(site, segment)
        for separator in separators:
            assert separator.replace(" ", "")[:3] not in body.replace(" ", "").replace("\\", "")


def test_a_numbered_or_bulleted_digest_under_its_own_heading(tmp_path: Path) -> None:
    # Newsletters number or bullet their items under a dated heading. The heading was the first
    # story's title ('TODAY'S TOP STORIES'), items 1 and 2 were one story, item 3 was titled '3'
    # and the bullets stayed in the summaries.
    text = ("TODAY'S TOP STORIES - Thursday, December 3, 2026\n\n"
            "1. The European Central Bank yesterday left interest rates unchanged for a third meeting, "
            "saying inflation in the eurozone was close to its 2 percent target.\n\n"
            "2. A fire at a chemical plant in the Indian state of Gujarat killed at least seven workers and "
            "injured 20 others on Wednesday, police said.\n"
            "Firefighters took six hours to bring the blaze under control.\n\n"
            "3. Nvidia shares fell 4 percent in after-hours trading yesterday after the chipmaker forecast "
            "slower growth in data center sales.\n\n"
            "• Brazil's Senate approved a bill on Tuesday that would ban the sale of energy drinks to minors.\n"
            "• Australian Prime Minister Anthony Albanese said on Thursday his government would introduce a "
            "law to cap supermarket prices.\n")
    site, report = _ingest_text(tmp_path, text)
    segments = report["segments"]
    assert [s["lines"] for s in segments] == [[3, 3], [5, 6], [8, 8], [10, 10], [11, 11]]
    assert [s["title"].split()[0] for s in segments] == ["European", "Fire", "Nvidia", "Brazil's", "Albanese"]
    assert any("line 1" in w and "heading" in w for w in report["warnings"])
    for segment in segments:
        assert not segment["summary"][:1] in "0123456789•"
        assert _body(site, segment).lstrip()[:1] not in "0123456789•\\"


def test_a_digest_pasted_as_markdown(tmp_path: Path) -> None:
    # '## Typhoon …' was a story of its own titled '## Typhoon …', the next was titled
    # '**HUALIEN** — Typhoon …', and a link's brackets reached the summary.
    text = ("## Typhoon Kong-rey nears east coast\n\n"
            "**HUALIEN** — Typhoon Kong-rey was expected to make landfall in Hualien County this afternoon, the "
            "Central Weather Administration said yesterday, as schools and offices were closed.\n\n"
            "More than 8,000 people have been evacuated, the [Central Emergency Operation Center]"
            "(https://example.org/ceoc) said.\n\n"
            "## Chip exports hit record\n\n"
            "Taiwan's exports rose 21 percent in October from a year earlier to a record, driven by demand for "
            "*artificial intelligence* servers, the Ministry of Finance said yesterday.\n\n"
            "_Additional reporting by CNA_\n")
    site, report = _ingest_text(tmp_path, text)
    segments = report["segments"]
    assert [s["lines"] for s in segments] == [[1, 5], [7, 11]]
    assert [s["title"] for s in segments] == ["Typhoon Kong-rey nears east coast", "Chip exports hit record"]
    for segment in segments:
        page = (site / segment["path"]).read_text(encoding="utf-8")
        body = page.split("\n---\n", 1)[1].replace("*Additional reporting by CNA*", "")
        assert "##" not in page, page
        assert "*" not in body and "[" not in body, body
    first = (site / segments[0]["path"]).read_text(encoding="utf-8")
    assert "Central Emergency Operation Center (https://example.org/ceoc)" in first.replace("\\", "")


def test_one_line_items_in_five_languages_are_five_stories_each_tagged(tmp_path: Path) -> None:
    # Italian, Portuguese, Indonesian and Vietnamese were not told apart, so the first four lines
    # were one story under an Italian title; a change of language is now a story's end, and a
    # short line whose language cannot be told does not hide the change after it.
    lines = [
        "Il governo italiano ha approvato ieri la legge di bilancio per il 2025, che prevede un taglio delle "
        "tasse per il ceto medio e nuovi fondi per la sanità pubblica.",
        "O Supremo Tribunal Federal do Brasil decidiu na quarta-feira que as plataformas digitais podem ser "
        "responsabilizadas por conteúdos publicados pelos usuários, numa votação de 8 a 3.",
        "Presiden Prabowo Subianto mengatakan bahwa pemerintah akan membangun tiga juta rumah yang terjangkau "
        "untuk rakyat dalam lima tahun ke depan.",
        "Thủ tướng Phạm Minh Chính hôm qua yêu cầu các bộ ngành đẩy nhanh tiến độ giải ngân vốn đầu tư công "
        "trong những tháng cuối năm.",
        "Президент России Владимир Путин заявил в четверг, что Москва готова к переговорам с Киевом.",
    ]
    site, data = _ingest_text(tmp_path, "\n".join(lines) + "\n", "2024-11-01.txt")
    segments = data["segments"]
    assert [s["lines"] for s in segments] == [[1, 1], [2, 2], [3, 3], [4, 4], [5, 5]]
    tags = [re.search(r"^lang: (\S+)$", (site / s["path"]).read_text(encoding="utf-8"), re.M) for s in segments]
    assert [t.group(1) if t else None for t in tags[:4]] == ["it", "pt", "id", "vi"]
    assert segments[0]["title"] == "Governo italiano ha approvato la legge di bilancio per il 2025"


def test_a_short_line_of_unknown_language_between_two_languages_still_parts_them(tmp_path: Path) -> None:
    # The Indonesian line is too short to tell; the Vietnamese after it is a new story even so,
    # told from the Portuguese story's own language, not from the line just before it.
    lines = [
        "O Supremo Tribunal Federal do Brasil decidiu na quarta-feira que as plataformas digitais podem ser "
        "responsabilizadas por conteúdos publicados pelos usuários, numa votação de 8 a 3.",
        "Presiden Prabowo Subianto melantik 48 menteri kabinet di Istana Negara, Jakarta.",
        "Thủ tướng Phạm Minh Chính hôm qua yêu cầu các bộ ngành đẩy nhanh tiến độ giải ngân vốn đầu tư công "
        "trong những tháng cuối năm.",
    ]
    _, data = _ingest_text(tmp_path, "\n".join(lines) + "\n", "2024-11-01.txt")
    assert data["segments"][-1]["lines"] == [3, 3]


def test_a_print_editions_page_jumps_leave_the_stories(tmp_path: Path) -> None:
    # 'Continued on Page 3' once left its paragraph without a full stop, so the quotation after it
    # was a story of its own, with '(See related story on page 4)…' as its summary.
    text = ("TAIPEI, Dec. 4 (Focus Taiwan) — The Executive Yuan yesterday approved a draft bill that would raise "
            "the minimum monthly wage by 3.2 percent to NT$29,500 from January, Premier Cho Jung-tai said.\n\n"
            "The increase would benefit about 2.4 million workers, the Ministry of Labor said. Continued on Page 3\n\n"
            "“We hope employers will understand,” Cho told reporters after the meeting. (See related story on page 4)\n\n"
            "Continued on Page A4\n\n"
            "The bill goes to the legislature next week.\n\n"
            "The Taiwan Stock Exchange's main index closed up 1.2 percent at 23,105.6 points yesterday, led by "
            "gains in chip stocks. STORY CONTINUES ON PAGE 12\n")
    site, data = _ingest_text(tmp_path, text, "2024-12-04.txt")
    segments = data["segments"]
    assert [s["lines"] for s in segments] == [[1, 9], [11, 11]]
    assert segments[0]["summary"].endswith("Premier Cho Jung-tai said.")
    for segment in segments:
        body = _body(site, segment)
        assert not re.search(r"(?i)page (?:A?\d)", body), body
    assert "“We hope employers will understand,” Cho told reporters after the meeting." in _body(site, segments[0])


def test_a_web_pages_furniture_is_in_no_story_and_parts_none(tmp_path: Path) -> None:
    # Pasted from news sites: 'UPDATED 10:15 GMT' was the first story's kicker, 'Watch: … (2:31)'
    # the Korean story's title, and 'Advertisement' split that story, titled 'Advertisement'.
    text = ("UPDATED 10:15 GMT\n\n"
            "WASHINGTON (AP) — The U.S. Senate on Friday passed a stopgap spending bill that averts a government "
            "shutdown, sending the measure to President Joe Biden to sign.\n\n"
            "The bill, which passed 85-11, keeps the government funded through mid-March.\n\n"
            "Related: House Republicans split over spending plan\n\n"
            "LONDON (Reuters) - Britain's economy shrank unexpectedly in October for a second month in a row, "
            "official data showed on Friday.\n\n"
            "Watch: Reeves defends budget (2:31)\n\n"
            "SEOUL (Yonhap) -- South Korea's parliament on Saturday voted to impeach President Yoon Suk Yeol over "
            "his short-lived martial law declaration.\n\n"
            "Advertisement\n\n"
            "The motion passed with 204 votes in favor and 85 against.\n")
    site = _site(tmp_path)
    digest = site / "content" / "digests" / "2024-12-14.txt"
    digest.write_text(text, encoding="utf-8")
    result = run_cli("ingest", "--site", site, "--json", digest)
    assert result.returncode == 0, result.stderr
    segments = json.loads(result.stdout)["segments"]
    assert [s["lines"] for s in segments] == [[3, 5], [9, 9], [13, 17]]
    assert [s["kicker"] for s in segments] == [None, None, None]
    assert segments[2]["title"].startswith("South Korea's parliament votes to impeach")
    bodies = " ".join(_body(site, s) for s in segments)
    assert not re.search(r"Advertisement|UPDATED|Related:|Watch:", bodies)
    assert "204 votes" in _body(site, segments[2])
    assert "lines 1, 7, 11, 15 (‘UPDATED 10:15 GMT’ …)" in result.stderr and "web page’s furniture" in result.stderr


def test_cna_stories_part_at_their_datelines_and_close_with_their_desk_credits(tmp_path: Path) -> None:
    # '（中央社東京4日綜合外電報導）' was no dateline, so the Tokyo story joined the one before it;
    # '（譯者：…/核稿：…）1131204' was a story of its own; credits printed '編輯：張均懋）1131204'.
    text = ("（中央社記者葉素萍台北4日電）立法院會今天三讀通過「財政收支劃分法」修正草案，中央統籌分配稅款將增加新台幣3753億元。\n"
            "行政院長卓榮泰表示，將尊重國會決定。\n"
            "（編輯：張均懋）1131204\n"
            "（中央社記者陳婕翎台北4日電）衛生福利部疾病管制署今天公布國內新增1例本土登革熱病例。\n"
            "（編輯：陳仁華）1131204\n"
            "（中央社東京4日綜合外電報導）日本首相石破茂今天在國會表示，政府將編列13.9兆日圓的補充預算。\n"
            "（譯者：鄭思楷/核稿：劉學源）1131204\n")
    site, data = _ingest_text(tmp_path, text, "2024-12-04.txt")
    segments = data["segments"]
    assert [s["lines"] for s in segments] == [[1, 3], [4, 5], [6, 7]]
    assert _body(site, segments[0]).rstrip().endswith("*編輯：張均懋*")
    assert _body(site, segments[2]).rstrip().endswith("*譯者：鄭思楷/核稿：劉學源*")
    assert segments[2]["countries"] == ["JP"]


def test_kyodo_and_yonhap_stories_part_at_sign_offs_languages_and_datelines(tmp_path: Path) -> None:
    # '（共同）' once started a story and was its title; the Korean story joined the Japanese one
    # before it (one script, and the language was not told); the reporter's address was a story.
    text = ("【ワシントン共同】トランプ米大統領は3日、日本製鉄によるUSスチール買収計画について、「完全に反対だ」と改めて表明した。\n"
            "日本製鉄は買収実現に向けて、米政府との協議を続ける方針だ。\n"
            "（共同）\n"
            "政府は4日、臨時閣議で、総額13.9兆円の補正予算案を決定した。物価高対策や能登半島地震の復興支援が柱となる。\n"
            "[서울=연합뉴스] 김지헌 기자 = 윤석열 대통령이 3일 밤 비상계엄을 선포했다가 국회의 해제 요구 결의안 가결 후 6시간 만에 해제했다.\n"
            "국회는 4일 새벽 본회의를 열고 재석 190명 전원 찬성으로 계엄 해제 요구 결의안을 가결했다.\n"
            "jhkim@yna.co.kr\n")
    site, data = _ingest_text(tmp_path, text, "2024-12-04.txt")
    segments = data["segments"]
    assert [s["lines"] for s in segments] == [[1, 3], [4, 4], [5, 7]]
    assert segments[2]["title"] == "윤석열 대통령이 비상계엄을 선포했다가 국회의 해제 요구 결의안 가결 후 6시간 만에 해제했다"
    assert _body(site, segments[0]).rstrip().endswith("*共同*")
    assert _body(site, segments[2]).rstrip().endswith("*jhkim@yna.co.kr*")
