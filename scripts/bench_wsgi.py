"""The production WSGI application with MEDIA_ROOT served at /media/, as the front web server
serves it in production (README, "Deploying"). Only for `make bench`'s Lighthouse run, which has no
front web server: without it every image on the audited pages would be a 404. autorefresh, because
image renditions are written while the pages are first rendered."""

from django.conf import settings
from whitenoise import WhiteNoise

from config.wsgi import application as django_application

application = WhiteNoise(django_application, autorefresh=True)
application.add_files(str(settings.MEDIA_ROOT), prefix=settings.MEDIA_URL)
