"""Visitors join: sign-up with an emailed confirmation link, password reset, and tag suggestions.

Django's own parts wherever they exist: ``UserCreationForm`` (usernames unique
whatever their case, passwords checked by ``AUTH_PASSWORD_VALIDATORS``), the
password-reset views, and a ``PasswordResetTokenGenerator`` for the
confirmation link, so that link is signed with ``SECRET_KEY``, expires after
``PASSWORD_RESET_TIMEOUT`` and works once (it covers ``is_active``).

A new account stays inactive, so it cannot sign in until its address is
confirmed. No page says whether an address has an account: signing up with a
known address shows the same "check your email" page and sends the owner a
reminder instead of making a second account, and the reset and resend forms
answer alike for every address. The rate limits on these POSTs are in
``settings.RATE_LIMITS`` (``catalogue.middleware.ratelimit``).
"""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import EmailMultiAlternatives
from django.db import connection
from django.db.models import CharField, Count, Func, Value
from django.db.models.functions import Concat
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect
from django.template import loader
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.views.decorators.cache import cache_control
from django.views.generic import FormView, TemplateView, View
from taggit.models import Tag

from . import caching
from .forms import TAG_MAX_LENGTH
from .tag_names import SQLITE_FUNCTION

SUGGESTIONS = 8
# A prefix shorter than this starts a word of a large share of all tags: only the first SHORT_PREFIX_TAGS of
# them by name are ranked by use, so the answer costs the same however many tags there are.
SHORT_PREFIX = 3
SHORT_PREFIX_TAGS = 200


class ConfirmationTokenGenerator(PasswordResetTokenGenerator):
    """Tokens for confirmation links: a salt of their own, and void once the account is active."""

    key_salt = "profiles.accounts.ConfirmationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}"


confirmation_tokens = ConfirmationTokenGenerator()


def link_hours():
    """How long a confirmation or reset link works, for the pages and emails that say so."""
    return max(1, round(settings.PASSWORD_RESET_TIMEOUT / 3600))


class LinkHoursMixin:
    def get_context_data(self, **kwargs):
        return super().get_context_data(link_hours=link_hours(), **kwargs)


def send_templated_mail(request, template_prefix, context, to):
    """Send ``<prefix>_subject.txt`` and ``<prefix>.txt`` rendered with ``context`` (and the site's address)."""
    context = {"site_url": request.build_absolute_uri("/").rstrip("/"), "link_hours": link_hours(), **context}
    subject = "".join(loader.render_to_string(f"{template_prefix}_subject.txt", context, request).splitlines())
    body = loader.render_to_string(f"{template_prefix}.txt", context, request)
    EmailMultiAlternatives(subject, body, None, [to]).send()


def send_confirmation(request, user):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    link = request.build_absolute_uri(
        reverse("signup-confirm", kwargs={"uidb64": uid, "token": confirmation_tokens.make_token(user)})
    )
    send_templated_mail(request, "registration/signup_email", {"user": user, "link": link}, user.email)


def unconfirmed_users(email):
    """Accounts waiting for confirmation at ``email``: inactive and never signed in (not ones an editor disabled)."""
    return get_user_model()._default_manager.filter(email__iexact=email, is_active=False, last_login__isnull=True)


def stale_unconfirmed_accounts(days):
    """Accounts made more than ``days`` ago and never confirmed (nor made staff): ``purgeaccounts`` deletes them,
    so an address someone typed once does not keep its username, and its reminder emails, for ever."""
    joined_before = timezone.now() - timedelta(days=days)
    return get_user_model()._default_manager.filter(
        is_active=False, last_login__isnull=True, is_staff=False, is_superuser=False, date_joined__lt=joined_before
    )


# --- Sign-up ---------------------------------------------------------------------------------


class SignUpForm(UserCreationForm):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="We send a link to confirm it; nobody else sees it.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")

    def clean_email(self):
        return get_user_model()._default_manager.normalize_email(self.cleaned_data["email"])

    def save(self, request):
        """Create the inactive account and send its link; for a known address, remind the owner instead.

        Returns the new user, or None when the address already had an account.
        """
        email = self.cleaned_data["email"]
        existing = get_user_model()._default_manager.filter(email__iexact=email).order_by("pk").first()
        if existing is not None:
            make_password(self.cleaned_data["password1"])  # as long as a real sign-up takes: time tells nothing
            send_templated_mail(request, "registration/signup_exists_email", {"user": existing}, existing.email)
            return None
        user = super().save(commit=False)
        user.is_active = False
        user.save()
        send_confirmation(request, user)
        return user


