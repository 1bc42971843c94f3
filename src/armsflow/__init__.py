"""armsflow: arms-transfer intelligence from open sources."""
__version__ = "0.1.0"
