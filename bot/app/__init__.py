"""The host: settings, the discord.py client, request -> reply, and the health check."""
