"""Errors as JSON that says what went wrong: ``{"error": {"code": ..., "message": ...}}``.

Every error the API answers, whether raised by a route, by request validation or by Starlette (an unknown
path, a wrong method), goes through these handlers, so clients parse one shape. Codes are stable words.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from marsad.errors import InputError, MarsadError, StoreError

_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
}


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    """The body of every error response."""

    error: ErrorDetail


class ApiError(HTTPException):
    """An error a route raises on purpose, with its own code word."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(status_code=status, detail=message, headers=headers)
        self.code = code


def error_response(
    status: int, code: str, message: str, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    body = ErrorBody(error=ErrorDetail(code=code, message=message))
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the error statuses a route can answer, so clients and schema tests know them."""
    return {status: {"model": ErrorBody, "description": _CODES.get(status, "error")} for status in statuses}


def _field(location: tuple[Any, ...]) -> str:
    return ".".join(str(part) for part in location if part not in ("query", "body", "path", "header"))


def _validation_message(exc: RequestValidationError) -> str:
    problems = [
        f"{_field(tuple(e.get('loc', ()))) or 'request'}: {e.get('msg', 'invalid')}" for e in exc.errors()
    ]
    return "; ".join(problems[:5]) or "invalid request"


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    code = exc.code if isinstance(exc, ApiError) else _CODES.get(exc.status_code, "error")
    return error_response(exc.status_code, code, str(exc.detail), headers=exc.headers)


async def _invalid(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return error_response(422, "invalid_request", _validation_message(exc))


async def _marsad_error(_request: Request, exc: Exception) -> JSONResponse:
    """An input that cannot be read is the client's (422); a store that fails is the server's (503)."""
    assert isinstance(exc, MarsadError)
    status = 422 if isinstance(exc, InputError) else 503 if isinstance(exc, StoreError) else 500
    return error_response(status, exc.code, exc.message)


def install(app: FastAPI) -> None:
    """Route every error of ``app`` through the JSON handlers above."""
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(MarsadError, _marsad_error)
