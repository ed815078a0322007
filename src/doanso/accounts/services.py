"""Account writes: creating users and granting/revoking roles, each scoped and audited.

A unit admin may create accounts and grant roles only for units inside the subtrees
they administer; `actor=None` is the operator at the console (`doanso users`), and a
superuser may act anywhere.
"""

import secrets

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext, pgettext_lazy

from doanso.accounts import tokens
from doanso.accounts.backends import normalise_phone
from doanso.accounts.models import Role, RoleKind, User
from doanso.accounts.scoping import can_administer, scope_for
from doanso.core import audit
from doanso.core.errors import UserError
from doanso.org.models import Unit

ROLE_LABELS = {
    RoleKind.ADMIN: pgettext_lazy("vai trò", "quản trị"),
    RoleKind.STAFF: pgettext_lazy("vai trò", "cán bộ"),
    RoleKind.MEMBER: pgettext_lazy("vai trò", "đoàn viên"),
}


def generate_password() -> str:
    """A random password to hand over once (about 77 bits, easy to type)."""
    return secrets.token_urlsafe(10)


def _check_actor(actor, unit: Unit) -> None:
    if actor is None or getattr(actor, "is_superuser", False):
        return
    if not can_administer(actor, unit):
        raise UserError(
            gettext("Bạn không có quyền quản trị đơn vị “%(name)s” (%(code)s).")
            % {"name": unit.name, "code": unit.code},
            field="unit",
        )


def _check_role(role: str) -> None:
    if role not in RoleKind.values:
        raise UserError(
            gettext("Vai trò “%(role)s” không hợp lệ; chọn admin, staff hoặc member.") % {"role": role},
            field="role",
        )


def _identifier_taken(value: str, exclude_pk: int | None = None) -> bool:
    """Logins accept a username, e-mail or phone, so each must be unique across all three."""
    phone = normalise_phone(value)
    q = Q(username__iexact=value) | Q(email__iexact=value)
    if phone and len(phone) >= 9:
        q |= Q(phone=phone)
    qs = User.objects.filter(q)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.exists()


@transaction.atomic
def create_user(
    actor,
    unit: Unit,
    username: str,
    *,
    role: str,
    full_name: str = "",
    email: str = "",
    phone: str = "",
    password: str | None = None,
    member=None,
) -> User:
    """Create an account acting for `unit` with `role`.

    Without a password one is generated and left on `user.generated_password` so the
    caller can show it once. `member` (a members.Member in the unit's subtree) links a
    member role to their record.

    Long because each argument is checked in turn, with its own Vietnamese message, before the
    single write."""
    _check_actor(actor, unit)
    _check_role(role)
    if not unit.active:
        raise UserError(
            gettext("Đơn vị “%(name)s” đã giải thể/sáp nhập.") % {"name": unit.name}, field="unit"
        )
    username = (username or "").strip()
    email = (email or "").strip().lower()
    phone_raw = (phone or "").strip()
    if not username:
        raise UserError(gettext("Tên đăng nhập không được để trống."), field="username")
    if len(username) > 150 or any(ch.isspace() for ch in username) or "@" in username:
        raise UserError(
            gettext("Tên đăng nhập chỉ gồm chữ, số và . _ - (không dấu cách, không có @)."), field="username"
        )
    if _identifier_taken(username):
        raise UserError(
            gettext("Tên đăng nhập “%(username)s” đã được dùng.") % {"username": username}, field="username"
        )
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise UserError(
                gettext("Địa chỉ e-mail “%(email)s” không hợp lệ.") % {"email": email}, field="email"
            ) from None
        if _identifier_taken(email):
            raise UserError(
                gettext("Địa chỉ e-mail “%(email)s” đã được dùng cho tài khoản khác.") % {"email": email},
                field="email",
            )
    phone_norm = normalise_phone(phone_raw) if phone_raw else ""
    if phone_raw:
        if not (9 <= len(phone_norm) <= 11):
            raise UserError(
                gettext("Số điện thoại “%(phone_raw)s” không hợp lệ.") % {"phone_raw": phone_raw},
                field="phone",
            )
        if _identifier_taken(phone_norm):
            raise UserError(
                gettext("Số điện thoại “%(phone_raw)s” đã được dùng cho tài khoản khác.")
                % {"phone_raw": phone_raw},
                field="phone",
            )
    if member is not None:
        if role != RoleKind.MEMBER:
            raise UserError(
                gettext("Chỉ tài khoản vai trò đoàn viên mới gắn với hồ sơ đoàn viên."), field="member"
            )
        if not member.branch.path.startswith(unit.path):
            raise UserError(gettext("Hồ sơ đoàn viên không thuộc đơn vị này."), field="member")
        if User.objects.filter(member=member).exists():
            raise UserError(
                gettext("Đoàn viên “%(full_name)s” đã có tài khoản.") % {"full_name": member.full_name},
                field="member",
            )
    generated = password is None or password == ""
    if generated:
        password = generate_password()
    user = User(
        username=username,
        email=email,
        phone=phone_norm or None,
        member=member,
        first_name=(full_name or "").strip()[:150],
    )
    user.intended_role = role  # the admin length rule applies before the role row exists
    if not generated:
        try:
            validate_password(password, user)
        except ValidationError as e:
            raise UserError(
                gettext("Mật khẩu không đạt yêu cầu: %(reasons)s") % {"reasons": " ".join(e.messages)},
                field="password",
            ) from None
    user.set_password(password)
    user.save()
    Role.objects.create(
        user=user, unit=unit, role=role, granted_by=actor if getattr(actor, "pk", None) else None
    )
    audit.record(actor, "user.create", user, unit=unit, username=username, role=role)
    user.generated_password = password if generated else None
    return user


