"""The commands for plugin developers: `plugins` lists every plugin, `new` scaffolds one for a new municipality."""

from __future__ import annotations

import argparse
from typing import TextIO

from . import OK, UNREADABLE


def cmd_plugins(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """List every plugin: distribution, version, hooks, rule prefix and codes, metrics and models, or why it failed."""
    from ..inventory import inventory, to_json, to_text

    found = inventory()
    stdout.write(to_json(found) if args.format == "json" else to_text(found))
    return OK


def cmd_new(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    """Write a new municipality plugin: pyproject, model.toml to fill in, hooks, an example rule, README and tests."""
    from ..inventory import inventory
    from ..scaffold import ScaffoldError, new_plugin

    installed = inventory()
    taken_ids = {plugin.name for plugin in installed.plugins} | {m for p in installed.plugins for m in p.models}
    taken_prefixes = {prefix for plugin in installed.plugins for prefix in plugin.prefixes}
    try:
        made = new_plugin(
            args.id,
            args.name,
            args.dir,
            prefix=args.prefix,
            source_title=args.source_title,
            source_date=args.source_date,
            taken_ids=taken_ids,
            taken_prefixes=taken_prefixes,
        )
    except ScaffoldError as error:
        print(f"kommunemodel new: {error}", file=stderr)
        return UNREADABLE
    print(f"wrote {made.root}/ (distribution {made.distribution}, rule prefix {made.prefix}):", file=stdout)
    for file in made.files:
        print(f"  {file}", file=stdout)
    print(
        "\nnext:\n"
        f"  pip install -e {made.root}\n"
        f"  kommunemodel list && kommunemodel check {made.plugin_id}\n"
        f"  python -m pytest {made.root}\n"
        f"then fill in {made.root}/src/kommunemodel_{made.plugin_id}/model.toml from the source, every fact cited "
        "(see docs/writing-a-plugin.md).",
        file=stdout,
    )
    return OK


def register(commands: argparse._SubParsersAction) -> None:
    """Add `plugins` and `new`."""
    listing = commands.add_parser("plugins", help="list the installed plugins", description=cmd_plugins.__doc__)
    listing.add_argument("--format", choices=("text", "json"), default="text")
    listing.set_defaults(run=cmd_plugins)

    new = commands.add_parser(
        "new",
        help="scaffold a plugin for a new municipality",
        description=cmd_new.__doc__,
        epilog="It refuses an id that is installed or not a slug, and never overwrites a file.",
    )
    new.add_argument("id", metavar="ID", help="the model's id, an ASCII slug (Helsingør is helsingoer)")
    new.add_argument("--name", required=True, help='the municipality\'s name as it spells it, e.g. "Varde Kommune"')
    new.add_argument("--dir", default="plugins", help="the folder to write ID/ into (default: plugins)")
    new.add_argument("--prefix", help="the rule-code prefix, 2-4 capitals (default: the id's first three letters)")
    new.add_argument("--source-title", help="the title of the public document the model is encoded from")
    new.add_argument("--source-date", help="its date (YYYY-MM-DD) or year, as the document gives it")
    new.set_defaults(run=cmd_new)
