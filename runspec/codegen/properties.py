"""Two property kinds openapi-python-client lacks, and what the templates ask about properties.

openapi-python-client parses the spec into property objects (``StringProperty``, ``ModelProperty``,
``UnionProperty``, ...) and hands them to the templates. Two shapes of this spec come out poorly:

- A ``oneOf`` whose members carry a ``const`` tag (``type``, ``event``) becomes a plain union that
  the stock templates parse by trying each member in turn. :class:`TaggedUnionProperty` knows the
  tag, so the templates emit one dictionary lookup; its type also admits ``dict[str, Any]``, the
  raw object kept when a server sends a tag this client does not know.
- An object with no properties, only ``additionalProperties`` (``Metadata``, a function's JSON
  Schema ``parameters``) becomes a model class wrapping a dict. :class:`MapProperty` makes it the
  ``dict[str, str]`` or ``dict[str, Any]`` a caller expects to pass.

:func:`refine` swaps these in, in place, after parsing and before rendering. The rest of the module
answers the templates' questions (:func:`kind`, :func:`union_plan`, ...) as data, never as code.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar

from attrs import define, evolve, fields
from attrs import field as attrs_field
from openapi_python_client import schema as oai
from openapi_python_client.parser import GeneratorData
from openapi_python_client.parser.properties import (
    AnyProperty,
    LiteralEnumProperty,
    ModelProperty,
)
from openapi_python_client.parser.properties.boolean import BooleanProperty
from openapi_python_client.parser.properties.const import ConstProperty
from openapi_python_client.parser.properties.float import FloatProperty
from openapi_python_client.parser.properties.int import IntProperty
from openapi_python_client.parser.properties.list_property import ListProperty
from openapi_python_client.parser.properties.none import NoneProperty
from openapi_python_client.parser.properties.string import StringProperty
from openapi_python_client.parser.properties.union import UnionProperty
from openapi_python_client.strings import PythonCode

from runspec.codegen.errors import CodegenError

__all__ = [
    "CodegenError",
    "MapProperty",
    "TaggedUnionProperty",
    "UnionPlan",
    "admits_none",
    "dumps_as_is",
    "kind",
    "nullable_member",
    "refine",
    "union_plan",
    "unions_of",
]

RAW_OBJECT_TYPE = "dict[str, Any]"


def _raw(value: Any) -> str:
    """The text of a name from the spec, for comparing and for messages (never for code: the
    templates quote such text with openapi-python-client's escaping filters)."""
    if isinstance(value, oai.UntrustedString):
        return value.get_untrusted_value()
    return str(value)


@define
class TaggedUnionProperty(UnionProperty):
    """A union whose object members are told apart by the ``const`` value of one property."""

    tag: str = ""
    tag_values: dict[str, str] = attrs_field(factory=dict)  # tag value -> member class name

    def _get_inner_type_strings(self, json: bool) -> set[PythonCode]:
        types = super()._get_inner_type_strings(json)
        types.add(PythonCode(RAW_OBJECT_TYPE))
        return types


@define
class MapProperty(AnyProperty):
    """An object of free-form keys: ``dict[str, <value type>]``."""

    value_type: str = "Any"
    template: ClassVar[str] = "map_property.py.jinja"

    def get_base_type_string(self) -> PythonCode:
        return PythonCode(f"dict[str, {self.value_type}]")

    def get_base_json_type_string(self) -> PythonCode:
        return self.get_base_type_string()


_SCALAR_VALUE_TYPES = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}


def _map_value_type(model: ModelProperty) -> str | None:
    """``dict[str, X]``'s X when ``model`` is a bag of free-form keys, else None."""
    data = model.data
    if data.properties or data.allOf or data.anyOf or data.oneOf:
        return None
    extra = data.additionalProperties
    if extra is True or (isinstance(extra, oai.Schema) and extra.type is None and not extra.anyOf):
        return "Any"
    if isinstance(extra, oai.Schema) and isinstance(extra.type, oai.DataType):
        return _SCALAR_VALUE_TYPES.get(extra.type.value)
    return None


def _as_map(model: ModelProperty, value_type: str) -> MapProperty:
    return MapProperty(
        name=model.name,
        required=model.required,
        default=None,
        python_name=model.python_name,
        description=model.description,
        example=model.example,
        value_type=value_type,
    )


