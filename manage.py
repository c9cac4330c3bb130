#!/usr/bin/env python
"""Django's command-line utility for the catalogue."""

import gc
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "catalogue.settings")
    # Setting Django up makes a few hundred thousand objects that live as long as the process, and
    # next to no garbage: the collector walking them again and again as they were made was a tenth of
    # a short command's start-up. It waits until the apps are loaded, then leaves those objects alone.
    gc.disable()
    try:
        from django.core.exceptions import ImproperlyConfigured
        from django.core.management import execute_from_command_line

        try:
            from django.conf import settings

            settings.INSTALLED_APPS  # noqa: B018  (loads the settings now, to report them cleanly)
        except ImproperlyConfigured as error:
            sys.stderr.write(f"error: the catalogue's settings are incomplete.\n{error}\n")
            sys.exit(1)
        if _sets_up_as_django_does(sys.argv):
            import django

            django.setup()  # (what execute_from_command_line does first; it then finds the apps ready)
    finally:
        gc.freeze()
        gc.enable()
    execute_from_command_line(sys.argv)


def _sets_up_as_django_does(argv):
    """Whether setting Django up before ``execute_from_command_line`` changes nothing: not for the
    development server's reloader (it sets up apps that fail to load in its own way), nor when
    ``--pythonpath`` adds where the apps are found."""
    return argv[1:2] != ["runserver"] and not any(arg.startswith("--pythonpath") for arg in argv)


if __name__ == "__main__":
    main()