def _find_user(identifier: str) -> User | None:
    ident = (identifier or "").strip()
    if not ident:
        return None
    q = Q(username__iexact=ident) | Q(email__iexact=ident)
    phone = normalise_phone(ident)
    if phone:
        q |= Q(phone=phone)
    users = list(User.objects.filter(q)[:2])
    return users[0] if len(users) == 1 else None


def managed_user(actor, identifier: str) -> User:
    """A user the actor may grant roles to: one holding a role inside the actor's admin scope.

    Anyone else answers "not found" so usernames of other provinces do not leak.
    """
    user = _find_user(identifier)
    if user is not None and (actor is None or getattr(actor, "is_superuser", False)):
        return user
    if user is not None:
        admin_paths = scope_for(actor).admin_paths
        rows = user.roles.values_list("unit__path", flat=True)
        if admin_paths and any(p.startswith(a) for p in rows for a in admin_paths):
            return user
    raise UserError(
        gettext("Không tìm thấy tài khoản “%(identifier)s” trong phạm vi bạn quản lý.")
        % {"identifier": identifier},
        field="username",
    )


def managed_user_by_id(actor, user_id: int) -> User | None:
    """The user `user_id` if the actor administers a unit where that user holds a role (or the
    actor is the console/a superuser); None otherwise, so other provinces' accounts stay unseen."""
    user = User.objects.filter(pk=user_id).first()
    if user is None or actor is None or getattr(actor, "is_superuser", False):
        return user
    admin_paths = scope_for(actor).admin_paths
    rows = user.roles.values_list("unit__path", flat=True)
    if admin_paths and any(p.startswith(a) for p in rows for a in admin_paths):
        return user
    return None


@transaction.atomic
def grant_role(actor, user: User, unit: Unit, role: str) -> Role:
    _check_actor(actor, unit)
    _check_role(role)
    if not unit.active:
        raise UserError(
            gettext("Đơn vị “%(name)s” đã giải thể/sáp nhập.") % {"name": unit.name}, field="unit"
        )
    if Role.objects.filter(user=user, unit=unit, role=role).exists():
        raise UserError(
            gettext("“%(username)s” đã có vai trò %(role)s tại “%(name)s”.")
            % {"username": user.username, "role": ROLE_LABELS[role], "name": unit.name},
            field="role",
        )
    r = Role.objects.create(
        user=user, unit=unit, role=role, granted_by=actor if getattr(actor, "pk", None) else None
    )
    audit.record(actor, "role.grant", r, unit=unit, username=user.username, role=role)
    return r


@transaction.atomic
def revoke_role(actor, role: Role) -> None:
    _check_actor(actor, role.unit)
    if actor is not None and actor.pk == role.user_id:
        raise UserError(gettext("Bạn không thể tự thu hồi vai trò của chính mình."), field="role")
    audit.record(actor, "role.revoke", role, unit=role.unit, username=role.user.username, role=role.role)
    role.delete()


def roles_in(actor, unit: Unit):
    """Roles held in `unit`'s subtree, for its admins' account list (scoped)."""
    lo, hi = unit.subtree_range
    qs = Role.objects.filter(unit__path__gte=lo, unit__path__lt=hi)
    if actor is not None and not getattr(actor, "is_superuser", False):
        qs = qs.filter(scope_for(actor).q("unit__path"))
    return qs.select_related("user", "unit").order_by("unit__path", "user__username", "role")


def resettable_user(actor, user_id: int) -> User | None:
    """A user whose password the actor may reset: every role they hold lies inside units the actor
    administers (an admin of a higher unit), not a superuser, not the actor; else None."""
    user = User.objects.filter(pk=user_id).first()
    if user is None or actor is None:
        return user
    if user.pk == actor.pk or (user.is_superuser and not actor.is_superuser):
        return None
    if actor.is_superuser:
        return user
    admin_paths = scope_for(actor).admin_paths
    paths = list(user.roles.values_list("unit__path", flat=True))
    if paths and admin_paths and all(any(p.startswith(a) for a in admin_paths) for p in paths):
        return user
    return None


@transaction.atomic
def reset_password(actor, user: User) -> str:
    """An admin sets a new random password for `user` (shown once to the admin): every token and
    web session of the user ends, and the reset is audited."""
    password = generate_password()
    user.set_password(password)
    user.save(update_fields=["password"])
    tokens.password_changed(actor, user)
    audit.record(actor, "user.password_reset", user, username=user.username)
    return password


@transaction.atomic
def end_access(actor, user: User) -> tuple[int, int]:
    """Log `user` out everywhere: (tokens revoked, web sessions ended)."""
    return tokens.revoke_all(actor, user, "admin"), tokens.end_sessions(actor, user)
