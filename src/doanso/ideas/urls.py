"""Pages of the ideas app (mounted at /ideas/ by doanso.urls)."""

from django.urls import path

from doanso.ideas import views

app_name = "ideas"
urlpatterns = [
    path("", views.board, name="board"),
    path("new/", views.new, name="new"),
    path("gallery/", views.gallery, name="gallery"),
    path("moderation/", views.moderation, name="moderation"),
    path("<int:idea_id>/", views.detail, name="detail"),
    path("<int:idea_id>/move/", views.move, name="move"),
    path("<int:idea_id>/support/", views.support, name="support"),
    path("<int:idea_id>/endorse/", views.endorse, name="endorse"),
    path("<int:idea_id>/report/", views.report, name="report"),
    path("<int:idea_id>/moderate/", views.moderate, name="moderate"),
]
