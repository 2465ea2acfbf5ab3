"""HTTP requests, responses and their data structures."""

from framework.http.cookies import parse_cookie
from framework.http.datastructures import QueryDict
from framework.http.exceptions import BadHeaderError, Http404
from framework.http.multipart import MultiPartParserError
from framework.http.request import HttpRequest, RawPostDataException
from framework.http.response import (
    FileResponse,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseBase,
    HttpResponseForbidden,
    HttpResponseGone,
    HttpResponseNotAllowed,
    HttpResponseNotFound,
    HttpResponseNotModified,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    HttpResponseServerError,
    JsonResponse,
    StreamingHttpResponse,
)

__all__ = [
    "BadHeaderError",
    "FileResponse",
    "Http404",
    "HttpRequest",
    "HttpResponse",
    "HttpResponseBadRequest",
    "HttpResponseBase",
    "HttpResponseForbidden",
    "HttpResponseGone",
    "HttpResponseNotAllowed",
    "HttpResponseNotFound",
    "HttpResponseNotModified",
    "HttpResponsePermanentRedirect",
    "HttpResponseRedirect",
    "HttpResponseServerError",
    "JsonResponse",
    "MultiPartParserError",
    "QueryDict",
    "RawPostDataException",
    "StreamingHttpResponse",
    "parse_cookie",
]
