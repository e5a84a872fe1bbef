"""REST API of ECER (FastAPI): thin routers that parse a request, call a service and return JSON.

Build the app with :func:`ecer.api.app.create_app`; errors are always ``{"findings": [...]}``.
"""
