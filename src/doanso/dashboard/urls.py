from django.urls import path

from doanso.dashboard import views

app_name = "dashboard"
urlpatterns = [
    path("<int:plan_id>/<str:code>/", views.page, name="page"),
    path("<int:plan_id>/<str:code>/children/", views.children, name="children"),
    path("<int:plan_id>/<str:code>/targets/", views.targets, name="targets"),
    path("<int:plan_id>/<str:code>/export.xlsx", views.export_xlsx, name="xlsx"),
]
