"""Input adapters: bilingual CSV/XLSX templates, readers and row-level validation with bilingual findings.

Public API::

    TEMPLATES, TemplateSpec, ColumnSpec          # ecer.ingest.templates
    write_template(name, path) -> Path           # .csv (UTF-8 BOM) or .xlsx (数据 + 说明)
    read_table(source, template=None, *, filename, sheet, known_regions, max_bytes, cap) -> IngestResult
    check_file(path, template=None, known_regions=None, *, sheet) -> IngestResult
    read_upload(data, filename, template=None, *, sheet, known_regions, max_bytes=MAX_UPLOAD_BYTES)
    check_size(size, *, filename, limit=MAX_UPLOAD_BYTES) -> Finding | None
"""

from ecer.ingest.frame_writer import write_frame
from ecer.ingest.reader import MAX_UPLOAD_BYTES, IngestResult, check_file, check_size, read_table, read_upload
from ecer.ingest.template_writer import write_template
from ecer.ingest.templates import TEMPLATES, ColumnSpec, TemplateSpec

__all__ = [
    "MAX_UPLOAD_BYTES",
    "TEMPLATES",
    "ColumnSpec",
    "IngestResult",
    "TemplateSpec",
    "check_file",
    "check_size",
    "read_table",
    "read_upload",
    "write_frame",
    "write_template",
]
