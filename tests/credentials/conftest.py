import copy

import pytest


@pytest.fixture
def issue(db):
    """Issue a certificate in a demo unit's name: issue("HCM", subject_name="…")."""
    from doanso.credentials.api import issue_achievement
    from doanso.org.models import Unit

    def make(code: str = "HCM", **kw):
        args = {
            "subject_name": "Nguyễn Văn An",
            "subject_member_id": None,
            "achievement_name": "Giải Nhất cuộc thi tìm hiểu Nghị quyết",
            "achievement_description": "Trả lời đúng 10/10 câu hỏi vòng 3.",
            "source": "contest",
            "source_id": 7,
        }
        args.update(kw)
        return issue_achievement(issuer_unit=Unit.objects.get(code=code), **args)

    return make


@pytest.fixture
def doc():
    """A deep copy of a credential's document (tests tamper with it freely)."""
    return lambda cred: copy.deepcopy(cred.document)
