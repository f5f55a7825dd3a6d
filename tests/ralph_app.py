"""Ralph's ASGI app with the ``fs`` backend appending instead of creating its file.

Stock ralph-malph 5.1.0 stores only the first POST with the ``fs`` backend (its default
operation type creates a file that then exists). Run by uvicorn in Ralph's own venv::

    python -m uvicorn ralph_app:app --app-dir tests
"""

from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

from ralph.api import app  # noqa: E402  (after the patch: the app builds its backend)

__all__ = ["app"]
