"""REST routes about the bot itself: who it is, its application, where the gateway is, and its synced slash
commands (global and per guild)."""
from __future__ import annotations

from typing import Any

from bot.console.loopback.journal import Journal
from bot.console.loopback.records import Address, RecordedRequest
from bot.console.loopback.routes import Handler
from bot.console.loopback.world import World

COMMANDS = "/applications/{application_id}/commands"
GUILD_COMMANDS = "/applications/{application_id}/guilds/{guild_id}/commands"


class ApplicationRoutes:
    def __init__(self, world: World, journal: Journal, address: Address, *, shard_count: int) -> None:
        self.world = world
        self.journal = journal
        self.address = address
        self.shard_count = shard_count

    def handlers(self) -> dict[tuple[str, str], Handler]:
        return {
            ("GET", "/users/@me"): self._get_me,
            ("GET", "/oauth2/applications/@me"): self._get_application,
            ("GET", "/gateway/bot"): self._get_gateway_bot,
            ("GET", COMMANDS): self._get_commands,
            ("PUT", COMMANDS): self._put_commands,
            ("GET", GUILD_COMMANDS): self._get_commands,
            ("PUT", GUILD_COMMANDS): self._put_commands,
        }

    async def _get_me(self, req: RecordedRequest) -> tuple[int, Any]:
        return 200, {**self.world.bot_user, "verified": True, "mfa_enabled": False, "locale": "en-GB", "email": None}

    async def _get_application(self, req: RecordedRequest) -> tuple[int, Any]:
        world = self.world
        return 200, {
            "id": str(world.app_id), "name": "Bell Lap", "icon": None, "description": "Athletics facts and results",
            "summary": "", "type": None, "bot_public": True, "bot_require_code_grant": False,
            "owner": world.owner, "team": None, "verify_key": "0" * 64, "flags": 0, "bot": world.bot_user,
            "rpc_origins": [], "redirect_uris": [], "tags": [], "interactions_endpoint_url": None,
            "role_connections_verification_url": None, "approximate_guild_count": len(world.guilds),
            "integration_types_config": {"0": {}}, "hook": True, "is_monetized": False,
            "is_verified": False, "is_discoverable": False, "storefront_available": False,
        }

    async def _get_gateway_bot(self, req: RecordedRequest) -> tuple[int, Any]:
        return 200, {"url": self.address.gateway_url, "shards": self.shard_count,
                     "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 0,
                                             "max_concurrency": 1}}

    def _check_app(self, req: RecordedRequest) -> tuple[int, Any] | None:
        if req.params["application_id"] != str(self.world.app_id):
            self.journal.violations.append(f"{req.method} {req.path}: wrong application id")
            return 404, {"message": "Unknown Application", "code": 10002}
        return None

    async def _get_commands(self, req: RecordedRequest) -> tuple[int, Any]:
        if (bad := self._check_app(req)) is not None:
            return bad
        gid = req.params.get("guild_id")
        return 200, self.world.guild_commands.get(int(gid), []) if gid else self.world.global_commands

    async def _put_commands(self, req: RecordedRequest) -> tuple[int, Any]:
        """Bulk overwrite. Like Discord, a command keeps its id while name and type match."""
        if (bad := self._check_app(req)) is not None:
            return bad
        world = self.world
        gid = req.params.get("guild_id")
        if gid is not None and int(gid) not in world.guilds:
            return 404, {"message": "Unknown Guild", "code": 10004}
        old = {(c["name"], c.get("type", 1)): c for c in
               (world.guild_commands.get(int(gid), []) if gid else world.global_commands)}
        registered = []
        for cmd in req.json or []:
            prev = old.get((cmd["name"], cmd.get("type", 1)))
            full = {
                "type": 1, "description": "", "options": [], "default_member_permissions": None, "nsfw": False,
                "contexts": None, "integration_types": [0], "name_localizations": None,
                "description_localizations": None, **cmd,
                "id": prev["id"] if prev else str(world.snowflake()), "application_id": str(world.app_id),
                "version": str(world.snowflake()),
            }
            if gid is not None:
                full["guild_id"] = gid
            registered.append(full)
        if gid is not None:
            world.guild_commands[int(gid)] = registered
        else:
            world.global_commands = registered
        return 200, registered
