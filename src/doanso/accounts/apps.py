from django.apps import AppConfig


class Config(AppConfig):
    name = "doanso.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from doanso.accounts import tokens

        def remember(sender, request, user, **kwargs):
            # bookkeeping of which session is whose (listing/ending sessions), not business logic
            session = getattr(request, "session", None)
            if session is not None and session.get("_auth_user_id") == str(user.pk):
                tokens.remember_session(request, user)

        user_logged_in.connect(remember, dispatch_uid="doanso.accounts.remember_session")
