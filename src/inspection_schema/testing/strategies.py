"""Hypothesis strategies that build valid inspection-schema documents, for property tests.

Typical use in a plugin's tests::

    from hypothesis import given
    from inspection_schema.codecs.json import dumps, loads
    from inspection_schema.testing.strategies import documents

    @given(documents())
    def test_round_trip(document):
        assert loads(dumps(document)) == document

Everything is derived from the model: the strategies walk the attrs fields of the model classes
(their types, defaults and :func:`~inspection_schema.model.info` metadata), so a field added to
the model is generated without an edit here. A document is built in two passes:

1. the tree is drawn with an id in every id field and a placeholder in every reference field;
   the parts :data:`~inspection_schema.model.KIND_REQUIREMENTS` requires of the document's kind
   are always present, every other optional part only sometimes;
2. ids are made unique and collected by class, then every reference is drawn from the ids of
   its target classes. A reference to the referring object's own class (an organisation's
   parent, a speech conveying a speech) only points to an object earlier in the document, so
   hierarchies have no cycles. When no target exists (and sometimes when one does), an
   :class:`~inspection_schema.model.ExternalReference` of a target type is added to
   ``Document.external`` and referred to instead.

Typed extensions (:mod:`inspection_schema.extensions`) are drawn in the slots of their target
classes when passed as ``typed_extensions`` (``documents(typed_extensions=
registered_extensions())``), and ``for_class(extension.root)`` draws one extension value.

The only hand-written knowledge is that, plus small value constraints (:data:`_VALUES`,
:data:`_FIXUPS`): well-formed identity numbers and credit codes, a period ends after it starts,
a category's code belongs to its scheme, a ledger entry's history is in date order, ...

Generated documents are *valid* as the model defines it (unique ids, resolving references, texts
XML 1.0 can carry, aware date-times, finite decimals, the parts their kind requires); they are
not meant to be plausible records.
"""

from __future__ import annotations

import datetime
import functools
import itertools
import types
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any, Final, TypeVar, Union, cast, get_args, get_origin

import attrs
from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, SearchStrategy

from ..extensions import SchemaExtension
from ..model import (
    KIND_REQUIREMENTS,
    MODEL_CLASSES,
    SCHEMA_VERSION,
    Category,
    Code,
    CodeList,
    CodeScheme,
    DeclaredCounters,
    Digest,
    Document,
    DocumentKind,
    Evidence,
    Extensions,
    ExternalReference,
    Feedback,
    LedgerEntry,
    Mechanism,
    Organisation,
    Participant,
    Period,
    Person,
    RectificationPlan,
    RectificationReport,
    Round,
    Source,
    info,
)
from ..model.text import FORBIDDEN, ID_PATTERN
from .standards import (
    area_codes,
    document_numbers,
    identity_numbers,
    unified_social_credit_codes,
)

__all__ = [
    "DEFAULT_MAX_ITEMS",
    "documents",
    "extensions",
    "for_class",
    "ids",
    "json_values",
    "texts",
]

T = TypeVar("T")

DEFAULT_MAX_ITEMS: Final = 3
"""Longest list in a generated object by default: small, so that property tests stay fast."""

# -- texts and ids ----------------------------------------------------------------------------

_NOT_XML: Final = "".join(chr(c) for c in range(0x20) if chr(c) not in "\t\n\r") + "\ufffe\uffff"


def _carried_by_xml(text: str) -> bool:
    return FORBIDDEN.search(text) is None


_ALPHABET: Final = st.one_of(
    # any character XML 1.0 can carry (the utf-8 codec leaves out lone surrogates)
    st.characters(codec="utf-8", exclude_characters=_NOT_XML),
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),  # CJK unified ideographs
    st.characters(min_codepoint=0x20000, max_codepoint=0x2A6DF),  # CJK extension B (non-BMP)
    st.sampled_from("，。、；：？！“”‘’（）《》〔〕【】—…·\u3000𠀀𪚥\t\n\r"),
)
"""Built to hold only characters XML 1.0 can carry (the tests check it against FORBIDDEN)."""


