"""Pages of the activities app (mounted at /activities/ by doanso.urls)."""

app_name = "activities"
urlpatterns: list = []
