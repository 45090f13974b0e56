"""Compares two OpenAPI documents operation by operation: the entry point of the detector.

Operations are matched by method and path, with path parameters' names ignored
(``/threads/{thread_id}/runs`` is ``/threads/{id}/runs``). For each pair: the operationId, the
security requirements, the parameters (matched by location and name; path parameters by position),
the request body per media type, and the responses per status code and media type. Schemas are
compared by :class:`~runspec.diff.schemas.SchemaComparer`; ``text/event-stream`` responses event by
event (:mod:`runspec.diff.streams`). Components that no operation uses do not matter to clients
and are not compared.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from runspec.diff.lifecycle import lifecycle_changes, removal
from runspec.diff.model import Change
from runspec.diff.record import Recorder, Where
from runspec.diff.resolve import Resolver
from runspec.diff.schemas import SchemaComparer
from runspec.diff.security import compare_security, compare_security_components
from runspec.diff.streams import is_event_stream, stream_events

__all__ = ["diff_documents"]

_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_TEMPLATE = re.compile(r"\{[^}]*\}")
_IGNORED_HEADERS = frozenset({"accept", "content-type", "authorization"})
_JSON = "application/json"


def diff_documents(
    old: Mapping[str, Any], new: Mapping[str, Any], *, today: date | None = None
) -> list[Change]:
    """Every change from ``old`` to ``new``, in document order (breaking or not).

    ``today`` (default: the current date) decides whether a removed operation's ``x-sunset``
    date has passed."""
    return _DocumentDiff(old, new, today or date.today()).run()


@dataclass(frozen=True)
class _Operation:
    method: str
    path: str
    operation: Mapping[str, Any]
    path_parameters: list[Any]

    @property
    def label(self) -> str:
        return f"{self.method.upper()} {self.path}"

    @property
    def operation_id(self) -> str | None:
        value = self.operation.get("operationId")
        return value if isinstance(value, str) else None


class _DocumentDiff:
    def __init__(self, old: Mapping[str, Any], new: Mapping[str, Any], today: date) -> None:
        self.old = Resolver(old)
        self.new = Resolver(new)
        self.today = today
        self.recorder = Recorder()
        self.schemas = SchemaComparer(self.old, self.new, self.recorder)

    def run(self) -> list[Change]:
        before = _operations(self.old)
        after = _operations(self.new)
        for key, old_op in before.items():
            new_op = after.get(key)
            if new_op is None:
                at = Where(old_op.label, old_op.operation_id, "")
                rule, message = removal(old_op.operation, self.today)
                self.recorder.add(rule, at, message)
            else:
                self._operation(old_op, new_op)
        for key, new_op in after.items():
            if key not in before:
                at = Where(new_op.label, new_op.operation_id, "")
                self.recorder.add("operation-added", at, "operation added")
        self._webhooks()
        compare_security_components(self.old, self.new, self.recorder)
        return self.recorder.changes

    def _operation(self, old: _Operation, new: _Operation) -> None:
        at = Where(new.label, new.operation_id, "")
        if old.operation_id and new.operation_id and old.operation_id != new.operation_id:
            self.recorder.add(
                "operation-id-changed",
                at,
                f"operationId changed from `{old.operation_id}` to `{new.operation_id}`",
            )
        elif new.operation_id and not old.operation_id:
            self.recorder.add("operation-id-added", at, f"operationId `{new.operation_id}` added")
        elif old.operation_id and not new.operation_id:
            self.recorder.add(
                "operation-id-removed", at, f"operationId `{old.operation_id}` removed"
            )
        self._tags(old, new, at)
        for rule, message in lifecycle_changes(old.operation, new.operation):
            self.recorder.add(rule, at, message)
        compare_security(
            self.old, self.new, old.operation, new.operation, at.at("security"), self.recorder
        )
        self._parameters(old, new, at)
        self._request_body(old, new, at)
        self._responses(old, new, at)

    def _tags(self, old: _Operation, new: _Operation, at: Where) -> None:
        before, after = _tags(old.operation), _tags(new.operation)
        for tag in after:
            if tag not in before:
                self.recorder.add("operation-tag-added", at, f"tag `{tag}` added")
        for tag in before:
            if tag not in after:
                self.recorder.add("operation-tag-removed", at, f"tag `{tag}` removed")

    # ---- webhooks ------------------------------------------------------------------------------
    def _webhooks(self) -> None:
        """Webhooks are requests the API sends: their bodies are compared as responses."""
        before = _webhooks(self.old)
        after = _webhooks(self.new)
        for key, old_op in before.items():
            at = Where(f"webhook {key[0]} {key[1].upper()}", old_op.get("operationId"), "")
            new_op = after.get(key)
            if new_op is None:
                self.recorder.add("webhook-removed", at, "webhook removed")
                continue
            old_body, _ = self.old.follow(old_op.get("requestBody"))
            new_body, _ = self.new.follow(new_op.get("requestBody"))
            new_content = _content(new_body)
            for media_type, old_media in _content(old_body).items():
                if media_type in new_content:
                    self.schemas.compare(
                        _schema(old_media),
                        _schema(new_content[media_type]),
                        at.at(
                            _with_media_type("payload", media_type),
                            side="response",
                            prefix="response-property",
                        ),
                        body=True,
                    )
        for key, new_op in after.items():
            if key not in before:
                at = Where(f"webhook {key[0]} {key[1].upper()}", new_op.get("operationId"), "")
                self.recorder.add("webhook-added", at, "webhook added")

    # ---- parameters ----------------------------------------------------------------------------
    def _parameters(self, old: _Operation, new: _Operation, at: Where) -> None:
        before = _parameters(self.old, old)
        after = _parameters(self.new, new)
        for key, param in after.items():
            here = at.at(f"parameter {param.get('in')} {param.get('name')}")
            required = key[0] == "path" or param.get("required") is True
            previous = before.get(key)
            if previous is None:
                if required:
                    self.recorder.add("new-required-request-parameter", here, "added as required")
                else:
                    self.recorder.add("new-optional-request-parameter", here, "added (optional)")
                continue
            was_required = key[0] == "path" or previous.get("required") is True
            if param.get("deprecated") is True and previous.get("deprecated") is not True:
                self.recorder.add("request-parameter-deprecated", here, "deprecated")
            elif previous.get("deprecated") is True and param.get("deprecated") is not True:
                self.recorder.add("request-parameter-reactivated", here, "no longer deprecated")
            if required and not was_required:
                self.recorder.add("request-parameter-became-required", here, "became required")
            elif was_required and not required:
                self.recorder.add("request-parameter-became-optional", here, "became optional")
            self.schemas.compare(
                _parameter_schema(previous),
                _parameter_schema(param),
                here.at(here.where, side="request", prefix="request-parameter"),
            )
        for key, param in before.items():
            if key not in after:
                here = at.at(f"parameter {param.get('in')} {param.get('name')}")
                if param.get("deprecated") is True:
                    self.recorder.add("request-parameter-removed-with-deprecation", here, "removed")
                else:
                    self.recorder.add("request-parameter-removed", here, "removed")

    # ---- request body --------------------------------------------------------------------------
    def _request_body(self, old: _Operation, new: _Operation, at: Where) -> None:
        before, _ = self.old.follow(old.operation.get("requestBody"))
        after, _ = self.new.follow(new.operation.get("requestBody"))
        here = at.at("request body", side="request", prefix="request-property")
        if not isinstance(after, Mapping):
            if isinstance(before, Mapping):
                self.recorder.add("request-body-removed", here, "request body removed")
            return
        required = after.get("required") is True
        if not isinstance(before, Mapping):
            if required:
                self.recorder.add("request-body-became-required", here, "required body added")
            else:
                self.recorder.add("request-body-added", here, "optional body added")
            return
        was_required = before.get("required") is True
        if required and not was_required:
            self.recorder.add("request-body-became-required", here, "became required")
        elif was_required and not required:
            self.recorder.add("request-body-became-optional", here, "became optional")
        old_content = _content(before)
        new_content = _content(after)
        for media_type, old_media in old_content.items():
            if media_type not in new_content:
                self.recorder.add(
                    "request-body-media-type-removed", here, f"`{media_type}` no longer accepted"
                )
                continue
            self.schemas.compare(
                _schema(old_media),
                _schema(new_content[media_type]),
                here.at(_with_media_type("request body", media_type)),
                body=True,
            )
        for media_type in new_content:
            if media_type not in old_content:
                self.recorder.add("request-body-media-type-added", here, f"`{media_type}` accepted")

    # ---- responses -----------------------------------------------------------------------------
    def _responses(self, old: _Operation, new: _Operation, at: Where) -> None:
        before = _responses(old.operation)
        after = _responses(new.operation)
        for status, old_response in before.items():
            here = at.at(f"response {status}", side="response", prefix="response-property")
            if status not in after:
                rule = "response-success-status-removed" if _success(status) else None
                self.recorder.add(
                    rule or "response-non-success-status-removed",
                    here,
                    f"status {status} removed",
                )
                continue
            self._response(status, old_response, after[status], here)
        for status in after:
            if status not in before:
                here = at.at(f"response {status}", side="response", prefix="response-property")
                rule = "response-success-status-added" if _success(status) else None
                self.recorder.add(
                    rule or "response-non-success-status-added", here, f"status {status} added"
                )

    def _response(self, status: str, old: Any, new: Any, here: Where) -> None:
        before, _ = self.old.follow(old)
        after, _ = self.new.follow(new)
        old_content = _content(before)
        new_content = _content(after)
        for media_type, old_media in old_content.items():
            if media_type not in new_content:
                self.recorder.add(
                    "response-media-type-removed", here, f"`{media_type}` no longer sent"
                )
                continue
            where = here.at(_with_media_type(f"response {status}", media_type))
            old_schema, new_schema = _schema(old_media), _schema(new_content[media_type])
            if is_event_stream(media_type) and self._events(status, old_schema, new_schema, where):
                continue
            self.schemas.compare(old_schema, new_schema, where, body=True)
        for media_type in new_content:
            if media_type not in old_content:
                self.recorder.add("response-media-type-added", here, f"`{media_type}` added")
        self._headers(status, before, after, here)

    def _headers(self, status: str, old: Any, new: Any, here: Where) -> None:
        before = self._header_map(self.old, old)
        after = self._header_map(self.new, new)
        for key, (name, old_header) in before.items():
            where = here.at(f"response {status} header {name}")
            if key not in after:
                if old_header.get("required") is True:
                    self.recorder.add("required-response-header-removed", where, "no longer sent")
                else:
                    self.recorder.add("optional-response-header-removed", where, "no longer sent")
                continue
            new_header = after[key][1]
            was, now = old_header.get("required") is True, new_header.get("required") is True
            if was and not now:
                self.recorder.add("response-header-became-optional", where, "became optional")
            elif now and not was:
                self.recorder.add("response-header-became-required", where, "became required")
            self.schemas.compare(
                _parameter_schema(old_header), _parameter_schema(new_header), where
            )
        for key, (name, _) in after.items():
            if key not in before:
                where = here.at(f"response {status} header {name}")
                self.recorder.add("response-header-added", where, "added")

    @staticmethod
    def _header_map(resolver: Resolver, response: Any) -> dict[str, tuple[str, Mapping[str, Any]]]:
        headers = response.get("headers") if isinstance(response, Mapping) else None
        found: dict[str, tuple[str, Mapping[str, Any]]] = {}
        for name, raw in (headers or {}).items() if isinstance(headers, Mapping) else ():
            header, _ = resolver.follow(raw)
            if isinstance(header, Mapping) and str(name).lower() != "content-type":
                found[str(name).lower()] = (str(name), header)
        return found

    def _events(self, status: str, old_schema: Any, new_schema: Any, where: Where) -> bool:
        """Compare two event streams event by event; ``False`` if their events cannot be named."""
        before = stream_events(self.old, old_schema)
        after = stream_events(self.new, new_schema)
        if before is None or after is None:
            return False
        for name, payload in before.events.items():
            here = where.at(f"response {status} event {name}")
            origin = f"{after.ref or before.ref}:event {name}" if after.ref or before.ref else None
            if name not in after.events:
                self.recorder.add("stream-event-removed", here, "no longer sent", origin=origin)
                continue
            self.schemas.compare(payload, after.events[name], here)
        for name in after.events:
            if name not in before.events:
                here = where.at(f"response {status} event {name}")
                origin = f"{after.ref}:event {name}" if after.ref else None
                self.recorder.add("stream-event-added", here, "new event", origin=origin)
        return True


def _operations(resolver: Resolver) -> dict[tuple[str, str], _Operation]:
    found: dict[tuple[str, str], _Operation] = {}
    paths = resolver.document.get("paths") or {}
    for path, item in paths.items():
        item, _ = resolver.follow(item)
        if not isinstance(item, Mapping):
            continue
        shared = list(item.get("parameters") or ())
        for method in _METHODS:
            operation = item.get(method)
            if isinstance(operation, Mapping):
                key = (method, _TEMPLATE.sub("{}", str(path)))
                found[key] = _Operation(method, str(path), operation, shared)
    return found


def _webhooks(resolver: Resolver) -> dict[tuple[str, str], Mapping[str, Any]]:
    webhooks = resolver.document.get("webhooks")
    found: dict[tuple[str, str], Mapping[str, Any]] = {}
    for name, item in webhooks.items() if isinstance(webhooks, Mapping) else ():
        item, _ = resolver.follow(item)
        for method in _METHODS if isinstance(item, Mapping) else ():
            operation = item.get(method)
            if isinstance(operation, Mapping):
                found[(str(name), method)] = operation
    return found


def _tags(operation: Mapping[str, Any]) -> list[str]:
    tags = operation.get("tags")
    return [str(tag) for tag in tags] if isinstance(tags, list) else []


def _parameters(resolver: Resolver, op: _Operation) -> dict[tuple[str, str], Mapping[str, Any]]:
    """Parameters by (location, name); path parameters by their position in the template."""
    positions = {name[1:-1]: i for i, name in enumerate(_TEMPLATE.findall(op.path))}
    found: dict[tuple[str, str], Mapping[str, Any]] = {}
    for raw in [*op.path_parameters, *(op.operation.get("parameters") or ())]:
        param, _ = resolver.follow(raw)
        if not isinstance(param, Mapping):
            continue
        where, name = str(param.get("in", "")), str(param.get("name", ""))
        if where == "header" and name.lower() in _IGNORED_HEADERS:
            continue
        if where == "path":
            key = (where, f"#{positions.get(name, name)}")
        else:
            key = (where, name.lower() if where == "header" else name)
        found[key] = param
    return found


def _parameter_schema(param: Mapping[str, Any]) -> Any:
    if "schema" in param:
        return param["schema"]
    content = _content(param)
    return next((_schema(media) for media in content.values()), None)


def _responses(operation: Mapping[str, Any]) -> dict[str, Any]:
    responses = operation.get("responses")
    if not isinstance(responses, Mapping):
        return {}
    return {str(status).upper(): response for status, response in responses.items()}


def _success(status: str) -> bool:
    return status.startswith("2")


def _content(node: Any) -> dict[str, Any]:
    content = node.get("content") if isinstance(node, Mapping) else None
    if not isinstance(content, Mapping):
        return {}
    return {_media_type(str(key)): media for key, media in content.items()}


def _media_type(key: str) -> str:
    """``Application/JSON; charset=utf-8`` is ``application/json``."""
    return key.split(";", 1)[0].strip().lower()


def _schema(media: Any) -> Any:
    return media.get("schema") if isinstance(media, Mapping) else None


def _with_media_type(where: str, media_type: str) -> str:
    return where if media_type == _JSON else f"{where} ({media_type})"