def texts(
    *,
    min_size: int = 0,
    max_size: int = 12,
    alphabet: SearchStrategy[str] | None = None,
) -> SearchStrategy[str]:
    """Strings a document may carry: any character XML 1.0 can, none it cannot.

    The default alphabet mixes all such characters with Chinese ones, in and beyond the Basic
    Multilingual Plane (𠀀, 𪚥), full-width punctuation, tab, line feed and carriage return. A
    custom ``alphabet`` is filtered down to the characters XML 1.0 can carry.
    """
    chars = _ALPHABET if alphabet is None else alphabet.filter(_carried_by_xml)
    return st.text(chars, min_size=min_size, max_size=max_size)


_ID_START: Final = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_"
_ID_REST: Final = _ID_START + "0123456789.-"


def _is_id(text: str) -> bool:
    return ID_PATTERN.fullmatch(text) is not None


def ids(*, max_size: int = 12) -> SearchStrategy[str]:
    """Ids and references: strings matching :data:`~inspection_schema.model.text.ID_PATTERN`.

    (Uniqueness within a document is :func:`documents`' business, not this strategy's.)
    """
    # st.from_regex(ID_PATTERN) would follow the pattern by itself but is several times slower;
    # the filter keeps this in step with the pattern should it ever narrow.
    return st.builds(
        str.__add__,
        st.sampled_from(_ID_START),
        st.text(st.sampled_from(_ID_REST), max_size=max(max_size - 1, 0)),
    ).filter(_is_id)


def json_values(*, text: SearchStrategy[str] | None = None) -> SearchStrategy[Any]:
    """JSON data as :func:`inspection_schema.codecs.json.loads` returns it (lists, not tuples).

    Numbers stay within 64-bit integers and finite floats; strings are :func:`texts`.
    """
    strings = texts() if text is None else text
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**63), max_value=2**63 - 1),
        st.floats(allow_nan=False, allow_infinity=False),
        strings,
    )
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(strings, inner, max_size=3),
        max_leaves=6,
    )


def extensions(
    *,
    namespaces: SearchStrategy[str] | None = None,
    values: SearchStrategy[Any] | None = None,
    max_size: int = 2,
) -> SearchStrategy[dict[str, Any]]:
    """Extension data (``extensions`` fields): JSON values keyed by plugin namespace.

    Namespaces are :func:`ids` by default (never empty); values are :func:`json_values`.
    """
    return st.dictionaries(
        ids() if namespaces is None else namespaces,
        json_values() if values is None else values,
        max_size=max_size,
    )


# -- scalar values ----------------------------------------------------------------------------

_MIN_DATE: Final = datetime.date(1949, 10, 1)
_MAX_DATE: Final = datetime.date(2099, 12, 31)

_OFFSETS: Final = st.one_of(
    st.just(datetime.timezone(datetime.timedelta(hours=8))),
    st.just(datetime.UTC),
    # any whole-minute offset within ±14:00, the range XML Schema admits
    st.integers(min_value=-14 * 60, max_value=14 * 60).map(
        lambda minutes: datetime.timezone(datetime.timedelta(minutes=minutes))
    ),
)


def _dates() -> SearchStrategy[datetime.date]:
    return st.dates(min_value=_MIN_DATE, max_value=_MAX_DATE)


def _datetimes() -> SearchStrategy[datetime.datetime]:
    return st.datetimes(
        min_value=datetime.datetime.combine(_MIN_DATE, datetime.time()),
        max_value=datetime.datetime.combine(_MAX_DATE, datetime.time.max),
        timezones=_OFFSETS,
    )


def _decimals(max_value: int = 10**9, max_places: int = 4) -> SearchStrategy[Decimal]:
    return st.one_of(
        [
            st.decimals(
                min_value=0,
                max_value=max_value,
                places=places,
                allow_nan=False,
                allow_infinity=False,
            )
            for places in range(max_places + 1)
        ]
    )


@attrs.frozen
class _Options:
    max_items: int
    text: SearchStrategy[str]
    extensions: bool
    external_references: bool
    typed_extensions: tuple[SchemaExtension, ...] = ()


