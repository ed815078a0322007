"""Guards no other test would miss (found by guard-mutants): the media service refuses a unit
outside the uploader's scope even when a caller forgets to scope it first."""

import pytest
from django.http import Http404

from doanso.outreach.models import MediaItem
from tests.outreach.test_media import _upload

pytestmark = pytest.mark.django_db


def test_upload_refuses_a_unit_outside_the_scope(user, unit):
    with pytest.raises(Http404):
        _upload(user("hn.admin"), unit("HCM-P001"))
    assert not MediaItem.objects.exists()
    assert _upload(user("hcm.admin"), unit("HCM-P001")).unit == unit("HCM-P001")
