"""The hook reference, docs/hooks.md, rendered from the hookspecs themselves: `python -m kommunemodel.hookdocs`."""

from __future__ import annotations

import inspect
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import hookspecs

INTRO = """\
# Hook reference

<!-- Generated from src/kommunemodel/hookspecs.py by `python -m kommunemodel.hookdocs docs/hooks.md`;
     tests/test_plugin_docs.py fails when the two differ. Edit the hookspecs, not this file. -->

A plugin implements any of these hooks as functions of the module its entry point names (group
`kommunemodel`), each marked `@hookimpl` (`from kommunemodel import hookimpl`). An implementation may take fewer
arguments than its spec; a function whose name is not a hook is refused unless marked
`@hookimpl(optionalhook=True)`. Each implementation is called on its own, through pluggy: one that raises is
named in a warning (`plugin kommunemodel-x[x] failed in kommunemodel_rules: …`) and left out, and the others go
on. See [Writing a plugin](writing-a-plugin.md) for the whole walk-through.
"""


def hooks() -> list[tuple[str, Callable[..., Any]]]:
    """Every hookspec, in the order hookspecs.py declares them."""
    marker = f"{hookspecs.PROJECT}_spec"
    return [(name, value) for name, value in vars(hookspecs).items() if callable(value) and hasattr(value, marker)]


def render() -> str:
    """The whole page."""
    parts = [INTRO]
    for name, function in hooks():
        options = getattr(function, f"{hookspecs.PROJECT}_spec")
        # With postponed annotations the signature holds strings: print them as the source writes them.
        signature = str(inspect.signature(function)).replace("'", "")
        flags = [flag for flag in ("firstresult", "historic") if options.get(flag)]
        parts.append(f"## `{name}{signature}`\n")
        if flags:
            parts.append(f"*{', '.join(flags)}*\n")
        parts.append(inspect.cleandoc(function.__doc__ or "") + "\n")
    return "\n".join(parts)


def main(argv: list[str]) -> int:
    """Write the page to the file named, or to stdout."""
    text = render()
    if argv:
        Path(argv[0]).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
