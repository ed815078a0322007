from django.urls import path

from doanso.planimport import views

app_name = "planimport"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:draft_id>/", views.draft_view, name="draft"),
    path("<int:draft_id>/meta/", views.meta, name="meta"),
    path("<int:draft_id>/item/", views.item, name="item"),
    path("<int:draft_id>/item/delete/", views.item_delete, name="item_delete"),
    path("<int:draft_id>/item/map/", views.item_map, name="item_map"),
    path("<int:draft_id>/confirm/", views.confirm, name="confirm"),
    path("<int:draft_id>/accept/", views.accept, name="accept"),
    path("<int:draft_id>/discard/", views.discard, name="discard"),
]