def _tag_of(members: list[ModelProperty], preferred: Iterable[str]) -> tuple[str, dict[str, str]]:
    """The property whose ``const`` tells the members apart, and each member's value of it."""
    candidates: dict[str, dict[str, str]] = {}
    for position, member in enumerate(members):
        required = {_raw(name) for name in member.data.required or []}
        consts = {
            _raw(name): prop.const
            for name, prop in (member.data.properties or {}).items()
            if isinstance(prop, oai.Schema)
            and isinstance(prop.const, str)
            and _raw(name) in required
        }
        if position == 0:
            candidates = {
                name: {value: str(member.class_info.name)} for name, value in consts.items()
            }
            continue
        for name in list(candidates):
            value = consts.get(name)
            if value is None or value in candidates[name]:
                del candidates[name]
            else:
                candidates[name][value] = str(member.class_info.name)
    if not candidates:
        names = ", ".join(m.class_info.name for m in members)
        raise CodegenError(
            f"the union of {names} has no property that tells its members apart; give every "
            "member a required property with a distinct `const` (and list it in a discriminator)"
        )
    ordered = sorted(candidates, key=lambda name: (name not in preferred, name))
    return ordered[0], candidates[ordered[0]]


@dataclass
class _Refiner:
    tags: frozenset[str]
    maps: set[str] = field(default_factory=set)  # class names of the models maps replaced

    def prop(self, prop: Any) -> Any:
        if isinstance(prop, ModelProperty):
            value_type = _map_value_type(prop)
            if value_type is None:
                return prop
            self.maps.add(str(prop.class_info.name))
            return _as_map(prop, value_type)
        if isinstance(prop, ListProperty):
            return evolve(prop, inner_property=self.prop(prop.inner_property))
        if isinstance(prop, UnionProperty) and not isinstance(prop, TaggedUnionProperty):
            inner = [self.prop(p) for p in prop.inner_properties]
            models = [p for p in inner if isinstance(p, ModelProperty)]
            values = {f.name: getattr(prop, f.name) for f in fields(UnionProperty)}
            values["inner_properties"] = inner
            if len(models) < 2:
                return UnionProperty(**values)
            tag, tag_values = _tag_of(models, self.tags)
            return TaggedUnionProperty(**values, tag=tag, tag_values=tag_values)
        return prop

    def props(self, props: list[Any] | None) -> None:
        if props:
            props[:] = [self.prop(p) for p in props]

    def model_props(self, props: list[Any] | None) -> None:
        """Like :meth:`props`; a required ``const`` also gets its value as default, so callers
        write ``AssistantToolsCode()`` rather than repeat the tag."""
        self.props(props)
        for prop in props or []:
            if isinstance(prop, ConstProperty) and prop.default is None:
                prop.default = prop.value


def refine(data: GeneratorData, *, discriminator_names: Iterable[str]) -> None:
    """Swap in tagged unions and maps everywhere in ``data``, and drop the models maps replace."""
    refiner = _Refiner(frozenset(discriminator_names))
    for model in data.models:
        refiner.model_props(model.required_properties)
        refiner.model_props(model.optional_properties)
        if is_property(model.additional_properties):
            object.__setattr__(
                model, "additional_properties", refiner.prop(model.additional_properties)
            )
    for collection in data.endpoint_collections_by_tag.values():
        for endpoint in collection.endpoints:
            for body in endpoint.bodies:
                body.prop = refiner.prop(body.prop)
            for response in endpoint.responses:
                response.prop = refiner.prop(response.prop)
            for params in (
                endpoint.path_parameters,
                endpoint.query_parameters,
                endpoint.header_parameters,
                endpoint.cookie_parameters,
            ):
                refiner.props(params)
    data.models[:] = [m for m in data.models if str(m.class_info.name) not in refiner.maps]


# ---- Questions the templates ask -------------------------------------------------------------


def is_property(value: Any) -> bool:
    """Whether a model's ``additional_properties`` is a typed property (not True/None)."""
    return value is not None and not isinstance(value, bool)


def kind(prop: Any) -> str:
    """How a property is read from and written to JSON.

    ``plain`` (the JSON value is the Python value), ``const``, ``enum`` (a checked literal),
    ``model``, ``list``, ``nullable`` (``X | None`` with a non-plain X) or ``union``.
    """
    if isinstance(prop, ConstProperty):
        return "const"
    if isinstance(prop, LiteralEnumProperty):
        return "enum"
    if isinstance(prop, ModelProperty):
        return "model"
    if isinstance(prop, ListProperty):
        return "list" if kind(prop.inner_property) != "plain" else "plain"
    if isinstance(prop, UnionProperty):
        member = nullable_member(prop)
        if member is not None:
            return "plain" if kind(member) == "plain" else "nullable"
        return "union"
    if isinstance(
        prop,
        StringProperty | IntProperty | FloatProperty | BooleanProperty | NoneProperty | AnyProperty,
    ):
        return "plain"
    raise CodegenError(
        f"property {_raw(prop.name)}: {type(prop).__name__} is not supported by the templates"
    )


