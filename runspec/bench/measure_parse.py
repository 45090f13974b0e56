"""Row group "parse": turning a decoded run object (a ``dict``) into typed objects.

Ours is the generated client's ``RunObject.from_dict``. The peers: a hand-written pydantic v2 model
validated with ``model_validate`` (:mod:`runspec.bench.peer_models`), and the official SDK's own
response path, ``openai._models.construct_type`` into ``openai.types.beta.threads.Run`` (what the
SDK does with every JSON answer by default; it builds models without validating them).
"""

from __future__ import annotations

import copy
import importlib
from collections.abc import Callable
from typing import Any

from openai._models import construct_type
from openai.types.beta.threads import Run

from runspec.bench.context import Context
from runspec.bench.fixtures import RUN_OBJECT
from runspec.bench.formatting import duration, times
from runspec.bench.peer_models import RunModel
from runspec.bench.stats import paired_ratios, summarize
from runspec.bench.table import Goal, Row, RowSpec
from runspec.bench.timing import interleave, seconds_per_call

__all__ = ["SPECS", "measure"]

PYDANTIC = RowSpec(
    "parse.pydantic",
    "parse a full run object (per object)",
    "pydantic v2 model_validate, hand-written model",
    Goal("≤ 2x pydantic", "<=", 2.0),
)
SDK = RowSpec(
    "parse.sdk",
    "parse a full run object (per object)",
    "openai SDK construct_type(Run)",
)
SPECS = (PYDANTIC, SDK)
SDK_NOTE = "the SDK's default response path builds its models without validating them"


def generated_parser() -> Callable[[dict[str, Any]], object]:
    models = importlib.import_module("assistants_runs_client.models")
    from_dict: Callable[[dict[str, Any]], object] = models.RunObject.from_dict
    return from_dict


def measure(ctx: Context) -> list[Row]:
    if not ctx.components.client():
        return [spec.not_built("generated client") for spec in SPECS]
    ours = generated_parser()
    data = copy.deepcopy(RUN_OBJECT)
    # each parser must understand the object, or the comparison means nothing
    assert ours(data) is not None
    assert RunModel.model_validate(data).tools[2].type == "function"
    assert construct_type(type_=Run, value=data) is not None

    n = ctx.config.parse_iterations
    results = interleave(
        {
            "ours": lambda: seconds_per_call(lambda: ours(data), n),
            "pydantic": lambda: seconds_per_call(lambda: RunModel.model_validate(data), n),
            "sdk": lambda: seconds_per_call(lambda: construct_type(type_=Run, value=data), n),
        },
        ctx.config.parse_rounds,
        deadline=ctx.deadline,
    )
    ours_text = summarize(results["ours"]).format(duration)
    rows = []
    for spec, peer in ((PYDANTIC, "pydantic"), (SDK, "sdk")):
        ratio = paired_ratios(results["ours"], results[peer])
        rows.append(
            Row(
                spec,
                ours=ours_text,
                peers=summarize(results[peer]).format(duration),
                ratio=ratio.format(times),
                goal_value=ratio.median,
                note=SDK_NOTE
                if spec is SDK
                else f"a decoded dict to typed objects, {n} parses per peer per round",
            )
        )
    return rows
