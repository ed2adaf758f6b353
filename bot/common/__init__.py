"""The shared vocabulary every layer speaks: marks, events, names, nations, days, the clock, plausibility."""
