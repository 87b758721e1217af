# syntax=docker/dockerfile:1
# Shipboard: one image, any number of identical containers.
#   docker build -t shipboard .
#   docker run --rm --env-file shipboard.env shipboard python manage.py migrate --noinput
#   docker run -d --env-file shipboard.env -p 8000:8000 -v shipboard-data:/var/lib/shipboard shipboard
# docs/settings.md documents every environment variable; docs/deploying.md how to deploy.

ARG PYTHON_IMAGE=python:3.12-slim-bookworm

# ---- build: dependencies into a virtualenv, static files collected -------------------------
FROM ${PYTHON_IMAGE} AS build

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PATH=/opt/venv/bin:$PATH

RUN python -m venv /opt/venv

WORKDIR /app
# Dependencies first, from pyproject.toml alone: this layer is rebuilt only when they change.
# The project itself packages nothing (packages = []), so this installs the pinned
# runtime dependencies and no dev extras.
COPY pyproject.toml ./
RUN pip install .

COPY . .
# Hashed, compressed copies of every static file (WhiteNoise serves them with a one-year,
# immutable Cache-Control). Settings need a SECRET_KEY to load; this one exists only
# during this build step and never reaches the runtime image's environment.
RUN DEBUG=false \
    SECRET_KEY=collectstatic-only-build-time-placeholder-not-used-at-runtime-0123456789 \
    ALLOWED_HOSTS=localhost \
    DATA_DIR=/tmp/build-data \
    python manage.py collectstatic --noinput \
 && python -m compileall -q /app \
 && rm -rf /tmp/build-data

# ---- runtime: the virtualenv and the code, run by an unprivileged user ---------------------
FROM ${PYTHON_IMAGE} AS runtime

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PATH=/opt/venv/bin:$PATH \
    DEBUG=false \
    PORT=8000 \
    DATA_DIR=/var/lib/shipboard \
    MEDIA_ROOT=/var/lib/shipboard/media

# The code stays root-owned and read-only to the app; only the data folder (the SQLite
# database when DATABASE_URL is unset, and uploads) is writable.
RUN groupadd --system --gid 10001 shipboard \
 && useradd --system --uid 10001 --gid shipboard --home-dir /var/lib/shipboard \
      --no-create-home --shell /usr/sbin/nologin shipboard \
 && mkdir -p /var/lib/shipboard/media \
 && chown -R shipboard:shipboard /var/lib/shipboard

COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app

WORKDIR /app
USER shipboard:shipboard
EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "deploy/healthcheck.py"]

# Migrations are a separate, explicit step (see the header): with several containers,
# starting each one must never race to migrate the same database.
# deploy/serve.py starts gunicorn (gunicorn.conf.py) and the django.tasks worker
# (manage.py db_worker) side by side and stops both together; RUN_TASK_WORKER=false for
# gunicorn alone when workers run in containers of their own.
CMD ["python", "deploy/serve.py"]
