"""A decorator that keeps Python's cyclic garbage collector out of bulk work.

Loading 20,000 cautions, or reading and writing a search index of that size, makes hundreds
of thousands of small objects (tuples, dicts, strings) that stay alive while the work goes
on. The cyclic collector runs again and again as they pile up and rescans all of them each
time, so the work grew faster than the data. None of that work makes reference cycles (the
objects are freed by reference counting as usual), so collection can wait until it is done.
"""
from __future__ import annotations

import functools
import gc


def without_cyclic_collection(function):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        collecting = gc.isenabled()
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if collecting:
                gc.enable()
    return wrapper
