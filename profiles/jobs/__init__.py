"""Import jobs: stories imported in the background by Celery workers.

An ``ImportJob`` holds its stories in the database (``JobStory`` rows), so that
any worker on any machine sharing the database and the broker can import any
chunk of it. Jobs come from the admin's upload page (a dry run first, then a
confirmed import) and from ``loadstories --queue``. ``tasks`` holds the Celery
tasks, ``running`` the work they do, ``uploads`` the reading of uploaded files
and ``parallel`` the process pool of ``loadstories --jobs``.
"""