def _scalar(hint: type, options: _Options) -> SearchStrategy[Any] | None:
    if hint is bool:
        return st.booleans()
    if hint is int:
        return st.integers(min_value=0, max_value=2**31 - 1)
    if hint is str:
        return options.text
    if hint is Decimal:
        return _decimals()
    if hint is datetime.datetime:
        return _datetimes()
    if hint is datetime.date:
        return _dates()
    return None


# -- small value constraints (hand-written) ---------------------------------------------------


def _category_codes() -> SearchStrategy[str]:
    return st.from_regex(r"[A-Z0-9]{1,3}(?:\.[0-9]{1,2})?", fullmatch=True)


def _class_names_referred_to() -> list[str]:
    return sorted(
        {
            target
            for cls in MODEL_CLASSES
            for attribute in attrs.fields(cls)
            for target in info(attribute).targets
        }
    )


_ValueFactory = Callable[[_Options], SearchStrategy[Any]]

_VALUES: Final[Mapping[tuple[type, str], _ValueFactory]] = {
    (Document, "schema_version"): lambda _: st.just(SCHEMA_VERSION),
    (ExternalReference, "type"): lambda _: st.sampled_from(_class_names_referred_to()),
    (ExternalReference, "document"): lambda _: ids(),
    (Code, "code"): lambda _: _category_codes(),
    (Category, "code"): lambda _: _category_codes(),
    (Digest, "value"): lambda _: st.binary(min_size=32, max_size=32).map(bytes.hex),
    (Evidence, "media_type"): lambda _: st.sampled_from(
        ["application/pdf", "image/jpeg", "image/png", "text/plain", "application/ofd"]
    ),
    (Person, "identity_number"): lambda _: identity_numbers(
        min_birth=datetime.date(1940, 1, 1), max_birth=datetime.date(2005, 12, 31)
    ),
    (Organisation, "credit_code"): lambda _: unified_social_credit_codes(),
    (Organisation, "area_code"): lambda _: area_codes(),
    (Source, "document_number"): lambda _: document_numbers(),
    (Feedback, "document_number"): lambda _: document_numbers(),
    (RectificationPlan, "document_number"): lambda _: document_numbers(),
    (Mechanism, "document_number"): lambda _: document_numbers(),
    (RectificationReport, "document_number"): lambda _: document_numbers(),
    (Round, "year"): lambda _: st.integers(min_value=_MIN_DATE.year, max_value=_MAX_DATE.year),
    (DeclaredCounters, "completion_rate"): lambda _: _decimals(max_value=100, max_places=2),
}
"""Field values narrower than the field's type allows (the key names the class and field)."""


def _ordered_period(period: Period, draw: DrawFn, options: _Options) -> Period:
    if period.end is not None and period.end < period.start:
        return attrs.evolve(period, start=period.end, end=period.start)
    return period


def _someone(participant: Participant, draw: DrawFn, options: _Options) -> Participant:
    said = (participant.person, participant.organisation, participant.description)
    if all(value is None for value in said):
        return attrs.evolve(participant, description=draw(options.text))
    return participant


def _distinct_codes(scheme: CodeScheme, draw: DrawFn, options: _Options) -> CodeScheme:
    first: dict[str, Code] = {}
    for code in scheme.codes:
        first.setdefault(code.code, code)
    codes = tuple(first.values())
    return attrs.evolve(scheme, codes=codes) if codes != scheme.codes else scheme


def _history_in_order(entry: LedgerEntry, draw: DrawFn, options: _Options) -> LedgerEntry:
    history = tuple(sorted(entry.history, key=lambda event: event.date))
    return attrs.evolve(entry, history=history) if history != entry.history else entry


_FIXUPS: Final[Mapping[type, Callable[[Any, DrawFn, _Options], Any]]] = {
    Period: _ordered_period,
    Participant: _someone,
    CodeScheme: _distinct_codes,
    LedgerEntry: _history_in_order,
}
"""Per-class adjustments made after an object is drawn (before references are resolved)."""


