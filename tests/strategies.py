"""Hypothesis strategies that build valid SteeringModels, following the attrs types."""

from __future__ import annotations

from hypothesis import strategies as st

from kommunemodel.model import (
    NOT_DESCRIBED,
    Action,
    Allocation,
    AppropriationLevel,
    Body,
    BodyKind,
    BudgetRules,
    CarryOver,
    Citation,
    DocumentKind,
    DocumentType,
    Event,
    FollowUp,
    GoalCount,
    GoalCriteria,
    Horizon,
    Lag,
    Level,
    LevelKind,
    Limit,
    Measure,
    Municipality,
    OrderingConstraint,
    Principle,
    Requirements,
    Responsibility,
    Role,
    Route,
    ScopeItem,
    Source,
    Span,
    SteeringModel,
    Strength,
    TechnicalBudget,
    Template,
    Threshold,
    Timing,
    Transfers,
    Variant,
    Verb,
    Waiver,
    Years,
)

# Any text a TOML string can hold, Danish letters, quotes, newlines and control characters included.
text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
slugs = st.from_regex(r"[a-z][a-z0-9_]{0,7}", fullmatch=True)
unknown = st.just(NOT_DESCRIBED)
fractions = st.floats(min_value=0, max_value=1, allow_nan=False)
small = st.integers(min_value=1, max_value=60)


@st.composite
def spans(draw: st.DrawFn, low: int = 0, high: int = 100) -> Span:
    first = draw(st.integers(low, high))
    return Span(first, draw(st.integers(first, high)))


@st.composite
def counts(draw: st.DrawFn) -> Span:
    """A count a source gives exactly, as a range, or hedged ("ca. 650", "næsten 1000")."""
    span = draw(spans(0, 10_000))
    return Span(span.low, span.high, approximate=draw(st.booleans()))


@st.composite
def month_days(draw: st.DrawFn) -> str:
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]))
    return f"{month:02d}-{day:02d}"


@st.composite
def timings(draw: st.DrawFn) -> Timing:
    """A coherent timing: a place in the year, a cadence, or both."""
    as_needed = draw(st.booleans())
    quarter = draw(st.none() | st.integers(1, 4))
    month = None
    if draw(st.booleans()):
        if quarter is None:
            month = draw(spans(1, 12))
        else:
            first = (quarter - 1) * 3 + 1
            month = draw(spans(first, first + 2))
    fields = {
        "quarter": quarter,
        "month": month,
        "week": draw(st.none() | st.integers(1, 53)),
        "date": draw(st.none() | month_days()),
        "deadline": draw(st.none() | month_days()),
        "every_years": draw(st.none() | st.integers(1, 5)),
        "as_needed": as_needed,
        "approximate": draw(st.booleans()),
        "years": draw(st.sampled_from(Years)),
        "note": draw(text),
    }
    if not as_needed:
        fields["every_days"] = draw(st.none() | small | unknown)
        fields["times_per_year"] = draw(st.none() | spans(1, 60) | unknown)
    if fields["years"].value.startswith("term_year"):
        # Once per election term: placed in the year at most, never recurring within it.
        return Timing(**{**fields, "every_years": None, "every_days": None, "times_per_year": None, "as_needed": False})
    if not as_needed and all(
        fields.get(name) is None
        for name in ("quarter", "month", "week", "date", "deadline", "every_years", "every_days", "times_per_year")
    ):
        fields["times_per_year"] = Span.exactly(draw(small))
    return Timing(**fields)


