"""Ids: the hosted API's shapes, and never the same id twice, across blocks and threads."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

from runspec.server.ids import BLOCK, new_id, new_request_id

OBJECT_ID = re.compile(r"(run|msg)_[A-Za-z0-9]{24}")
REQUEST_ID = re.compile(r"req_[0-9a-f]{32}")


def test_ids_have_the_hosted_api_shapes() -> None:
    assert OBJECT_ID.fullmatch(new_id("run_"))
    assert REQUEST_ID.fullmatch(new_request_id())


def test_ids_stay_unique_over_many_blocks() -> None:
    count = 5 * BLOCK + 7
    object_ids = {new_id("run_") for _ in range(count)}
    request_ids = {new_request_id() for _ in range(count)}
    assert len(object_ids) == len(request_ids) == count
    assert all(OBJECT_ID.fullmatch(i) for i in object_ids)
    assert all(REQUEST_ID.fullmatch(i) for i in request_ids)


def test_threads_taking_ids_at_once_never_share_one() -> None:
    def take(_: int) -> list[str]:
        return [new_id("msg_") for _ in range(BLOCK)]

    with ThreadPoolExecutor(max_workers=8) as pool:
        taken = [i for batch in pool.map(take, range(16)) for i in batch]
    assert len(set(taken)) == len(taken) == 16 * BLOCK
