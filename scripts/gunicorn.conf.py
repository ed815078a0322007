"""gunicorn settings for `make prod` and the container (docs/deployment.md).

The app is loaded once in the master (preload): a refused setting stops the server before any
worker starts, with one line naming it. Access logs are off: the app logs one redacted JSON line
per request itself (doanso.core.requestlog), gunicorn's would print query strings as sent.
"""

import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
preload_app = True
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = 20
max_requests = 2000
max_requests_jitter = 200
accesslog = None
errorlog = "-"
# Behind the TLS proxy on the same machine; set FORWARDED_ALLOW_IPS for a proxy elsewhere.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Longest request line (URL) gunicorn accepts; bodies are limited by Django (DATA_UPLOAD_MAX_MEMORY_SIZE).
limit_request_line = 8190
# No runtime control socket: several stacks may run on one machine (tests), each its own.
control_socket_disable = True


def child_exit(server, worker):
    """Prometheus multiprocess mode: a dead worker's gauges go with it."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
