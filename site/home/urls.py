from django.urls import path

from . import views

app_name = "home"

urlpatterns = [
    path("", views.index, name="index"),
    path("start/", views.start, name="start"),
    path("leerling/", views.pupil_start, name="pupil"),
    path("leerkracht/", views.teacher_start, name="teacher"),
    path("coordinator/", views.coordinator_start, name="coordinator"),
]
