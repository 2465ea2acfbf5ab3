"""Static files (CSS, JavaScript, images) found in apps and ``STATICFILES_DIRS``.

Add ``"framework.contrib.staticfiles"`` to ``INSTALLED_APPS``; ``runserver``
then serves ``STATIC_URL`` from each app's ``static/`` folder while ``DEBUG`` is
on. In production, a web server or CDN serves them instead.
"""

from framework.contrib.staticfiles.finders import find
from framework.contrib.staticfiles.handlers import StaticFilesHandler

__all__ = ["StaticFilesHandler", "find"]
