"""The contract suite: schemathesis fuzzes a server against the spec, with domain checks.

One configuration (``schemathesis.toml`` at the project root, plus a profile from
:mod:`runspec.contract.profiles`) and one hooks module (:mod:`runspec.contract.hooks`, which
registers the checks of :mod:`runspec.contract.checks`) are shared by the schemathesis CLI
(``make contract``, ``scripts/contract.py``) and by pytest (``tests/contract``).

The checks themselves are thin: each reads what it needs from the spec (:mod:`.facts`) and
delegates the rule to a pure function over plain data (:mod:`.echo`, :mod:`.grammar`,
:mod:`.answers`), so the rules are tested without any HTTP.
"""
