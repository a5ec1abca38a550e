from django.urls import path

from . import views

app_name = "h5p"

urlpatterns = [
    path("h5p/<int:pk>/", views.play, name="play"),
    path("h5p/<int:pk>/spelen/", views.play, name="play_demo"),
    path("h5p/<int:pk>/bestanden/", views.content_file, {"path": ""}, name="content_root"),
    path("h5p/<int:pk>/bestanden/<path:path>", views.content_file, name="content_file"),
    path("h5p/bibliotheken/", views.library_file, {"folder": "", "path": ""}, name="library_root"),
    path("h5p/bibliotheken/<str:folder>/<path:path>", views.library_file, name="library_file"),
    path("h5p/<int:pk>/xapi/", views.xapi_statement, name="xapi"),
    path("h5p/<int:pk>/voortgang/<slug:data_type>/<str:sub_content_id>/", views.user_data, name="user_data"),
    path("h5p/resultaten/", views.results_index, name="results_index"),
    path("h5p/<int:pk>/resultaten/<int:class_pk>/", views.results, name="results"),
    path("h5p/<int:pk>/resultaten/<int:class_pk>/csv/", views.results_csv, name="results_csv"),
    path("h5p/mijn-resultaten/", views.my_results, name="my_results"),
]
