"""Old addresses keep working: a record's former slug answers 301 to its page.

Slugs change in one place (``SluggedModel.save``), which keeps each old one as
a ``FormerSlug``; detail views take ``FormerSlugRedirectMixin`` first in their
bases, and only a slug no record has now is looked up there.
"""

from django.http import Http404, HttpResponsePermanentRedirect

from .models import FormerSlug


class FormerSlugRedirectMixin:
    """A detail view whose record was renamed: a GET of the old slug is redirected, permanently, to the new page."""

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            record = FormerSlug.current(self.model, kwargs.get(self.slug_url_kwarg, ""))
            if record is None:
                raise
            return HttpResponsePermanentRedirect(record.get_absolute_url())
