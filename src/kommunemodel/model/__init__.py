"""The vocabulary of steering: frozen attrs classes with no I/O and no plugins."""

from .budget import Allocation, BudgetRules, CarryOver, FollowUp, Limit, Measure, Route, TechnicalBudget, Threshold
from .cycle import Action, Event, Lag, OrderingConstraint, Timing, Years
from .documents import (
    DocumentKind,
    DocumentStatus,
    DocumentType,
    GoalCount,
    GoalCriteria,
    Horizon,
    Requirements,
    Template,
)
from .organisation import Body, BodyKind, Level, LevelKind, Role, Variant
from .responsibility import Raci, Responsibility, Verb
from .source import NOT_DESCRIBED, NOT_DESCRIBED_TEXT, Citation, Source, Span, Strength, Unknown, is_unknown
from .steering_model import SCHEMA, Municipality, Principle, ScopeItem, SteeringModel, Waiver

__all__ = [
    "NOT_DESCRIBED",
    "NOT_DESCRIBED_TEXT",
    "SCHEMA",
    "Action",
    "Allocation",
    "Body",
    "BodyKind",
    "BudgetRules",
    "CarryOver",
    "Citation",
    "DocumentKind",
    "DocumentStatus",
    "DocumentType",
    "Event",
    "FollowUp",
    "GoalCount",
    "GoalCriteria",
    "Horizon",
    "Lag",
    "Level",
    "LevelKind",
    "Limit",
    "Measure",
    "Municipality",
    "OrderingConstraint",
    "Principle",
    "Raci",
    "Requirements",
    "Responsibility",
    "Role",
    "Route",
    "ScopeItem",
    "Source",
    "Span",
    "SteeringModel",
    "Strength",
    "TechnicalBudget",
    "Template",
    "Threshold",
    "Timing",
    "Unknown",
    "Variant",
    "Verb",
    "Waiver",
    "Years",
    "is_unknown",
]
