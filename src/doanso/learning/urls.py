"""Pages of the learning app (mounted at /learning/ by doanso.urls)."""

from django.urls import path

from doanso.learning import views

app_name = "learning"
urlpatterns = [
    path("", views.home, name="home"),
    path("courses/<int:course_id>/", views.course, name="course"),
    path("courses/<int:course_id>/lessons/<int:lesson_id>.pdf", views.lesson_pdf, name="lesson_pdf"),
    path("contests/<int:contest_id>/", views.contest, name="contest"),
    path("contests/<int:contest_id>/rounds/<int:number>/play/", views.play, name="play"),
    path("contests/<int:contest_id>/rounds/<int:number>/leaderboard/", views.leaderboard, name="leaderboard"),
    path("contests/<int:contest_id>/flags/", views.flags, name="flags"),
    path("contests/<int:contest_id>/manage/", views.manage, name="manage"),
    path("question-template.xlsx", views.template, name="template"),
]