def _check_tables() -> None:
    for owner, name in _VALUES:
        if name not in attrs.fields_dict(owner):
            raise RuntimeError(f"strategies: {owner.__name__} has no field {name!r} any more")


_check_tables()

# -- the generic builder ----------------------------------------------------------------------

_PENDING: Final = "_pending"
"""The placeholder reference fields hold until the second pass resolves them."""


def _is_model_class(cls: Any) -> bool:
    return isinstance(cls, type) and attrs.has(cls) and hasattr(cls, "TERM")


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    attrs.resolve_types(cls)
    return {attribute.name: attribute.type for attribute in attrs.fields(cls)}


@st.composite
def _fixed_up(
    draw: DrawFn,
    base: SearchStrategy[Any],
    fixup: Callable[[Any, DrawFn, _Options], Any],
    options: _Options,
) -> Any:
    return fixup(draw(base), draw, options)


def _merged(free: dict[str, Any], typed: dict[str, Any]) -> dict[str, Any]:
    return {**free, **typed}


def _construct(cls: type[T]) -> Callable[[dict[str, Any]], T]:
    def construct(values: dict[str, Any]) -> T:
        return cls(**values)

    return construct


class _Builder:
    """Builds the strategy of a model class by walking its fields; ``path`` is a field path
    in the notation of :data:`~inspection_schema.model.KIND_REQUIREMENTS`."""

    def __init__(
        self,
        options: _Options,
        *,
        required: frozenset[str] = frozenset(),
        fixed: Mapping[tuple[type, str], SearchStrategy[Any]] | None = None,
        placeholders: bool = True,
    ) -> None:
        self.options = options
        self.required = required
        self.fixed: Mapping[tuple[type, str], SearchStrategy[Any]] = fixed or {}
        self.placeholders = placeholders
        self.visited: set[str] = set()

    def model(self, cls: type, path: str) -> SearchStrategy[Any]:
        hints = _hints(cls)
        fields: dict[str, SearchStrategy[Any]] = {}
        for attribute in attrs.fields(cls):
            field_path = f"{path}.{attribute.name}" if path else attribute.name
            self.visited.add(field_path)
            fields[attribute.name] = self.field(cls, attribute, hints[attribute.name], field_path)
        built: SearchStrategy[Any] = st.fixed_dictionaries(fields).map(_construct(cls))
        fixup = _FIXUPS.get(cls)
        return built if fixup is None else _fixed_up(built, fixup, self.options)

    def field(
        self, owner: type, attribute: attrs.Attribute[Any], hint: Any, path: str
    ) -> SearchStrategy[Any]:
        role = info(attribute).role
        leaf = self.fixed.get((owner, attribute.name))
        if leaf is None and (factory := _VALUES.get((owner, attribute.name))) is not None:
            leaf = factory(self.options)
        if leaf is None and role == "id":
            leaf = ids()
        elif leaf is None and role == "ref":
            leaf = st.just(_PENDING) if self.placeholders else ids()
        if hint == Extensions:
            return self.slot(owner, path)
        required = attribute.default is attrs.NOTHING or path in self.required
        return self.typed(hint, path, required=required, leaf=leaf)

    def slot(self, owner: type, path: str) -> SearchStrategy[dict[str, Any]]:
        """The ``extensions`` slot of ``owner``: free JSON, and sometimes each typed extension
        that targets ``owner``."""
        free = self.typed(Extensions, path, required=False, leaf=None)
        typed = {
            extension.namespace: self.model(extension.root, f"{path}['{extension.namespace}']")
            for extension in self.options.typed_extensions
            if owner in extension.targets
        }
        if not typed:
            return free
        return st.builds(_merged, free, st.fixed_dictionaries({}, optional=typed))

    def typed(
        self, hint: Any, path: str, *, required: bool, leaf: SearchStrategy[Any] | None
    ) -> SearchStrategy[Any]:
        origin, args = get_origin(hint), get_args(hint)
        if origin is Union or origin is types.UnionType:
            members = [member for member in args if member is not type(None)]
            present = st.one_of(
                [self.typed(member, path, required=True, leaf=leaf) for member in members]
            )
            optional = len(members) < len(args) and not required
            return st.none() | present if optional else present
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
            item = self.typed(args[0], f"{path}[*]", required=True, leaf=leaf)
            some = st.lists(item, min_size=1, max_size=self.options.max_items).map(tuple)
            # an optional list is empty half the time, which keeps the tree small
            return some if required else st.just(()) | some
        if origin is frozenset and len(args) == 1:
            item = self.typed(args[0], f"{path}[*]", required=True, leaf=leaf)
            return st.frozensets(
                item, min_size=1 if required else 0, max_size=self.options.max_items
            )
        if hint == Extensions:
            if not self.options.extensions:
                return st.builds(dict)
            return extensions(values=json_values(text=self.options.text))
        if leaf is not None:
            return leaf
        if isinstance(hint, type):
            if issubclass(hint, CodeList):
                return st.sampled_from(list(hint))
            if _is_model_class(hint):
                return self.model(hint, path)
            scalar = _scalar(hint, self.options)
            if scalar is not None:
                return scalar
        raise TypeError(f"strategies: no strategy for {hint!r} (field {path})")


