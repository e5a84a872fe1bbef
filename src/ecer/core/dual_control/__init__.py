"""Energy dual control (能耗双控): exclusions by rule edition, intensity and total accounting,
progress against targets and the early-warning barometer (晴雨表)."""

from ecer.core.dual_control.assess import ASSESSMENT_COLUMNS, AssessmentInputs, assess
from ecer.core.dual_control.barometer import Thresholds

__all__ = ["ASSESSMENT_COLUMNS", "AssessmentInputs", "Thresholds", "assess"]
