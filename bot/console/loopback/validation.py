"""Checking a request body before it is answered: the validator hook (the tests' OpenAPI schemas), the
loopback's own upload check, and Discord's nested 400 error format for what fails."""
from __future__ import annotations

from typing import Any

from bot.console.loopback.payloads import CALLBACK
from bot.console.loopback.records import RecordedRequest
from bot.console.loopback.routes import JSON, MULTIPART, Problem, Validator


def problems_with(req: RecordedRequest, media: str | None, validator: Validator | None) -> list[Problem]:
    """What is wrong with the body of `req` (sent as `media`): the validator's findings, if there is one, and
    for a multipart body, uploads that do not match the attachments listed."""
    assert req.template is not None, "match the route first"
    problems = [] if validator is None else validator.check(req.method, req.template, media or JSON, req.json)
    if media == MULTIPART:
        problems += check_uploads(req)
    return problems


def check_uploads(req: RecordedRequest) -> list[Problem]:
    """Discord pairs attachments[].id with a files[id] part; a mismatch loses the file."""
    parts = {f.field for f in req.files}
    body = req.json or {}
    if req.template == CALLBACK:
        body = body.get("data") or {}
    wanted = {f"files[{a['id']}]" for a in body.get("attachments") or []
              if isinstance(a, dict) and "filename" in a}
    op = f"{req.method} {req.template}"
    problems = [Problem(op, ("attachments",), f"{w} has no matching multipart part")
                for w in sorted(wanted - parts)]
    problems += [Problem(op, ("attachments",), f"multipart part {p} is not listed in attachments")
                 for p in sorted(parts - wanted)]
    return problems


def error_tree(problems: list[Problem]) -> dict[str, Any]:
    """Discord's nested 400 error format, which discord.py flattens into
    "In data.embeds.0.title: ..." lines of the HTTPException message."""
    tree: dict[str, Any] = {}
    for problem in problems:
        node = tree
        for key in problem.path:
            node = node.setdefault(str(key), {})
        node.setdefault("_errors", []).append({"code": "SPEC_VALIDATION", "message": problem.message})
    return tree