# -- the second pass: unique ids, resolving references ----------------------------------------


def _transform(obj: Any, path: str, visit: Callable[[Any, str], Any]) -> Any:
    """Rebuild a model tree, ``visit`` seeing each object (pre-order) before its children."""
    obj = visit(obj, path)
    changes: dict[str, Any] = {}
    for attribute in attrs.fields(type(obj)):
        value = getattr(obj, attribute.name)
        field_path = f"{path}.{attribute.name}" if path else attribute.name
        new = _transform_value(value, field_path, visit)
        if new is not value:
            changes[attribute.name] = new
    return attrs.evolve(obj, **changes) if changes else obj


def _transform_value(value: Any, path: str, visit: Callable[[Any, str], Any]) -> Any:
    if _is_model_class(type(value)):
        return _transform(value, path, visit)
    if isinstance(value, tuple):
        items = [_transform_value(item, f"{path}[*]", visit) for item in value]
        changed = any(new is not old for new, old in zip(items, value, strict=True))
        return tuple(items) if changed else value
    return value


@functools.cache
def _indexes(count: int) -> SearchStrategy[int]:
    """Indexes into a sequence of ``count`` items (one strategy object per size, drawn often)."""
    return st.integers(min_value=0, max_value=count - 1)


class _Resolver:
    def __init__(
        self,
        draw: DrawFn,
        options: _Options,
        required: frozenset[str],
        external_references: SearchStrategy[ExternalReference],
    ) -> None:
        self.draw = draw
        self.options = options
        self.required = required
        self.external_references = external_references
        self.used: set[str] = set()
        self.local: dict[str, list[tuple[int, str]]] = {}
        self.external: dict[str, list[str]] = {}
        self.objects: dict[str, Any] = {}
        self.added: list[ExternalReference] = []
        self.document_id = ""

    def run(self, document: Document) -> Document:
        order = itertools.count()
        document = _transform(document, "", lambda obj, _: self.identify(obj, next(order)))
        order = itertools.count()
        document = _transform(document, "", lambda obj, path: self.refer(obj, path, next(order)))
        if self.added:
            document = attrs.evolve(document, external=(*document.external, *self.added))
        return document

    def fresh(self, base: str) -> str:
        candidate = base
        for number in itertools.count(2):
            if candidate not in self.used:
                break
            candidate = f"{base}.{number}"
        self.used.add(candidate)
        return candidate

    def identify(self, obj: Any, order: int) -> Any:
        """First pass: make ids unique and index them by class."""
        id_fields = [a.name for a in attrs.fields(type(obj)) if info(a).role == "id"]
        changes = {name: self.fresh(getattr(obj, name)) for name in id_fields}
        if changes:
            obj = attrs.evolve(obj, **changes)
        if order == 0:
            self.document_id = obj.id
        if isinstance(obj, ExternalReference):
            if obj.document == self.document_id:
                obj = attrs.evolve(obj, document=f"{obj.document}.other")
            self.external.setdefault(obj.type, []).append(obj.id)
        for ident in changes.values():
            self.local.setdefault(type(obj).__name__, []).append((order, ident))
            self.objects[ident] = obj
        return obj

    def refer(self, obj: Any, path: str, order: int) -> Any:
        """Second pass: draw every reference from the ids of its target classes."""
        own = type(obj).__name__
        changes: dict[str, Any] = {}
        for attribute in attrs.fields(type(obj)):
            targets = info(attribute).targets
            value = getattr(obj, attribute.name)
            if not targets or value is None:
                continue
            if isinstance(value, tuple):
                field_path = f"{path}.{attribute.name}" if path else attribute.name
                needed = attribute.default is attrs.NOTHING or field_path in self.required
                minimum = 1 if value and needed else 0
                changes[attribute.name] = self.pick_many(targets, len(value), minimum, own, order)
            else:
                changes[attribute.name] = self.pick(targets, own, order)
        if changes:
            obj = attrs.evolve(obj, **changes)
        if isinstance(obj, Category):
            obj = self.categorise(obj)
        return obj

    def candidates(self, targets: tuple[str, ...], own: str, order: int) -> list[str]:
        found = [
            ident
            for target in targets
            for position, ident in self.local.get(target, ())
            if target != own or position < order
        ]
        if found and not self.options.external_references:
            return found
        found.extend(ident for target in targets for ident in self.external.get(target, ()))
        return found

    def pick(
        self, targets: tuple[str, ...], own: str, order: int, exclude: Iterable[str] = ()
    ) -> str:
        excluded = set(exclude)
        pool = [c for c in self.candidates(targets, own, order) if c not in excluded]
        if not pool:
            return self.new_external(targets)
        if self.options.external_references and self.draw(_indexes(8)) == 7:
            return self.new_external(targets)
        return pool[self.draw(_indexes(len(pool)))]

    def pick_many(
        self, targets: tuple[str, ...], count: int, minimum: int, own: str, order: int
    ) -> tuple[str, ...]:
        chosen: list[str] = []
        for _ in range(count):
            exhausted = set(self.candidates(targets, own, order)) <= set(chosen)
            if exhausted and len(chosen) >= minimum:
                break
            chosen.append(self.pick(targets, own, order, exclude=chosen))
        return tuple(chosen)

    def new_external(self, targets: tuple[str, ...]) -> str:
        drawn = self.draw(self.external_references)
        document = drawn.document
        if document == self.document_id:
            document = f"{document}.other"
        reference = attrs.evolve(
            drawn,
            id=self.fresh(drawn.id),
            type=targets[self.draw(_indexes(len(targets)))],
            document=document,
        )
        self.added.append(reference)
        self.external.setdefault(reference.type, []).append(reference.id)
        return reference.id

    def categorise(self, category: Category) -> Category:
        """A category's code is one of its scheme's codes when the scheme is in the document."""
        scheme = self.objects.get(category.scheme)
        if isinstance(scheme, CodeScheme) and scheme.codes:
            code = scheme.codes[self.draw(_indexes(len(scheme.codes)))].code
            return attrs.evolve(category, code=code)
        return category


