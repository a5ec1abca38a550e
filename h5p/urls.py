from django.urls import path

from . import views

app_name = "h5p"

urlpatterns = [
    path("h5p/<int:pk>/", views.play, name="play"),
    path("h5p/<int:pk>/spelen/", views.play, name="play_demo"),
    # The sandboxed player: its document and files, allowed by the signed play token in the URL.
    path("h5p/frame/<str:token>/", views.frame, name="frame"),
    path("h5p/frame/<str:token>/bestanden/", views.frame_content_file, {"path": ""}, name="frame_content_root"),
    path("h5p/frame/<str:token>/bestanden/<path:path>", views.frame_content_file, name="frame_content_file"),
    path(
        "h5p/frame/<str:token>/bibliotheken/",
        views.frame_library_file,
        {"folder": "", "path": ""},
        name="frame_library_root",
    ),
    path(
        "h5p/frame/<str:token>/bibliotheken/<str:folder>/<path:path>",
        views.frame_library_file,
        name="frame_library_file",
    ),
    path("h5p/<int:pk>/xapi/", views.xapi_statement, name="xapi"),
    path("h5p/<int:pk>/voortgang/<slug:data_type>/<str:sub_content_id>/", views.user_data, name="user_data"),
    path("h5p/resultaten/", views.results_index, name="results_index"),
    path("h5p/<int:pk>/resultaten/<int:class_pk>/", views.results, name="results"),
    path("h5p/<int:pk>/resultaten/<int:class_pk>/csv/", views.results_csv, name="results_csv"),
    path("h5p/mijn-resultaten/", views.my_results, name="my_results"),
]
