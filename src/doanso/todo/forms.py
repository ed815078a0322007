from django import forms
from django.utils.translation import gettext_lazy as _

from doanso.todo.models import Channel, Preference


class PreferenceForm(forms.ModelForm):
    channels = forms.MultipleChoiceField(
        label=_("Kênh nhận nhắc việc"),
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Preference
        fields = ["channels", "zalo_user_id", "telegram_chat_id", "quiet_from", "quiet_to"]
        widgets = {
            "quiet_from": forms.TimeInput(attrs={"type": "time"}),
            "quiet_to": forms.TimeInput(attrs={"type": "time"}),
        }

    def clean(self):
        data = super().clean()
        chosen = data.get("channels") or []
        if Channel.ZALO in chosen and not data.get("zalo_user_id"):
            self.add_error("zalo_user_id", _("Cần mã người dùng Zalo để nhận nhắc việc qua Zalo."))
        if Channel.TELEGRAM in chosen and not data.get("telegram_chat_id"):
            self.add_error("telegram_chat_id", _("Cần mã cuộc trò chuyện Telegram để nhận qua Telegram."))
        if bool(data.get("quiet_from")) != bool(data.get("quiet_to")):
            self.add_error("quiet_to", _("Giờ không nhắc cần cả giờ bắt đầu và giờ kết thúc."))
        return data
