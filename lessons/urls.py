from django.urls import path

from . import views

app_name = "lessons"

urlpatterns = [
    path("lessen/bibliotheek/", views.library, name="library"),
    path("lessen/voortgang/<int:class_id>/", views.class_progress, name="class_progress"),
    path("les/<int:page_id>/smartbord/", views.smartboard, name="smartboard"),
    path("les/<int:page_id>/presentator/", views.presenter, name="presenter"),
    path("les/<int:page_id>/starten/", views.start_run, name="start_run"),
    path("lesronde/<int:pk>/afsluiten/", views.end_run, name="end_run"),
    path("lesronde/<int:pk>/stap/", views.run_step, name="run_step"),
    path("lesronde/<int:pk>/", views.pupil_view, name="pupil_view"),
    path("lessen/geschiedenis/<int:class_id>/", views.run_history, name="run_history"),
]