@st.composite
def _resolved(
    draw: DrawFn,
    skeleton: SearchStrategy[Document],
    options: _Options,
    required: frozenset[str],
    external_references: SearchStrategy[ExternalReference],
) -> Document:
    return _Resolver(draw, options, required, external_references).run(draw(skeleton))


@functools.lru_cache(maxsize=64)
def _documents_of_kind(kind: DocumentKind, options: _Options) -> SearchStrategy[Document]:
    required = frozenset(part.path for part in KIND_REQUIREMENTS.get(kind, ()))
    builder = _Builder(options, required=required, fixed={(Document, "kind"): st.just(kind)})
    skeleton = builder.model(Document, "")
    unknown = required - builder.visited
    if unknown:
        raise RuntimeError(f"strategies: KIND_REQUIREMENTS names unknown parts {sorted(unknown)}")
    external_references = _Builder(options, placeholders=False).model(ExternalReference, "")
    return _resolved(skeleton, options, required, external_references)


_TEXT: Final = texts(min_size=1)
"""Text fields' default strategy: one object, so that equal options share cached strategies."""


def _options(
    max_items: int,
    text: SearchStrategy[str] | None,
    extensions: bool,
    external_references: bool,
    typed_extensions: Iterable[SchemaExtension] = (),
) -> _Options:
    if max_items < 1:
        raise ValueError("max_items must be at least 1 (required parts need an item)")
    typed = tuple(typed_extensions)
    if not all(isinstance(extension, SchemaExtension) for extension in typed):
        raise TypeError("typed_extensions must be SchemaExtension instances")
    return _Options(
        max_items=max_items,
        text=_TEXT if text is None else text,
        extensions=extensions,
        external_references=external_references,
        typed_extensions=typed,
    )


