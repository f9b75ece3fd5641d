# pairbot: one image for every replica (each may lead the scheduler; see the README).
# Build stage: the runtime dependencies only (requirements.lock, not requirements-dev.lock)
# into a virtual environment that the final stage copies as it is.
# The base image is pinned by digest (a tag moves; a digest names one image), shared by both
# stages. This digest of python:3.11-slim was taken from two unrelated public projects'
# Dockerfiles (one pulls it through AWS's mirror of Docker's official images); no registry
# is reachable from where this was written, so it was not pulled here. Check it, and move it
# on deliberately (security updates), with
#   docker buildx imagetools inspect python:3.11-slim
# then build with --build-arg PYTHON_IMAGE=python:3.11-slim@sha256:<digest>.
ARG PYTHON_IMAGE=python:3.11-slim@sha256:9c900dea9e8fb7e16277c179b555cc72d29a352dbc33cff48ad5a0412fd5bfc7

FROM ${PYTHON_IMAGE} AS build

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
COPY requirements.lock /tmp/requirements.lock
# Every file downloaded must match a hash in the lock (uv pip compile --generate-hashes).
RUN pip install --no-deps --require-hashes -r /tmp/requirements.lock

WORKDIR /app
COPY pyproject.toml README.md alembic.ini ./
COPY bot ./bot
COPY migrations ./migrations
# pairbot teams-package reads the Teams manifest and icons from here.
COPY deploy/teams ./deploy/teams
# GET /privacy and /terms render these two documents.
COPY docs/data-protection.md docs/terms.md ./docs/
# Editable: migrations/, deploy/teams and docs/ are found beside the package, at the same
# /app path in the final stage.
RUN pip install --no-deps -e . \
    && find /opt/venv /app -name __pycache__ -prune -exec rm -rf {} +

FROM ${PYTHON_IMAGE}

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH

# The console's PDF report and the CPD record (WeasyPrint) draws text with Pango and HarfBuzz. Unpinned:
# the slim image's Debian release fixes the versions, and its security updates replace them.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
       libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 10001 pairbot \
    && mkdir -p /data && chown pairbot /data
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
WORKDIR /app

USER 10001
ENV DATABASE_URL=sqlite:////data/pairbot.db \
    HOST=0.0.0.0 \
    PORT=3000 \
    PAIRBOT_LOG_FORMAT=json
EXPOSE 3000
# A stop waits for the sends in flight (PAIRBOT_SHUTDOWN_GRACE_SECONDS, default 20 s).
STOPSIGNAL SIGTERM

HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '3000'), timeout=4)"]

CMD ["pairbot", "serve"]
