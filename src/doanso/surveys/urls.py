"""Pages of the surveys app (mounted at /surveys/ by doanso.urls)."""

app_name = "surveys"
urlpatterns: list = []
