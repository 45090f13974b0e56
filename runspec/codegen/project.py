"""openapi-python-client's ``Project``, rendering our templates with what they need to know.

The stock ``Project`` renders a fixed set of files; :class:`ClientProject` adds the modules the
stock layout lacks (``_deadline.py``, ``_http.py``, ``_retries.py``, ``streaming.py``) from
templates of the same name, and gives every template the facts of
:mod:`runspec.codegen.clientspec` and the property questions of :mod:`runspec.codegen.properties`.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openapi_python_client
from jinja2 import FileSystemBytecodeCache
from openapi_python_client import Project
from openapi_python_client.config import Config
from openapi_python_client.parser import GeneratorData, import_string_from_class
from openapi_python_client.parser.errors import GeneratorError
from openapi_python_client.parser.properties import LiteralEnumProperty, ModelProperty
from openapi_python_client.parser.properties.list_property import ListProperty
from openapi_python_client.parser.properties.union import UnionProperty
from openapi_python_client.strings import ClassName, PythonIdentifier, snake_case

from runspec.codegen import properties as props
from runspec.codegen.clientspec import ClientFacts, EventUnion
from runspec.codegen.errors import CodegenError

__all__ = ["ClientProject", "ClientSettings", "EventClasses", "build_project"]

# Modules the stock templates do not have, each rendered from "<name>.jinja".
EXTRA_MODULES = ("_deadline.py", "_http.py", "_retries.py", "streaming.py")
# This module and the templates use openapi-python-client's parsed objects and its Project, which
# are not a stable API: the version is pinned exactly (pyproject.toml), and checked here.
SUPPORTED_VERSION = "0.29.1"


@dataclass(frozen=True)
class ClientSettings:
    """Client behaviour chosen in the generator config (``client:`` section)."""

    api_key_env: str
    base_url_env: str
    timeout: float
    connect_timeout: float
    max_retries: int
    initial_retry_delay: float
    max_retry_delay: float
    max_retry_after: float

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> ClientSettings:
        known = set(cls.__dataclass_fields__)
        unknown = sorted(set(data) - known)
        missing = sorted(known - set(data))
        if unknown or missing:
            raise CodegenError(
                f"client settings: unknown {unknown or 'none'}, missing {missing or 'none'}"
            )
        return cls(**data)


@dataclass(frozen=True)
class ModelRef:
    module: str
    name: str


@dataclass(frozen=True)
class EnumRef:
    module: str
    name: str
    check: str
    values: str


@dataclass(frozen=True)
class UnionAlias:
    """A type alias for a tagged-union component: ``AssistantTool = AssistantToolsCode | ...``."""

    name: str
    module: str
    description: str
    tag: str
    members: tuple[ModelRef, ...]


@dataclass(frozen=True)
class Hook:
    """An ``on_...`` method of an event handler: called with the payload of one event."""

    event: str
    name: str
    payload: str


RUN_EVENT = "thread.run.created"
MESSAGE_DONE_EVENT = "thread.message.completed"
MESSAGE_DELTA_EVENT = "thread.message.delta"
TEXT_DELTA_PART = "MessageDeltaContentTextObject"


@dataclass(frozen=True)
class StreamHelpers:
    """The official SDK's stream helpers, for an event union that reports a run's progress.

    They exist when the union has the events the SDK's helpers read: ``thread.run.created`` (its
    payload is the run every ``thread.run.*`` event carries), ``thread.message.completed`` (the
    final messages) and ``thread.message.delta`` (the text pieces, in parts of the class
    :data:`TEXT_DELTA_PART`); names, not shapes, because the SDK's helpers are defined by them.
    """

    stream: str  # the stream class: the union's name without "Event", e.g. AssistantStream
    handler: str  # the event-handler base class, e.g. AssistantEventHandler
    run: str
    message: str
    delta: str
    hooks: tuple[Hook, ...]
    message_done: str = MESSAGE_DONE_EVENT
    text_part: str = TEXT_DELTA_PART


def _hook_names(event: str) -> list[str]:
    """``thread.run.step.delta`` -> ``on_run_step_delta``; ``thread.created`` ->
    ``on_thread_created``; a ``.completed`` event also calls the SDK's name, ``on_..._done``
    (``on_message_done``, ``on_run_step_done``)."""
    parts = event.split(".")
    if len(parts) > 2 and parts[0] == "thread":
        parts = parts[1:]
    names = ["on_" + snake_case("_".join(parts))]
    if parts[-1] == "completed":
        names.append("on_" + snake_case("_".join([*parts[:-1], "done"])))
    return names


@dataclass(frozen=True)
class EventClasses:
    """An event union with the generated class names of its envelopes and payloads."""

    union: EventUnion
    envelope: Mapping[str, ModelRef]  # event name -> envelope class
    payload: Mapping[str, ModelRef]  # event name -> payload class
    helpers: StreamHelpers | None = None

    @property
    def imports(self) -> list[ModelRef]:
        return sorted({*self.envelope.values(), *self.payload.values()}, key=lambda r: r.module)


def references(items: Iterable[Any], exclude: str = "") -> tuple[list[ModelRef], list[EnumRef]]:
    """The models and literal enums that code handling ``items`` (properties) refers to."""
    models: dict[str, ModelRef] = {}
    enums: dict[str, EnumRef] = {}
    for prop in _walk(items):
        if isinstance(prop, ModelProperty) and prop.class_info.name != exclude:
            models[prop.class_info.name] = ModelRef(
                str(prop.class_info.module_name), str(prop.class_info.name)
            )
        elif isinstance(prop, LiteralEnumProperty):
            snake = prop.get_class_name_snake_case()
            enums[prop.class_info.name] = EnumRef(
                str(prop.class_info.module_name),
                str(prop.class_info.name),
                f"check_{snake}",
                f"{snake.upper()}_VALUES",
            )
    return (
        sorted(models.values(), key=lambda r: r.module),
        sorted(enums.values(), key=lambda r: r.module),
    )


def _walk(items: Iterable[Any]) -> Iterator[Any]:
    for prop in items:
        yield prop
        if isinstance(prop, ListProperty):
            yield from _walk([prop.inner_property])
        elif isinstance(prop, UnionProperty):
            yield from _walk(prop.inner_properties)


def model_properties(model: ModelProperty) -> list[Any]:
    """Every property of a model, the additional-properties one included."""
    found: list[Any] = [*(model.required_properties or []), *(model.optional_properties or [])]
    if props.is_property(model.additional_properties):
        found.append(model.additional_properties)
    return found


def endpoint_properties(endpoint: Any) -> list[Any]:
    return [
        *endpoint.path_parameters,
        *endpoint.query_parameters,
        *endpoint.header_parameters,
        *endpoint.cookie_parameters,
        *(body.prop for body in endpoint.bodies),
        *(response.prop for response in endpoint.responses),
    ]


def success_responses(endpoint: Any) -> list[Any]:
    """The 2XX responses of an endpoint, which the client parses (errors raise instead)."""
    return [
        r for r in endpoint.responses if r.status_code.range and 200 <= r.status_code.range[0] < 300
    ]


class ClientProject(Project):
    """A ``Project`` that also renders :data:`EXTRA_MODULES` and knows the client facts."""

    def __init__(
        self,
        *,
        openapi: GeneratorData,
        config: Config,
        templates: Path,
        facts: ClientFacts,
        settings: ClientSettings,
        spec: Mapping[str, Any],
        cache: Path | None = None,
    ) -> None:
        super().__init__(openapi=openapi, config=config, custom_template_path=templates)
        if cache is not None:
            cache.mkdir(parents=True, exist_ok=True)
            self.env.bytecode_cache = FileSystemBytecodeCache(str(cache))
        events = [_event_classes(union, spec, openapi, config) for union in facts.event_unions]
        self.union_aliases = _union_aliases(facts, spec, openapi, config)
        by_endpoint = {_identifier(op, config): stream for op, stream in facts.streaming.items()}
        _check_argument_names(openapi)
        self.env.tests["admits_none"] = props.admits_none
        self.env.globals.update(
            operation_modules=_operation_modules(openapi, config),
            request_models=_request_models(openapi),
            operation_ids={_identifier(op, config): op for op in facts.operation_ids},
            streaming_by_endpoint=by_endpoint,
            raise_codegen_error=_raise,
            facts=facts,
            settings=settings,
            event_unions=events,
            events_by_union={e.union.schema: e for e in events},
            kind=props.kind,
            dumps_as_is=props.dumps_as_is,
            nullable_member=props.nullable_member,
            union_plan=props.union_plan,
            unions_of=props.unions_of,
            references=references,
            model_properties=model_properties,
            endpoint_properties=endpoint_properties,
            success_responses=success_responses,
        )

    def _build_models(self) -> None:
        """The stock models and enums, then a module per tagged-union alias, all exported."""
        super()._build_models()
        models_dir = self.package_dir / "models"
        template = self.env.get_template("union_alias.py.jinja")
        for alias in self.union_aliases:
            (models_dir / f"{alias.module}.py").write_text(
                template.render(alias=alias), encoding=self.config.file_encoding
            )
        classes = [
            *(m.class_info for m in self.openapi.models),
            *(e.class_info for e in self.openapi.enums),
        ]
        imports = [import_string_from_class(c) for c in classes]
        imports += [f"from .{a.module} import {a.name}" for a in self.union_aliases]
        names = [str(c.name) for c in classes] + [a.name for a in self.union_aliases]
        (models_dir / "__init__.py").write_text(
            self.env.get_template("models_init.py.jinja").render(imports=imports, alls=names),
            encoding=self.config.file_encoding,
        )

    def _build_api(self) -> None:
        super()._build_api()
        for name in EXTRA_MODULES:
            template = self.env.get_template(f"{name}.jinja")
            (self.package_dir / name).write_text(
                template.render(), encoding=self.config.file_encoding
            )

    def build_quietly(self) -> list[GeneratorError]:
        """:meth:`build`, without its progress line on stdout."""
        with contextlib.redirect_stdout(io.StringIO()):
            return list(self.build())


def _event_classes(
    union: EventUnion, spec: Mapping[str, Any], data: GeneratorData, config: Config
) -> EventClasses:
    """The classes openapi-python-client made for the envelopes and payloads of ``union``."""
    by_class = {str(m.class_info.name): m for m in data.models}
    schemas = spec["components"]["schemas"]

    def ref(schema: str) -> ModelRef:
        # A component's class is named after its title if it has one, else after the component.
        name = str(ClassName(schemas[schema].get("title") or schema, config.field_prefix))
        model = by_class.get(name)
        if model is None:
            raise CodegenError(f"{schema}: no model was generated for it")
        return ModelRef(str(model.class_info.module_name), name)

    envelope = {m.event: ref(m.schema) for m in union.members}
    payload = {m.event: ref(m.payload) for m in union.members if m.payload is not None}
    helpers = None
    needed = (RUN_EVENT, MESSAGE_DONE_EVENT, MESSAGE_DELTA_EVENT)
    if all(event in payload for event in needed) and TEXT_DELTA_PART in by_class:
        base = union.schema.removesuffix("Event")
        hooks = tuple(
            Hook(m.event, name, payload[m.event].name)
            for m in union.data_events
            for name in _hook_names(m.event)
        )
        helpers = StreamHelpers(
            stream=base if base.endswith("Stream") else f"{base}Stream",
            handler=f"{base.removesuffix('Stream')}EventHandler",
            run=payload[RUN_EVENT].name,
            message=payload[MESSAGE_DONE_EVENT].name,
            delta=payload[MESSAGE_DELTA_EVENT].name,
            hooks=hooks,
        )
    return EventClasses(union, envelope, payload, helpers)


def _union_aliases(
    facts: ClientFacts, spec: Mapping[str, Any], data: GeneratorData, config: Config
) -> list[UnionAlias]:
    by_class = {str(m.class_info.name): m for m in data.models}
    taken = set(by_class) | {str(e.class_info.name) for e in data.enums}
    schemas = spec["components"]["schemas"]
    aliases = []
    for union in facts.tagged_unions:
        name = str(
            ClassName(schemas[union.schema].get("title") or union.schema, config.field_prefix)
        )
        if name in taken:
            raise CodegenError(f"{union.schema}: its alias {name} would clash with a model")
        members = []
        for member in union.members:
            title = schemas[member].get("title") or member
            model = by_class[str(ClassName(title, config.field_prefix))]
            members.append(ModelRef(str(model.class_info.module_name), str(model.class_info.name)))
        aliases.append(
            UnionAlias(name, snake_case(name), union.description, union.tag, tuple(members))
        )
    return aliases


@dataclass(frozen=True)
class OperationModule:
    """``api/<tag>/<name>.py``: the module of one operation."""

    tag: str
    name: str


def _operation_modules(data: GeneratorData, config: Config) -> list[OperationModule]:
    """Every operation's module, as the stock ``_build_api`` names them; re-exported by the
    package, so a program imports client, operations and request models in one line."""
    found = {
        OperationModule(_identifier(str(tag), config), _identifier(str(endpoint.name), config))
        for tag, collection in data.endpoint_collections_by_tag.items()
        for endpoint in collection.endpoints
    }
    names = [m.name for m in found]
    if len(set(names)) != len(names):
        raise CodegenError("two operations have the same name in different tags")
    return sorted(found, key=lambda m: m.name)


def _request_models(data: GeneratorData) -> list[ModelRef]:
    """The models of the operations' request bodies, re-exported by the package."""
    found = {
        ModelRef(str(body.prop.class_info.module_name), str(body.prop.class_info.name))
        for collection in data.endpoint_collections_by_tag.values()
        for endpoint in collection.endpoints
        for body in endpoint.bodies
        if isinstance(body.prop, ModelProperty)
    }
    return sorted(found, key=lambda r: r.name)


