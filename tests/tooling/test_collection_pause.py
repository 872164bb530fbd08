"""The cyclic collector is paused for bulk work and restored afterwards, even after an error."""
import gc

import pytest

from kyodo_kb.tooling.collection_pause import without_cyclic_collection


def test_collection_is_paused_during_the_work_and_restored_after():
    seen = []
    work = without_cyclic_collection(lambda: seen.append(gc.isenabled()) or "done")
    assert gc.isenabled()
    assert work() == "done" and seen == [False] and gc.isenabled()


def test_collection_is_restored_when_the_work_fails():
    def failing():
        raise ValueError("boom")
    with pytest.raises(ValueError):
        without_cyclic_collection(failing)()
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off():
    gc.disable()
    try:
        without_cyclic_collection(lambda: None)()
        assert not gc.isenabled()
    finally:
        gc.enable()
