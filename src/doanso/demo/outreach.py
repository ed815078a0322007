"""Demo of the good-news calendar: Hà Nội and its first communes log two weeks of posts on their
channels (some days missed, so the calendar has gaps to show), and TIN_TOT is mixed (posts plus
reported figures)."""

import random
from datetime import timedelta

from doanso.demo.seed import TODAY
from doanso.org.models import Unit
from doanso.outreach import services
from doanso.outreach.models import ChannelKind, Post, PostKind
from doanso.plans.models import Indicator


def step(ctx) -> None:
    # After a test database flush the catalogue is re-added (plans.catalogue.LATER_SOURCES); as migrated.
    Indicator.objects.filter(code="TIN_TOT").update(source="mixed")
    if Post.objects.exists():
        return
    rng = random.Random(16)
    hn = Unit.objects.get(code="HN")
    units = [hn, *Unit.objects.filter(parent=hn, active=True).order_by("path")[:3]]
    start = TODAY - timedelta(days=13)
    for i, unit in enumerate(units):
        host = f"{unit.code.lower()}.doanthanhnien.vn"
        channel = services.add_channel(
            None, unit, kind=ChannelKind.FANPAGE, url=f"https://facebook.com/{host}"
        )
        services.add_channel(None, unit, kind=ChannelKind.WEBSITE, url=f"https://{host}")
        for d in range(14):
            day = start + timedelta(days=d)
            if rng.random() < 0.15 * i:  # the further down the list, the more days missed
                continue
            kind = PostKind.CAU_CHUYEN_DEP if day.weekday() == 4 else PostKind.TIN_TOT
            services.log_post(
                None,
                unit,
                url=f"https://{host}/tin-tot/{day:%Y%m%d}",
                kind=kind,
                published=day,
                reach=rng.randint(200, 5000),
                channel=channel,
                title=f"Tin tốt {unit.name} ngày {day:%d/%m/%Y}",
                fetch_metadata=False,
            )
    ctx.log(f"  outreach: {Post.objects.count()} posts of {len(units)} units")
