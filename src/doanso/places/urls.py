"""Pages of the places app (mounted at /places/ by doanso.urls)."""

app_name = "places"
urlpatterns: list = []
