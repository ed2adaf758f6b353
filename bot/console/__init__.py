"""The local console and the in-process loopback Discord it (and the tests) run the real bot on.

main.py starts it (`python -m bot console`); session.py runs the bot on the loopback (loopback/) and drives it;
prompt.py reads the typed lines, parse.py turns them into slash commands (commands.py: the synced commands as
typed), draw.py draws the bot's messages (choices.py: the numbered buttons), replies.py reads a reply off the
loopback, bot_loop.py runs the bot's event loop on its thread, terminal.py sets up output and logging.
"""
