"""Work shared with forked processes: the same results, in order, as doing it inline."""

import os

import pytest

from accord.core import forking


def _pid_and_square(n: int) -> tuple[int, int]:
    return os.getpid(), n * n


def test_split_map_gives_the_later_parts_to_children(settings):
    settings.ACCORD_WORK_PROCESSES = 3
    found = forking.split_map(_pid_and_square, [1, 2, 3, 4])
    assert [square for _, square in found] == [1, 4, 9, 16]
    pids = [pid for pid, _ in found]
    assert pids[0] == os.getpid()
    assert os.getpid() not in pids[1:]


def test_ahead_computes_in_a_child_and_yields_in_order(settings):
    settings.ACCORD_WORK_PROCESSES = 2
    found = list(forking.ahead(_pid_and_square, range(5)))
    assert [square for _, square in found] == [0, 1, 4, 9, 16]
    assert {pid for pid, _ in found} != {os.getpid()}


def test_a_failure_in_a_child_reaches_the_caller(settings):
    settings.ACCORD_WORK_PROCESSES = 2

    def fail_on_three(n: int) -> int:
        if n == 3:
            raise ValueError("three")
        return n

    with pytest.raises(ValueError, match="three"):
        forking.split_map(fail_on_three, [1, 3])
    with pytest.raises(ValueError, match="three"):
        list(forking.ahead(fail_on_three, [1, 2, 3, 4]))


def test_with_one_process_everything_stays_here(settings):
    settings.ACCORD_WORK_PROCESSES = 1
    assert {pid for pid, _ in forking.split_map(_pid_and_square, [1, 2])} == {os.getpid()}
    assert {pid for pid, _ in forking.ahead(_pid_and_square, [1, 2])} == {os.getpid()}
