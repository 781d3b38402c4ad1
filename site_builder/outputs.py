"""A planned output (plan.py), and the fingerprint of what it shows.

Apart from plan.py so that the outputs planned from other outputs (sitemaps.py) need not
import the plan.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from site_builder import urls

if TYPE_CHECKING:
    from site_builder.plan import Spec


@dataclass(frozen=True, slots=True, kw_only=True)
class Output:
    route: str
    fingerprint: str
    spec: Spec = field(repr=False)
    file: str = ""               # the file under output/ that serves the route

    def __post_init__(self) -> None:
        object.__setattr__(self, "file", urls.output_file(self.route))


def fingerprint(*parts: str) -> str:
    return hashlib.blake2b("\x1f".join(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
