"""Pages of the exemplars app (mounted at /exemplars/ by doanso.urls)."""

from django.urls import path

from doanso.exemplars import views

app_name = "exemplars"
urlpatterns = [
    path("me/", views.me, name="me"),
    path("units/<str:code>/criteria/", views.unit_criteria, name="criteria"),
    path("criteria/<int:criterion_id>/edit/", views.change_criterion, name="criterion_edit"),
    path("criteria/<int:criterion_id>/delete/", views.delete_criterion, name="criterion_delete"),
    path("units/<str:code>/confirmations/", views.confirmations, name="confirmations"),
    path("assessments/<int:assessment_id>/confirm/", views.confirm, name="confirm"),
    path("assessments/<int:assessment_id>/return/", views.send_back, name="return"),
    path("units/<str:code>/nominations/", views.board, name="board"),
    path("nominations/<int:exemplar_nomination_id>/forward/", views.forward, name="forward"),
    path("nominations/<int:exemplar_nomination_id>/decline/", views.decline, name="decline"),
    path("nominations/<int:exemplar_nomination_id>/honour/", views.honour, name="honour"),
    path("nominations/<int:exemplar_nomination_id>/evidence/", views.evidence, name="evidence"),
    path("units/<str:code>/honours/", views.unit_honours, name="honours"),
    path("honours/<int:honour_id>/story/", views.story, name="story"),
    path("public/", views.public, name="public"),
]
