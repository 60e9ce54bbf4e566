"""The built-in plugins' hook implementations, light to import: each loads its heavy module only when called.

`get_plugin_manager` registers these at every start-up, under the names in `plugins.DEFAULT_PLUGINS`; a command
that never asks for rules or metrics (`list`, `show`) then never imports the rules engine or the metrics.
"""
