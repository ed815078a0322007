"""Pages of the exemplars app (mounted at /exemplars/ by doanso.urls)."""

app_name = "exemplars"
urlpatterns: list = []
