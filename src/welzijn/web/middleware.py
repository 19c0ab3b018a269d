from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404

from welzijn.core.access import AccessDenied


class AccessDeniedAsNotFound:
    """Someone else's dossier answers 404, exactly like a dossier that does not exist, so
    that its existence is not revealed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, AccessDenied | ObjectDoesNotExist):
            raise Http404("Niet gevonden.") from exception
        return None
