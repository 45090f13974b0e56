"""``make bench`` in QUICK mode, once, so the harness cannot rot; no figure is asserted.

The quick run must print the table with every row (a row may say "n/a (not built yet)" or
"failed: ..." but must be there) and write the same rows as Markdown. The small pure parts (wrk's
report, goal marking, the fixture run object) are checked directly.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from runspec import PROJECT_ROOT
from runspec.bench.fixtures import RUN_OBJECT
from runspec.bench.harness import all_specs
from runspec.bench.measure_contract import read_figures
from runspec.bench.measure_servers import Target, _round_order
from runspec.bench.peer_models import RunModel
from runspec.bench.table import Goal, Row, RowSpec, render_markdown, render_text
from runspec.bench.wrk import parse_wrk_output
from runspec.spec import SpecSchemas

WRK_REPORT = """\
Running 1s test @ http://127.0.0.1:40000/v1/threads/thread_abc123/runs
  1 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     7.45ms    4.81ms  60.23ms   91.38%
    Req/Sec     2.18k   210.91     2.45k    80.00%
  Latency Distribution
     50%    6.21ms
     75%    7.30ms
     90%   10.17ms
     99%   26.84ms
  2176 requests in 1.00s, 3.36MB read
  Non-2xx or 3xx responses: 4
  Socket errors: connect 0, read 1, write 0, timeout 0
Requests/sec:   2173.36
Transfer/sec:      3.36MB
"""


def test_wrk_report_is_read() -> None:
    result = parse_wrk_output(WRK_REPORT)
    assert result.requests == 2176
    assert result.requests_per_second == pytest.approx(2173.36)
    assert result.p50 == pytest.approx(0.00621)
    assert result.p99 == pytest.approx(0.02684)
    assert (result.non_2xx, result.socket_errors) == (4, 1)


@pytest.mark.parametrize(
    "output",
    [
        "cases: 120\nseconds: 10.2\ncases/s: 11.8\nserver share: 7.5%\n",
        "120 cases in 10.2 s, 11.8 cases/s; server 7.5% of the time",
        'log line\n{"cases": 120, "cases_per_second": 11.8, "server_share": 0.075}',
        '{\n  "cases": 120,\n  "cases_per_second": 11.8,\n  "server_share": 0.075,\n  "goals": {}\n}\n',
    ],
)
def test_contract_budget_figures_are_read(output: str) -> None:
    rate, share = read_figures(output)
    assert rate == pytest.approx(11.8)
    assert share == pytest.approx(0.075)


def test_ours_and_the_bare_route_run_back_to_back_each_first_in_turn() -> None:
    ours, bare, prism = Target("ours", ""), Target("bare", ""), Target("prism", "")
    orders = [[t.name for t in _round_order(ours, bare, prism, i)] for i in range(4)]
    assert orders == [
        ["ours", "bare", "prism"],
        ["bare", "ours", "prism"],
        ["prism", "ours", "bare"],
        ["prism", "bare", "ours"],
    ]


def test_only_a_missed_goal_is_marked() -> None:
    spec = RowSpec("k", "what", "peer", Goal("≤ 2x", "<=", 2.0))
    assert Row(spec, ours="1", goal_value=2.5).missed
    assert not Row(spec, ours="1", goal_value=1.5).missed
    assert not Row(spec, ours="n/a").missed
    assert not Row(RowSpec("k", "what", "peer"), ours="1", goal_value=99.0).missed
    text = render_text([Row(spec, ours="1", goal_value=2.5), Row(spec, ours="1", goal_value=1.0)])
    assert text.count("MISS") == 1
    assert render_markdown([Row(spec, ours="a|b")]).splitlines()[2].startswith("| what | a\\|b |")


def test_fixture_run_object_is_a_valid_run() -> None:
    assert SpecSchemas.from_path().errors(RUN_OBJECT, "#/components/schemas/RunObject") == []
    assert RunModel.model_validate(RUN_OBJECT).model_dump(by_alias=True, exclude_unset=True)


@pytest.mark.slow
def test_quick_run_prints_every_row(tmp_path: Path) -> None:
    out = tmp_path / "bench.md"
    done = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "scripts" / "bench.py"), "--quick", "--out", str(out)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    markdown = out.read_text()
    lines = done.stdout.splitlines()
    rows = [line for line in markdown.splitlines() if line.startswith("| ")][1:]
    assert len(rows) == len(all_specs())  # one line per row, nothing more
    for spec, row in zip(all_specs(), rows, strict=True):
        assert row.startswith(f"| {spec.what} | ")
        assert f" | {spec.peer} | " in row
        assert any(line.startswith(spec.what) and spec.peer in line for line in lines), spec.key
