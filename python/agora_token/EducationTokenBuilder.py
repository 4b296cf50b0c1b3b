"""``EducationTokenBuilder`` under the class name; upstream's module is ``education_token_builder``."""

from .education_token_builder import EducationTokenBuilder

__all__ = ["EducationTokenBuilder"]