def _identifier(name: str, config: Config) -> str:
    return str(PythonIdentifier(name, config.field_prefix))


def _raise(message: str) -> None:
    raise CodegenError(message)


# Arguments every generated function has, besides the operation's parameters.
RESERVED_ARGUMENTS = frozenset(
    {
        "client",
        "body",
        "max_retries",
        "timeout",
        "extra_headers",
        "extra_query",
        "extra_body",
        "idempotency_key",
        "event_handler",
    }
)


def _check_argument_names(data: GeneratorData) -> None:
    for collection in data.endpoint_collections_by_tag.values():
        for endpoint in collection.endpoints:
            parameters = [
                *endpoint.path_parameters,
                *endpoint.query_parameters,
                *endpoint.header_parameters,
                *endpoint.cookie_parameters,
            ]
            for parameter in parameters:
                if str(parameter.python_name) in RESERVED_ARGUMENTS:
                    raise CodegenError(
                        f"{endpoint.name}: parameter {parameter.python_name} clashes with an "
                        "argument of every generated function; rename it in the overlay"
                    )


def build_project(
    spec: Mapping[str, Any],
    *,
    config: Config,
    templates: Path,
    facts: ClientFacts,
    settings: ClientSettings,
    cache: Path | None = None,
) -> ClientProject:
    """Parse ``spec`` (the client view) and prepare the project; nothing is written yet.

    ``cache``: a directory for compiled templates (Jinja's bytecode cache), kept between runs."""
    if openapi_python_client.__version__ != SUPPORTED_VERSION:
        raise CodegenError(
            f"openapi-python-client {openapi_python_client.__version__} is installed; the "
            f"templates are written for {SUPPORTED_VERSION} (run `make setup`)"
        )
    data = GeneratorData.from_dict(dict(spec), config=config)
    if isinstance(data, GeneratorError):
        raise CodegenError(_describe(data))
    props.refine(data, discriminator_names=facts.discriminator_names)
    return ClientProject(
        openapi=data,
        config=config,
        templates=templates,
        facts=facts,
        settings=settings,
        spec=spec,
        cache=cache,
    )


def _describe(error: GeneratorError) -> str:
    parts = [str(error.header or "openapi-python-client failed")]
    if error.detail:
        parts.append(str(error.detail))
    return ": ".join(parts)
