"""Quizzes, Discord-free: engine (games and rounds), questions, answers, quotes, trivia lists, leaderboards."""
