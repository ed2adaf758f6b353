"""The loopback's REST API under /api/v10: every request is recorded, its body read, its route matched, its
token and body checked, then answered by the route's handler (api_*.py) with Discord's rate-limit headers."""
from __future__ import annotations

import json
import time
from typing import Any

from aiohttp import BodyPartReader, web

from bot.console.loopback.journal import Journal
from bot.console.loopback.payloads import API_PREFIX
from bot.console.loopback.records import RecordedRequest, UploadedFile
from bot.console.loopback.routes import JSON, MULTIPART, Handler, Validator, match_operation
from bot.console.loopback.validation import error_tree, problems_with


class RestApi:
    """`handlers` answer the served routes (routes.SERVED_OPERATIONS), by (method, spec template)."""

    def __init__(self, journal: Journal, handlers: dict[tuple[str, str], Handler], *, token: str,
                 validator: Validator | None) -> None:
        self.journal = journal
        self.handlers = handlers
        self.token = token
        self.validator = validator

    async def handle(self, request: web.Request) -> web.StreamResponse:
        path = request.path[len(API_PREFIX):]
        req = RecordedRequest(method=request.method, path=path, query=dict(request.query),
                              headers=dict(request.headers), content_type=request.content_type)
        self.journal.requests.append(req)
        try:
            status, body = await self._answer(request, req)
        except Exception as exc:  # a bug in the fake must fail the test, not hang it
            self.journal.violations.append(f"fake Discord crashed on {req.method} {req.path}: {exc!r}")
            status, body = 500, {"message": "500: Internal Server Error", "code": 0}
        req.status, req.response = status, body
        self.journal.poke()
        if status == 204 or body is None:
            return web.Response(status=204)
        # discord.py only parses JSON when content-type is exactly application/json
        # (no charset), so build the response by hand.
        return web.Response(status=status, body=json.dumps(body).encode(),
                            headers={"Content-Type": "application/json", **ratelimit_headers(req)})

    async def _answer(self, request: web.Request, req: RecordedRequest) -> tuple[int, Any]:
        media = await self._read_body(request, req)
        matched = match_operation(req.method, req.path)
        if matched is None:
            self.journal.violations.append(f"{req.method} {req.path}: route not served by the fake Discord "
                                           "(add it to SERVED_OPERATIONS and a handler)")
            return 404, {"message": "404: Not Found", "code": 0}
        op, req.params = matched
        req.template = op.template

        bot_route = not op.template.startswith(("/webhooks/", "/interactions/"))
        if bot_route and request.headers.get("Authorization") != f"Bot {self.token}":
            self.journal.violations.append(f"{req.method} {req.path}: missing or wrong bot token")
            return 401, {"message": "401: Unauthorized", "code": 0}

        problems = problems_with(req, media, self.validator)
        if problems:
            self.journal.violations.extend(f"{req.method} {req.path}: {p}" for p in problems)
            return 400, {"message": "Invalid Form Body", "code": 50035, "errors": error_tree(problems)}

        handler = self.handlers.get((req.method, op.template))
        assert handler is not None, f"no handler for {req.method} {op.template}"
        return await handler(req)

    async def _read_body(self, request: web.Request, req: RecordedRequest) -> str | None:
        """Fill req.json/req.files; return the media type the spec is checked against."""
        if request.content_type == JSON:
            req.json = json.loads(await request.text())
            return JSON
        if request.content_type == MULTIPART:
            reader = await request.multipart()
            while (part := await reader.next()) is not None:
                if not isinstance(part, BodyPartReader):    # discord.py never nests a multipart body
                    raise ValueError(f"nested multipart part in {req.method} {req.path}")
                if part.name == "payload_json":
                    req.json = json.loads(await part.text())
                else:
                    req.files.append(UploadedFile(part.name or "", part.filename,
                                                  part.headers.get("Content-Type"), bytes(await part.read())))
            return MULTIPART
        raw = await request.read()
        if raw:
            self.journal.violations.append(f"{req.method} {req.path}: unexpected body of type {request.content_type}")
        return None


def ratelimit_headers(req: RecordedRequest) -> dict[str, str]:
    """Generous, never-exhausted buckets: realistic headers without real waiting."""
    return {"X-RateLimit-Limit": "50", "X-RateLimit-Remaining": "49", "X-RateLimit-Reset-After": "1.0",
            "X-RateLimit-Reset": f"{time.time() + 1:.3f}", "X-RateLimit-Bucket": f"fake:{req.template}"}
