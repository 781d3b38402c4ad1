"""site_builder: a day's raw news digest -> a static news website with feeds.

The pipeline, one module a stage:
    digest (content/digests) --ingest--> articles (content/articles/*.md)
    articles --content--> Article objects --plan--> pages --render/feeds--> output/
"""

__version__ = "0.1.0"
