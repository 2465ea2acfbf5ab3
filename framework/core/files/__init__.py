"""Files: uploaded file objects (storage arrives with the batteries issue)."""

from framework.core.files.uploadedfile import (
    InMemoryUploadedFile,
    TemporaryUploadedFile,
    UploadedFile,
)

__all__ = ["InMemoryUploadedFile", "TemporaryUploadedFile", "UploadedFile"]
