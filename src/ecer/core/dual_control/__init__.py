"""Energy dual control (能耗双控): exclusions by rule edition, intensity and total accounting, the barometer
(预警) and the assessment (考核) — the shared target machinery is in :mod:`ecer.core.targets`."""

from ecer.core.dual_control.assess import ASSESSMENT_COLUMNS, ASSESSMENT_UNITS, AssessmentInputs, assess
from ecer.core.targets.barometer import Thresholds

__all__ = ["ASSESSMENT_COLUMNS", "ASSESSMENT_UNITS", "AssessmentInputs", "Thresholds", "assess"]
