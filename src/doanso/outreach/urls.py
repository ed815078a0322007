"""Pages of the outreach app (mounted at /outreach/ by doanso.urls)."""

app_name = "outreach"
urlpatterns: list = []
