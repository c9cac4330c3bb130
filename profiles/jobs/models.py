"""An import job and its stories, each with what the dry run predicted and what the import did."""

from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

# What happened to one story; the importer's outcomes plus the two a job adds.
PENDING, IMPORTING, CANCELLED = "", "importing", "cancelled"
OUTCOME_CHOICES = [
    (PENDING, "pending"),
    (IMPORTING, "importing"),
    ("created", "created"),
    ("updated", "updated"),
    ("unchanged", "unchanged"),
    ("skipped", "skipped"),
    ("failed", "failed"),
    (CANCELLED, "cancelled"),
]
COUNTED = ("created", "updated", "unchanged", "skipped", "failed", "cancelled")


class ImportJobQuerySet(models.QuerySet):
    def with_user(self):
        return self.select_related("created_by")


class ImportJob(models.Model):
    class Status(models.TextChoices):
        PREVIEWING = "previewing", "dry run in progress"
        PREVIEWED = "previewed", "dry run done, waiting for confirmation"
        QUEUED = "queued", "queued"
        RUNNING = "running", "importing"
        DONE = "done", "done"
        CANCELLING = "cancelling", "cancelling"
        CANCELLED = "cancelled", "cancelled"
        FAILED = "failed", "failed"

    ACTIVE = (Status.PREVIEWING, Status.QUEUED, Status.RUNNING, Status.CANCELLING)
    FINISHED = (Status.DONE, Status.CANCELLED, Status.FAILED)

    class Origin(models.TextChoices):
        UPLOAD = "upload", "upload in the admin"
        QUEUE = "queue", "loadstories --queue"

    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.UPLOAD)
    description = models.CharField(max_length=255, help_text="What was imported: file names.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="import_jobs"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PREVIEWING)
    error = models.TextField(blank=True, help_text="Why the job as a whole failed.")
    total = models.PositiveIntegerField(default=0)
    previewed = models.PositiveIntegerField(default=0, help_text="Stories the dry run has looked at.")
    chunks_left = models.PositiveIntegerField(default=0)
    # Counters, updated with F() by every worker, so that a progress poll reads one row.
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    cancelled = models.PositiveIntegerField(default=0)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["-created_at", "-id"], name="importjob_recent_idx")]

    def __str__(self):
        return f"Import job {self.pk}: {self.description}"

    def get_absolute_url(self):
        return reverse("admin:jobs_importjob_change", args=[self.pk])

    @property
    def done(self):
        return sum(getattr(self, name) for name in COUNTED)

    @property
    def percent(self):
        if self.status == self.Status.PREVIEWING:
            return round(100 * self.previewed / self.total) if self.total else 0
        return round(100 * self.done / self.total) if self.total else 100

    @property
    def is_active(self):
        return self.status in self.ACTIVE

    @property
    def in_preview(self):
        """Not confirmed yet (or cancelled or failed before it was)."""
        return self.started_at is None and self.status in (
            self.Status.PREVIEWING,
            self.Status.PREVIEWED,
            self.Status.CANCELLED,
            self.Status.FAILED,
        )

    def preview_tally(self):
        """{outcome: stories} the dry run predicts, and how many updates leave an editor's change alone."""
        counts = dict(self.stories.exclude(preview="").values_list("preview").annotate(n=models.Count("pk")).order_by())
        tally = {name: counts.get(name, 0) for name in COUNTED if name != CANCELLED}
        tally["left_alone"] = self.stories.filter(preview="updated").exclude(left_alone=[]).count()
        return tally

    def counts(self):
        return {name: getattr(self, name) for name in COUNTED}

    def add_counts(self, counts):
        """Add one chunk's outcomes, atomically whatever other workers do."""
        changes = {name: F(name) + number for name, number in counts.items() if number}
        if changes:
            ImportJob.objects.filter(pk=self.pk).update(**changes)

    def request_cancel(self):
        """Stop between stories: a job not started yet is cancelled at once."""
        with transaction.atomic():
            job = ImportJob.objects.select_for_update().get(pk=self.pk)
            if job.status in (self.Status.PREVIEWING, self.Status.PREVIEWED):
                job.status = self.Status.CANCELLED
                job.finished_at = timezone.now()
            elif job.status in (self.Status.QUEUED, self.Status.RUNNING):
                job.status = self.Status.CANCELLING
            job.save(update_fields=["status", "finished_at"])
        self.refresh_from_db()

    def progress(self):
        """The job page's live data (the JSON endpoint)."""
        return {
            "status": self.status,
            "status_label": self.get_status_display(),
            "active": self.is_active,
            "total": self.total,
            "done": self.done,
            "previewed": self.previewed,
            "percent": self.percent,
            "counts": self.counts(),
        }


class JobStory(models.Model):
    """One story of a job: its text until imported, the dry run's prediction, the import's outcome."""

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="stories")
    position = models.PositiveIntegerField()
    source = models.CharField(max_length=255)
    origin = models.CharField(max_length=1000, blank=True)
    text = models.TextField(blank=True)
    read_error = models.TextField(blank=True, help_text="Why the file could not be read; nothing to import.")
    preview = models.CharField(max_length=10, choices=OUTCOME_CHOICES, blank=True)
    preview_message = models.TextField(blank=True)
    left_alone = models.JSONField(default=list, blank=True)
    outcome = models.CharField(max_length=10, choices=OUTCOME_CHOICES, blank=True)
    message = models.TextField(blank=True)

    class Meta:
        ordering = ["job", "position"]
        constraints = [models.UniqueConstraint(fields=["job", "position"], name="jobstory_unique_position")]
        indexes = [
            models.Index(fields=["job", "outcome", "position"], name="jobstory_outcome_idx"),
            models.Index(fields=["job", "preview", "position"], name="jobstory_preview_idx"),
        ]

    def __str__(self):
        return self.source


class DumpJobQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=DumpJob.ACTIVE)


class DumpJob(models.Model):
    """One making of a dump for the downloads page (profiles/exporting/downloads.py).

    At most one job per format and site address is queued or running (a
    database constraint), so however many visitors find a dump stale, one
    export runs.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "queued"
        RUNNING = "running", "being written"
        DONE = "done", "done"
        FAILED = "failed", "failed"

    ACTIVE = (Status.QUEUED, Status.RUNNING)
    # A job still active this long after it was queued was lost (no worker ran it, or its worker died
    # without the broker handing it to another); the next request starts a new one.
    LOST_AFTER = timedelta(hours=1)

    format = models.CharField(max_length=10)
    base_url = models.CharField(max_length=255, help_text="The site address the dump's links start with.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    catalogue_version = models.CharField(max_length=40, blank=True, help_text="The catalogue version it exported.")
    size = models.PositiveBigIntegerField(null=True, blank=True, help_text="Bytes written.")
    error = models.TextField(blank=True)

    objects = DumpJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["format", "base_url"],
                condition=models.Q(status__in=["queued", "running"]),
                name="dumpjob_one_active_per_format",
            )
        ]
        indexes = [models.Index(fields=["format", "base_url", "status"], name="dumpjob_format_status_idx")]

    def __str__(self):
        return f"Dump job {self.pk}: {self.format} ({self.get_status_display()})"

    @property
    def lost(self):
        return self.status in self.ACTIVE and timezone.now() - self.created_at > self.LOST_AFTER

    def fail(self, error):
        DumpJob.objects.filter(pk=self.pk, status__in=self.ACTIVE).update(
            status=self.Status.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
