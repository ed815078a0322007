"""Pages of the learning app (mounted at /learning/ by doanso.urls)."""

app_name = "learning"
urlpatterns: list = []
