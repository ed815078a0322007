"""Pages of the agenda app (mounted at /agenda/ by doanso.urls)."""

app_name = "agenda"
urlpatterns: list = []
