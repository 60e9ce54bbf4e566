"""docs/hooks.md is the hookspecs rendered, and every hook, rule code and metric appears in the docs."""

from __future__ import annotations

import re
from pathlib import Path

from kommunemodel import hookdocs, hookspecs
from kommunemodel.plugins import PluginManager, collect_rules, get_plugin_manager

ROOT = Path(__file__).parent.parent
HOOKS_PAGE = ROOT / "docs" / "hooks.md"
#: Everything a user reads: the README, docs/, and each plugin's README.
DOCS = "\n".join(
    path.read_text(encoding="utf-8")
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), *sorted(ROOT.glob("plugins/*/README.md"))]
)


def test_the_hook_reference_is_generated_from_the_hookspecs() -> None:
    assert HOOKS_PAGE.read_text(encoding="utf-8") == hookdocs.render(), (
        "regenerate it: python -m kommunemodel.hookdocs docs/hooks.md"
    )


def test_every_hook_has_a_section_with_its_signature_and_docstring() -> None:
    page = hookdocs.render()
    names = [name for name in vars(hookspecs) if name.startswith("kommunemodel_")]
    assert [name for name, _function in hookdocs.hooks()] == names
    for name in names:
        assert re.search(rf"^## `{name}\(.*\) -> .+`$", page, flags=re.MULTILINE), name
        first_line = (getattr(hookspecs, name).__doc__ or "").strip().splitlines()[0]
        assert first_line and first_line in page, name
        assert f"`{name}()`" in DOCS or f"`{name}(" in DOCS, name


def _readme_of(manager: PluginManager, plugin_name: str) -> str:
    """The README of an installed plugin's distribution folder (`<folder>/src/<package>/`), or ""."""
    module = manager.get_plugin(plugin_name)
    package = Path(getattr(module, "__file__", "") or ".").parent
    readme = package.parents[1] / "README.md" if package.parent.name == "src" else None
    return readme.read_text(encoding="utf-8") if readme is not None and readme.is_file() else ""


def test_every_rule_and_retired_code_of_every_installed_plugin_is_in_the_docs() -> None:
    manager = get_plugin_manager()
    rules = collect_rules(manager)
    codes = [(code, rules.origin[code]) for code in rules.codes()]
    codes += [(code, rules.retired_origin[code]) for code in rules.retired]
    assert len(codes) > 35
    # This repository's docs, or (for a plugin installed from elsewhere) the README of the plugin's distribution.
    missing = [code for code, plugin in codes if not re.search(rf"\b{code}\b", DOCS + _readme_of(manager, plugin))]
    assert missing == []


def test_every_metric_is_in_the_docs() -> None:
    manager = get_plugin_manager()
    if not hasattr(manager.hook, "kommunemodel_metrics"):
        return  # no metrics hook yet: nothing to document
    called = manager.call("kommunemodel_metrics")
    ids = [str(getattr(metric, "id", metric)) for _plugin, metrics in called.results for metric in metrics]
    missing = [metric for metric in ids if not re.search(rf"(?<![\w-]){re.escape(metric)}(?![\w-])", DOCS)]
    assert missing == []


def test_the_guide_names_every_check_of_the_kit_and_every_option_of_new() -> None:
    from kommunemodel.testing import PluginConformance

    guide = (ROOT / "docs" / "writing-a-plugin.md").read_text(encoding="utf-8")
    checks = [name for name in dir(PluginConformance) if name.startswith("test_")]
    assert [name for name in checks if f"`{name}`" not in guide] == []
    settings = [name for name in vars(PluginConformance) if not name.startswith("_") and not name.startswith("test_")]
    assert [name for name in settings if f"`{name}`" not in guide] == []
    for option in ("--name", "--dir", "--prefix", "--source-title", "--source-date"):
        assert f"`{option}`" in guide, option
