from django.contrib.auth import views as auth_views
from django.urls import path

from . import views_classes, views_login

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views_login.StaffLoginView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("leerling/inloggen/", views_login.pupil_class_code, name="pupil_class_code"),
    path("leerling/inloggen/<str:code>/", views_login.pupil_pick_name, name="pupil_pick_name"),
    path("leerling/inloggen/<str:code>/<int:pupil_id>/", views_login.pupil_picture_code, name="pupil_picture_code"),
    path("kaart/<str:token>/", views_login.pupil_card_login, name="pupil_card_login"),
    path("klassen/", views_classes.class_list, name="class_list"),
    path("klassen/nieuw/", views_classes.class_create, name="class_create"),
    path("klassen/<int:pk>/", views_classes.class_detail, name="class_detail"),
    path("klassen/<int:pk>/bewerken/", views_classes.class_edit, name="class_edit"),
    path("klassen/<int:pk>/leerkrachten/toevoegen/", views_classes.teacher_add, name="teacher_add"),
    path(
        "klassen/<int:pk>/leerkrachten/<int:teacher_id>/weghalen/",
        views_classes.teacher_remove,
        name="teacher_remove",
    ),
    path("klassen/<int:pk>/inlogkaarten/", views_classes.login_cards, name="login_cards"),
    path("klassen/<int:pk>/leerling/<int:pupil_id>/verwijderen/", views_classes.pupil_remove, name="pupil_remove"),
    path(
        "klassen/<int:pk>/leerling/<int:pupil_id>/nieuwe-code/",
        views_classes.pupil_reset_login,
        name="pupil_reset_login",
    ),
    path("klassen/<int:pk>/leerling/<int:pupil_id>/ontgrendelen/", views_classes.pupil_unlock, name="pupil_unlock"),
]
