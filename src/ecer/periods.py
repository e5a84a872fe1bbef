"""Reporting periods: year ``2021``, half-year ``2021H1``, quarter ``2021Q3``, month ``2021-07`` and
year-to-date ``2021-07YTD`` (January to July 2021, as "1—7月" in Chinese statistics).

Chinese energy statistics compare a period with the *same period of the previous year* (同比) and, for
progress, with the same period of the plan's base year (2020 for the 14th Five-Year Plan).

>>> p = Period.parse("2021H1")
>>> p.kind, p.year, p.months
('H', 2021, (1, 2, 3, 4, 5, 6))
>>> str(p.shift_years(-1)), str(Period.parse("2021-07YTD").shift_years(-1))
('2020H1', '2020-07YTD')
>>> Period.parse("2021-07").label_zh
'2021年7月'
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

Kind = Literal["Y", "H", "Q", "M", "YTD"]

_PATTERNS: list[tuple[Kind, re.Pattern[str]]] = [
    ("Y", re.compile(r"^([0-9]{4})$")),
    ("H", re.compile(r"^([0-9]{4})H([12])$", re.IGNORECASE)),
    ("Q", re.compile(r"^([0-9]{4})Q([1-4])$", re.IGNORECASE)),
    ("M", re.compile(r"^([0-9]{4})-(0[1-9]|1[0-2])$")),
    ("YTD", re.compile(r"^([0-9]{4})-(0[1-9]|1[0-2])YTD$", re.IGNORECASE)),
]

KIND_ORDER: dict[str, int] = {"Y": 0, "H": 1, "Q": 2, "YTD": 3, "M": 4}


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period. ``index`` is the half, quarter or (last) month; 0 for a year."""

    year: int
    kind: Kind
    index: int = 0

    @classmethod
    def parse(cls, text: str | int) -> Period:
        """Parse a period label; raises ``ValueError`` naming the accepted forms.

        >>> Period.parse(" 2021q3 ")
        Period(year=2021, kind='Q', index=3)
        >>> Period.parse("2021-13")
        Traceback (most recent call last):
        ...
        ValueError: malformed period '2021-13': use 2021, 2021H1, 2021Q3, 2021-07 or 2021-07YTD
        """
        s = str(text).strip()
        if isinstance(text, float) and float(text).is_integer():  # a year typed into Excel
            s = str(int(text))
        for kind, pat in _PATTERNS:
            m = pat.match(s)
            if m:
                year = int(m.group(1))
                if not 1949 <= year <= 2100:
                    break
                idx = int(m.group(2)) if kind != "Y" else 0
                return cls(year, kind, idx)
        raise ValueError(f"malformed period {s!r}: use 2021, 2021H1, 2021Q3, 2021-07 or 2021-07YTD")

    def __str__(self) -> str:
        if self.kind == "Y":
            return f"{self.year}"
        if self.kind == "H":
            return f"{self.year}H{self.index}"
        if self.kind == "Q":
            return f"{self.year}Q{self.index}"
        if self.kind == "M":
            return f"{self.year}-{self.index:02d}"
        return f"{self.year}-{self.index:02d}YTD"

    @property
    def label_zh(self) -> str:
        if self.kind == "Y":
            return f"{self.year}年"
        if self.kind == "H":
            return f"{self.year}年{'上' if self.index == 1 else '下'}半年"
        if self.kind == "Q":
            return f"{self.year}年第{self.index}季度"
        if self.kind == "M":
            return f"{self.year}年{self.index}月"
        return f"{self.year}年1—{self.index}月"

    @property
    def months(self) -> tuple[int, ...]:
        """Calendar months the period covers."""
        if self.kind == "Y":
            return tuple(range(1, 13))
        if self.kind == "H":
            return tuple(range(1, 7)) if self.index == 1 else tuple(range(7, 13))
        if self.kind == "Q":
            return tuple(range(3 * self.index - 2, 3 * self.index + 1))
        if self.kind == "M":
            return (self.index,)
        return tuple(range(1, self.index + 1))

    @property
    def fraction_of_year(self) -> float:
        """Share of the calendar year the period covers, by months.

        >>> Period.parse("2021Q2").fraction_of_year
        0.25
        """
        return len(self.months) / 12

    @property
    def end(self) -> date:
        """The last day of the period: rules in force on that day govern it (docs/decisions/0001 item 3).

        >>> Period.parse("2021H1").end, Period.parse("2024-02").end, Period.parse("2021").end
        (datetime.date(2021, 6, 30), datetime.date(2024, 2, 29), datetime.date(2021, 12, 31))
        """
        last = self.months[-1]
        return date(self.year, last, calendar.monthrange(self.year, last)[1])

    def shift_years(self, n: int) -> Period:
        """The same period ``n`` years later (negative: earlier)."""
        return Period(self.year + n, self.kind, self.index)

    def month_periods(self) -> list[Period]:
        """The monthly periods that make up this period."""
        return [Period(self.year, "M", m) for m in self.months]

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, KIND_ORDER[self.kind], self.index)


def parse_period(text: str | int) -> Period:
    """Module-level alias of :meth:`Period.parse`."""
    return Period.parse(text)


def is_period(text: str) -> bool:
    try:
        Period.parse(text)
    except ValueError:
        return False
    return True
