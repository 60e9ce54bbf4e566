"""The built-in plugins' light hook modules: the same rules and metrics as the modules they stand for."""

from __future__ import annotations

import subprocess
import sys

from kommunemodel.builtin import metrics, rules
from kommunemodel.compare.metrics import METRICS
from kommunemodel.plugins import BUILTIN_HOOKS, DEFAULT_PLUGINS, get_plugin_manager
from kommunemodel.rules.core import RULES


def test_the_hooks_give_the_core_rules_and_metrics() -> None:
    assert rules.kommunemodel_rules() == RULES
    assert metrics.kommunemodel_metrics() == list(METRICS)


def test_every_builtin_is_registered_under_its_name_from_its_light_module() -> None:
    manager = get_plugin_manager(load_entry_points=False)
    assert set(BUILTIN_HOOKS) == set(DEFAULT_PLUGINS)
    for name in DEFAULT_PLUGINS:
        assert manager.get_plugin(name).__name__ == BUILTIN_HOOKS[name]
    assert manager.hooks_of("kommunemodel.rules.core") == ["kommunemodel_rules"]
    assert manager.hooks_of("kommunemodel.compare.metrics") == ["kommunemodel_metrics"]


def test_making_the_plugin_manager_imports_neither_the_rules_nor_the_metrics() -> None:
    probe = (
        "import sys\n"
        "from kommunemodel.plugins import get_plugin_manager\n"
        "get_plugin_manager()\n"
        "print(sorted(m for m in sys.modules if m.startswith(('kommunemodel.rules', 'kommunemodel.compare'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
