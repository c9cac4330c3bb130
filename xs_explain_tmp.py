import sys, time
import django
django.setup()
from django.db import connection
from profiles import site_search as ss
from profiles.site_search import *
query = sys.argv[1]
near = sys.argv[2] == "1"
words = query_words(query)
long_words = [w for w in words if len(w) >= MIN_RETRIEVAL_WORD]
short = [] if near else [w for w in words if len(w) < MIN_RETRIEVAL_WORD]
if near: ss._allow_near_misses(connection)
with connection.cursor() as c:
    for n, src in enumerate(SOURCES):
        sql, params = ss._postgres_branch(n, src, long_words, short, near)
        t=time.perf_counter()
        c.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        rows = [r[0] for r in c.fetchall()]
        total = rows[-1]
        print(f"--- {src.table}.{src.column} {total}")
        if len(sys.argv) > 3: print("\n".join(rows))
