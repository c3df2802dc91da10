"""Reading articles from files: text, Markdown, JSON, JSON Lines, zip archives and folders."""
