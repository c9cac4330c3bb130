"""WSGI entry point, used by gunicorn (`make serve`)."""

import os

from django.core.wsgi import get_wsgi_application

from catalogue.checks import refuse_unsafe_start

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "catalogue.settings")

refuse_unsafe_start()
application = get_wsgi_application()
