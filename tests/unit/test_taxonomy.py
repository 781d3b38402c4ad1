"""The site model: TAXONOMIES decides which groupings exist, their labels and related stories."""

from site_builder.taxonomy import TAXONOMIES, TAXONOMY_OF_KIND, related_stories

from tests.unit.stories import NOW, config, model, sample, story


def test_every_row_of_the_table_is_a_taxonomy_in_its_order(tmp_path):
    site = sample(config(tmp_path))
    assert [(t.kind, t.plural, t.label) for t in site.taxonomies] == [(r.kind, r.plural, r.label) for r in TAXONOMIES]
    assert site.topics.plural == "topics" and site.people.kind == "person"
    assert {t.slug for t in site.organizations.terms} == {"un"}


def test_known_terms_take_the_config_label_and_scheme(tmp_path):
    site = sample(config(tmp_path))
    politics = site.topics.term("politics")
    assert politics.label == "Politics" and politics.description == "Who governs"
    assert politics.scheme == "http://cv.iptc.org/newscodes/mediatopic/11000000"
    sport = site.topics.term("sport")
    assert sport.label == "Sport" and sport.scheme is None      # not in config: from its slug
    nordic = site.regions.term("nordic")
    assert nordic.label == "Nordic countries" and nordic.scheme is None


def test_a_person_is_labelled_as_most_stories_spell_the_name(tmp_path):
    site = sample(config(tmp_path))
    person = site.people.term("anna-berg")
    assert person.label == "Anna Berg" and person.articles == (0, 1, 2)


def test_terms_with_most_stories_come_first(tmp_path):
    site = sample(config(tmp_path))
    assert [t.slug for t in site.topics.terms] == ["politics", "sport"]
    assert site.topics.term("politics").articles == (0, 1, 3)


def test_only_the_taxonomies_with_feeds_say_so():
    assert TAXONOMY_OF_KIND["topic"].feeds == ("rss", "atom") and TAXONOMY_OF_KIND["region"].feeds
    assert TAXONOMY_OF_KIND["person"].feeds == () and TAXONOMY_OF_KIND["organization"].feeds == ()


def test_a_shared_person_outweighs_a_shared_topic(tmp_path):
    cfg = config(tmp_path)
    site = model(cfg,
                 story("a", 1, topics=("politics",), people=("Jan Holm",)),
                 story("b", 2, topics=("politics",)),
                 story("c", 3, people=("Jan Holm",)))
    related = related_stories(site, limit=2)
    assert related[0] == (2, 1)     # c shares a person (weight 4), b only a topic (1)


def test_drafts_and_future_stories_are_left_out(tmp_path):
    cfg = config(tmp_path)
    site = model(cfg, story("now", 1), story("draft", 2, draft=True), story("later", -5))
    assert [a.slug for a in site.articles] == ["now"]
    assert site.drafts == 1 and [a.slug for a in site.held_back] == ["later"]
    assert all(a.date <= NOW for a in site.articles)


def test_every_row_names_a_front_matter_field_that_is_read():
    from dataclasses import fields

    from site_builder.content import KNOWN_KEYS
    from site_builder.models import Article

    attributes = {f.name for f in fields(Article)}
    for row in TAXONOMIES:
        assert row.field in KNOWN_KEYS and row.field in attributes, row.field
