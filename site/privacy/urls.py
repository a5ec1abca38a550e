from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("leerlingen/", views.school_overview, name="school"),
    path("leerling/<int:pupil_id>/export/", views.export, name="export"),
    path("leerling/<int:pupil_id>/wissen/", views.erase, name="erase"),
]
