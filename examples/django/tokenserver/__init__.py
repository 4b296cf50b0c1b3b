"""A Django token server with the routes of the common token server, signing with agora-token-rs."""
