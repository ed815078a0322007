"""Web forms of the plans app. They only collect input: every rule is checked by plans.actions,
whose UserError names the field the message is shown on."""

import re
from datetime import date, time

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from doanso.core import vn
from doanso.core.calendar.rules import DEFAULT_TIME, WEEKDAY_NAMES, WEEKDAYS, DueRule
from doanso.core.collation import sorted_vi
from doanso.core.errors import UserError
from doanso.core.forms import VnDateField, VnPeriodField
from doanso.org.models import UnitKind
from doanso.plans.models import AppliesTo, Direction, Indicator, PlanKind, Signature


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def indicator_choices() -> list[tuple[str, str]]:
    """Indicators by name in Vietnamese order: people choose by name, never by code."""
    rows = Indicator.objects.values_list("code", "name")
    return [(code, name) for code, name in sorted_vi(rows, key=lambda r: r[1])]


def _plain(value) -> str:
    """Decimal("12.5000") → "12,5", 60000 → "60.000": what an input shows, read back the same by core.vn."""
    return "" if value is None else vn.format_number(value)


class ServiceErrorsMixin:
    """Put an action's UserError on the field it names (or an alias of it), else on the form."""

    aliases: dict[str, str] = {}

    def add_user_error(self, exc) -> None:
        name = self.aliases.get(exc.field or "", exc.field)
        self.add_error(name if name in self.fields else None, exc.message)


