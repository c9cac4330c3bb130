"""Joining and recovering an account, under /accounts/ (sign-in and sign-out are in catalogue/urls.py).

The password-reset views are Django's own (two subclassed to say how long a link works),
under the URL names their defaults expect.
"""

from django.contrib.auth import views as auth_views
from django.urls import path

from . import accounts

urlpatterns = [
    path("signup/", accounts.SignUpView.as_view(), name="signup"),
    path("signup/sent/", accounts.SignUpSentView.as_view(), name="signup-sent"),
    path("signup/resend/", accounts.ResendView.as_view(), name="signup-resend"),
    path("confirm/<uidb64>/<token>/", accounts.ConfirmView.as_view(), name="signup-confirm"),
    path("password/reset/", accounts.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", accounts.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("password/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]
