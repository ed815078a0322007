"""factory-boy factories, one per model, each creating its row through the owning app's services
(so counters, history and audit are written exactly as in production).

    branch = BranchFactory(parent=unit("HN"))
    m = MemberFactory(branch=branch, birth_date=date(1996, 3, 1))
    NominationFactory(member=m, year=2025, outcome="admitted")
"""

from datetime import date

import factory

from doanso.accounts.models import RoleKind, User
from doanso.members.models import Consent, DuesPayment, Gender, Member, Nomination
from doanso.org.models import Unit, UnitKind


class UnitFactory(factory.Factory):
    """A unit, through `org.services.create_unit` (a root unless `parent` is given)."""

    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"FX{n:05d}")
    name = factory.LazyAttribute(lambda o: f"Đơn vị thử {o.code}")
    kind = UnitKind.CO_SO
    parent = None

    @classmethod
    def _create(cls, model_class, **kw):
        from doanso.org import services

        return services.create_unit(
            None, code=kw["code"], name=kw["name"], kind=kw["kind"], parent=kw["parent"]
        )


class BranchFactory(UnitFactory):
    """A chi đoàn; by default under a new đoàn cơ sở."""

    kind = UnitKind.CHI_DOAN
    name = factory.LazyAttribute(lambda o: f"Chi đoàn thử {o.code}")
    parent = factory.SubFactory(UnitFactory, kind=UnitKind.CO_SO)


class UserFactory(factory.Factory):
    """An account acting for `unit` with `role`, through `accounts.services.create_user`."""

    class Meta:
        model = User

    unit = factory.SubFactory(UnitFactory)
    username = factory.Sequence(lambda n: f"factory.user{n}")
    role = RoleKind.ADMIN
    password = "mat-khau-thu-9"
    member = None

    @classmethod
    def _create(cls, model_class, **kw):
        from doanso.accounts import services

        return services.create_user(
            None, kw["unit"], kw["username"], role=kw["role"], password=kw["password"], member=kw["member"]
        )


class MemberFactory(factory.Factory):
    """A member, through `members.actions.records.add_member` (counters, history and audit included)."""

    class Meta:
        model = Member

    branch = factory.SubFactory(BranchFactory)
    full_name = factory.Sequence(lambda n: f"Nguyễn Thị Mẫu {n}")
    birth_date = date(2003, 6, 15)
    gender = Gender.FEMALE
    # Right by its structure: HCM (079), the century/gender digit, the birth year's last two digits.
    cccd = factory.LazyAttributeSequence(
        lambda o, n: (
            f"079{o.birth_date.year // 100 * 2 - 38 + (o.gender != Gender.MALE)}"
            f"{o.birth_date.year % 100:02d}{n:06d}"
        )
    )
    admitted_on = factory.LazyAttribute(lambda o: date(o.birth_date.year + 17, 3, 26))
    actor = None

    @classmethod
    def _create(cls, model_class, actor=None, **kw):
        from doanso.members.actions import records

        return records.add_member(actor, **kw)


def _admin_of_branch(o):
    return UserFactory(unit=o.member.branch, role=RoleKind.ADMIN)


class NominationFactory(factory.Factory):
    """Đoàn viên ưu tú nominated through `actions.nominations.nominate`; `outcome` other than pending is then
    recorded through `actions.nominations.record_nomination_outcome`."""

    class Meta:
        model = Nomination

    member = factory.SubFactory(MemberFactory)
    year = 2025
    on = None
    outcome = "pending"
    actor = factory.LazyAttribute(_admin_of_branch)

    @classmethod
    def _create(cls, model_class, *, member, year, on, outcome, actor):
        from doanso.members.actions import nominations

        n = nominations.nominate(actor, member, year, on)
        if outcome != "pending":
            n = nominations.record_nomination_outcome(actor, n, outcome, on)
        return n


class ConsentFactory(factory.Factory):
    """A consent record through `actions.consents.give_consent` (a guardian's name for a minor)."""

    class Meta:
        model = Consent

    member = factory.SubFactory(MemberFactory)
    purpose = "registry"
    guardian_name = ""
    actor = factory.LazyAttribute(_admin_of_branch)

    @classmethod
    def _create(cls, model_class, *, member, purpose, guardian_name, actor):
        from doanso.members.actions import consents

        return consents.give_consent(actor, member, purpose, guardian_name)


class DuesPaymentFactory(factory.Factory):
    """A month's dues paid by one member, through `actions.dues.record_dues` (rate table amounts)."""

    class Meta:
        model = DuesPayment

    member = factory.SubFactory(MemberFactory)
    month = "2025-03"
    paid_on = date(2025, 3, 10)
    actor = factory.LazyAttribute(_admin_of_branch)

    @classmethod
    def _create(cls, model_class, *, member, month, paid_on, actor):
        from doanso.members.actions import dues

        dues.record_dues(actor, member.branch, month, [member.pk], paid_on)
        return DuesPayment.objects.get(member=member, month=month)