class PlanForm(ServiceErrorsMixin, forms.Form):
    aliases = {"period": "period_start", "number": None}

    kind = forms.ChoiceField(label=_("Loại văn bản"), choices=PlanKind.choices, initial=PlanKind.KH)
    title = forms.CharField(label=_("Trích yếu"), max_length=500, required=False)
    period_start = VnPeriodField(label=_("Từ kỳ"), required=False)
    period_end = VnPeriodField(label=_("Đến kỳ"), required=False, help_text="")
    issued_on = VnDateField(label=_("Ngày ban hành"))
    place = forms.CharField(label=_("Địa danh"), max_length=80, required=False)
    department = forms.CharField(label=_("Ký hiệu bộ phận soạn thảo"), max_length=20, required=False)
    signature = forms.ChoiceField(label=_("Thẩm quyền ký"), choices=Signature.choices, initial=Signature.BTV)
    signer_title = forms.CharField(label=_("Chức vụ người ký"), max_length=60, initial="BÍ THƯ")
    signer_name = forms.CharField(label=_("Người ký"), max_length=120, required=False)
    recipients = forms.CharField(
        label=_("Nơi nhận"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mỗi dòng một nơi."),
    )
    implements = forms.MultipleChoiceField(label=_("Thực hiện văn bản"), required=False)
    implements_refs = forms.CharField(
        label=_("Căn cứ khác (văn bản ngoài hệ thống)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Mỗi dòng một văn bản."),
    )

    def __init__(self, *args, parents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["implements"].choices = [(str(p.pk), f"{p.symbol} {p.title[:100]}") for p in parents]
        self.parents = {str(p.pk): p for p in parents}

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        return {
            "kind": d["kind"],
            "title": d["title"],
            "period_start": d["period_start"],
            "period_end": d["period_end"],
            "issued_on": d["issued_on"],
            "place": d["place"],
            "department": d["department"],
            "signature": d["signature"],
            "signer_title": d["signer_title"],
            "signer_name": d["signer_name"],
            "recipients": _lines(d["recipients"]),
            "implements": [self.parents[i] for i in d["implements"]],
            "implements_refs": _lines(d["implements_refs"]),
        }


class TargetForm(ServiceErrorsMixin, forms.Form):
    indicator = forms.ChoiceField(label=_("Chỉ số"))
    value = forms.CharField(label=_("Giá trị"), max_length=30, required=False)
    direction = forms.ChoiceField(label=_("Chiều"), choices=Direction.choices, initial=Direction.AT_LEAST)
    value_max = forms.CharField(
        label=_("Giá trị tối đa"), max_length=30, required=False, help_text=_("Chỉ với chỉ tiêu dạng khoảng.")
    )
    period = VnPeriodField(label=_("Kỳ"), required=False)
    due_on = VnDateField(label=_("Hạn hoàn thành"), required=False)
    item = forms.CharField(label=_("Mục"), max_length=20, required=False)
    text = forms.CharField(label=_("Nguyên văn"), max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [("", "—")] + indicator_choices()

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        return {
            "indicator": d["indicator"],
            "value": d["value"],
            "direction": d["direction"],
            "value_max": d["value_max"] or None,
            "period": d["period"],
            "due_on": d["due_on"],
            "item": d["item"],
            "text": d["text"],
        }


class AllocationForm(ServiceErrorsMixin, forms.Form):
    """One row per child unit: its share of the target (blank = none)."""

    def __init__(self, *args, children=(), current=None, **kwargs):
        super().__init__(*args, **kwargs)
        current = current or {}
        self.children = list(children)
        for u in self.children:
            self.fields[self.key(u)] = forms.CharField(
                label=u.name, required=False, max_length=30, initial=_plain(current.get(u.pk))
            )

    @staticmethod
    def key(unit) -> str:
        return f"share_{unit.code}"

    def shares(self) -> dict:
        return {
            u: self.cleaned_data[self.key(u)] for u in self.children if self.cleaned_data[self.key(u)].strip()
        }

    def add_user_error(self, exc) -> None:
        for u in self.children:
            if u.name in exc.message:
                self.add_error(self.key(u), exc.message)
                return
        self.add_error(None, exc.message)


DUE_KINDS = [
    ("weekly", _("Hằng tuần")),
    ("monthly", _("Hằng tháng")),
    ("quarterly", _("Hằng quý")),
    ("yearly", _("Hằng năm")),
    ("every 2 years", _("02 năm/lần")),
    ("once", _("Một lần, trước ngày")),
]
LEVELS = [(k, label) for k, label in UnitKind.choices if k != UnitKind.TRUNG_UONG]


def _clock(text: str) -> time:
    """ "12:00" as typed in the form's time field; the default deadline time when empty."""
    text = (text or "").strip()
    m = re.fullmatch(r"(\d{1,2}):(\d{2})", text)
    if not text:
        return DEFAULT_TIME
    if not m or int(m[1]) > 23 or int(m[2]) > 59:
        raise UserError(gettext("Giờ “%(t)s” không hợp lệ.") % {"t": text}, field="due_rule")
    return time(int(m[1]), int(m[2]))


class ObligationForm(ServiceErrorsMixin, forms.Form):
    title = forms.CharField(label=_("Tên báo cáo"), max_length=300, required=False)
    indicators = forms.MultipleChoiceField(
        label=_("Chỉ số phải báo cáo"), required=False, widget=forms.SelectMultiple(attrs={"size": 8})
    )
    due_rule = forms.ChoiceField(
        label=_("Hạn nộp"), choices=DUE_KINDS, initial="weekly", widget=forms.RadioSelect
    )
    weekday = forms.ChoiceField(
        label=_("Thứ (báo cáo tuần)"),
        choices=list(zip(WEEKDAYS, WEEKDAY_NAMES, strict=True)),
        initial="FR",
        required=False,
    )
    at = forms.CharField(label=_("Giờ"), max_length=5, initial="12:00", required=False)
    day = forms.CharField(
        label=_("Ngày hạn"),
        max_length=10,
        required=False,
        help_text=_("Hằng tháng/quý: ngày trong tháng (25); hằng năm, 02 năm/lần: ngày/tháng (30/11)."),
    )
    on = VnDateField(label=_("Ngày (một lần)"), required=False)
    applies_to = forms.ChoiceField(
        label=_("Áp dụng cho"),
        choices=AppliesTo.choices,
        initial=AppliesTo.CHILDREN,
        widget=forms.RadioSelect,
    )
    units = forms.MultipleChoiceField(label=_("Các đơn vị được chọn"), required=False)
    level = forms.ChoiceField(label=_("Đến cấp"), choices=[("", "—")] + LEVELS, required=False)

    def __init__(self, *args, children=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicators"].choices = indicator_choices()
        self.children = {u.code: u for u in children}
        self.fields["units"].choices = [(u.code, u.name) for u in children]

    def rule_text(self) -> str:
        """The due rule as an RFC 5545 RRULE, built from the form's fields (`add_obligation` reads it
        with `core.calendar.rules.parse`); a UserError on "due_rule" when a field cannot be read."""
        d = self.cleaned_data
        kind = d["due_rule"]
        if kind == "weekly":
            return DueRule("weekly", weekday=WEEKDAYS.index(d["weekday"] or "FR"), at=_clock(d["at"])).rrule
        arg = d["on"].isoformat() if kind == "once" and d["on"] else d["day"].strip()
        try:
            if kind == "once":
                return DueRule.once_on(date.fromisoformat(arg)).rrule
            if kind in ("monthly", "quarterly"):
                day = int(arg)
                if not 1 <= day <= 31:
                    raise ValueError
                return DueRule(kind, day=day).rrule
            day, month = (int(x) for x in arg.split("/"))  # yearly, every 2 years: "30/11"
            if not (1 <= month <= 12 and 1 <= day <= 31):
                raise ValueError
            return DueRule("yearly", 2 if kind == "every 2 years" else 1, day=day, month=month).rrule
        except ValueError:
            raise UserError(
                gettext("Quy tắc hạn nộp “%(rule)s”: ngày “%(d)s” không hợp lệ.")
                % {"rule": dict(DUE_KINDS)[kind], "d": arg},
                field="due_rule",
            ) from None

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        return {
            "title": d["title"],
            "due_rule": self.rule_text(),
            "indicators": d["indicators"],
            "applies_to": d["applies_to"],
            "units": [self.children[c] for c in d["units"]],
            "level": d["level"] if d["applies_to"] == AppliesTo.LEVEL else "",
        }


class IssueForm(ServiceErrorsMixin, forms.Form):
    """ "Ban hành" on a draft: the unit's symbol (from its register, asked for when it has none) and,
    optionally, a number chosen by hand (else the next of the register)."""

    symbol = forms.CharField(
        label=_("Ký hiệu của đơn vị"),
        max_length=20,
        required=False,
        help_text=_("Ví dụ ĐTN, CĐ; được ghi vào sổ văn bản của đơn vị và dùng cho các lần sau."),
    )
    number = forms.IntegerField(
        label=_("Số văn bản"),
        required=False,
        min_value=1,
        help_text=_("Để trống: cấp số tiếp theo trong sổ văn bản của đơn vị."),
    )
