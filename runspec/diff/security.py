"""Compares how an operation may be called: its security requirements, scheme by scheme.

A requirement list is a set of alternatives, each a set of schemes used together (with OAuth
scopes). A scheme is compared by what it asks of the client (``http bearer``, ``apiKey in header
X-Key``, ...), not by its name in ``components``, so renaming ``bearerAuth`` is no change. A client
that authenticated one old way still can if some new alternative asks for no more than that way
did; if not, ``security-scheme-changed`` (breaking).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from runspec.diff.record import Recorder, Where
from runspec.diff.resolve import Resolver, canonical

__all__ = ["compare_security", "compare_security_components"]

# One alternative: the schemes it needs (by what they ask of the client) and their scopes.
_Alternative = frozenset[tuple[str, frozenset[str]]]


def compare_security(
    old: Resolver,
    new: Resolver,
    old_operation: Mapping[str, Any],
    new_operation: Mapping[str, Any],
    at: Where,
    recorder: Recorder,
) -> None:
    before = _alternatives(old, old_operation)
    after = _alternatives(new, new_operation)
    lost = [alt for alt in before if not any(_satisfied_by(alt, new_alt) for new_alt in after)]
    if lost:
        recorder.add(
            "security-scheme-changed",
            at,
            f"no longer accepts {_describe(lost)}; now accepts {_describe(after)}",
        )
        return
    gained = [alt for alt in after if alt not in before]
    if gained:
        recorder.add("security-scheme-added", at, f"also accepts {_describe(gained)}")


def _satisfied_by(old: _Alternative, new: _Alternative) -> bool:
    """Whether a client sending ``old``'s credentials meets the ``new`` alternative."""
    return all(
        any(scheme == have and scopes <= have_scopes for have, have_scopes in old)
        for scheme, scopes in new
    )


def _alternatives(resolver: Resolver, operation: Mapping[str, Any]) -> list[_Alternative]:
    requirements = operation.get("security", resolver.document.get("security"))
    if not isinstance(requirements, list) or not requirements:
        return [frozenset()]
    schemes = resolver.document.get("components", {}).get("securitySchemes", {})
    found = []
    for requirement in requirements:
        if not isinstance(requirement, Mapping):
            continue
        found.append(
            frozenset(
                (_signature(resolver, schemes.get(name), name), frozenset(scopes or ()))
                for name, scopes in requirement.items()
            )
        )
    return found or [frozenset()]


def _signature(resolver: Resolver, scheme: Any, name: str) -> str:
    """What a scheme asks of the client, e.g. ``http bearer`` or ``apiKey header x-api-key``."""
    scheme, _ = resolver.follow(scheme)
    if not isinstance(scheme, Mapping):
        return f"undefined scheme {name}"
    kind = str(scheme.get("type", "")).strip()
    if kind == "http":
        return f"http {str(scheme.get('scheme', '')).lower()}"
    if kind == "apiKey":
        where = str(scheme.get("in", ""))
        key = str(scheme.get("name", ""))
        return f"apiKey {where} {key.lower() if where == 'header' else key}"
    if kind == "openIdConnect":
        return f"openIdConnect {scheme.get('openIdConnectUrl', '')}"
    if kind == "oauth2":
        flows = scheme.get("flows")
        return "oauth2 " + ",".join(sorted(flows) if isinstance(flows, Mapping) else ())
    return kind or f"scheme {name}"


def _describe(alternatives: list[_Alternative]) -> str:
    parts = []
    for alt in alternatives:
        if not alt:
            parts.append("no authentication")
            continue
        parts.append(
            " + ".join(
                f"`{scheme}`" + (f" (scopes {', '.join(sorted(scopes))})" if scopes else "")
                for scheme, scopes in sorted(alt)
            )
        )
    return " or ".join(parts)


def compare_security_components(old: Resolver, new: Resolver, recorder: Recorder) -> None:
    """The security schemes defined in ``components``, by name (informational: what operations
    require is compared by :func:`compare_security`)."""
    before = _schemes(old)
    after = _schemes(new)
    renamed = _renamed(before, after)
    for name, scheme in before.items():
        at = Where("", None, f"components securitySchemes {name}")
        if name in renamed:
            continue
        if name not in after:
            recorder.add("security-component-removed", at, "removed")
            continue
        other = after[name]
        if scheme.get("type") != other.get("type"):
            recorder.add(
                "security-component-type-changed",
                at,
                f"type changed from `{scheme.get('type')}` to `{other.get('type')}`",
            )
        _compare_flows(_flows(scheme), _flows(other), at, recorder)
    for name in after:
        if name not in before and name not in renamed.values():
            recorder.add(
                "security-component-added",
                Where("", None, f"components securitySchemes {name}"),
                "added",
            )


def _renamed(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, str]:
    """Old name to new name of schemes that only changed their name (nothing else)."""
    gone = {canonical(scheme): name for name, scheme in before.items() if name not in after}
    return {
        gone[canonical(scheme)]: name
        for name, scheme in after.items()
        if name not in before and canonical(scheme) in gone
    }


def _schemes(resolver: Resolver) -> dict[str, Mapping[str, Any]]:
    components = resolver.document.get("components")
    schemes = components.get("securitySchemes") if isinstance(components, Mapping) else None
    found = {}
    for name, raw in schemes.items() if isinstance(schemes, Mapping) else ():
        scheme, _ = resolver.follow(raw)
        if isinstance(scheme, Mapping):
            found[str(name)] = scheme
    return found


def _flows(scheme: Mapping[str, Any]) -> Mapping[str, Any]:
    flows = scheme.get("flows")
    return flows if isinstance(flows, Mapping) else {}


def _compare_flows(
    before: Mapping[str, Any], after: Mapping[str, Any], at: Where, recorder: Recorder
) -> None:
    for flow_name, flow in before.items():
        other = after.get(flow_name)
        if not isinstance(flow, Mapping) or not isinstance(other, Mapping):
            continue
        for url in ("authorizationUrl", "tokenUrl", "refreshUrl"):
            if flow.get(url) != other.get(url):
                recorder.add(
                    "security-component-oauth-url-changed",
                    at,
                    f"{flow_name} {url} changed from `{flow.get(url)}` to `{other.get(url)}`",
                )
        old_scopes = (
            set(flow.get("scopes") or ()) if isinstance(flow.get("scopes"), Mapping) else set()
        )
        new_scopes = (
            set(other.get("scopes") or ()) if isinstance(other.get("scopes"), Mapping) else set()
        )
        for scope in sorted(new_scopes - old_scopes):
            recorder.add(
                "security-component-oauth-scope-added", at, f"{flow_name} scope `{scope}` added"
            )
        for scope in sorted(old_scopes - new_scopes):
            recorder.add(
                "security-component-oauth-scope-removed", at, f"{flow_name} scope `{scope}` removed"
            )
