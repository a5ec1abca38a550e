from django.urls import path

from . import views, views_schoolyear

app_name = "privacy"

urlpatterns = [
    path("", views.parents, name="parents"),
    path("verwerkingsregister/", views.processing_register, name="register"),
    path("onderzoek/", views.research_export, name="research"),
    path("leerlingen/", views.school_overview, name="school"),
    path("leerling/<int:pupil_id>/export/", views.export, name="export"),
    path("leerling/<int:pupil_id>/wissen/", views.erase, name="erase"),
    path(
        "school/<int:school_id>/schooljaar-afsluiten/",
        views_schoolyear.close_school_year,
        name="close_school_year",
    ),
]
