"""The YAML loader for config.yaml and front-matter: safe, and every value it cannot build is a
YAML error with the line, never a ValueError traceback.

PyYAML's safe constructors raise plain ValueError for `2025-02-30`, `T24:00`, an offset of
`+24:00`, `!!int abc`, or a 5,000-digit number (Python's limit on int-str conversion); those
escape every `except yaml.YAMLError`. Here they become ConstructorError with the node's mark, so
the callers' existing handling names the file and the line.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.constructor import ConstructorError

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Python refuses to turn longer ints into text (sys.get_int_max_str_digits()); a value that cannot
# be shown is refused where it is read, not where it is first printed.
_INT_TAG = "tag:yaml.org,2002:int"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_FLOAT_TAG = "tag:yaml.org,2002:float"


def _excerpt(value: object) -> str:
    text = str(value)
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _problem(node: yaml.Node, exc: Exception) -> str:
    if node.tag == _TIMESTAMP_TAG:
        # datetime's own words, except for the offset, where they name a Python type.
        reason = "an offset must be less than 24 hours" if "offset" in str(exc) else str(exc)
        return (f"{_excerpt(node.value)} is not a real date and time ({reason}); "
                "write e.g. 2025-04-26T08:00:00+08:00 or 2025-04-26")
    if node.tag == _INT_TAG and "digits" in str(exc):
        return (f"a number {len(str(node.value)):,} characters long is too long to read; "
                "put it in quotes if it is text")
    if node.tag in (_INT_TAG, _FLOAT_TAG):
        return f"{_excerpt(node.value)} is not a number ({exc})"
    return f"{_excerpt(node.value)} cannot be read: {exc}"


class SafeLoader(_Base):  # type: ignore[misc, valid-type]
    """CSafeLoader (or SafeLoader), whose construction errors carry the value's line."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            value = super().construct_object(node, deep)
            if type(value) is int:
                str(value)   # a 0b/0x number can be built yet too long to show
        except (ValueError, OverflowError) as exc:
            raise ConstructorError(None, None, _problem(node, exc), node.start_mark) from None
        return value


def load(text: str) -> Any:
    """yaml.load with SafeLoader; raises yaml.YAMLError (with problem_mark) for anything wrong."""
    return yaml.load(text, Loader=SafeLoader)
