"""Images: decoding safely, perceptual hashing, the known-image bank and matching against it."""
