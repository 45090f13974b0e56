"""The generated Python client: from ``openapi/openapi.yaml`` to ``generated/``.

:mod:`~runspec.codegen.pipeline` runs the steps (``make generate``, ``make check-generated``);
:mod:`~runspec.codegen.clientspec` prepares the spec the generator reads and the facts it does not
carry; :mod:`~runspec.codegen.properties` adds the property kinds the templates need (tagged
unions, maps); :mod:`~runspec.codegen.project` renders ``runspec/codegen/templates``.
"""

from runspec.codegen.errors import CodegenError
from runspec.codegen.pipeline import Inputs, check, generate, render

__all__ = ["CodegenError", "Inputs", "check", "generate", "render"]
