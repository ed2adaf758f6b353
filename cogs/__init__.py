"""discord.py extensions; BellLap.setup_hook loads every module here. Cogs only translate between Discord
and the core (bot/app/respond.py, bot/lookup.py, bot/ui/): no decisions, no SQL."""
