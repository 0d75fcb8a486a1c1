from django.urls import path

from donations import card_update, newsletter, self_service, views

app_name = "donations"

urlpatterns = [
    path("test-checkout/<str:session_id>/", views.test_checkout, name="test_checkout"),
    path("test-checkout/<str:session_id>/pay/", views.test_checkout_pay, name="test_checkout_pay"),
    path("test-checkout/<str:session_id>/decline/", views.test_checkout_decline, name="test_checkout_decline"),
    path("manage/", self_service.manage_request, name="manage"),
    path("manage/<str:token>/", self_service.manage_gifts, name="manage_gifts"),
    path("manage/<str:token>/receipt/<uuid:donation_uuid>/", self_service.manage_receipt, name="manage_receipt"),
    path("manage/<str:token>/statement/<int:year>/", self_service.manage_statement, name="manage_statement"),
    path(
        "manage/<str:token>/certificate/<uuid:donation_uuid>/", self_service.manage_certificate,
        name="manage_certificate",
    ),
    path(
        "manage/<str:token>/statement/<int:year>/pdf/", self_service.manage_statement_pdf,
        name="manage_statement_pdf",
    ),
    path("manage/<str:token>/portal/", self_service.manage_portal, name="manage_portal"),
    path("manage/<str:token>/my-data/", self_service.manage_my_data, name="manage_my_data"),
    path("manage/<str:token>/delete-my-data/", self_service.manage_delete, name="manage_delete"),
    path("manage/<str:token>/delete-my-data/done/", self_service.manage_deleted, name="manage_deleted"),
    path("manage/<str:token>/test-portal/", self_service.test_portal, name="test_portal"),
    path("card-update/<str:token>/", card_update.card_update, name="card_update"),
    path("newsletter/", newsletter.signup, name="newsletter"),
    path("newsletter/confirm/<str:token>/", newsletter.confirm, name="newsletter_confirm"),
    path("newsletter/unsubscribe/<str:token>/", newsletter.unsubscribe, name="newsletter_unsubscribe"),
]
