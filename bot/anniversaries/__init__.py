"""Scheduled record-anniversary posts (issue 6), Discord-free: what to post on a day (select), the words of
the post (story), each server's settings and the admins' problem queue (config), and the one scheduler loop
with its exactly-once ledger (scheduler). The Discord cog only adapts these.
"""
