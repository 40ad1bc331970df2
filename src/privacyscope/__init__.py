"""privacyscope: audit social-media data exports and websites for privacy exposure, locally."""

__version__ = "0.1.0"
