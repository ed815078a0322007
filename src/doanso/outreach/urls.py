"""Pages of the outreach app (mounted at /outreach/ by doanso.urls)."""

from django.urls import path

from doanso.outreach import views

app_name = "outreach"
urlpatterns = [
    path("", views.index, name="index"),
    path("public/media/", views.public_media, name="public_media"),
    path("media/<int:media_id>/", views.media_detail, name="media_detail"),
    path("media/<int:media_id>/download/", views.media_download, name="media_download"),
    path("<str:code>/", views.unit_posts, name="unit"),
    path("<str:code>/channels/", views.unit_channels, name="channels"),
    path("<str:code>/compliance/", views.unit_compliance, name="compliance"),
    path("<str:code>/media/", views.unit_media, name="media"),
]
