from django.urls import path

from doanso.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("<int:plan_id>/", views.plan_detail, name="detail"),
    path("<int:plan_id>/export.docx", views.plan_export_docx, name="export_docx"),
    path("<int:plan_id>/export.pdf", views.plan_export_pdf, name="export_pdf"),
    path("<int:plan_id>/adopt/", views.plan_adopt, name="adopt"),
    path("<int:plan_id>/issue/", views.plan_issue, name="issue"),
    path("new/", views.plan_create, name="create"),
    path("<int:plan_id>/targets/new/", views.target_create, name="target_create"),
    path("<int:plan_id>/targets/<int:target_id>/allocate/", views.target_allocate, name="allocate"),
    path("<int:plan_id>/obligations/new/", views.obligation_create, name="obligation_create"),
]
