"""Import jobs in the admin: upload stories, read the dry run, confirm, follow and cancel the import.

The job list is the model's changelist; "add" is the upload form; a job's
"change" page is its live page (progress, dry run, failures), with a JSON
endpoint the page's script polls and POST-only confirm and cancel views.
"""

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path
from django.views.decorators.http import require_POST

from ..jobs import running, tasks
from ..jobs.forms import UploadForm
from ..jobs.models import COUNTED, OUTCOME_CHOICES, DumpJob, ImportJob
from ..jobs.uploads import UploadRefused, unpacked

STORIES_PER_PAGE = 50
SHOWN = [value for value, _ in OUTCOME_CHOICES if value in COUNTED] + ["left_alone"]


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_by", "created_at", "status", "outcome", "finished_at"]
    list_filter = ["status", "origin", "created_at"]
    list_select_related = ["created_by"]
    search_fields = ["description", "created_by__username"]
    date_hierarchy = "created_at"

    @admin.display(description="outcome")
    def outcome(self, job):
        parts = [f"{number} {name}" for name, number in job.counts().items() if number]
        return ", ".join(parts) or "—"

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:job_id>/progress.json", wrap(self.progress_view), name="jobs_importjob_progress"),
            path("<int:job_id>/confirm/", wrap(require_POST(self.confirm_view)), name="jobs_importjob_confirm"),
            path("<int:job_id>/cancel/", wrap(require_POST(self.cancel_view)), name="jobs_importjob_cancel"),
            *super().get_urls(),
        ]

    # --- upload ------------------------------------------------------------------------------

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            files = form.cleaned_data["files"]
            try:
                with unpacked(files, max_bytes=settings.STORY_MAX_BYTES) as paths, transaction.atomic():
                    job = running.create_job(
                        paths,
                        description=", ".join(f.name for f in files),
                        max_bytes=settings.STORY_MAX_BYTES,
                        user=request.user,
                    )
                    tasks.start_preview(job)
            except UploadRefused as error:
                form.add_error("files", str(error))
            else:
                self.log_addition(request, job, "uploaded")
                return HttpResponseRedirect(job.get_absolute_url())
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Import stories",
            "form": form,
            "max_bytes": settings.STORY_MAX_BYTES,
            "max_request_bytes": settings.MAX_REQUEST_BYTES,
            "max_files": settings.DATA_UPLOAD_MAX_NUMBER_FILES,
        }
        return TemplateResponse(request, "admin/jobs/upload.html", context)

    # --- the job page ---------------------------------------------------------------------------

    def change_view(self, request, object_id, form_url="", extra_context=None):
        job = self._job(request, object_id)
        show = request.GET.get("show")
        stories = job.stories.only(
            "position", "source", "origin", "preview", "preview_message", "left_alone", "outcome", "message"
        )
        if job.in_preview:
            phase = "preview"
            show = show if show in SHOWN else None
            if show == "left_alone":
                stories = stories.filter(preview="updated").exclude(left_alone=[])
            elif show:
                stories = stories.filter(preview=show)
            tally = job.preview_tally()
        else:
            phase = "import"
            show = show if show in COUNTED else "failed"
            stories = stories.filter(outcome=show)
            tally = job.counts()
        page = Paginator(stories.order_by("position"), STORIES_PER_PAGE).get_page(request.GET.get("page"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": str(job),
            "job": job,
            "phase": phase,
            "show": show,
            "tally": [(name, tally.get(name, 0)) for name in tally],
            "page": page,
            "can_change": self.has_change_permission(request, job),
        }
        return TemplateResponse(request, "admin/jobs/job.html", context)

    def progress_view(self, request, job_id):
        job = self._job(request, job_id)
        return JsonResponse(job.progress())  # (admin_view marks it never cached)

    def confirm_view(self, request, job_id):
        job = self._job(request, job_id, change=True)
        if running.confirm(job):
            tasks.enqueue(job)
            self.log_change(request, job, "confirmed the import")
            self.message_user(request, "Import started.", messages.SUCCESS)
        else:
            self.message_user(request, f"This job cannot be started: it is {job.get_status_display()}.", messages.ERROR)
        return HttpResponseRedirect(job.get_absolute_url())

    def cancel_view(self, request, job_id):
        job = self._job(request, job_id, change=True)
        if job.status in ImportJob.FINISHED:
            self.message_user(request, "This job has finished already.", messages.WARNING)
        else:
            job.request_cancel()
            self.log_change(request, job, "cancelled")
            self.message_user(
                request, "Cancelled: stories already imported stay; the rest will not be.", messages.SUCCESS
            )
        return HttpResponseRedirect(job.get_absolute_url())

    def _job(self, request, job_id, *, change=False):
        job = get_object_or_404(ImportJob.objects.with_user(), pk=job_id)
        allowed = self.has_change_permission(request, job) if change else self.has_view_permission(request, job)
        if not allowed:
            raise PermissionDenied
        return job


@admin.register(DumpJob)
class DumpJobAdmin(admin.ModelAdmin):
    """The downloads page's dump jobs, to read: when each dump was made, how big, and why one failed."""

    list_display = ["__str__", "format", "status", "created_at", "finished_at", "size", "base_url"]
    list_filter = ["status", "format"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
