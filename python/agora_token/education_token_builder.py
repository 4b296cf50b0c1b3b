"""Drop-in for upstream ``src/education_token_builder.py`` and ``agoraiotools.education_token_builder``.

Education tokens are APaaS tokens in every upstream language; this is the same builder
under its Education name.
"""

from .AccessToken2 import *  # noqa: F401,F403  (upstream re-exports AccessToken2's names here)
from .apaas_token_builder import ApaasTokenBuilder


class EducationTokenBuilder(ApaasTokenBuilder):
    """The APaaS builder under its Education name (build_room_user_token, build_user_token, build_app_token)."""