# -- public entry points ----------------------------------------------------------------------


def documents(
    *,
    kinds: DocumentKind | Iterable[DocumentKind] | None = None,
    max_items: int = DEFAULT_MAX_ITEMS,
    text: SearchStrategy[str] | None = None,
    extensions: bool = True,
    external_references: bool = True,
    typed_extensions: Iterable[SchemaExtension] = (),
) -> SearchStrategy[Document]:
    """Valid documents of every kind (or of ``kinds``), with every optional part sometimes present.

    - ``max_items``: the longest list anywhere in the document (default
      :data:`DEFAULT_MAX_ITEMS`); raise it for bigger documents, which are slower to generate;
    - ``text``: the strategy for text fields (default :func:`texts` of at least one character);
    - ``extensions``: whether ``extensions`` fields carry data (:func:`extensions`);
    - ``external_references``: whether a reference may point to an
      :class:`~inspection_schema.model.ExternalReference` when the document holds a target of
      its own (one is always added when it holds none);
    - ``typed_extensions``: typed extensions whose values are sometimes drawn in the slots of
      their target classes (``registered_extensions()`` for every registered one; they must be
      registered when the documents are read or written).
    """
    options = _options(max_items, text, extensions, external_references, typed_extensions)
    if kinds is None:
        chosen = list(DocumentKind)
    elif isinstance(kinds, DocumentKind):
        chosen = [kinds]
    else:
        chosen = list(kinds)
        if not all(isinstance(kind, DocumentKind) for kind in chosen):
            raise TypeError("kinds must be DocumentKind members")
    if not chosen:
        raise ValueError("kinds is empty")
    return st.one_of([_documents_of_kind(kind, options) for kind in chosen])


def for_class(
    cls: type[T],
    *,
    max_items: int = DEFAULT_MAX_ITEMS,
    text: SearchStrategy[str] | None = None,
    extensions: bool = True,
    typed_extensions: Iterable[SchemaExtension] = (),
) -> SearchStrategy[T]:
    """Instances of any model class, of a typed extension's class, or members of a code list.

    ``for_class(Document)`` is :func:`documents`. Objects of other classes stand alone, so their
    ids are well-formed but their references point nowhere in particular: use them to test the
    handling of one part, and :func:`documents` when references must resolve.
    """
    if cls is Document:
        return cast(
            "SearchStrategy[T]",
            documents(
                max_items=max_items,
                text=text,
                extensions=extensions,
                typed_extensions=typed_extensions,
            ),
        )
    if isinstance(cls, type) and issubclass(cls, CodeList):
        return cast("SearchStrategy[T]", st.sampled_from(list(cls)))
    if not _is_model_class(cls):
        raise TypeError(f"{cls!r} is not a class of the inspection-schema model")
    options = _options(max_items, text, extensions, True, typed_extensions)
    model_class: type = cls
    return cast("SearchStrategy[T]", _standalone(model_class, options))


@functools.lru_cache(maxsize=256)
def _standalone(cls: type, options: _Options) -> SearchStrategy[Any]:
    return _Builder(options, placeholders=False).model(cls, "")
