from django.contrib.auth import views as auth_views
from django.urls import include, path

from welzijn.web import auth_views as login_views
from welzijn.web.views import (
    corrections,
    documents,
    dossiers,
    home,
    households,
    intake,
    notes,
    onthaal,
    people,
    referrals,
    selfcheck_requests,
    situation,
    subjectrights,
    tasks,
    worklist,
)

app_name = "web"

urlpatterns = [
    path("", home.home, name="home"),
    path("vrijwilligers/", include("welzijn.web.urls_vrijwilligers")),
    path("praktijktesten/", include("welzijn.web.urls_praktijktesten")),
    path("werk/", include("welzijn.web.urls_werk")),
    path("energie/", include("welzijn.web.urls_energie")),
    path("inloggen/", login_views.LoginView.as_view(), name="login"),
    path("inloggen/code/", login_views.otp_verify, name="otp_verify"),
    path("tweestapsverificatie/", login_views.otp_setup, name="otp_setup"),
    path("afmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path("zoeken/", people.search, name="search"),
    path("rechtencheck-aanvragen/", selfcheck_requests.request_list, name="selfcheck_requests"),
    path(
        "rechtencheck-aanvragen/<int:selfcheck_id>/",
        selfcheck_requests.request_detail,
        name="selfcheck_request",
    ),
    path(
        "rechtencheck-aanvragen/<int:selfcheck_id>/status/<str:to>/",
        selfcheck_requests.request_transition,
        name="selfcheck_request_transition",
    ),
    path("personen/<int:person_id>/", people.person_detail, name="person"),
    path("personen/nieuw/", intake.person_new, name="person_new"),
    path("personen/<int:person_id>/wijzigen/", intake.person_edit, name="person_edit"),
    path("personen/<int:person_id>/samenvoegen/", intake.person_merge_page, name="person_merge"),
    path("personen/<int:person_id>/inzage.pdf", subjectrights.export_pdf, name="subject_pdf"),
    path("personen/<int:person_id>/inzage.json", subjectrights.export_json, name="subject_json"),
    path("personen/<int:person_id>/beperken/", subjectrights.restriction_new, name="restrict"),
    path(
        "personen/<int:person_id>/beperking-opheffen/",
        subjectrights.restriction_lift,
        name="restriction_lift",
    ),
    path("onthaal/nieuw/", onthaal.contact_new, name="contact_new"),
    path(
        "huishoudens/<int:household_id>/dossier-openen/", onthaal.dossier_open, name="dossier_open"
    ),
    path("dossiers/<int:dossier_id>/", dossiers.dossier_detail, name="dossier"),
    path(
        "dossiers/<int:dossier_id>/status/<str:to>/",
        dossiers.dossier_transition,
        name="dossier_transition",
    ),
    path(
        "dossiers/<int:dossier_id>/trajecten/nieuw/", dossiers.trajectory_new, name="trajectory_new"
    ),
    path(
        "trajecten/<int:trajectory_id>/afsluiten/", dossiers.trajectory_end, name="trajectory_end"
    ),
    path(
        "dossiers/<int:dossier_id>/tussenkomsten/nieuw/",
        dossiers.intervention_new,
        name="intervention_new",
    ),
    path(
        "dossiers/<int:dossier_id>/beslissingen/nieuw/", dossiers.decision_new, name="decision_new"
    ),
    path(
        "beslissingen/<int:decision_id>/hoorzitting/",
        dossiers.decision_hearing,
        name="decision_hearing",
    ),
    path(
        "personen/<int:person_id>/huishouden/nieuw/",
        households.household_new,
        name="household_new",
    ),
    path("huishoudens/<int:household_id>/", households.household_detail, name="household"),
    path("huishoudens/<int:household_id>/leden/nieuw/", households.member_add, name="member_add"),
    path(
        "lidmaatschappen/<int:membership_id>/beeindigen/",
        households.membership_end,
        name="membership_end",
    ),
    path(
        "huishoudens/<int:household_id>/verhuizen/",
        households.household_move,
        name="household_move",
    ),
    path(
        "huishoudens/<int:household_id>/statussen/nieuw/",
        situation.household_status_new,
        name="household_status_new",
    ),
    path("personen/<int:person_id>/inkomens/nieuw/", situation.income_new, name="income_new"),
    path("inkomens/<int:income_id>/wijzigen/", situation.income_edit, name="income_edit"),
    path("inkomens/<int:income_id>/beeindigen/", situation.income_end, name="income_end"),
    path(
        "personen/<int:person_id>/statussen/nieuw/",
        situation.person_status_new,
        name="person_status_new",
    ),
    path("statussen/<int:status_id>/beeindigen/", situation.status_end, name="status_end"),
    path("werklijst/", worklist.worklist, name="worklist"),
    path("werklijst/<int:finding_id>/aanvaarden/", worklist.finding_accept, name="finding_accept"),
    path("werklijst/<int:finding_id>/afwijzen/", worklist.finding_reject, name="finding_reject"),
    path("doorverwijzingen/", referrals.referral_list, name="referrals"),
    path(
        "doorverwijzingen/<int:referral_id>/<str:to>/",
        referrals.referral_answer,
        name="referral_answer",
    ),
    # The caseworker's everyday: sociaal verslag, documents, appointments and tasks.
    path("dossiers/<int:dossier_id>/verslag/", notes.notes_section, name="notes"),
    path("dossiers/<int:dossier_id>/verslag/nieuw/", notes.note_new, name="note_new"),
    path("notities/<int:note_id>/corrigeren/", notes.note_correct, name="note_correct"),
    path(
        "dossiers/<int:dossier_id>/documenten/nieuw/", documents.document_new, name="document_new"
    ),
    path(
        "documenten/<int:document_id>/downloaden/",
        documents.document_download,
        name="document_download",
    ),
    path(
        "documenten/<int:document_id>/intrekken/",
        documents.document_withdraw,
        name="document_withdraw",
    ),
    path("dossiers/<int:dossier_id>/taken/nieuw/", tasks.task_new, name="task_new"),
    path("taken/<int:task_id>/afgerond/", tasks.task_done, name="task_done"),
    path("activiteiten/", include("welzijn.web.urls_activiteiten")),
    path("maandcijfers/", include("welzijn.web.urls_maandcijfers")),
    # Correcting: cancel a record entered in error, with a reason.
    path(
        "contacten/<int:contact_id>/annuleren/", corrections.contact_cancel, name="contact_cancel"
    ),
    path(
        "tussenkomsten/<int:intervention_id>/annuleren/",
        corrections.intervention_cancel,
        name="intervention_cancel",
    ),
    path(
        "beslissingen/<int:decision_id>/annuleren/",
        corrections.decision_cancel,
        name="decision_cancel",
    ),
    path("opvang/", include("welzijn.web.urls_opvang")),
    path("procedure/", include("welzijn.web.urls_procedure")),
    path("meldingen/", include("welzijn.web.urls_meldingen")),
    path("subsidies/", include("welzijn.web.urls_subsidies")),
]
