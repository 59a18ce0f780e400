"""A ledger document taken apart for editing row by row, and put together again.

The writer renders cells from it; the reader fills it from the hidden sheet (or from nothing, for
an office's own ledger) and applies what the visible cells say. Objects are the model's frozen
classes, held in dictionaries by id so that one cell's edit replaces one object; :meth:`
Workspace.assemble` rebuilds the document in the original order, new objects last.
"""

from __future__ import annotations

import itertools
from typing import Any

import attrs
from attrs import define, field

from inspection_schema.model import (
    Category,
    CodeScheme,
    Document,
    Evidence,
    ExternalReference,
    HistoryEvent,
    Inspection,
    LedgerEntry,
    Organisation,
    OrganisationKind,
    PartyOrganisation,
    Person,
    Problem,
    Rectification,
    RectificationPlan,
    Responsibility,
    Task,
)

from .ledger import all_ids


@define
class EntryWork:
    """One ledger entry being read or written: the entry, its history, its rectification."""

    entry: LedgerEntry
    history: list[HistoryEvent]
    rect: int
    row: int = 0
    """The row of the ledger sheet it is read from (0 when not read from a sheet)."""

    def build(self) -> LedgerEntry:
        return attrs.evolve(self.entry, history=tuple(self.history))


@define
class RectWork:
    """One rectification being read or written; its entries and plan lists by id."""

    rectification: Rectification
    plan: RectificationPlan | None
    tasks: dict[str, Task]
    responsibilities: dict[str, Responsibility]
    plan_problems: list[str]
    evidence: dict[str, Evidence]
    entries: list[EntryWork] = field(factory=list)

    @classmethod
    def of(cls, rectification: Rectification, index: int, *, with_entries: bool) -> RectWork:
        plan = rectification.plan
        work = cls(
            rectification=attrs.evolve(rectification, entries=()),
            plan=plan,
            tasks={t.id: t for t in plan.tasks} if plan else {},
            responsibilities={r.id: r for r in plan.responsibilities} if plan else {},
            plan_problems=list(plan.problems) if plan else [],
            evidence={e.id: e for e in rectification.evidence},
        )
        if with_entries:
            work.entries = [
                EntryWork(entry=e, history=list(e.history), rect=index)
                for e in rectification.entries
            ]
        return work

    def build(self) -> Rectification:
        plan = self.plan
        if plan is not None:
            plan = attrs.evolve(
                plan,
                problems=tuple(self.plan_problems),
                tasks=tuple(self.tasks.values()),
                responsibilities=tuple(self.responsibilities.values()),
            )
        return attrs.evolve(
            self.rectification,
            plan=plan,
            entries=tuple(work.build() for work in self.entries),
            evidence=tuple(self.evidence.values()),
        )


