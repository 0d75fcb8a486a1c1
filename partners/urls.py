from django.urls import path

from partners import views

app_name = "partners"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("materials/<int:document_id>/download/", views.download, name="download"),
    path("materials/<int:document_id>/confirm/", views.acknowledge, name="acknowledge"),
    path("reports/<int:requirement_id>/", views.report, name="report"),
    path("reports/files/<int:file_id>/download/", views.report_file_download, name="report_file"),
    path("settings/", views.partner_settings, name="settings"),
    path("invitation/<str:token>/", views.accept_invitation_view, name="accept_invitation"),
]
