"""Figures of a model with matplotlib: the årshjul wheel, hierarchy, document chain, budget fan, metrics chart."""
