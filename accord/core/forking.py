"""Plain-Python work shared with forked processes.

A large import spends most of its own time in Python on data already in memory: scoring every
row against the registry's profiles, and turning the planned rows into the tuples the database
stores. Python runs one thread at a time, so a thread cannot do that beside the main one; a
child made by fork() can, and it sees the parent's data (the registry index, the planned rows)
without any copying. It sends back only its results.

    split_map(func, parts)  -> [func(part) for part in parts], parts after the first in children
    ahead(func, args)       -> func(arg) for each arg, in order, computed by a child ahead of
                               the caller (who meanwhile stores the previous result)

Both fall back to doing the work inline where fork() is missing or the setting
ACCORD_WORK_PROCESSES is 1. `func` must not touch the database: a child inherits the parent's
connection and must never use it (nor close it: a child ends with os._exit)."""

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

from django.conf import settings

# The functions children run, by key: set before the fork, so each child has them.
_WORK: dict[int, Callable] = {}


def processes() -> int:
    """How many processes (this one included) may share a piece of work."""
    if not hasattr(os, "fork"):
        return 1
    return max(1, int(settings.ACCORD_WORK_PROCESSES))


def _run(key: int, arg):
    return _WORK[key](arg)


@contextmanager
def _forked(func: Callable, workers: int):
    """`submit(arg) -> Future` of func(arg) in a pool of forked processes."""
    key = id(func)
    _WORK[key] = func
    # The fork context starts every worker at the first submit, after _WORK holds func.
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"))
    try:
        yield lambda arg: pool.submit(_run, key, arg)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        _WORK.pop(key, None)


def split_map(func: Callable, parts: Sequence) -> list:
    """[func(part) for part in parts]: this process does the first part while children do
    the others."""
    workers = min(processes() - 1, len(parts) - 1)
    if workers < 1:
        return [func(part) for part in parts]
    with _forked(func, workers) as submit:
        futures = [submit(part) for part in parts[1:]]
        first = func(parts[0])
        return [first, *(future.result() for future in futures)]


def ahead(func: Callable, args: Sequence) -> Iterator:
    """func(arg) for each arg, in order; with a second process, a child computes them one
    after the other while the caller uses the ones already done."""
    if processes() < 2 or len(args) < 2:
        yield from map(func, args)
        return
    with _forked(func, 1) as submit:
        futures = [submit(arg) for arg in args]
        for future in futures:
            yield future.result()
