"""Text analysis: decoding, normalisation, sentence and claim splitting, attribution."""
