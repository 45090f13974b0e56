"""Breaking-change detection between two versions of an OpenAPI 3.0/3.1 document.

::

    from runspec.diff import diff_documents, load_source, render

    changes = diff_documents(load_source("git:v1.0.0:openapi/openapi.yaml"),
                             load_source("openapi/openapi.yaml"))
    print(render(changes, "markdown"))

Hand-written because nothing installable does it: oasdiff (the usual tool) is a Go binary that is
not in the package registries, and ``redocly diff`` is experimental. Rules and their ids are
modelled on oasdiff's. Modules, one job each: :mod:`~runspec.diff.model` (Change, Severity),
:mod:`~runspec.diff.rules` (the rule catalogue), :mod:`~runspec.diff.sources` (files and
``git:<ref>:<path>``), :mod:`~runspec.diff.resolve` (schemas through ``$ref``/``allOf``/
nullability), :mod:`~runspec.diff.schemas` (schema against schema, by direction),
:mod:`~runspec.diff.streams` (server-sent events), :mod:`~runspec.diff.security`,
:mod:`~runspec.diff.lifecycle` (deprecation, ``x-sunset``, ``x-stability-level``),
:mod:`~runspec.diff.operations` (document against document) and :mod:`~runspec.diff.report`.
Specs split over several files are read whole (:mod:`runspec.refs`).
"""

from runspec.diff.model import Change, Severity
from runspec.diff.operations import diff_documents
from runspec.diff.report import FORMATS, render
from runspec.diff.rules import RULES, Rule
from runspec.diff.sources import DiffInputError, load_source

__all__ = [
    "FORMATS",
    "RULES",
    "Change",
    "DiffInputError",
    "Rule",
    "Severity",
    "diff_documents",
    "load_source",
    "render",
]