class AnonymousOnlyMixin:
    """Signed-in visitors have an account already: send them home."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("home")
        return super().dispatch(request, *args, **kwargs)


class SignUpView(AnonymousOnlyMixin, FormView):
    form_class = SignUpForm
    template_name = "registration/signup.html"
    success_url = reverse_lazy("signup-sent")

    def form_valid(self, form):
        form.save(self.request)
        return super().form_valid(form)


class SignUpSentView(LinkHoursMixin, TemplateView):
    template_name = "registration/signup_sent.html"


class ConfirmView(TemplateView):
    """GET shows a button, POST activates: mail scanners that follow links must not confirm for anyone."""

    template_name = "registration/signup_confirm.html"

    def dispatch(self, request, *args, uidb64, token, **kwargs):
        self.user = self.user_for(uidb64, token)
        return super().dispatch(request, *args, **kwargs)

    @staticmethod
    def user_for(uidb64, token):
        try:
            pk = urlsafe_base64_decode(uidb64).decode()
            user = get_user_model()._default_manager.get(pk=pk, is_active=False, last_login__isnull=True)
        except (TypeError, ValueError, OverflowError, get_user_model().DoesNotExist):
            return None
        return user if confirmation_tokens.check_token(user, token) else None

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(), status=200 if self.user else 400)

    def get_context_data(self, **kwargs):
        return super().get_context_data(confirm_user=self.user, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.user is None:
            return self.get(request, *args, **kwargs)
        self.user.is_active = True
        self.user.save(update_fields=["is_active"])
        messages.success(request, f"Your address is confirmed, {self.user.get_username()}: sign in to start tagging.")
        return HttpResponseRedirect(reverse("login"))


class ResendForm(forms.Form):
    email = forms.EmailField(label="Email address", widget=forms.EmailInput(attrs={"autocomplete": "email"}))

    def save(self, request):
        for user in unconfirmed_users(self.cleaned_data["email"])[:1]:
            send_confirmation(request, user)


class ResendView(AnonymousOnlyMixin, FormView):
    """A new confirmation link for an account still waiting; the same answer for every address."""

    form_class = ResendForm
    template_name = "registration/signup_resend.html"
    success_url = reverse_lazy("signup-sent")

    def form_valid(self, form):
        form.save(self.request)
        return super().form_valid(form)


# --- Password reset: Django's views, telling how long the link works -----------------------------


class PasswordResetView(auth_views.PasswordResetView):
    email_template_name = "registration/password_reset_email.txt"  # plain text, like the sign-up emails

    @property
    def extra_email_context(self):
        return {"link_hours": link_hours()}


class PasswordResetDoneView(LinkHoursMixin, auth_views.PasswordResetDoneView):
    pass


# --- Tag suggestions -------------------------------------------------------------------------


class Fold(Func):
    """Case-folded text in every script: the database's LOWER, or Python's casefold on SQLite (tag_names)."""

    function = "LOWER"

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, function=SQLITE_FUNCTION, **extra)


class SpacedLower(Func):
    """``' ' || lower(name)``: on PostgreSQL the expression of taggit_tag's trigram index (migration 0011), so a
    word's start (``LIKE '% ka%'``) is looked up in the index rather than by reading every tag."""

    template = "(' ' || lower(%(expressions)s))"
    output_field = CharField()


def suggest_tags(prefix, limit=SUGGESTIONS):
    """Used tags whose name, or a word of it, starts with ``prefix`` (any case), most used first.

    On PostgreSQL a trigram index finds the matching tags; SQLite reads the tag
    table (visitors add tags a few at a time, so it stays small there). Then a
    count of the matches' uses (for one or two letters, of the first
    ``SHORT_PREFIX_TAGS`` matches by name only), cached per prefix until a record changes;
    ``bench/bench_tag_suggest.py`` times it.
    """
    prefix = " ".join(prefix.split())[:TAG_MAX_LENGTH]
    if not prefix:
        return []

    def compute():
        tags = Tag.objects.annotate(spaced=Concat(Value(" "), "name", output_field=CharField()))
        if connection.vendor == "sqlite" and not prefix.isascii():
            # SQLite's LIKE folds ASCII letters only; Python's casefold, per row, folds the rest.
            tags = tags.annotate(spaced_folded=Fold("spaced")).filter(spaced_folded__contains=Fold(Value(" " + prefix)))
        elif connection.vendor == "postgresql":
            tags = Tag.objects.alias(spaced=SpacedLower("name")).filter(spaced__contains=" " + prefix.lower())
        else:
            tags = tags.filter(spaced__icontains=" " + prefix)
        if len(prefix) < SHORT_PREFIX:
            tags = Tag.objects.filter(pk__in=tags.order_by("name").values("pk")[:SHORT_PREFIX_TAGS])
        return list(
            tags.annotate(count=Count("profiles_taggeditem_items"))
            .filter(count__gt=0)
            .order_by("-count", "name")
            .values_list("name", flat=True)[:limit]
        )

    return caching.cached("tag-suggest", compute, prefix.casefold(), limit)


@method_decorator(cache_control(max_age=60), name="dispatch")
class TagSuggestView(View):
    """``?q=`` → ``{"q": ..., "tags": [...]}``: the names the tag box's <datalist> offers."""

    http_method_names = ["get", "head"]

    def get(self, request):
        query = request.GET.get("q", "")
        return JsonResponse({"q": query[:TAG_MAX_LENGTH], "tags": suggest_tags(query)})
