"""``FpaTokenBuilder`` under the class name; upstream's module is ``fpa_token_builder``."""

from .fpa_token_builder import FpaTokenBuilder

__all__ = ["FpaTokenBuilder"]
