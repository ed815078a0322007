from django.urls import path

from doanso.reports import views

app_name = "reports"
urlpatterns = [
    path("units/<str:code>/due/", views.due, name="due"),
    path("units/<str:code>/open/", views.open_report, name="open"),
    path("<int:report_id>/", views.report_form, name="form"),
    path("<int:report_id>/review/", views.review, name="review"),
    path("<int:report_id>/export.docx", views.export_docx, name="export_docx"),
]
