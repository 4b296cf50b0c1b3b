"""Drop-in for upstream ``src/SignalingToken.py`` and ``agoraiotools.SignalingToken``."""

from ._native import Credentials, signaling_token

__all__ = ["generateSignalingToken"]


def generateSignalingToken(account: str, appID: str, appCertificate: str, expiredTsInSeconds: int) -> str:
    """A signaling token for an account, valid until ``expiredTsInSeconds`` (an absolute Unix time)."""
    return signaling_token(Credentials(appID, appCertificate), account=account, expired_ts=expiredTsInSeconds)
