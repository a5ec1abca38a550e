from django.urls import path

from . import views

app_name = "sandbox_feed"

urlpatterns = [
    path("<int:class_id>/", views.feed, name="feed"),
    path("<int:class_id>/plaatsen/", views.post_create, name="post_create"),
    path("<int:class_id>/voetafdruk/", views.footprint, name="footprint"),
    path("<int:class_id>/toestemming/", views.consent_overview, name="consent"),
    path("<int:class_id>/oefenaccounts/", views.personas, name="personas"),
    path("<int:class_id>/instellingen/", views.feed_settings, name="settings"),
    path("bericht/<int:pk>/controleren/", views.preview, name="preview"),
    path("bericht/<int:pk>/publiceren/", views.publish, name="publish"),
    path("bericht/<int:pk>/bewerken/", views.post_edit, name="post_edit"),
    path("bericht/<int:pk>/verwijderen/", views.post_delete, name="post_delete"),
    path("bericht/<int:pk>/reageren/", views.comment_create, name="comment_create"),
    path("bericht/<int:pk>/emoji/", views.reaction_toggle, name="reaction"),
    path("bericht/<int:pk>/foto/", views.photo, name="photo"),
    path("bericht/<int:pk>/miniatuur/", views.thumbnail, name="thumbnail"),
    path("bericht/<int:pk>/versies/", views.versions, name="versions"),
    path("bericht/<int:pk>/vrijgeven/", views.release, name="release"),
    path("bericht/<int:pk>/bron-beoordelen/", views.review_citation, name="review_citation"),
    path("bericht/<int:pk>/onthullen/", views.reveal, name="reveal"),
]
