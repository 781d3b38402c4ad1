from pathlib import Path

import pytest

from site_builder.config import load_config, normalise_site_url, parse_config
from site_builder.errors import ConfigError

BASE = {"title": "T", "site_url": "https://u.github.io/repo", "timezone": "Asia/Taipei"}


def test_minimal_config_gets_defaults(tmp_path):
    config = parse_config(dict(BASE), tmp_path)
    assert config.site_url == "https://u.github.io/repo/"
    assert config.items_per_page == 20 and config.feeds.items == 50 and config.feeds.full_text
    assert not config.publish_future
    assert config.output_dir == tmp_path / "output"


def test_every_problem_is_reported_at_once(tmp_path):
    data = {"titel": "T", "site_url": "ftp://x", "timezone": "Mars/Olympus", "items_per_page": 0,
            "feeds": {"items": "ten"}, "regions": {"nordic": {"countries": [False, "XX1"]}}}
    with pytest.raises(ConfigError) as raised:
        parse_config(data, tmp_path)
    message = str(raised.value)
    for expected in ("did you mean 'title'", "'title': is required", "site_url", "Mars/Olympus",
                     "items_per_page", "feeds.items", "quote it", "XX1"):
        assert expected in message, expected


def test_base_url_overrides_site_url(tmp_path):
    assert parse_config(dict(BASE), tmp_path, base_url="https://x.org/a").site_url == "https://x.org/a/"


@pytest.mark.parametrize("raw,expected", [("https://a.io", "https://a.io/"), ("https://a.io/x/y", "https://a.io/x/y/"),
                                          ("https://a.io//x//", "https://a.io/x/")])
def test_site_url_is_normalised(raw, expected):
    assert normalise_site_url(raw) == expected


def test_broken_yaml_names_the_line(tmp_path):
    (tmp_path / "config.yaml").write_text("title: T\nsite_url: [unclosed\ntimezone: UTC\n")
    with pytest.raises(ConfigError) as raised:
        load_config(tmp_path)
    assert "config.yaml:" in str(raised.value) and "YAML" in str(raised.value)


def test_missing_config_says_what_to_do(tmp_path):
    with pytest.raises(ConfigError, match="--site"):
        load_config(tmp_path)


def test_the_example_config_is_valid():
    config = load_config(Path(__file__).resolve().parents[2])
    assert len(config.topics) == 17
    assert all(t.iptc and len(t.iptc) == 8 for t in config.topics)
    assert config.regions_of_country("TW") == ("east-asia",)
    assert config.regions_of_country("NO") == ("europe",)


def test_each_config_problem_names_its_line():
    from site_builder.config import key_locator

    text = ("title: x\npublisher:\n  title: nested\n  name: P\nfeeds:\n  items: 4\n"
            "topics:\n  politics: {label: Politics, iptc: \"1100\"}\n  sport:\n    iptc: 12\ntimezone: y\n")
    where = key_locator(text, "config.yaml")
    assert [where(k) for k in ("title", "publisher.name", "feeds.items", "topics.politics.iptc",
                               "topics.sport.iptc", "timezone")] == \
        ["config.yaml:1: ", "config.yaml:4: ", "config.yaml:6: ", "config.yaml:8: ", "config.yaml:10: ",
         "config.yaml:11: "]
    # Not in the text (a default, or --base-url): no line rather than a wrong one.
    assert where("feeds.content") == where("--base-url") == ""
