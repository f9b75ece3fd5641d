# pairbot: one process serving Slack, Teams and the scheduler.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

COPY requirements.lock ./
RUN pip install --no-deps -r requirements.lock

COPY pyproject.toml README.md alembic.ini ./
COPY bot ./bot
COPY migrations ./migrations
# pairbot teams-package reads the Teams manifest and icons from here.
COPY deploy/teams ./deploy/teams
# Editable install: migrations/ is found beside the package.
RUN pip install --no-deps -e . \
    && useradd --create-home --uid 10001 pairbot \
    && mkdir -p /data && chown pairbot /data

USER 10001
ENV DATABASE_URL=sqlite:////data/pairbot.db \
    PORT=3000
EXPOSE 3000

HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '3000'), timeout=4)"]

CMD ["pairbot", "serve"]
