"""The read API: JSON over the catalogue's records (Django REST framework, schema by drf-spectacular).

The list endpoints filter and search with the pages' own FilterSets
(``profiles.filters``) over the querysets the pages use, page with a keyset
cursor (``pagination``), answer conditional GETs (``conditional``) and count
against the catalogue's rate limits (``throttling``).
"""
