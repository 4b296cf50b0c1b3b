"""Settings of the token server: no database, no sessions, no templates; only the token routes.

APP_ID and APP_CERTIFICATE come from the environment. DJANGO_SECRET_KEY should be set in
production (Django needs one even though this app signs nothing with it).
"""

import os

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "insecure-development-key-set-DJANGO_SECRET_KEY")
DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "*").split(",")

INSTALLED_APPS: list = []
MIDDLEWARE: list = []
DATABASES: dict = {}
ROOT_URLCONF = "tokenserver.urls"
USE_TZ = True

AGORA_APP_ID = os.environ.get("APP_ID", "")
AGORA_APP_CERTIFICATE = os.environ.get("APP_CERTIFICATE", "")
