#!/bin/sh
# The container's processes, as in the Procfile: web (migrates first), worker, scheduler; or any doanso command.
set -eu
cd /app
case "${1:-web}" in
  web)
    doanso check --deploy
    doanso migrate --noinput -v 0
    doanso createcachetable
    exec gunicorn --config scripts/gunicorn.conf.py doanso.wsgi ;;
  worker)
    exec doanso db_worker --queue-name '*' --interval 1 --no-reload ;;
  scheduler)
    exec doanso scheduler ;;
  *)
    exec doanso "$@" ;;
esac
