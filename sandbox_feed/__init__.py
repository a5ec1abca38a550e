"""The closed class feed where pupils practise posting, under teacher moderation."""
