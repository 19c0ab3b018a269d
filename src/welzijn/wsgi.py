import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "welzijn.settings")
application = get_wsgi_application()

# Each worker reads the Rechtencheck's rules when it starts, not while its first citizens wait.
from welzijn.rights.selfcheck.interview import catalogue, load_interview_rules  # noqa: E402

load_interview_rules()
catalogue()
