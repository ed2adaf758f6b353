"""REST routes on interactions: the callback that answers one (message, "thinking…", update, autocomplete
choices), and the interaction's webhook (followups; reading, editing and deleting its messages)."""
from __future__ import annotations

from typing import Any

from bot.console.loopback.bot_messages import BotMessages
from bot.console.loopback.gateway import Gateway
from bot.console.loopback.journal import Journal
from bot.console.loopback.payloads import (
    ALLOWED_CALLBACKS,
    APPLICATION_COMMAND,
    CALLBACK,
    CB_AUTOCOMPLETE,
    CB_DEFERRED_MESSAGE,
    CB_DEFERRED_UPDATE,
    CB_MESSAGE,
    CB_UPDATE,
    FLAG_EPHEMERAL,
    FLAG_LOADING,
    FOLLOWUP,
    ORIGINAL,
    WEBHOOK_MESSAGE,
)
from bot.console.loopback.records import FakeInteraction, RecordedRequest
from bot.console.loopback.routes import Handler
from bot.console.loopback.world import World

CHAT_INPUT_COMMAND_REPLY = 20     # the message type of a slash command's response
TRUE = ("1", "true", "True")      # how a query flag (wait, with_response) is switched on



def _unknown_message() -> tuple[int, Any]:
    return 404, {"message": "Unknown Message", "code": 10008}


def _unknown_webhook() -> tuple[int, Any]:
    return 404, {"message": "Unknown Webhook", "code": 10015}


class InteractionRoutes:
    def __init__(self, world: World, journal: Journal, messages: BotMessages, gateway: Gateway) -> None:
        self.world = world
        self.journal = journal
        self.messages = messages
        self.gateway = gateway

    def handlers(self) -> dict[tuple[str, str], Handler]:
        return {
            ("POST", CALLBACK): self._callback,
            ("POST", FOLLOWUP): self._followup,
            **{(method, template): self._webhook_message for method in ("GET", "PATCH", "DELETE")
               for template in (ORIGINAL, WEBHOOK_MESSAGE)},
        }

    def _interaction_message(self, inter: FakeInteraction, req: RecordedRequest, *, flags: int) -> dict[str, Any]:
        """A message answering `inter` (its response or a followup), made from the request's body."""
        user = inter.payload.get("member", {}).get("user") or inter.payload["user"]
        metadata = {"id": str(inter.id), "type": inter.type, "user": user,
                    "authorizing_integration_owners": inter.payload["authorizing_integration_owners"]}
        if inter.message_id is not None:
            metadata["interacted_message_id"] = str(inter.message_id)
        msg_type = CHAT_INPUT_COMMAND_REPLY if inter.type == APPLICATION_COMMAND else 0
        body = (req.json or {}).get("data") or {} if req.template == CALLBACK else req.json or {}
        app_id = str(self.world.app_id)
        return self.messages.create(body, req.files, inter.channel_id, flags=flags, type=msg_type,
                                    webhook_id=app_id, application_id=app_id, interaction_metadata=metadata)

    async def _callback(self, req: RecordedRequest) -> tuple[int, Any]:
        inter = self.world.interactions.get(req.params["interaction_token"])
        if inter is None or str(inter.id) != req.params["interaction_id"]:
            self.journal.violations.append(f"callback for an unknown interaction: {req.path}")
            return 404, {"message": "Unknown interaction", "code": 10062}
        if inter.callback_type is not None:
            self.journal.violations.append(f"interaction {inter.id} acknowledged twice")
            return 400, {"message": "Interaction has already been acknowledged.", "code": 40060}
        cb = req.json["type"]
        if cb not in ALLOWED_CALLBACKS.get(inter.type, set()):
            self.journal.violations.append(f"callback type {cb} is not valid for interaction type {inter.type}")
            return 400, {"message": "Invalid interaction response type", "code": 50035}
        inter.callback_type = cb
        message = self._respond(inter, req, cb)
        if message is not None:
            inter.original_message_id = int(message["id"])
        if cb in (CB_MESSAGE, CB_DEFERRED_MESSAGE) and message is not None:
            await self.gateway.echo(message)
        if req.query.get("with_response") not in TRUE:
            return 204, None
        return 200, _callback_response(inter, cb, message)

    def _respond(self, inter: FakeInteraction, req: RecordedRequest, cb: int) -> dict[str, Any] | None:
        """What callback `cb` does to the messages: the response (a new one, "thinking…", or the clicked
        message, edited for an update); None for autocomplete choices and modals."""
        data = req.json.get("data") or {}
        if cb == CB_MESSAGE:
            return self._interaction_message(inter, req, flags=0)
        if cb == CB_DEFERRED_MESSAGE:
            return self._interaction_message(inter, req, flags=FLAG_LOADING | (data.get("flags") or 0))
        if cb in (CB_DEFERRED_UPDATE, CB_UPDATE):
            message = self.world.messages[inter.message_id]  # type: ignore[index]
            if cb == CB_UPDATE:
                self.messages.edit(message, data, req.files)
            return message
        return None

    def _webhook_interaction(self, req: RecordedRequest) -> FakeInteraction | None:
        inter = self.world.interactions.get(req.params["webhook_token"])
        if req.params["webhook_id"] != str(self.world.app_id) or inter is None:
            self.journal.violations.append(f"{req.method} {req.path}: unknown webhook")
            return None
        if inter.callback_type is None:
            self.journal.violations.append(f"{req.method} {req.path}: used before the interaction was acknowledged")
            return None
        return inter

    async def _followup(self, req: RecordedRequest) -> tuple[int, Any]:
        inter = self._webhook_interaction(req)
        if inter is None:
            return _unknown_webhook()
        original = self.world.messages.get(inter.original_message_id or 0)
        if original is not None and original["flags"] & FLAG_LOADING:
            # Discord turns the first followup after a "thinking" defer into the
            # edit of the loading message rather than a new message.
            msg = self.messages.edit(original, req.json or {}, req.files)
        else:
            msg = self._interaction_message(inter, req, flags=0)
            inter.followup_ids.append(int(msg["id"]))
            await self.gateway.echo(msg)
        return (200, msg) if req.query.get("wait") in TRUE else (204, None)

    async def _webhook_message(self, req: RecordedRequest) -> tuple[int, Any]:
        inter = self._webhook_interaction(req)
        if inter is None:
            return _unknown_webhook()
        if "message_id" in req.params:
            mid = int(req.params["message_id"])
            if mid != inter.original_message_id and mid not in inter.followup_ids:
                return _unknown_message()
        elif inter.original_message_id is None:
            return _unknown_message()
        else:
            mid = inter.original_message_id
        msg = self.world.messages.get(mid)
        if msg is None:
            return _unknown_message()
        if req.method == "GET":
            return 200, msg
        if req.method == "DELETE":
            del self.world.messages[mid]
            return 204, None
        return 200, self.messages.edit(msg, req.json or {}, req.files)


def _callback_response(inter: FakeInteraction, cb: int, message: dict[str, Any] | None) -> dict[str, Any]:
    """The body of a callback sent `?with_response=true`: the interaction and what the callback made."""
    result: dict[str, Any] = {"interaction": {
        "id": str(inter.id), "type": inter.type,
        "response_message_loading": cb == CB_DEFERRED_MESSAGE,
        "response_message_ephemeral": bool(message and message["flags"] & FLAG_EPHEMERAL)}}
    if message is not None:
        result["interaction"]["response_message_id"] = message["id"]
        result["resource"] = {"type": cb, "message": message}
    elif cb != CB_AUTOCOMPLETE:
        result["resource"] = {"type": cb}
    return result
