"""Row group "contract": the contract suite's speed and the share of its time spent in the server.

The contract suite (schemathesis against the reference server) has its own budget script, which
measures cases, seconds, cases per second and the server's share; this module runs it and reads
its figures, so the two never disagree about how they are measured.
"""

from __future__ import annotations

from runspec.bench.context import Context
from runspec.bench.table import Goal, Row, RowSpec

__all__ = ["SPECS", "measure"]

RATE = RowSpec("contract.rate", "contract suite, cases/s", "—")
SHARE = RowSpec(
    "contract.share", "contract suite, time in the server", "—", Goal("server < 10%", "<", 0.10)
)
SPECS = (RATE, SHARE)


def measure(ctx: Context) -> list[Row]:
    script = ctx.components.contract_budget_script()
    if script is None:
        return [spec.not_built("contract budget script") for spec in SPECS]
    raise RuntimeError(f"{script.name}: reading its figures is not implemented yet")
