"""Uploads larger than a document may be are cut off while they arrive, not after the whole
body was spooled to disk (a 300 MB upload would otherwise fill the disk first)."""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload

#: Room for the other fields of the form and the multipart boundaries.
FORM_OVERHEAD = 64 * 1024


class UploadSizeLimit(FileUploadHandler):
    """First in FILE_UPLOAD_HANDLERS: stops reading when the request or a file is over the
    limit, and marks the request so that the form can say why the file is missing."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length > settings.WELZIJN_DOCUMENT_MAX_BYTES + FORM_OVERHEAD:
            self.request.upload_too_large = True
            raise StopUpload(connection_reset=True)

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > settings.WELZIJN_DOCUMENT_MAX_BYTES:
            self.request.upload_too_large = True
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size):
        return None
