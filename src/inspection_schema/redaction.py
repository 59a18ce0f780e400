"""Redaction (删减): the version of a document for an audience (知悉范围).

"双公开": rectification progress is circulated inside the Party and published to the public. The
version each audience receives must not carry what is above it. The model says what that is:

- every field may carry a disclosure level (``meta(..., disclosure=...)``): the lowest
  classification at which its content may be shown; a field without one inherits the level of
  the object holding it, and the document itself is the widest (public). Identity numbers
  (公民身份号码), clue content (线索内容) and internal remarks (备注) are marked ``internal``;
- each person has the range their name may be shown in (``Person.disclosure``).

:func:`redact` removes, generically from that metadata, everything above the audience, so a
field added to the model later with ``disclosure=...`` is redacted without a change here. The
result is classified for the audience, is coherent (:func:`~inspection_schema.integrity.
check_integrity`) and passes the disclosure rules R701 and R702.

What is removed, and how (the choices a frozen model forces):

- an optional field is reset to its default (``None``, an empty list, ``False``);
- a required text field is replaced by :attr:`RedactionPolicy.withheld` ("(不予公开)");
- an object that cannot be represented without the removed value (a required field of another
  type) is dropped from its list, and then every reference to it is dropped too (an optional
  reference becomes empty, a list loses the id, an object whose required reference pointed at
  it is dropped in turn), so no reference is left dangling;
- a person whose name may not be shown is reduced to their role: the person keeps their id
  (every reference to them still resolves), and the name becomes their posts as the record
  words them ("市妇联党组书记、市妇联主席"), or :attr:`RedactionPolicy.placeholder` ("某同志")
  when they have none or the policy says so; their ``disclosure`` becomes the audience's, since
  what the name field now holds may be shown to it;
- a clue transfer (问题线索移交) whose content the audience may not see is dropped; with
  :attr:`RedactionPolicy.clue_transfers` ``"counts"`` it is kept as counts only ("X件Y人":
  recipients, date, cases, persons, the published wording) and loses its disposition as well.

Redaction cannot know that free text (a problem's wording, a progress note, a speech's summary,
an extension's free JSON) names a person or a case: it removes what the model marks and nothing
else. docs/disclosure.md says so at length.
"""

from __future__ import annotations

import datetime
import enum
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Final, Literal, cast, get_args, get_origin

import attrs

from .errors import InspectionSchemaError
from .model import (
    Classification,
    ClueTransfer,
    Document,
    Feedback,
    Person,
    info,
)
from .model._fields import META_KEY
from .standards import identity_number_check_character, mask_identity_number

__all__ = [
    "DEFAULT_POLICY",
    "RedactionError",
    "RedactionPolicy",
    "field_level",
    "redact",
]

PersonReduction = Literal["post", "placeholder"]
ClueTreatment = Literal["counts", "remove"]
ExtensionTreatment = Literal["keep", "remove"]

_LEVELS: Final = {level.value: level for level in Classification}


class RedactionError(InspectionSchemaError):
    """A document cannot be redacted for the audience asked for (the message says why)."""


