"""Log lines as JSON, one object per line, that carry no personal data.

A log is read by more people, and kept in more places, than the records it is about. So a
line says where and what (request id, method, URL route, status, user id, exception type
and the frames it passed through), never with which data: no query strings, no form
fields, no usernames, and no exception message. Log messages are written as their
template: the arguments, where the data would be (a username in axes' "login failure by
%s"), are left out.
"""

import datetime as dt
import json
import logging
import traceback
from contextvars import ContextVar
from http import HTTPStatus
from typing import Any

from django.http import HttpRequest

#: The request being handled in this thread or task; set by `web.request_middleware.RequestId`.
current_request: ContextVar[Any] = ContextVar("current_request", default=None)


def request_fields(request) -> dict[str, Any]:
    """What a log line may say about a request: its id, method, route and user id."""
    match = getattr(request, "resolver_match", None)
    fields: dict[str, Any] = {
        "request_id": getattr(request, "request_id", None),
        "method": request.method,
        # The URL pattern ("dossiers/<int:dossier_id>/") when known, else the path (never
        # the query string).
        "route": match.route if match is not None else request.path,
    }
    try:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            fields["user_id"] = user.pk
    except Exception:  # a broken database must not break the log line about it
        pass
    return fields


class RequestContextFilter(logging.Filter):
    """Attach the current request's fields to every record while it is being handled (the
    formatter may run later, after the request has ended)."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if not isinstance(request, HttpRequest):  # runserver's records carry a socket
            request = current_request.get()
        if request is not None and not hasattr(record, "welzijn_request"):
            record.welzijn_request = request_fields(request)
        return True


def _message(record: logging.LogRecord) -> str:
    status = getattr(record, "status_code", None)
    if isinstance(status, int) and record.name.startswith("django."):
        # Django's "Internal Server Error: /the/path": the route field already says where.
        try:
            return HTTPStatus(status).phrase
        except ValueError:
            return str(status)
    return str(record.msg)


def _exception(exc_info) -> dict[str, Any]:
    kind, _value, tb = exc_info
    return {
        "type": f"{kind.__module__}.{kind.__qualname__}",
        "frames": [
            {"file": frame.filename, "line": frame.lineno, "function": frame.name}
            for frame in traceback.extract_tb(tb)
        ],
    }


class JsonLineFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": _message(record),
        }
        line.update(getattr(record, "welzijn_request", {}))
        status = getattr(record, "status_code", None)
        if isinstance(status, int):
            line["status"] = status
        if record.exc_info and record.exc_info[0] is not None:
            line["exception"] = _exception(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)
