"""Forms of the outreach pages (validation of shapes; the services check the rest)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from doanso.core.forms import VnDateField
from doanso.outreach.models import ChannelKind, MediaKind, PostKind


class PostForm(forms.Form):
    url = forms.CharField(
        label=_("Địa chỉ bài viết"),
        max_length=2000,
        widget=forms.URLInput(attrs={"inputmode": "url", "placeholder": "https://"}),
    )
    kind = forms.ChoiceField(label=_("Loại bài"), choices=PostKind.choices)
    published = VnDateField(label=_("Ngày đăng"))
    reach = forms.IntegerField(label=_("Lượt tiếp cận"), required=False, min_value=0, max_value=2**31 - 1)


class ChannelForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại kênh"), choices=ChannelKind.choices)
    url = forms.CharField(
        label=_("Địa chỉ kênh"), max_length=1000, widget=forms.URLInput(attrs={"placeholder": "https://"})
    )
    name = forms.CharField(label=_("Tên kênh"), max_length=200, required=False)


class RuleForm(forms.Form):
    good_news_per_day = forms.IntegerField(label=_("Tin tốt mỗi ngày"), min_value=0, max_value=100)
    stories_per_week = forms.IntegerField(label=_("Câu chuyện đẹp mỗi tuần"), min_value=0, max_value=100)
    posts_per_week = forms.IntegerField(label=_("Số bài tối thiểu mỗi tuần"), min_value=0, max_value=100)


class MediaForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại"), choices=MediaKind.choices)
    title = forms.CharField(label=_("Tiêu đề"), max_length=200)
    file = forms.FileField(label=_("Tệp"))
    tags = forms.CharField(label=_("Thẻ (cách nhau bằng dấu phẩy)"), max_length=300, required=False)
    description = forms.CharField(
        label=_("Mô tả"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    licence = forms.CharField(label=_("Giấy phép"), max_length=100, required=False, initial="CC BY 4.0")
    author = forms.CharField(label=_("Tác giả"), max_length=200, required=False)
    public = forms.BooleanField(label=_("Cho phép công khai sau khi duyệt"), required=False)
