from django.urls import path

from partners import views

app_name = "partners"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("materials/<int:document_id>/download/", views.download, name="download"),
    path("invitation/<str:token>/", views.accept_invitation_view, name="accept_invitation"),
]