class Workspace:
    """A ledger document by parts: people, organisations, problems, rectifications."""

    def __init__(self, header: Document) -> None:
        self.header = attrs.evolve(header, rectifications=())
        self.taken: set[str] = all_ids(header)
        self.people: dict[str, Person] = {p.id: p for p in header.people}
        self.organisations: dict[str, Organisation] = {o.id: o for o in header.organisations}
        self.party_organisations: dict[str, PartyOrganisation] = {
            p.id: p for p in header.party_organisations
        }
        self.external: dict[str, ExternalReference] = {e.id: e for e in header.external}
        self.schemes: dict[str, CodeScheme] = {s.id: s for s in header.code_schemes}
        self.problems: dict[str, Problem] = {
            p.id: p for i in header.inspections if i.feedback for p in i.feedback.problems
        }
        self.rects: list[RectWork] = []
        self._index: dict[tuple[str, str], list[str]] = {}
        self._next: dict[str, int] = {}
        for person in self.people.values():
            self._add("Person", person.name, person.id)
        for organisation in self.organisations.values():
            self._add("Organisation", organisation.name, organisation.id)
            if organisation.short_name is not None:
                self._add("Organisation", organisation.short_name, organisation.id)
        for problem in self.problems.values():
            self._add("Problem", problem.text, problem.id)
        for external in self.external.values():
            if external.label is not None:
                self._add(external.type, external.label, external.id)

    def _add(self, kind: str, name: str, ident: str) -> None:
        """Index what a cell names: people, organisations, problems and evidence by their words
        (a document's own objects before its external references, each in document order)."""
        self._index.setdefault((kind, name), []).append(ident)

    @classmethod
    def of(cls, document: Document) -> Workspace:
        """The workspace of a whole ledger document, entries included (for writing)."""
        work = cls(document)
        work.rects = [
            RectWork.of(r, index, with_entries=True)
            for index, r in enumerate(document.rectifications)
        ]
        for rectification in document.rectifications:
            for evidence in rectification.evidence:
                work._add("Evidence", evidence.title, evidence.id)
        return work

    def add_rectification(self, rectification: Rectification) -> int:
        self.taken.update(all_ids(attrs.evolve(self.header, rectifications=(rectification,))))
        self.rects.append(RectWork.of(rectification, len(self.rects), with_entries=False))
        for evidence in rectification.evidence:
            self._add("Evidence", evidence.title, evidence.id)
        return len(self.rects) - 1

    def entries(self) -> list[EntryWork]:
        return [work for rect in self.rects for work in rect.entries]

    # -- ids ------------------------------------------------------------------------------------

    def new_id(self, prefix: str) -> str:
        """``prefix-1``, ``prefix-2``…: the first id not yet used in the document."""
        for number in itertools.count(self._next.get(prefix, 1)):
            candidate = f"{prefix}-{number}"
            if candidate not in self.taken:
                self.taken.add(candidate)
                self._next[prefix] = number + 1
                return candidate
        raise AssertionError("unreachable")  # pragma: no cover

    def reserve(self, ident: str) -> None:
        self.taken.add(ident)

    # -- what a reference shows -------------------------------------------------------------

    def name(self, ident: str | None) -> str:
        """What a cell shows for a reference: a name, a title, a text, else the id."""
        if ident is None:
            return ""
        for table in (self.people, self.organisations, self.party_organisations):
            obj: Any = table.get(ident)
            if obj is not None:
                return str(obj.name)
        problem = self.problems.get(ident)
        if problem is not None:
            return problem.text
        for rect in self.rects:
            evidence = rect.evidence.get(ident)
            if evidence is not None:
                return evidence.title
        external = self.external.get(ident)
        if external is not None:
            return external.label if external.label is not None else ident
        return ident

    def category_label(self, problem_id: str) -> str:
        """问题类别 of a problem: its code's label in its scheme, else the code; else empty."""
        problem = self.problems.get(problem_id)
        if problem is None or problem.category is None:
            return ""
        scheme = self.schemes.get(problem.category.scheme)
        if scheme is not None:
            for code in scheme.codes:
                if code.code == problem.category.code:
                    return code.label
        return problem.category.code

    def task(self, work: EntryWork) -> Task | None:
        if work.entry.task is None:
            return None
        for rect in (self.rects[work.rect], *self.rects):
            task = rect.tasks.get(work.entry.task)
            if task is not None:
                return task
        return None

    def responsibility(self, work: EntryWork) -> Responsibility | None:
        if work.entry.responsibility is None:
            return None
        for rect in (self.rects[work.rect], *self.rects):
            found = rect.responsibilities.get(work.entry.responsibility)
            if found is not None:
                return found
        return None

    def put_task(self, work: EntryWork, task: Task) -> None:
        """Store ``task`` where it is, or in the entry's plan when it is new."""
        for rect in self.rects:
            if task.id in rect.tasks:
                rect.tasks[task.id] = task
                return
        rect = self.rects[work.rect]
        self._plan(rect, task.problem)
        rect.tasks[task.id] = task

    def put_responsibility(self, work: EntryWork, responsibility: Responsibility) -> None:
        for rect in self.rects:
            if responsibility.id in rect.responsibilities:
                rect.responsibilities[responsibility.id] = responsibility
                return
        rect = self.rects[work.rect]
        self._plan(rect, responsibility.problem)
        rect.responsibilities[responsibility.id] = responsibility

    def _plan(self, rect: RectWork, problem: str) -> None:
        if rect.plan is None:
            rect.plan = RectificationPlan(id=self.new_id("plan"))
        if problem not in rect.plan_problems:
            rect.plan_problems.append(problem)

    # -- finding by what a cell says ------------------------------------------------------------

    def find_people(self, name: str) -> list[str]:
        return list(self._index.get(("Person", name), ()))

    def find_organisations(self, name: str) -> list[str]:
        return list(self._index.get(("Organisation", name), ()))

    def find_problems(self, text: str) -> list[str]:
        return list(self._index.get(("Problem", text), ()))

    def find_evidence(self, rect: int, title: str) -> str | None:
        """Evidence of that title: the rectification's own first."""
        found = self._index.get(("Evidence", title), [])
        own = self.rects[rect].evidence
        return next((i for i in found if i in own), found[0] if found else None)

    def find_category(self, label: str, scheme: str | None) -> Category | None:
        """The category whose label (or code) is ``label``: in ``scheme`` first."""
        schemes = list(self.schemes.values())
        if scheme is not None and scheme in self.schemes:
            schemes.insert(0, self.schemes[scheme])
        for each in schemes:
            for code in each.codes:
                if label in (code.label, code.code):
                    return Category(scheme=each.id, code=code.code)
        return None

    # -- making what a cell names ----------------------------------------------------------------

    def person(self, name: str) -> str:
        """The person called ``name`` (the first, if several are), made when there is none."""
        found = self.find_people(name)
        if found:
            return found[0]
        ident = self.new_id("person")
        self.people[ident] = Person(id=ident, name=name)
        self._add("Person", name, ident)
        return ident

    def organisation(self, name: str, kind: OrganisationKind) -> str:
        found = self.find_organisations(name)
        if found:
            return found[0]
        ident = self.new_id("org")
        self.organisations[ident] = Organisation(id=ident, name=name, kind=kind)
        self._add("Organisation", name, ident)
        return ident

    def evidence(self, rect: int, title: str) -> str:
        found = self.find_evidence(rect, title)
        if found is not None:
            return found
        ident = self.new_id("evidence")
        self.rects[rect].evidence[ident] = Evidence(id=ident, title=title)
        self._add("Evidence", title, ident)
        return ident

    def external_reference(self, ident: str, kind: str, document: str, label: str | None) -> str:
        self.reserve(ident)
        self.external[ident] = ExternalReference(
            id=ident, type=kind, document=document, label=label
        )
        if label is not None:
            self._add(kind, label, ident)
        return ident

    def set_problem_text(self, ident: str, text: str) -> None:
        """Reword a problem (a local one's text, an external one's label)."""
        if ident in self.problems:
            old: str | None = self.problems[ident].text
            self.problems[ident] = attrs.evolve(self.problems[ident], text=text)
        elif ident in self.external:
            old = self.external[ident].label
            self.external[ident] = attrs.evolve(self.external[ident], label=text)
        else:
            return
        if old is not None:
            self._index.get(("Problem", old), []).remove(ident)
        self._add("Problem", text, ident)

    # -- the document again ---------------------------------------------------------------------

    def assemble(self) -> Document:
        inspections = tuple(self._inspection(i) for i in self.header.inspections)
        return attrs.evolve(
            self.header,
            external=tuple(self.external.values()),
            code_schemes=tuple(self.schemes.values()),
            organisations=tuple(self.organisations.values()),
            party_organisations=tuple(self.party_organisations.values()),
            people=tuple(self.people.values()),
            inspections=inspections,
            rectifications=tuple(rect.build() for rect in self.rects),
        )

    def _inspection(self, inspection: Inspection) -> Inspection:
        feedback = inspection.feedback
        if feedback is None:
            return inspection
        problems = tuple(self.problems.get(p.id, p) for p in feedback.problems)
        if problems == feedback.problems:
            return inspection
        return attrs.evolve(inspection, feedback=attrs.evolve(feedback, problems=problems))
