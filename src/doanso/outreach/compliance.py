"""The campaign rule "mỗi ngày một tin tốt, mỗi tuần một câu chuyện đẹp, ≥ 2 bài mỗi tuần", checked
against a unit's posts per day (pure: the counts come from the subtree counters).

For a period (a week, a month…) and a unit:
- `expected`: the posts the rule asks for over the days already begun (days × tin tốt per day, plus
  câu chuyện đẹp per week for each week, at least the weekly minimum of posts);
- `logged`: the posts of every kind the unit's subtree published in the period;
- `missing_days`: the days (up to today) with fewer tin tốt than the rule asks;
- `missing_weeks`: the ISO weeks (ended, or the current one) short of a câu chuyện đẹp or of posts.
Days after today are neither expected nor missing: a week in progress is judged on its days so far.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from doanso.core.calendar.periods import DAY, WEEK, Period

TIN_TOT, CAU_CHUYEN_DEP, PHAN_BAC = "tin_tot", "cau_chuyen_dep", "phan_bac"
KINDS = (TIN_TOT, CAU_CHUYEN_DEP, PHAN_BAC)


@dataclass(frozen=True)
class Rule:
    good_news_per_day: int = 1
    stories_per_week: int = 1
    posts_per_week: int = 2


DEFAULT_RULE = Rule()

Counts = dict[date, dict[str, int]]  # day -> kind -> posts


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def check(rule: Rule, period: Period, counts: Counts, today: date) -> dict:
    """The compliance of one unit over `period` (see the module's docstring)."""
    last = min(period.end, today)
    days = _days(period.start, last) if last >= period.start else []
    missing_days = [d for d in days if counts.get(d, {}).get(TIN_TOT, 0) < rule.good_news_per_day]
    logged = sum(
        n for d, by_kind in counts.items() if period.start <= d <= period.end for n in by_kind.values()
    )
    # A single day has no weekly rule; longer periods count the weeks that belong to them.
    weekly = days and period.grain != DAY
    weeks = [w for w in period.children(WEEK) if w.start <= last] if weekly else []
    missing_weeks = []
    expected_weekly = 0
    for w in weeks:
        in_week = [d for d in _days(max(w.start, period.start), min(w.end, last))]
        stories = sum(counts.get(d, {}).get(CAU_CHUYEN_DEP, 0) for d in in_week)
        posts = sum(sum(counts.get(d, {}).values()) for d in in_week)
        expected_weekly += rule.stories_per_week
        week_done = w.end <= today
        if stories < rule.stories_per_week or (week_done and posts < rule.posts_per_week):
            missing_weeks.append(w.id)
    expected = max(len(days) * rule.good_news_per_day + expected_weekly, len(weeks) * rule.posts_per_week)
    return {
        "expected": expected,
        "logged": logged,
        "days": len(days),
        "missing_days": missing_days,
        "missing_weeks": missing_weeks,
    }


def share_ok(result: dict) -> float | None:
    """The share of days so far that met the daily rule (None before the period starts)."""
    if not result["days"]:
        return None
    return (result["days"] - len(result["missing_days"])) / result["days"]
