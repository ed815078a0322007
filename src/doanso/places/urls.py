"""Pages of the places app (mounted at /places/ by doanso.urls)."""

from django.urls import path

from doanso.places import views

app_name = "places"
urlpatterns = [
    path("", views.place_list, name="list"),
    path("new/", views.place_new, name="new"),
    path("<int:place_id>/", views.place_detail, name="detail"),
    path("<int:place_id>/delete/", views.place_delete, name="delete"),
    path("<int:place_id>/photos/", views.photo_add, name="photo_add"),
    path("<int:place_id>/plaque/", views.place_plaque, name="plaque"),
    path("photos/<int:photo_id>/", views.photo, name="photo"),
    path("photos/<int:photo_id>/delete/", views.photo_delete, name="photo_delete"),
    path("p/<int:place_id>/", views.place_public, name="public"),
    path("map/", views.public_map, name="map"),
    path("staff-map/", views.staff_map, name="staff_map"),
]
