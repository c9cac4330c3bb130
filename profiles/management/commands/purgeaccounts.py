"""Delete accounts that were never confirmed.

    manage.py purgeaccounts [--days N] [--dry-run]

Sign-up makes an inactive account and emails a link; an account whose link was
never followed would otherwise stay for ever, keeping its username taken. This
deletes those older than ``--days`` (never ones that signed in, nor staff), in
batches. It refuses a number of days shorter than a confirmation link works, so
a link sent by mail never points at a deleted account. Run it from cron.
"""

import math

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from profiles.accounts import stale_unconfirmed_accounts

BATCH = 1000


class Command(BaseCommand):
    help = "Delete accounts whose address was never confirmed, older than --days."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7, help="Only accounts made before this many days ago.")
        parser.add_argument("--dry-run", action="store_true", help="Say how many would go; delete nothing.")

    def handle(self, *args, days, dry_run, **options):
        link_days = math.ceil(settings.PASSWORD_RESET_TIMEOUT / 86400)
        if days < link_days:
            raise CommandError(
                f"--days must be at least {link_days}: a confirmation link works for {link_days} day(s), "
                "and it must not lead to a deleted account."
            )
        stale = stale_unconfirmed_accounts(days)
        if dry_run:
            count = stale.count()
            self.stdout.write(f"{count} unconfirmed account(s) older than {days} days would be deleted (dry run).")
            return
        deleted, last = 0, 0
        while batch := list(stale.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:BATCH]):
            stale.model._default_manager.filter(pk__in=batch).delete()
            deleted, last = deleted + len(batch), batch[-1]
        self.stdout.write(f"Deleted {deleted} unconfirmed account(s) older than {days} days.")
