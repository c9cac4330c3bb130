"""ASGI entry point, for servers that speak ASGI."""

import os

from django.core.asgi import get_asgi_application

from catalogue.checks import refuse_unsafe_start

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "catalogue.settings")

refuse_unsafe_start()
application = get_asgi_application()
