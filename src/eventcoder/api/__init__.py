"""The HTTP API (``eventcoder serve``): a FastAPI app over a Store. Needs the ``server``
extra (``pip install 'eventcoder[server]'``: FastAPI, uvicorn, httpx).

Public interface: :func:`create_app` (the app factory) and :func:`load_tokens` (who may
write). See ``docs/api.md``.

Example::

    import uvicorn
    from eventcoder.api import create_app, load_tokens

    app = create_app("sqlite:///events.db", tokens=load_tokens(env_token="s3cret-token"))
    uvicorn.run(app, host="127.0.0.1", port=8000)
"""

from .app import create_app
from .auth import load_tokens

__all__ = ["create_app", "load_tokens"]
