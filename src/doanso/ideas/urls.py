"""Pages of the ideas app (mounted at /ideas/ by doanso.urls)."""

app_name = "ideas"
urlpatterns: list = []
