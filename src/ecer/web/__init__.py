"""Dashboard assets: Jinja2 templates, JavaScript, CSS and the UI strings (``i18n/strings.json``).

No Python logic lives here: ``ecer.api.routers.pages`` renders the templates and the browser fetches all
data from the REST API. Third-party files (ECharts, the China map, Swagger UI) are copied into
``static/vendor/`` by ``scripts/build_web_assets.sh`` and never committed.
"""
