"""gunicorn settings for ClusterHub: `gunicorn -c deploy/gunicorn.conf.py 'clusterhub:create_app()'`."""
import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", min(4, multiprocessing.cpu_count() * 2)))
# One thread per worker (gunicorn's sync worker) by default: the app is CPU-bound Python, so a
# second thread in a process only waits for the GIL, and a kept-alive client connection stays
# with one threaded worker, so traffic piles onto some processes while others idle. On 2 cores
# (bench/load_bench.py, 2026-12-04) 4 x 1 served 367-386 requests/s at p95 29-35 ms against
# 4 x 2's 232-294 at p95 69-78 ms. The sync worker wants a buffering proxy in front (nginx, as in
# deploy/nginx.conf) so that a slow client cannot hold a worker.
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = 60
graceful_timeout = 20
# ACCESS_LOG: a file, "-" for stdout (the default), or empty for none. Empty when nginx in front
# keeps the access log: gunicorn then does not format a line per request (its atoms, the date) at all,
# which it still does for a log sent to /dev/null.
accesslog = os.environ.get("ACCESS_LOG", "-") or None
errorlog = "-"
# Each worker builds its own app: the database engine and index readers are per process.
preload_app = False
# The longest request line gunicorn reads (its maximum); the app answers longer URLs than its own
# MAX_URL_LENGTH (4096) with its own 414 page or JSON error, so gunicorn's bare 414 is rare.
limit_request_line = 8190
