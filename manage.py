#!/usr/bin/env python
"""Django's command-line utility for the catalogue."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "catalogue.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        from django.conf import settings

        settings.INSTALLED_APPS  # noqa: B018  (loads the settings now, to report them cleanly)
    except ImproperlyConfigured as error:
        sys.stderr.write(f"error: the catalogue's settings are incomplete.\n{error}\n")
        sys.exit(1)
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
