"""Export: verdicts out as ClaimReview JSON-LD, CSV and a Markdown report."""
