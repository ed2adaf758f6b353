"""`python -m bot run`, with discord.py's default gateway pointed at a loopback Discord first (what
bot.console.loopback.redirect() does in-process): with SHARD_COUNT set, discord.py connects to DEFAULT_GATEWAY instead of
asking GET /gateway/bot, so DISCORD_API_BASE alone would send the shards to Discord.

    python -m tests.scale.run_bot GATEWAY_URL [python -m bot arguments...]
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import yarl  # noqa: E402
from discord.gateway import DiscordWebSocket  # noqa: E402

from bot.__main__ import main  # noqa: E402

if __name__ == "__main__":
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(sys.argv[1])
    sys.exit(main(sys.argv[2:]))
