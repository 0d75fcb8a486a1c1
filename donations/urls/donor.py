from django.urls import path

from donations import views

app_name = "donations"

urlpatterns = [
    path("test-checkout/<str:session_id>/", views.test_checkout, name="test_checkout"),
    path("test-checkout/<str:session_id>/pay/", views.test_checkout_pay, name="test_checkout_pay"),
    path("test-checkout/<str:session_id>/decline/", views.test_checkout_decline, name="test_checkout_decline"),
]
