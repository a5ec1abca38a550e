from django.urls import path

from . import views, views_moderation, views_wall

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
    path("wachtrij/", views_moderation.review_queue, name="queue"),
    path("woordenlijst/", views_moderation.school_word_list, name="school_word_list"),
    path("woordenlijst/<int:list_id>/<slug:what>/", views_moderation.word_entry, name="word_entry"),
    path("<int:class_id>/logboek/", views_moderation.audit_log, name="audit"),
    path("<int:class_id>/parkeerstand/", views_moderation.park, name="park"),
    path("<int:class_id>/moderatie/", views_moderation.moderation_settings, name="moderation_settings"),
    path("<int:class_id>/leerling/<int:pupil_id>/<slug:what>/", views_moderation.pupil_rule, name="pupil_rule"),
    path("bericht/<int:pk>/moderatie/<slug:action>/", views_moderation.moderate_post, name="moderate_post"),
    path("bericht/<int:pk>/melden/", views_moderation.report_post, name="report_post"),
    path("bericht/<int:pk>/verbeteren/", views_moderation.resubmit_post, name="resubmit_post"),
    path("reactie/<int:pk>/moderatie/<slug:action>/", views_moderation.moderate_comment, name="moderate_comment"),
    path("reactie/<int:pk>/melden/", views_moderation.report_comment, name="report_comment"),
    path("reactie/<int:pk>/verbeteren/", views_moderation.resubmit_comment, name="resubmit_comment"),
    path("reactie/<int:pk>/verwijderen/", views_moderation.delete_comment, name="delete_comment"),
    path("<int:class_id>/muur/", views_wall.wall_page, name="wall"),
    path("<int:class_id>/muur/schijnwerper/", views_wall.wall_spotlight, name="wall_spotlight"),
    path("<int:class_id>/muur/namen/", views_wall.wall_names, name="wall_names"),
    path("lesronde/<int:run_id>/opdracht/", views_wall.assignment_post, name="assignment_post"),
]
