"""The words a plan report uses to name its parts, as one overridable profile.

Reports of other cities and years use the same genre with small variations
in wording; a variation is a profile change, not a code change.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path

from .._errors import InputError

__all__ = ["GenreProfile", "load_profile"]


@dataclass(frozen=True, slots=True)
class GenreProfile:
    review_part: tuple[str, ...] = ("执行情况", "完成情况")
    """Title words of the level-1 part that reviews the past year."""
    plan_part: tuple[str, ...] = ("计划安排", "主要目标", "预期目标")
    """Title words of the level-1 part that sets the coming year's targets."""
    measures_part: tuple[str, ...] = ("主要措施", "重点任务", "主要任务")
    """Title words of the level-1 part whose level-2 sections are goals and level-3 sections tasks."""
    headline: tuple[str, ...] = ("目标完成情况", "主要指标")
    """Title words of the review's level-2 section that restates the headline results."""
    review_areas: tuple[str, ...] = ("重点任务完成情况", "重点工作完成情况", "主要工作")
    """Title words of the review's level-2 section whose level-3 sections are the review areas."""
    binding_words: tuple[str, ...] = ("约束性",)
    expected_words: tuple[str, ...] = ("预期性",)
    missed_words: tuple[str, ...] = ("无法完成", "未能完成", "未完成")
    no_data_words: tuple[str, ...] = ("无数据", "暂无数据")
    met_words: tuple[str, ...] = ("能够完成", "完成预期目标", "已完成", "完成省下达任务")
    no_target_words: tuple[str, ...] = ("未下达",)
    estimate_words: tuple[str, ...] = ("预计",)


def load_profile(path: Path | None) -> GenreProfile:
    """The default profile, with the keys a TOML file sets replaced."""
    profile = GenreProfile()
    if path is None:
        return profile
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise InputError(f"{path}: cannot read genre profile: {error}") from error
    known = {field.name for field in fields(GenreProfile)}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise InputError(f"{path}: unknown profile keys {unknown}; known: {sorted(known)}")
    for key, value in raw.items():
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise InputError(f"{path}: {key} must be a list of strings")
    return replace(profile, **{key: tuple(value) for key, value in raw.items()})