@st.composite
def steering_models(draw: st.DrawFn) -> SteeringModel:
    """A model whose every reference resolves and every citation names a listed source."""
    ids = draw(st.lists(slugs, min_size=7, max_size=24, unique=True))
    source_ids, ids = ids[:1], ids[1:]
    # Every model has at least one level, so every actor reference has something to point at.
    cut = sorted(draw(st.lists(st.integers(1, len(ids)), min_size=4, max_size=4)))
    level_ids, body_ids, role_ids, document_ids, event_ids = (
        ids[: cut[0]],
        ids[cut[0] : cut[1]],
        ids[cut[1] : cut[2]],
        ids[cut[2] : cut[3]],
        ids[cut[3] :],
    )
    actors = level_ids + body_ids + role_ids
    citations = st.none() | st.builds(Citation, source=st.sampled_from(source_ids), locator=text.map(str.strip))
    actor = st.sampled_from(actors)
    actor_list = st.lists(actor, unique=True, max_size=3).map(tuple)
    actors_or_unknown = actor_list | unknown
    maybe = st.none

    levels = tuple(
        Level(
            id=identifier,
            name=draw(text),
            kind=draw(st.sampled_from(LevelKind)),
            parent=draw(maybe() | st.sampled_from(level_ids)),
            units=draw(unknown | counts()),
            persons=draw(unknown | counts()),
            employees=draw(unknown | counts()),
            staff_units=draw(maybe() | unknown | counts()),
            description=draw(text),
            source=draw(citations),
        )
        for identifier in level_ids
    )
    bodies = tuple(
        Body(
            id=identifier,
            name=draw(text),
            kind=draw(st.sampled_from(BodyKind)),
            level=draw(maybe() | st.sampled_from(level_ids)),
            parent=draw(maybe() | st.sampled_from(body_ids)),
            members=draw(actors_or_unknown),
            size=draw(unknown | counts()),
            count=draw(maybe() | unknown | spans()),
            per=draw(maybe() | st.sampled_from(level_ids + role_ids)),
            chair=draw(unknown | actor),
            chair_rotates=draw(st.booleans()),
            description=draw(text),
            cadence=draw(unknown | timings()),
            acts_for=draw(actor_list),
            variants=tuple(
                draw(st.lists(st.builds(Variant, id=slugs, name=text, description=text, source=citations), max_size=2))
            ),
            purpose=draw(text),
            source=draw(citations),
        )
        for identifier in body_ids
    )
    roles = tuple(
        Role(
            id=identifier,
            name=draw(text),
            level=draw(maybe() | st.sampled_from(level_ids)),
            reports_to=draw(maybe() | st.sampled_from(role_ids + body_ids)),
            within=draw(maybe() | st.sampled_from(role_ids)),
            count=draw(unknown | spans()),
            description=draw(text),
            source=draw(citations),
        )
        for identifier in role_ids
    )
    goal_counts = st.builds(
        lambda low, extra, strength, note: GoalCount(
            min=low, max=None if low is None else low + extra, strength=strength, note=note
        ),
        maybe() | st.integers(0, 5),
        st.integers(0, 5),
        st.sampled_from(Strength),
        text,
    ) | st.builds(GoalCount, min=unknown | st.none(), max=unknown, note=text)
    requirements = st.builds(
        Requirements,
        development_goals=maybe() | goal_counts,
        goals=maybe() | goal_counts,
        economic_frame=maybe() | st.booleans(),
        goal_criteria=maybe()
        | st.builds(GoalCriteria, criteria=text, count=maybe() | small, strength=st.sampled_from(Strength), note=text),
        goal_fields=st.lists(slugs, unique=True, max_size=3).map(tuple),
        status_scale=st.lists(slugs, unique=True, max_size=3).map(tuple),
        preferred_goal_kind=maybe() | slugs,
        template=maybe() | st.builds(Template, name=text, mandatory=unknown | st.booleans(), note=text),
        note=text,
        source=citations,
    )
    documents = tuple(
        DocumentType(
            id=identifier,
            name=draw(text),
            kind=draw(st.sampled_from(DocumentKind)),
            owner=draw(unknown | actor),
            approver=draw(unknown | actor),
            parties=draw(actor_list),
            parents=tuple(draw(st.lists(st.sampled_from(document_ids), unique=True, max_size=2))),
            per=draw(maybe() | st.sampled_from(level_ids)),
            horizon_years=draw(unknown | small | st.sampled_from(Horizon)),
            cadence=draw(unknown | timings()),
            mandatory=draw(unknown | st.booleans()),
            requirements=draw(maybe() | requirements),
            description=draw(text),
            source=draw(citations),
        )
        for identifier in document_ids
    )
    events = tuple(
        Event(
            id=identifier,
            name=draw(text),
            when=draw(unknown | timings()),
            action=draw(st.sampled_from(Action)),
            actors=draw(actors_or_unknown),
            body=draw(maybe() | st.sampled_from(body_ids or [None])),
            documents=tuple(draw(st.lists(st.sampled_from(document_ids), unique=True, max_size=2)))
            if document_ids
            else (),
            step=draw(maybe() | small),
            description=draw(text),
            source=draw(citations),
        )
        for identifier in event_ids
    )
    orderable = event_ids + body_ids
    constraints = (
        tuple(
            draw(
                st.lists(
                    st.builds(
                        OrderingConstraint,
                        first=st.sampled_from(orderable),
                        then=st.sampled_from(orderable),
                        lag_days=maybe()
                        | st.builds(
                            Lag,
                            min=maybe() | small,
                            max=maybe() | small,
                            target=maybe() | small,
                            approximate=st.booleans(),
                        ),
                        year_offset=unknown | st.integers(0, 2),
                        strength=st.sampled_from(Strength),
                        description=text,
                        source=citations,
                    ),
                    max_size=3,
                )
            )
        )
        if orderable
        else ()
    )
    responsibilities = tuple(
        draw(
            st.lists(
                st.builds(
                    Responsibility,
                    actor=actor,
                    verb=st.sampled_from(Verb),
                    object=text,
                    document=maybe() | (st.sampled_from(document_ids) if document_ids else maybe()),
                    when=maybe() | timings(),
                    strength=st.sampled_from(Strength),
                    description=text,
                    source=citations,
                ),
                max_size=4,
            )
        )
    )
    budget = BudgetRules(
        allocation=draw(
            unknown
            | st.builds(
                Allocation,
                route=unknown | st.sampled_from(Route),
                grantor=maybe() | actor,
                recipient=maybe() | actor,
                description=text,
                source=citations,
            )
        ),
        appropriation_level=draw(
            unknown
            | st.builds(
                AppropriationLevel,
                holders=actors_or_unknown,
                transfers=unknown | st.sampled_from(Transfers),
                description=text,
                source=citations,
            )
        ),
        carry_over=draw(
            unknown
            | st.builds(
                CarryOver,
                surplus_cap=unknown | fractions | st.just(Limit.UNLIMITED),
                deficit_cap=unknown | fractions | st.just(Limit.UNLIMITED),
                repayment_plan_above=maybe() | unknown | fractions,
                bookings_until=maybe() | month_days(),
                formal_from=maybe() | month_days(),
                description=text,
                source=citations,
            )
        ),
        thresholds=draw(unknown)
        if draw(st.booleans())
        else tuple(
            draw(
                st.lists(
                    st.builds(
                        Threshold,
                        id=st.sampled_from(["t1", "t2"]),
                        measure=st.sampled_from(Measure),
                        above=fractions,
                        consequence=text,
                        actor=maybe() | actor,
                        source=citations,
                    ),
                    max_size=2,
                )
            )
        ),
        follow_ups=draw(unknown)
        if draw(st.booleans())
        else tuple(
            draw(
                st.lists(
                    st.builds(
                        FollowUp,
                        id=slugs,
                        actor=actor,
                        cadence=unknown | timings(),
                        audience=maybe() | actor,
                        description=text,
                        source=citations,
                    ),
                    max_size=2,
                )
            )
        ),
        technical_budget=draw(
            unknown
            | st.builds(TechnicalBudget, basis=text, demography_adjusted=unknown | st.booleans(), source=citations)
        ),
        adoption_deadline=draw(unknown | month_days()),
        description=draw(text),
        source=draw(citations),
    )
    return SteeringModel(
        municipality=Municipality(
            id=draw(slugs),
            name=draw(text),
            philosophy=draw(unknown | text),
            election_term_years=draw(unknown | small),
            period=draw(maybe() | spans(2000, 2040)),
            description=draw(text),
            source=draw(citations),
        ),
        sources=tuple(Source(id=identifier, title=draw(text), date=draw(text)) for identifier in source_ids),
        principles=tuple(
            draw(
                st.lists(
                    st.builds(Principle, id=st.just("principle"), name=text, description=text, source=citations),
                    max_size=1,
                )
            )
        ),
        scope=tuple(
            draw(
                st.lists(
                    st.builds(
                        ScopeItem,
                        id=st.just("scope_item"),
                        name=text,
                        included=st.booleans(),
                        steered_by=text,
                        source=citations,
                    ),
                    max_size=1,
                )
            )
        ),
        levels=levels,
        bodies=bodies,
        roles=roles,
        responsibilities=responsibilities,
        documents=documents,
        events=events,
        constraints=constraints,
        budget=budget,
        waivers=tuple(draw(st.lists(st.builds(Waiver, code=text, path=text, reason=text), max_size=2))),
    )
