"""Thresholds and switches of the analyses.

Every rule threshold of DESIGN §5 is a field of :class:`Settings` with the
documented default. Change them per run with ``--set KEY=VALUE`` or a TOML file
(``--config``); in Python with :meth:`Settings.replace`.

Fields
------
own_branch_min_members : int, default 3
    Full members from which a unit should form its own (单独组建) organisation.
joint_branch_max_units : int, default 5
    Most units one 联合组建 党支部 should cover.
branch_max_members : int, default 50
    Most members of a 党支部.
general_branch_min_members : int, default 50
    Fewest members of a 党总支.
committee_min_members : int, default 100
    Fewest members of a 党委.
term_warning_days : int, default 180
    A term ending within this many days of the as-of date raises ``TERM_EXPIRING``.
max_contacts_per_instructor : int, default 8
    Most contacts an instructor should have: distinct targets (units, party
    organisations, carriers) of its assignment rows, a building's committee
    counting once however many units stand behind it. It replaces the old
    reach-based ``max_units_per_instructor``; a setting that names the old one
    raises :class:`~graphkit.exceptions.ConfigError` pointing here.
max_pairings_per_branch : int, default 3
    Most pairings one organ branch should carry.
activity_window_days : int, default 90
    A party organisation with no activity dated within this many days up to
    the as-of date (``as_of - window < date <= as_of``) raises ``INACTIVE_ORG``.
training_window_days : int, default 365
    A secretary with no training within this many days raises
    ``SECRETARY_UNTRAINED`` (same window rule).
visit_window_days : int, default 90
    An instructor assignment not visited within this many days raises
    ``UNVISITED_CONTACT`` (same window rule).
grade_fair_max_fails : int, default 2
    Most failed criteria of a party organisation graded 一般 (fair); one more
    is 后进 (lagging) and raises ``ORG_LAGGING``.
as_of : datetime.date or None, default None
    The date every date rule uses; ``None`` means today. It must lie between
    :data:`EARLIEST_DATE` and :data:`LATEST_DATE`, the dates a ledger can hold.
lang : {"zh", "en"}, default "zh"
    Language of finding details and report headers. Codes never change.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from graphkit.exceptions import ConfigError

__all__ = ["EARLIEST_DATE", "LATEST_DATE", "Settings"]

#: The earliest and latest date a ledger cell or ``as_of`` may hold: a ledger records the present
#: and the near past and future, and placeholders such as 9999-12-31 ("no expiry") or 0000-01-01
#: are not dates. The ledger reader rejects a date cell outside this range (leaving it empty).
EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2199, 12, 31)

#: Stands for "not given" of a removed setting.
_REMOVED: Any = object()

#: Settings that are no longer settings -> the one that replaces them.
_RENAMED = {"max_units_per_instructor": "max_contacts_per_instructor"}


def _removed_message(key: str, source: str) -> str:
    """The message for a setting that was removed: what it was and what to use instead."""
    new = _RENAMED[key]
    default = {f.name: f.default for f in dataclasses.fields(Settings)}[new]
    return (
        f"{source}: {key} was the old reach-based limit and is no longer a setting; workload is now "
        f"counted in contacts (distinct units, party organisations and carriers assigned): "
        f"use {new} (default {default})"
    )


@dataclasses.dataclass(frozen=True)
class Settings:
    """The analyses' thresholds; see the module docstring for each field.

    Examples
    --------
    >>> s = Settings()
    >>> s.own_branch_min_members, s.joint_branch_max_units
    (3, 5)
    >>> Settings.from_overrides(["max_contacts_per_instructor=10"]).max_contacts_per_instructor
    10
    >>> try:
    ...     Settings(max_units_per_instructor=15)
    ... except ConfigError as exc:
    ...     print(str(exc).split(": use ")[-1])
    max_contacts_per_instructor (default 8)
    >>> Settings(as_of="2026-11-27").as_of
    datetime.date(2026, 11, 27)

    """

    own_branch_min_members: int = 3
    joint_branch_max_units: int = 5
    branch_max_members: int = 50
    general_branch_min_members: int = 50
    committee_min_members: int = 100
    term_warning_days: int = 180
    max_contacts_per_instructor: int = 8
    max_pairings_per_branch: int = 3
    activity_window_days: int = 90
    training_window_days: int = 365
    visit_window_days: int = 90
    grade_fair_max_fails: int = 2
    as_of: dt.date | None = None
    lang: str = "zh"
    #: Removed (see the module docstring); accepted as a keyword only to explain that it is gone.
    max_units_per_instructor: dataclasses.InitVar[Any] = _REMOVED

    def __post_init__(self, max_units_per_instructor: Any) -> None:
        if max_units_per_instructor is not _REMOVED:
            raise ConfigError(_removed_message("max_units_per_instructor", "settings"))
        if isinstance(self.as_of, str):  # "2026-11-27", as a notebook writes it
            object.__setattr__(self, "as_of", _convert("as_of", "dt.date | None", self.as_of, "settings"))
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if f.type == "int" and (not isinstance(value, int) or isinstance(value, bool)):
                msg = f"setting {f.name}: expected a whole number, got {value!r}"
                raise ConfigError(msg)
            if f.type == "int" and value < 0:
                msg = f"setting {f.name}: expected a number ≥ 0, got {value}"
                raise ConfigError(msg)
        if self.as_of is not None and not EARLIEST_DATE <= self.as_of <= LATEST_DATE:
            msg = f"setting as_of: expected a date from {EARLIEST_DATE} to {LATEST_DATE}, got {self.as_of}"
            raise ConfigError(msg)
        if self.lang not in {"zh", "en"}:
            msg = f"setting lang: expected 'zh' or 'en', got {self.lang!r}"
            raise ConfigError(msg)

    @property
    def today(self) -> dt.date:
        """The as-of date, or today's date when ``as_of`` is unset."""
        return self.as_of if self.as_of is not None else dt.date.today()

    def replace(self, **changes: Any) -> Settings:
        """Return a copy with some fields changed (values may be strings).

        Examples
        --------
        >>> Settings().replace(branch_max_members="40").branch_max_members
        40

        """
        return Settings.from_mapping({**self.to_dict(), **changes})

    def to_dict(self) -> dict[str, Any]:
        """Return the settings as a plain dict (as_of as an ISO date or None)."""
        d = dataclasses.asdict(self)
        d["as_of"] = self.as_of.isoformat() if self.as_of else None
        return d

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any], *, source: str = "settings") -> Settings:
        """Build settings from a mapping, converting strings to the field types.

        Raises
        ------
        ConfigError
            On an unknown key or a value that does not convert.

        """
        known = {f.name: f for f in dataclasses.fields(cls)}
        kwargs: dict[str, Any] = {}
        for key, value in values.items():
            if key in _RENAMED:
                raise ConfigError(_removed_message(key, source))
            if key not in known:
                msg = f"{source}: unknown setting {key!r}; known settings: " + ", ".join(sorted(known))
                raise ConfigError(msg)
            kwargs[key] = _convert(key, known[key].type, value, source)
        return cls(**kwargs)

    @classmethod
    def from_toml(cls, path: str | Path) -> Settings:
        """Read settings from a TOML file (top-level keys or a ``[settings]`` table)."""
        path = Path(path)
        try:
            if path.exists() and not path.is_file():  # a FIFO or device would block or never end
                msg = f"{path}: cannot read settings: not a regular file"
                raise ConfigError(msg)
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            msg = f"{path}: cannot read settings: {exc}"
            raise ConfigError(msg) from exc
        data = data.get("settings", data)
        return cls.from_mapping(data, source=str(path))

    @classmethod
    def from_overrides(cls, pairs: Iterable[str], *, base: Settings | None = None) -> Settings:
        """Apply ``KEY=VALUE`` strings (as given to ``--set``) on top of ``base``."""
        values = (base or cls()).to_dict()
        for pair in pairs:
            key, sep, value = pair.partition("=")
            if not sep:
                msg = f"--set {pair!r}: expected KEY=VALUE"
                raise ConfigError(msg)
            values[key.strip()] = value.strip()
        return cls.from_mapping(values, source="--set")


def _convert(key: str, typ: Any, value: Any, source: str) -> Any:
    if typ == "int":
        if isinstance(value, bool):
            value = str(value)
        try:
            return int(value)
        except (TypeError, ValueError):
            msg = f"{source}: setting {key}: expected a whole number, got {value!r}"
            raise ConfigError(msg) from None
    if typ == "dt.date | None":
        if value is None or value == "" or isinstance(value, dt.date):
            return value or None
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            msg = f"{source}: setting {key}: expected a date YYYY-MM-DD, got {value!r}"
            raise ConfigError(msg) from None
    return str(value)
