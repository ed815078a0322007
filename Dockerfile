# Đoàn Số for real deployments (compose.yaml runs it as app, worker and scheduler) — docs/deployment.md.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DOANSO_VAR_DIR=/var/lib/doanso \
    HOST=0.0.0.0 \
    PORT=8000

# PDF export (LibreOffice and the fonts of the documents), pg_dump for `doanso backup`.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libreoffice-writer-nogui fonts-liberation2 fonts-dejavu-core postgresql-client \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.lock pyproject.toml README.md ./
RUN pip install --no-cache-dir -r requirements.lock
COPY src ./src
RUN pip install --no-cache-dir --no-deps . \
 && useradd --system --home-dir /var/lib/doanso --create-home doanso
COPY Procfile ./
COPY scripts/gunicorn.conf.py scripts/docker-entrypoint.sh ./scripts/

# Static files are collected into the image; the keys here only let settings load for that.
RUN DOANSO_DEBUG=false \
    DOANSO_SECRET_KEY=image-build-only-collectstatic-not-a-secret-0123456789 \
    DOANSO_DATA_KEY=image-build-only-collectstatic-not-a-secret-0123456789 \
    DOANSO_VAR_DIR=/app/var \
    doanso collectstatic --noinput -v 0 \
 && chown -R doanso /app/var
ENV DOANSO_STATIC_ROOT=/app/var/static

USER doanso
EXPOSE 8000
ENTRYPOINT ["/app/scripts/docker-entrypoint.sh"]
CMD ["web"]