def admits_none(prop: Any) -> bool:
    """Whether ``None`` is a value of ``prop``'s type (a nullable union, null, or anything)."""
    if isinstance(prop, NoneProperty | AnyProperty) and not isinstance(prop, MapProperty):
        return True
    return isinstance(prop, UnionProperty) and any(
        isinstance(p, NoneProperty) for p in prop.inner_properties
    )


def dumps_as_is(prop: Any) -> bool:
    """Whether the Python value of ``prop`` already is its JSON value (no ``to_dict`` inside)."""
    k = kind(prop)
    if k in ("plain", "const", "enum"):
        return True
    if k == "list":
        return dumps_as_is(prop.inner_property)
    if k == "nullable":
        return dumps_as_is(nullable_member(prop))
    if k == "union":
        return not union_plan(prop).needs_dump
    return False


def nullable_member(prop: Any) -> Any:
    """``X`` when ``prop`` is the union ``X | None`` (and not a tagged union), else None."""
    if not isinstance(prop, UnionProperty) or isinstance(prop, TaggedUnionProperty):
        return None
    members = [p for p in prop.inner_properties if not isinstance(p, NoneProperty)]
    if len(members) == 1 and len(prop.inner_properties) == 2:
        return members[0]
    return None


_JSON_KINDS: dict[type[Any], str] = {
    StringProperty: "str",
    IntProperty: "int",
    FloatProperty: "float",
    BooleanProperty: "bool",
}


@dataclass
class UnionPlan:
    """How to tell a union's members apart by the JSON value at hand, cheapest check first."""

    nullable: bool = False
    scalars: list[tuple[str, Any]] = field(default_factory=list)  # (check, member)
    array: Any = None
    obj: Any = None  # a model, a map, or the tagged union itself
    tagged: list[tuple[str, Any]] = field(default_factory=list)  # (tag value, member)
    anything: bool = False

    @property
    def needs_dump(self) -> bool:
        return (
            bool(self.tagged)
            or isinstance(self.obj, ModelProperty)
            or (self.array is not None and not dumps_as_is(self.array))
        )


def union_plan(prop: UnionProperty) -> UnionPlan:
    plan = UnionPlan()
    objects: list[Any] = []
    for member in prop.inner_properties:
        if isinstance(member, NoneProperty):
            plan.nullable = True
        elif isinstance(member, ConstProperty):
            plan.scalars.append(("const", member))
        elif isinstance(member, LiteralEnumProperty):
            plan.scalars.append(("enum", member))
        elif type(member) in _JSON_KINDS:
            plan.scalars.append((_JSON_KINDS[type(member)], member))
        elif isinstance(member, ListProperty):
            if plan.array is not None:
                raise CodegenError(
                    f"union {_raw(prop.name)}: two array members cannot be told apart"
                )
            plan.array = member
        elif isinstance(member, ModelProperty | MapProperty):
            objects.append(member)
        elif isinstance(member, AnyProperty):
            plan.anything = True
        else:
            raise CodegenError(
                f"union {_raw(prop.name)}: unsupported member {type(member).__name__}"
            )
    if isinstance(prop, TaggedUnionProperty):
        by_class = {str(m.class_info.name): m for m in objects if isinstance(m, ModelProperty)}
        plan.tagged = [(value, by_class[name]) for value, name in prop.tag_values.items()]
        plan.obj = prop
    elif len(objects) > 1:
        raise CodegenError(f"union {_raw(prop.name)}: two object members need a discriminating tag")
    elif objects:
        plan.obj = objects[0]
    # Exact checks (const, enum) before type checks, and bool before int before float.
    order = {"const": 0, "enum": 1, "bool": 2, "int": 3, "str": 4, "float": 5}
    plan.scalars.sort(key=lambda item: order[item[0]])
    return plan


def unions_of(props: Iterable[Any]) -> list[UnionProperty]:
    """Every union among ``props`` (nested ones too) that gets module-level functions, which are
    named after its ``python_name``; two different unions may not share one."""
    found: dict[str, UnionProperty] = {}
    for prop in props:
        for union in _unions_in(prop):
            seen = found.setdefault(str(union.python_name), union)
            if seen is not union and seen.get_type_string() != union.get_type_string():
                raise CodegenError(f"two different unions are both named {union.python_name}")
    return list(found.values())


def _unions_in(prop: Any) -> Iterator[UnionProperty]:
    if isinstance(prop, ListProperty):
        yield from _unions_in(prop.inner_property)
    elif isinstance(prop, UnionProperty):
        member = nullable_member(prop)
        if member is not None:
            yield from _unions_in(member)
        elif kind(prop) == "union":
            yield prop
            for inner in prop.inner_properties:
                yield from _unions_in(inner)