def _non_empty(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not value.strip():
        raise ValueError(f"{attribute.name} must not be empty")


@attrs.frozen(kw_only=True)
class RedactionPolicy:
    """删减规则: the choices redaction makes where the model leaves a choice.

    The defaults are the national practice as the library understands it; a region that words
    things differently passes its own policy (or, once conventions carry one, its convention's).
    """

    persons: PersonReduction = attrs.field(
        default="post", validator=attrs.validators.in_(get_args(PersonReduction))
    )
    """How a person whose name may not be shown is reduced: ``"post"`` to their posts (or the
    record's wording of them, or the placeholder when they have neither), ``"placeholder"``
    always to the placeholder."""
    placeholder: str = attrs.field(default="某同志", validator=_non_empty)
    """What stands for a name when the person is not reduced to a post."""
    withheld: str = attrs.field(default="(不予公开)", validator=_non_empty)
    """What a required text field above the audience holds instead of its content."""
    clue_transfers: ClueTreatment = attrs.field(
        default="remove", validator=attrs.validators.in_(get_args(ClueTreatment))
    )
    """Clue transfers whose content the audience may not see: ``"remove"`` (the default) drops
    them; ``"counts"`` keeps them as counts (to whom, "X件Y人", the published wording) without
    the content or the disposition, for an office whose notice publishes the counts."""
    scrub_text: bool = True
    """Also search the free text that stays: identity numbers (GB 11643 shape, check and birth
    date) are masked (``110105********002X``) in versions for an audience that may not see
    them, and removed values and reduced persons' names are replaced where the text repeats them
    verbatim (removed values of at least :data:`MIN_SCRUBBED_LENGTH` characters, names of at
    least :data:`MIN_SCRUBBED_NAME_LENGTH`). The name of a person the audience may see is left
    whole where it holds a reduced name (王明华 beside 王明); a name the document does not know
    as a person's cannot be told apart."""
    extensions: ExtensionTreatment = attrs.field(
        default="keep", validator=attrs.validators.in_(get_args(ExtensionTreatment))
    )
    """Free plugin data in ``extensions`` slots, which the model cannot mark: ``"keep"`` it
    (typed extension values are still redacted by their own field metadata) or ``"remove"``
    every extension from versions for an audience below internal circulation."""


DEFAULT_POLICY: Final = RedactionPolicy()


def field_level(attribute: attrs.Attribute[Any], inherited: Classification) -> Classification:
    """The disclosure level of a field: its own, else the one its object inherits."""
    marked = info(attribute).disclosure
    return inherited if marked is None else _LEVELS[str(marked)]


class _Drop(enum.Enum):
    """Returned for an object that cannot stand without what was removed."""

    DROP = "drop"


_DROP: Final = _Drop.DROP


_FIELDS: dict[type, tuple[attrs.Attribute[Any], ...]] = {}


def _fields(cls: type) -> tuple[attrs.Attribute[Any], ...]:
    """The fields of an attrs class, their annotations resolved to types."""
    found = _FIELDS.get(cls)
    if found is None:
        found = _FIELDS[cls] = tuple(attrs.fields(attrs.resolve_types(cls)))
    return found


def _is_model(value: object) -> bool:
    return attrs.has(type(value))


_FACTORY: Final[Any] = type(attrs.Factory(dict))


def _default_of(attribute: attrs.Attribute[Any]) -> tuple[bool, Any]:
    default: Any = attribute.default
    if default is attrs.NOTHING:
        return False, None
    if isinstance(default, _FACTORY):
        factory: Callable[[], Any] = default.factory
        return True, factory()
    return True, default


def _is_empty(value: object) -> bool:
    if value is None or value is False:
        return True
    return isinstance(value, tuple | frozenset | dict | str) and not value


def _is_text(attribute: attrs.Attribute[Any]) -> bool:
    return attribute.type is str


def _is_collection(attribute: attrs.Attribute[Any]) -> bool:
    return get_origin(attribute.type) in (tuple, frozenset)


class _Redactor:
    def __init__(self, audience: Classification, policy: RedactionPolicy) -> None:
        self.audience = audience
        self.policy = policy
        self.withheld_texts: set[str] = set()
        self.names: dict[str, str] = {}
        self.kept_names: set[str] = set()
        """Names of persons the audience may see: where one holds a reduced name (王明华 and
        王明), free text keeps it whole."""
        self.drop_extensions = (
            policy.extensions == "remove" and audience.rank < Classification.INTERNAL.rank
        )

    def above(self, level: Classification) -> bool:
        return level.rank > self.audience.rank

    def remember(self, value: object) -> None:
        """Note removed text, to find it again where free text repeats it verbatim."""
        if type(value) is str and len(value.strip()) >= MIN_SCRUBBED_LENGTH:
            self.withheld_texts.add(value)
        elif isinstance(value, tuple):
            for item in value:
                self.remember(item)
        elif _is_model(value):
            for attribute in _fields(type(value)):
                if info(attribute).role == "value":
                    self.remember(getattr(value, attribute.name))

    # -- the generic walk ---------------------------------------------------------------------

    def model(self, obj: Any, level: Classification) -> Any:
        """``obj`` without what is above the audience, or ``_DROP``."""
        changes: dict[str, Any] = {}
        for attribute in _fields(type(obj)):
            name = attribute.name
            value = getattr(obj, name)
            own = field_level(attribute, level)
            if self.above(own):
                if _is_empty(value):
                    continue
                self.remember(value)
                has_default, default = _default_of(attribute)
                if has_default:
                    changes[name] = default
                elif _is_text(attribute):
                    changes[name] = self.policy.withheld
                elif _is_collection(attribute):
                    changes[name] = type(value)()
                else:
                    return _DROP
                continue
            new = self.value(value, own, attribute)
            if new is _DROP:
                return _DROP
            if new is not value:
                changes[name] = new
        result = attrs.evolve(obj, **changes) if changes else obj
        return self.special(result)

    def value(self, value: Any, level: Classification, attribute: attrs.Attribute[Any]) -> Any:
        if _is_model(value):
            new = self.model(value, level)
            if new is _DROP and attribute.default is not attrs.NOTHING:
                return _default_of(attribute)[1]
            return new
        if isinstance(value, tuple) and any(_is_model(item) for item in value):
            items = [self.model(item, level) if _is_model(item) else item for item in value]
            kept = tuple(item for item in items if item is not _DROP)
            if len(kept) == len(value) and all(a is b for a, b in zip(kept, value, strict=True)):
                return value
            return kept
        if name_is_extensions(attribute) and isinstance(value, Mapping):
            return self.extensions(value, level)
        return value

    def extensions(self, slot: Mapping[str, Any], level: Classification) -> Any:
        if not slot:
            return slot
        if self.drop_extensions:
            return {}
        changed = False
        out: dict[str, Any] = {}
        for key, item in slot.items():
            if _is_model(item):
                new = self.model(item, level)
                if new is _DROP:
                    changed = True
                    continue
                changed = changed or new is not item
                out[key] = new
            else:
                out[key] = item
        return out if changed else slot

    # -- what the model leaves to policy --------------------------------------------------------

    def special(self, obj: Any) -> Any:
        if isinstance(obj, Person):
            return self.person(obj)
        if isinstance(obj, Feedback):
            return self.feedback(obj)
        return obj

    def person(self, person: Person) -> Person:
        if not self.above(person.disclosure):
            self.kept_names.add(person.name)
            return person
        role = self.role(person)
        if len(person.name.strip()) >= MIN_SCRUBBED_NAME_LENGTH and person.name != role:
            self.names[person.name] = role
        return attrs.evolve(person, name=role, disclosure=self.audience)

    def role(self, person: Person) -> str:
        if self.policy.persons == "post":
            titles = [post.title for post in person.posts if post.title.strip()]
            role = "、".join(dict.fromkeys(titles)) if titles else (person.wording or "").strip()
            # a role that repeats the name ("王某某同志") would not hide it
            if role and (not person.name.strip() or person.name not in role):
                return role
        return self.policy.placeholder

    def feedback(self, feedback: Feedback) -> Feedback:
        if not feedback.clue_transfers or not self.above(_CLUE_CONTENT_LEVEL):
            return feedback
        if self.policy.clue_transfers == "remove":
            return attrs.evolve(feedback, clue_transfers=())
        counts = tuple(
            attrs.evolve(transfer, disposition=None) if transfer.disposition else transfer
            for transfer in feedback.clue_transfers
        )
        return attrs.evolve(feedback, clue_transfers=counts)

    # -- free text that repeats what was removed -------------------------------------------------

    def scrubber(self) -> Callable[[str], str] | None:
        """A function masking identity numbers and removed values in free text, if needed."""
        if not self.policy.scrub_text:
            return None
        replacements: dict[str, str] = dict.fromkeys(self.withheld_texts, self.policy.withheld)
        replacements.update(self.names)
        # a kept name that holds a reduced one replaces itself: the longest match comes first
        replacements.update(
            (kept, kept)
            for kept in self.kept_names
            if kept not in replacements and any(name in kept for name in self.names)
        )
        mask_numbers = self.above(_IDENTITY_LEVEL)
        if not replacements and not mask_numbers:
            return None
        pattern = (
            re.compile("|".join(re.escape(k) for k in sorted(replacements, key=len, reverse=True)))
            if replacements
            else None
        )

        def scrub(text: str) -> str:
            if mask_numbers:
                text = IDENTITY_NUMBER_IN_TEXT.sub(_mask_if_identity_number, text)
            if pattern is not None:
                text = pattern.sub(lambda match: replacements[match.group(0)], text)
            return text

        return scrub


def name_is_extensions(attribute: attrs.Attribute[Any]) -> bool:
    return attribute.name == "extensions"


_CLUE_CONTENT_LEVEL: Final = field_level(attrs.fields(ClueTransfer).content, Classification.PUBLIC)
_IDENTITY_LEVEL: Final = field_level(attrs.fields(Person).identity_number, Classification.PUBLIC)

MIN_SCRUBBED_LENGTH: Final = 6
"""Removed text shorter than this is not searched for in free text (it would match by chance)."""
MIN_SCRUBBED_NAME_LENGTH: Final = 2
"""A reduced person's name of at least this length is replaced where free text repeats it."""

IDENTITY_NUMBER_IN_TEXT: Final = re.compile(r"(?<![0-9A-Za-z])[0-9]{17}[0-9Xx](?![0-9A-Za-z])")
"""An 18-character GB 11643 shape in free text; masked when its check and birth date hold."""


def _mask_if_identity_number(match: re.Match[str]) -> str:
    number = match.group(0).upper()
    if identity_number_check_character(number[:17]) != number[17]:
        return match.group(0)
    try:
        datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return match.group(0)
    return mask_identity_number(number)


# -- free text ----------------------------------------------------------------------------------


def _scrub(obj: Any, scrub: Callable[[str], str]) -> Any:
    """``obj`` with ``scrub`` applied to every free text (not ids, references or codes)."""
    changes: dict[str, Any] = {}
    for attribute in _fields(type(obj)):
        value = getattr(obj, attribute.name)
        facts = info(attribute) if META_KEY in attribute.metadata else None
        if type(value) is str:
            if facts is not None and (facts.role != "value" or facts.xml_attribute):
                continue
            new: Any = scrub(value)
        elif _is_model(value):
            new = _scrub(value, scrub)
        elif isinstance(value, tuple):
            items = tuple(
                _scrub(item, scrub)
                if _is_model(item)
                else scrub(item)
                if type(item) is str and (facts is None or facts.role == "value")
                else item
                for item in value
            )
            new = value if items == value else items
        elif isinstance(value, Mapping) and name_is_extensions(attribute):
            new = _scrub_json(value, scrub)
        else:
            continue
        if new != value:
            changes[attribute.name] = new
    return attrs.evolve(obj, **changes) if changes else obj


def _scrub_json(value: Any, scrub: Callable[[str], str]) -> Any:
    if type(value) is str:
        return scrub(value)
    if _is_model(value):
        return _scrub(value, scrub)
    if isinstance(value, Mapping):
        return {key: _scrub_json(item, scrub) for key, item in value.items()}
    if isinstance(value, list):
        return [_scrub_json(item, scrub) for item in value]
    if isinstance(value, tuple):
        return tuple(_scrub_json(item, scrub) for item in value)
    return value


# -- references to what was dropped ---------------------------------------------------------------


def _objects(obj: Any) -> Iterator[Any]:
    stack = [obj]
    while stack:
        current = stack.pop()
        yield current
        for attribute in _fields(type(current)):
            if name_is_extensions(attribute):
                continue
            value = getattr(current, attribute.name)
            if _is_model(value):
                stack.append(value)
            elif isinstance(value, tuple):
                stack.extend(item for item in value if _is_model(item))


def _ids(document: Document) -> set[str]:
    found: set[str] = set()
    for obj in _objects(document):
        for attribute in _fields(type(obj)):
            if info(attribute).role == "id":
                found.add(getattr(obj, attribute.name))
    return found


def _unlink(obj: Any, gone: set[str]) -> Any:
    """``obj`` without references to ``gone``, or ``_DROP`` when a required one pointed there."""
    changes: dict[str, Any] = {}
    for attribute in _fields(type(obj)):
        if name_is_extensions(attribute):
            continue
        name = attribute.name
        value = getattr(obj, name)
        if info(attribute).role == "ref":
            if isinstance(value, tuple):
                kept = tuple(item for item in value if item not in gone)
                if len(kept) != len(value):
                    changes[name] = kept
            elif value is not None and value in gone:
                has_default, default = _default_of(attribute)
                if not has_default:
                    return _DROP
                changes[name] = default
        elif _is_model(value):
            new = _unlink(value, gone)
            if new is _DROP:
                has_default, default = _default_of(attribute)
                if not has_default:
                    return _DROP
                changes[name] = default
            elif new is not value:
                changes[name] = new
        elif isinstance(value, tuple) and any(_is_model(item) for item in value):
            items = [_unlink(item, gone) if _is_model(item) else item for item in value]
            kept_items = tuple(item for item in items if item is not _DROP)
            if len(kept_items) != len(value) or any(
                a is not b for a, b in zip(kept_items, value, strict=False)
            ):
                changes[name] = kept_items
    return attrs.evolve(obj, **changes) if changes else obj


def _without_dangling(document: Document, before: set[str]) -> Document:
    """Drop references to objects redaction removed, until nothing more goes."""
    while True:
        gone = before - _ids(document)
        if not gone:
            return document
        unlinked = _unlink(document, gone)
        if unlinked is _DROP:
            raise RedactionError(
                "redaction removed an object the document itself requires "
                "/ 删减后文档缺少必需的对象"
            )
        new = cast(Document, unlinked)
        if new is document:
            return document
        before = _ids(document)
        document = new


# -- the front door ---------------------------------------------------------------------------


def redact(
    document: Document,
    audience: Classification | str,
    *,
    policy: RedactionPolicy = DEFAULT_POLICY,
) -> Document:
    """The version of ``document`` for ``audience`` (a :class:`Classification` or its code).

    Everything above the audience is removed as the module describes; everything the audience
    may see stays. The result's ``classification`` is the audience. Raises
    :class:`RedactionError` for an unknown audience, or when the document cannot be made
    coherent for it (a part the document itself requires is above the audience).
    """
    level = _audience(audience)
    redactor = _Redactor(level, policy)
    before = _ids(document)
    result = redactor.model(document, Classification.PUBLIC)
    if result is _DROP or not isinstance(result, Document):
        raise RedactionError(
            f"the document cannot be redacted for {level.value} readers: a part it requires "
            f"is above them / 文档的必需部分超出“{level.term}”范围,无法删减"
        )
    result = _without_dangling(result, before)
    scrub = redactor.scrubber()
    if scrub is not None:
        result = cast(Document, _scrub(result, scrub))
    return attrs.evolve(result, classification=level)


def _audience(audience: Classification | str) -> Classification:
    if isinstance(audience, Classification):
        return audience
    found = _LEVELS.get(audience)
    if found is None:
        known = ", ".join(_LEVELS)
        raise RedactionError(
            f"unknown audience {audience!r} (known: {known}) / 未知的知悉范围“{audience}”"
        )
    return found
