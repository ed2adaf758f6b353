"""The numbered buttons on the console's screen: typing a number presses the button drawn with it."""
from __future__ import annotations


class Choices:
    """The numbered buttons currently on screen: number -> (message id, custom id, select values).

    Buttons on the bot's own channel posts (a quiz question's) are `live`: they keep their numbers while
    commands are answered in between (the answer's buttons number on after them), until newer posts with
    buttons arrive or the post's buttons are disabled (prune)."""

    def __init__(self) -> None:
        self.by_number: dict[int, tuple[int, str, list[str] | None]] = {}
        self.live: set[int] = set()

    def clear(self) -> None:
        self.by_number.clear()
        self.live.clear()

    def clear_answers(self) -> None:
        """Forget the numbers of an earlier command's answer; a live post's stay."""
        for number in set(self.by_number) - self.live:
            del self.by_number[number]

    def prune(self, enabled: set[tuple[int, str]]) -> None:
        """Forget live buttons that can no longer be pressed (`enabled`: the (message, custom id) pairs that can)."""
        for number in sorted(self.live):
            message_id, custom_id, _ = self.by_number[number]
            if (message_id, custom_id) not in enabled:
                del self.by_number[number]
                self.live.discard(number)

    def add(self, message_id: int, custom_id: str, values: list[str] | None = None, *, live: bool = False) -> int:
        number = max(self.by_number, default=0) + 1
        self.by_number[number] = (message_id, custom_id, values)
        if live:
            self.live.add(number)
        return number
