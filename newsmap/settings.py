"""Numeric settings from the environment, read the same way everywhere: unset or empty gives the
default; anything else must parse, or the user gets one line naming the variable."""

from __future__ import annotations

import os

from newsmap.errors import InputError


def env_seconds(name: str, default: float, *, zero_allowed: bool) -> float:
    """Seconds from ``name``. With ``zero_allowed``, 0 is a valid value (callers read it as "no limit")."""
    value = os.environ.get(name)
    if not value:
        return default
    try:
        seconds = float(value)
    except ValueError:
        raise InputError(f"{name} is not a number of seconds: {value!r}") from None
    if zero_allowed and not seconds >= 0:
        raise InputError(f"{name} must be 0 (no limit) or more: {value!r}")
    if not zero_allowed and not seconds > 0:
        raise InputError(f"{name} must be more than 0: {value!r}")
    return seconds


def env_whole_number(name: str, default: int) -> int:
    value = os.environ.get(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise InputError(f"{name} is not a whole number: {value!r}") from None
