"""Attendance files (CSV/XLSX) for activities held offline, read with the members import rules
(`core.tabular`: content sniffing, hostile-file limits, row numbers as the spreadsheet shows them).

Columns: "Mã đoàn viên" or "Số thẻ đoàn viên" for members; "Họ và tên" + "Số điện thoại" for guests
(activities open to youth outside the Union). Every row is checked first; one error and nothing is
written. People already checked in are skipped (counted once) and reported.
"""

import tempfile
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext

from doanso.accounts.scoping import scope_for
from doanso.activities import selectors, services
from doanso.activities.models import Activity, Method, Participation
from doanso.core import audit, crypto, tabular
from doanso.core.errors import ImportFailed, RowError, UserError
from doanso.members.api import Member

MAX_ROWS = 5000
ID, CARD, NAME, PHONE = "Mã đoàn viên", "Số thẻ đoàn viên", "Họ và tên", "Số điện thoại"
COLUMNS = (ID, CARD, NAME, PHONE)


def _score(cells: list[str]) -> int:
    return sum(1 for c in cells if c.strip() in COLUMNS)


def load(user, activity: Activity, upload) -> tuple[int, int]:
    """Check every row, then write them all (or nothing): returns (added, skipped as already there)."""
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "attendance"
        with open(path, "wb") as fh:
            for chunk in upload.chunks():
                fh.write(chunk)
        table = tabular.open_table(path, header_score=_score, min_score=1)
        col = {name.strip(): i for i, name in enumerate(table.header) if name.strip()}
        if ID not in col and CARD not in col and not (NAME in col and PHONE in col):
            raise UserError(
                gettext("Tệp cần cột “%(id)s” hoặc “%(card)s” (hoặc “%(name)s” và “%(phone)s” cho khách).")
                % {"id": ID, "card": CARD, "name": NAME, "phone": PHONE},
                field="file",
            )
        rows = []
        for n, cells in table.rows:
            if len(rows) >= MAX_ROWS:
                raise UserError(gettext("Tệp có quá %(n)s dòng.") % {"n": MAX_ROWS}, field="file")
            rows.append((n, {k: (cells[i] if i < len(cells) else "").strip() for k, i in col.items()}))
    return _apply(user, activity, rows)


def _apply(user, activity: Activity, rows: list[tuple[int, dict]]) -> tuple[int, int]:
    scope = scope_for(user)
    in_scope = Member.objects.filter(scope.q("branch__path")).select_related("branch")
    ids = [int(r[ID]) for _, r in rows if r.get(ID, "").isdigit()]
    cards = [r[CARD] for _, r in rows if r.get(CARD)]
    by_id = {m.pk: m for m in in_scope.filter(pk__in=ids)}
    by_card = {m.card_number: m for m in in_scope.filter(card_number__in=cards)}
    already = set(
        Participation.objects.filter(activity=activity).values_list("member_id", "guest_phone_hash")
    )
    errors: list[RowError] = []
    todo: list[tuple[Member | None, str, str]] = []
    seen: set = set()
    skipped = 0
    for n, r in rows:
        raw_id, card = r.get(ID, ""), r.get(CARD, "")
        if raw_id or card:
            m = by_id.get(int(raw_id)) if raw_id.isdigit() else None
            m = m or (by_card.get(card) if card else None)
            if m is None:
                field = ID if raw_id else CARD
                errors.append(
                    RowError(
                        n,
                        field,
                        gettext("không tìm thấy đoàn viên “%(v)s” trong đơn vị.") % {"v": raw_id or card},
                    )
                )
                continue
            if not selectors.member_eligible(activity, m.branch.path):
                errors.append(RowError(n, ID, gettext("đoàn viên không thuộc đối tượng tham gia hoạt động.")))
                continue
            key = ("m", m.pk)
            if key in seen:
                errors.append(RowError(n, ID, gettext("đoàn viên có hai lần trong tệp.")))
                continue
            seen.add(key)
            if any(mid == m.pk for mid, _ in already):
                skipped += 1
                continue
            todo.append((m, "", ""))
            continue
        name, phone = r.get(NAME, ""), "".join(ch for ch in r.get(PHONE, "") if ch.isdigit())
        if not name and not phone:
            continue
        if not activity.open_to_public:
            errors.append(
                RowError(n, ID, gettext("thiếu mã đoàn viên (hoạt động không nhận khách ngoài Đoàn)."))
            )
            continue
        if not name:
            errors.append(RowError(n, NAME, gettext("chưa nhập họ tên.")))
            continue
        if not 9 <= len(phone) <= 11:
            errors.append(RowError(n, PHONE, gettext("số điện thoại không hợp lệ (9–11 chữ số).")))
            continue
        h = crypto.lookup_hash(phone)
        if ("g", h) in seen:
            errors.append(RowError(n, PHONE, gettext("số điện thoại có hai lần trong tệp.")))
            continue
        seen.add(("g", h))
        if any(gh == h for _, gh in already):
            skipped += 1
            continue
        todo.append((None, name, phone))
    if errors:
        raise UserError(str(ImportFailed(errors)), field="file")
    if activity.capacity is not None and activity.participations_count + len(todo) > activity.capacity:
        raise UserError(
            gettext("Tệp thêm %(n)s lượt, vượt số lượng tối đa %(cap)s của hoạt động; không ghi gì.")
            % {"n": len(todo), "cap": activity.capacity},
            field="file",
        )
    with transaction.atomic():
        for m, name, phone in todo:
            if m is not None:
                fields, who, text = {"member": m}, f"m{m.pk}", m.full_name
            else:
                h = crypto.lookup_hash(phone)
                fields = {
                    "guest_name": name[:120],
                    "guest_phone_enc": crypto.encrypt(phone),
                    "guest_phone_hash": h,
                }
                who, text = f"g{h[:60]}", name
            services.write_participation(user, activity, fields, who, text, Method.FILE, activity.start, None)
        audit.record(
            user, "activity.attendance.file", activity, unit=activity.unit, added=len(todo), skipped=skipped
        )
    return len(todo), skipped
