"""Located data errors: every problem an editor can cause names its file and line.

Errors are gathered (never raised one by one) so that a run reports all problems at
once, sorted by file and line, in the same words for `make check`, the build and tests.
"""
from __future__ import annotations

from dataclasses import dataclass
import difflib
from typing import Iterable

from kyodo_kb.sources import rules


@dataclass(frozen=True, order=True)
class SourceLocation:
    path: str  # relative to the project root, with forward slashes
    line: int  # 1-based; 0 when the problem concerns the whole file

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True, order=True)
class DataError:
    location: SourceLocation
    message: str  # Japanese, for editors
    rule: str  # a constant of kyodo_kb.sources.rules; keys the 編集ガイド's error catalogue

    def __str__(self) -> str:
        return f"{self.location}: {self.message} [{self.rule}]"


class DataErrors(Exception):
    """Raised once, after gathering, when a data set has one or more errors."""

    def __init__(self, errors: Iterable[DataError]):
        self.errors = sorted(set(errors))
        super().__init__(format_errors(self.errors))


def format_errors(errors: Iterable[DataError]) -> str:
    return "\n".join(str(error) for error in sorted(set(errors)))


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A Japanese 「もしかして」 suffix for a misspelt name, or '' when nothing is close."""
    if len(str(word)) < 3:  # a one- or two-letter key matches too much to be a useful guess
        return ""
    matches = difflib.get_close_matches(str(word), list(candidates), n=1, cutoff=0.6)
    return f"（もしかして: {matches[0]}）" if matches else ""


def unexpected_error(path: str, exc: BaseException) -> DataError:
    """A located message for a bug or an input nobody foresaw: editors see which file to look
    at instead of a Python traceback; the exception text helps whoever maintains the code."""
    detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return DataError(SourceLocation(path, 0),
                     f"このファイルの読み込み中に予期しない誤りが発生しました（{detail[:300]}）。"
                     "直前に変更した箇所を見直してください。解決しないときは、このメッセージをサイトの管理担当者に伝えてください",
                     rules.UNEXPECTED)


def unexpected_failure(stage: str, exc: BaseException) -> str:
    """The one-paragraph report of an unexpected exception outside any single file."""
    detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return (f"{stage}中に予期しない誤りが発生しました（{detail[:300]}）。直前に変更したファイルを見直してください。"
            "解決しないときは、このメッセージをサイトの管理担当者に伝えてください")
