"""Pages of the credentials app (mounted at /credentials/ by doanso.urls)."""

app_name = "credentials"
urlpatterns: list = []
