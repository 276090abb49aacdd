# One Streamlit server for a room. Build and run:
#   docker build -t learning-activations .
#   docker run --rm -p 8501:8501 learning-activations    # then open http://localhost:8501
# Beyond one room: several containers behind a load balancer with sticky sessions
# (README.md, "Serving a class").
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

# .dockerignore lets in only what the app needs at run time.
COPY . .
RUN useradd --create-home --uid 10001 app
USER app

EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
    CMD python -c "import urllib.request as u; u.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)"

# The hardened settings of .streamlit/config.toml, spelled out so they hold even if
# that file is changed; only the address differs: the container must listen on
# every interface (tests/test_docker.py checks both, and starts this command).
CMD ["streamlit", "run", "app.py", \
     "--server.address", "0.0.0.0", \
     "--server.port", "8501", \
     "--server.headless", "true", \
     "--server.enableXsrfProtection", "true", \
     "--server.enableCORS", "true", \
     "--server.maxUploadSize", "5", \
     "--server.maxMessageSize", "50", \
     "--server.fileWatcherType", "none", \
     "--server.runOnSave", "false", \
     "--server.enableStaticServing", "false", \
     "--browser.gatherUsageStats", "false", \
     "--client.toolbarMode", "minimal", \
     "--client.showErrorDetails", "none", \
     "--client.showErrorLinks", "false", \
     "--runner.magicEnabled", "false", \
     "--runner.postScriptGC", "false", \
     "--theme.base", "light"]
