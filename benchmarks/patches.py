"""Fixes for the quadratic steps the benchmark found, as monkeypatches.

Since commit 719f087 these fixes are in generator/ itself; this module is kept
to reproduce the before/after comparison on older commits (on newer ones it
changes nothing measurable).

``python benchmarks/run.py --patched`` applies them inside the benchmark's own
child processes (the pipeline run and the instrumented ``kehoach build``), so
the gain can be measured without editing generator/.  kehoach itself never
imports this module.  The same fixes as source changes are in
``benchmarks/proposed/*.diff`` (see docs/performance.md).

Each fix keeps the output byte-identical (``run.py --compare-patched`` checks
that on a corpus): only how a value is looked up changes.

1. ``Corpus.plan(id)`` scans ``corpus.plans`` (``next(p for p in ...)``).  It
   is called for every duty by the timeline (twice: row and sort key) and for
   every (duty, body) pair by the calendars (twice): O(tasks x plans).
   Fix: a dict built once per corpus.
2. ``pipeline._assignee_extras(corpus, plan_id)`` walks every task of the
   corpus for every plan: O(plans x tasks).  Fix: group the tasks by plan
   once.
3. ``citation_index._document`` computes ``implemented_by``,
   ``relied_on_by`` and ``replaced_by``/``replaces`` by scanning every edge for
   every cited document: O(documents x plans).  Fix: reverse the edge tables
   once per ``_Edges``.
4. ``agency_pages.agency_page`` builds ``{p.id: p for p in corpus.plans}`` for
   every body: O(bodies x plans).  Fix: the same dict as 1.
"""

from __future__ import annotations

_plans_by_id: dict[int, tuple[object, dict]] = {}
_tasks_by_plan: dict[int, tuple[object, dict]] = {}


def _plan_index(corpus) -> dict:
    entry = _plans_by_id.get(id(corpus))
    if entry is None or entry[0] is not corpus.plans:
        entry = (corpus.plans, {p.id: p for p in corpus.plans})
        _plans_by_id[id(corpus)] = entry
    return entry[1]


def apply() -> None:
    from generator import agency_pages, citation_index, model, pipeline

    # 1. Corpus.plan in O(1).
    def plan(self, plan_id):
        return _plan_index(self)[plan_id]

    model.Corpus.plan = plan

    # 2. _assignee_extras over the plan's own tasks only.
    original_extras = pipeline._assignee_extras

    def _assignee_extras(corpus, plan_id):
        entry = _tasks_by_plan.get(id(corpus))
        if entry is None or entry[0] is not corpus.tasks:
            grouped: dict[str, list] = {}
            for task in corpus.tasks:
                grouped.setdefault(task.plan, []).append(task)
            entry = (corpus.tasks, grouped)
            _tasks_by_plan[id(corpus)] = entry
        own = type(corpus)(
            plans=corpus.plans,
            organisations=corpus.organisations,
            agencies=corpus.agencies,
            tasks=tuple(entry[1].get(plan_id, ())),
            build_date=corpus.build_date,
            citations=corpus.citations,
        )
        return original_extras(own, plan_id)

    pipeline._assignee_extras = _assignee_extras

    # 3. Reverse edge tables once per _Edges.
    original_document = citation_index._document

    def _document(key, mentions, known, plan, edges):
        cache = getattr(edges, "_bench_reverse", None)
        if cache is None:
            implements_into: dict[str, dict] = {}
            relies_into: dict[str, dict] = {}
            for source, targets in edges.implements.items():
                for t in targets:
                    implements_into.setdefault(t, {})[source] = targets
            for source, targets in edges.relies.items():
                for t in targets:
                    relies_into.setdefault(t, {})[source] = targets
            replaces_by_node: dict[str, set] = {}
            for new, old in edges.replaces:
                replaces_by_node.setdefault(new, set()).add((new, old))
                replaces_by_node.setdefault(old, set()).add((new, old))
            cache = (implements_into, relies_into, replaces_by_node, edges.implements, edges.relies, edges.replaces)
            edges._bench_reverse = cache
        implements_into, relies_into, replaces_by_node, all_implements, all_relies, all_replaces = cache
        node = edges.node(key)
        # _document reads edges.implements.get(node) (its own targets) and
        # scans .items() for edges into node; give it a view holding both.
        view_impl = dict(implements_into.get(node, {}))
        if node in all_implements:
            view_impl[node] = all_implements[node]
        view_relies = dict(relies_into.get(node, {}))
        edges.implements, edges.relies, edges.replaces = view_impl, view_relies, replaces_by_node.get(node, set())
        try:
            return original_document(key, mentions, known, plan, edges)
        finally:
            edges.implements, edges.relies, edges.replaces = all_implements, all_relies, all_replaces

    citation_index._document = _document

    # 4. agency_page: the plan dict once (it only reads plans of its own duties).
    original_agency_page = agency_pages.agency_page

    def agency_page(agency, duties, corpus):
        wanted = {task.plan for task, _ in duties}
        index = _plan_index(corpus)
        small = type(corpus)(
            plans=tuple(index[p] for p in sorted(wanted)),
            organisations=corpus.organisations,
            agencies=corpus.agencies,
            tasks=corpus.tasks,
            build_date=corpus.build_date,
            citations=corpus.citations,
        )
        return original_agency_page(agency, duties, small)

    agency_pages.agency_page = agency_page
    pipeline.agency_page = agency_page
