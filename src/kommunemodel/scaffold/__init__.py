"""`kommunemodel new`: writes a complete, installable plugin distribution for a new municipality from templates."""

from __future__ import annotations

import datetime
import os
import re
import shutil
import tempfile
from collections.abc import Collection
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from string import Template

from attrs import frozen

from ..errors import KommunemodelError

#: A plugin id: an ASCII slug that is also a Python identifier (`kommunemodel_<id>` is the package).
PLUGIN_ID = re.compile(r"^[a-z][a-z0-9_]*$")
PREFIX = re.compile(r"^[A-Z]{2,4}$")
#: Characters a name or title may not hold: they would need escaping in TOML, Python and Markdown alike.
UNSAFE = re.compile(r'["\\\n\r\t`$]')


class ScaffoldError(KommunemodelError):
    """Raised when `kommunemodel new` refuses: an id not a slug or taken, a prefix in use, a file in the way."""


@frozen
class Scaffold:
    """What `new` wrote: the distribution's folder and every file in it, relative to that folder, sorted."""

    root: Path
    plugin_id: str
    prefix: str
    distribution: str
    files: tuple[str, ...]


def default_prefix(plugin_id: str) -> str:
    """The rule-code prefix a plugin gets unless it names one: the first three letters of its id, in capitals."""
    return re.sub(r"[^a-z]", "", plugin_id)[:3].upper()


def _templates() -> Traversable:
    return files(__name__) / "template"


def _walk(folder: Traversable, prefix: str = "") -> list[tuple[str, Traversable]]:
    """Every template file under `folder`, as (relative path without `.tmpl`, file), sorted."""
    found: list[tuple[str, Traversable]] = []
    for item in sorted(folder.iterdir(), key=lambda entry: entry.name):
        relative = f"{prefix}{item.name}"
        if item.is_dir():
            found.extend(_walk(item, relative + "/"))
        elif item.name.endswith(".tmpl"):
            found.append((relative.removesuffix(".tmpl"), item))
    return found


def new_plugin(
    plugin_id: str,
    name: str,
    directory: str | os.PathLike[str] = ".",
    *,
    prefix: str | None = None,
    source_title: str | None = None,
    source_date: str | None = None,
    taken_ids: Collection[str] = (),
    taken_prefixes: Collection[str] = (),
    year: int | None = None,
) -> Scaffold:
    """Write the distribution `kommunemodel-<id>` into `directory/<id>`; ScaffoldError says why it will not.

    The files are written into a temporary folder beside the target and moved into place in one rename, so a
    failure leaves nothing half-written, and an existing file is never overwritten.
    """
    if not PLUGIN_ID.match(plugin_id):
        raise ScaffoldError(
            f"{plugin_id!r} is not a plugin id: use an ASCII slug of a-z, 0-9 and _, starting with a letter "
            "(Helsingør is 'helsingoer')"
        )
    if plugin_id in taken_ids:
        raise ScaffoldError(f"a model or plugin called {plugin_id!r} is already installed (see `kommunemodel plugins`)")
    prefix = prefix or default_prefix(plugin_id)
    if not PREFIX.match(prefix) or prefix == "KM":
        raise ScaffoldError(f"{prefix!r} is not a rule prefix: two to four capital letters, not KM (the core's)")
    if prefix in taken_prefixes:
        raise ScaffoldError(
            f"the rule prefix {prefix} is already used by an installed plugin: choose one with --prefix"
        )
    source_title = source_title or f"{name}: the steering model's public source (write its title here)"
    for label, value in (("name", name), ("source title", source_title), ("source date", source_date or "")):
        if not value.strip() and label == "name":
            raise ScaffoldError('the name is empty: give the municipality\'s name, e.g. --name "Varde Kommune"')
        if UNSAFE.search(value):
            raise ScaffoldError(f"the {label} {value!r} holds a quote, backslash, backtick, $ or line break")
    target = Path(directory) / plugin_id
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ScaffoldError(f"{target} already exists and is not empty: nothing was written")

    package = f"kommunemodel_{plugin_id}"
    distribution = f"kommunemodel-{plugin_id.replace('_', '-')}"  # as pip and PyPI normalise the name
    year = year or datetime.date.today().year
    date_line = f'date = "{source_date}"' if source_date else ""
    declared = "{}" if source_date else f'{{"{plugin_id}": {{"{prefix}001": 1}}}}'
    why = "it checks clean" if source_date else "the source has no date yet"
    findings = (
        "    #: What `kommunemodel check` reports on the packaged model; drop an entry once model.toml fixes it.\n"
        f"    model_findings: ClassVar[dict[str, dict[str, int]]] = {declared}  # {why}\n"
    )
    values = {
        "id": plugin_id,
        "name": name,
        "prefix": prefix,
        "prefix_lower": prefix.lower(),
        "package": package,
        "distribution": distribution,
        "source_title": source_title,
        "source_date_line": date_line,
        "model_findings": findings,
        "year": str(year),
    }
    rename = {"src/package/": f"src/{package}/", "tests/test_package.py": f"tests/test_{plugin_id}.py"}
    written: list[str] = []
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{plugin_id}-", dir=target.parent))
    umask = os.umask(0)
    os.umask(umask)
    staging.chmod(0o777 & ~umask)  # mkdtemp makes it private; the plugin's folder is an ordinary one
    try:
        for relative, template in _walk(_templates()):
            for old, new in rename.items():
                relative = relative.replace(old, new)
            if relative.endswith("examples/year.toml"):
                relative = relative.replace("year.toml", f"year-{year}.toml")
            text = Template(template.read_text(encoding="utf-8")).substitute(values)
            path = staging / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written.append(relative)
        if target.exists():
            target.rmdir()  # empty, checked above: the rename below must not merge into it
        os.rename(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Scaffold(target, plugin_id, prefix, distribution, tuple(sorted(written)))
