"""adrtui: a keyboard-driven terminal browser for Architecture Decision Records."""

__version__ = "0.1.0"
